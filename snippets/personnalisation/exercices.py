# --8<-- [start:residuelle]
import keras
import numpy as np
import tensorflow as tf  # pour l'étape d'entraînement du dernier exercice (tf.GradientTape)
from keras import layers, ops


class DenseResiduelle(layers.Layer):
    """Renvoie x + relu(x W + b) : W est carrée, pour que la somme ait la forme de x."""

    def build(self, input_shape):
        n = input_shape[-1]
        self.w = self.add_weight(shape=(n, n), initializer="glorot_uniform", name="w")
        self.b = self.add_weight(shape=(n,), initializer="zeros", name="b")

    def call(self, inputs):
        return inputs + ops.relu(inputs @ self.w + self.b)


keras.utils.set_random_seed(42)
block = DenseResiduelle()
x = keras.random.normal((4, 64))
print("sortie :", block(x).shape, "; paramètres :", block.count_params(), "=", 64 * 64 + 64)
#> sortie : (4, 64) ; paramètres : 4160 = 4160

# Avec des poids nuls, la couche est l'identité : c'est le raccourci qui passe
block.set_weights([np.zeros((64, 64)), np.zeros(64)])
print("identité avec des poids nuls :", np.allclose(block(x), x))
#> identité avec des poids nuls : True
# --8<-- [end:residuelle]

# --8<-- [start:compteur]
from sklearn.datasets import load_digits


class Compteur(layers.Layer):
    """Laisse passer ses entrées et compte les exemples vus à l'entraînement."""

    def build(self, input_shape):
        self.seen = self.add_weight(shape=(), initializer="zeros", dtype="int64",
                                    trainable=False, name="seen")

    def call(self, inputs, training=False):
        if training:
            self.seen.assign_add(ops.cast(ops.shape(inputs)[0], "int64"))
        return inputs


digits = load_digits()
x_digits = (digits.data / 16.0).astype("float32")
counter = Compteur()
model = keras.Sequential([keras.Input(shape=(64,)), counter, layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
model.fit(x_digits[:1000], digits.target[:1000], epochs=3, batch_size=64, verbose=0)
model.predict(x_digits[1000:], verbose=0)  # l'inférence ne compte pas
print("exemples vus à l'entraînement :", int(counter.seen.numpy()), "= 3 ×", 1000)
print("poids entraînables :", len(counter.trainable_weights), "; non entraînables :",
      len(counter.non_trainable_weights))
#> exemples vus à l'entraînement : 3000 = 3 × 1000
#> poids entraînables : 0 ; non entraînables : 1
# --8<-- [end:compteur]

# --8<-- [start:ecretage]
class ModeleEcrete(keras.Model):
    """train_step qui écrête la norme globale du gradient à 1 et suit sa norme avant écrêtage."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(32, activation="relu")
        self.out = layers.Dense(10, activation="softmax")
        self.raw_norm = keras.metrics.Mean(name="norme_brute")  # norme moyenne avant écrêtage

    def call(self, inputs, training=False):
        return self.out(self.hidden(inputs))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)
        gradients = tape.gradient(loss, self.trainable_variables)
        clipped, norm = tf.clip_by_global_norm(gradients, 1.0)
        self.optimizer.apply(clipped, self.trainable_variables)
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            elif metric.name != "norme_brute":
                metric.update_state(y, y_pred)
        self.raw_norm.update_state(norm)
        return {metric.name: metric.result() for metric in self.metrics}


keras.utils.set_random_seed(42)
clipped_model = ModeleEcrete()
clipped_model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy",
                      metrics=["accuracy"])
history = clipped_model.fit(x_digits[:1400], digits.target[:1400], epochs=3, batch_size=32, verbose=0)
for epoch in range(3):
    print(f"époque {epoch + 1} : norme moyenne avant écrêtage {history.history['norme_brute'][epoch]:.2f}, "
          f"justesse {history.history['accuracy'][epoch]:.3f}")
#> époque 1 : norme moyenne avant écrêtage 1.06, justesse 0.644
#> époque 2 : norme moyenne avant écrêtage 0.82, justesse 0.911
#> époque 3 : norme moyenne avant écrêtage 0.60, justesse 0.955
# --8<-- [end:ecretage]
