# --8<-- [start:classe]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(42)


class MLPModel(keras.Model):
    def __init__(self, hidden_units=64, num_classes=10, **kwargs):
        super().__init__(**kwargs)
        # Les couches sont créées ici, une seule fois...
        self.dense1 = layers.Dense(hidden_units, activation="relu")
        self.dropout = layers.Dropout(0.2)
        self.dense2 = layers.Dense(hidden_units, activation="relu")
        self.output_layer = layers.Dense(num_classes, activation="softmax")

    def call(self, inputs, training=False):
        # ... et enchaînées ici, à chaque appel, avec du Python ordinaire
        x = self.dense1(inputs)
        x = self.dropout(x, training=training)  # actif seulement à l'entraînement
        x = self.dense2(x)
        x = self.dropout(x, training=training)
        return self.output_layer(x)
# --8<-- [end:classe]

# --8<-- [start:non_construit]
model = MLPModel(name="mlp_sous_classe")
print("construit :", model.built)
#> construit : False
model.summary()
#> Model: "mlp_sous_classe"
#> ...
#> ...Total params: 0 (0.00 B)
#> ...
# --8<-- [end:non_construit]

# --8<-- [start:construit]
# Un premier appel sur une entrée symbolique crée les poids
outputs = model(keras.Input(shape=(784,)))
print("construit :", model.built, "; sortie :", outputs.shape)
#> construit : True ; sortie : (None, 10)
model.summary()
#> Model: "mlp_sous_classe"
#> ...
#> ...Total params: 55,050 (215.04 KB)
#> ...
# --8<-- [end:construit]

# --8<-- [start:training]
(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
images = x_train[:4].reshape(4, 784).astype("float32") / 255.0  # 4 vraies images

first = model(images, training=False)
second = model(images, training=False)
print("training=False, deux appels identiques :", np.allclose(first, second))
#> training=False, deux appels identiques : True

first = model(images, training=True)
second = model(images, training=True)
print("training=True, deux appels identiques :", np.allclose(first, second))
#> training=True, deux appels identiques : False
# --8<-- [end:training]
