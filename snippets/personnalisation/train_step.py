# --8<-- [start:classe]
import keras
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits


class ModeleSuivi(keras.Model):
    """Un modèle dont l'étape d'entraînement est écrite à la main, et qui suit la norme du gradient."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.hidden = layers.Dense(32, activation="relu")
        self.out = layers.Dense(10, activation="softmax")
        self.grad_norm = keras.metrics.Mean(name="grad_norm")  # une métrique de plus

    def call(self, inputs, training=False):
        return self.out(self.hidden(inputs))

    def train_step(self, data):
        x, y = data
        with tf.GradientTape() as tape:
            y_pred = self(x, training=True)
            loss = self.compute_loss(x=x, y=y, y_pred=y_pred)  # perte de compile() + pénalités éventuelles
        gradients = tape.gradient(loss, self.trainable_variables)
        self.optimizer.apply(gradients, self.trainable_variables)  # une étape
        # Mise à jour des métriques : la perte, celles de compile(), puis la nôtre
        for metric in self.metrics:
            if metric.name == "loss":
                metric.update_state(loss)
            elif metric.name != "grad_norm":
                metric.update_state(y, y_pred)
        self.grad_norm.update_state(tf.linalg.global_norm(gradients))
        return {metric.name: metric.result() for metric in self.metrics}
# --8<-- [end:classe]

# --8<-- [start:fit]
digits = load_digits()
x = (digits.data / 16.0).astype("float32")
y = digits.target

keras.utils.set_random_seed(42)
model = ModeleSuivi()
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x[:1400], y[:1400], epochs=4, batch_size=32, verbose=2)  # fit() marche toujours
#> Epoch 1/4
#> 44/44 - ...s - ...ms/step - accuracy: ... - grad_norm: ... - loss: ...
#> Epoch 2/4
#> 44/44 - ...s - ...ms/step - accuracy: ... - grad_norm: ... - loss: ...
#> Epoch 3/4
#> 44/44 - ...s - ...ms/step - accuracy: ... - grad_norm: ... - loss: ...
#> Epoch 4/4
#> 44/44 - ...s - ...ms/step - accuracy: ... - grad_norm: ... - loss: ...
# --8<-- [end:fit]

# --8<-- [start:historique]
print("clés de l'historique :", sorted(history.history))
for epoch in range(4):
    print(f"époque {epoch + 1} : perte {history.history['loss'][epoch]:.3f}, "
          f"norme du gradient {history.history['grad_norm'][epoch]:.3f}")
scores = model.evaluate(x[1400:], y[1400:], verbose=0, return_dict=True)  # evaluate() aussi
print(f"397 chiffres mis de côté : perte {scores['loss']:.3f}, justesse {scores['accuracy']:.3f}")
#> clés de l'historique : ['accuracy', 'grad_norm', 'loss']
#> époque 1 : perte 2.190, norme du gradient 0.764
#> époque 2 : perte 1.828, norme du gradient 0.805
#> époque 3 : perte 1.419, norme du gradient 0.856
#> époque 4 : perte 1.056, norme du gradient 0.836
#> 397 chiffres mis de côté : perte 1.007, justesse 0.798
# --8<-- [end:historique]
