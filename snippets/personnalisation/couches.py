# --8<-- [start:couche]
import keras
import numpy as np
from keras import layers, ops  # ops : les opérations de Keras, les mêmes pour chaque moteur


class DenseMaison(layers.Layer):
    """Une couche dense écrite à la main : y = activation(x W + b)."""

    def __init__(self, units, activation=None, **kwargs):
        super().__init__(**kwargs)  # name, dtype, trainable… sont gérés par Layer
        self.units = units
        self.activation = keras.activations.get(activation)  # "relu" → la fonction relu

    def build(self, input_shape):
        # Appelée une seule fois, au premier appel : la taille d'entrée est enfin connue
        n_inputs = input_shape[-1]
        self.w = self.add_weight(shape=(n_inputs, self.units), initializer="glorot_uniform", name="w")
        self.b = self.add_weight(shape=(self.units,), initializer="zeros", name="b")

    def call(self, inputs):
        return self.activation(inputs @ self.w + self.b)

    def get_config(self):
        # Tout ce qu'il faut pour recréer la couche : les arguments de __init__
        config = super().get_config()
        config.update({"units": self.units,
                       "activation": keras.activations.serialize(self.activation)})
        return config
# --8<-- [end:couche]

# --8<-- [start:paresseuse]
keras.utils.set_random_seed(42)
layer = DenseMaison(3, activation="relu")
print("construite :", layer.built, "; poids :", layer.weights)
#> construite : False ; poids : []

x = ops.ones((2, 5))  # un lot de 2 exemples de 5 valeurs
y = layer(x)  # premier appel : build((2, 5)), puis call(x)
print("construite :", layer.built, "; sortie :", y.shape)
for weight in layer.weights:
    print(f"  {weight.path:<18} {tuple(weight.shape)}  entraînable : {weight.trainable}")
#> construite : True ; sortie : (2, 3)
#>   dense_maison/w     (5, 3)  entraînable : True
#>   dense_maison/b     (3,)  entraînable : True

# Le même calcul avec NumPy, à partir des poids de la couche
w, b = layer.get_weights()
print("égal au calcul NumPy :", np.allclose(y, np.maximum(x.numpy() @ w + b, 0)))
#> égal au calcul NumPy : True
# --8<-- [end:paresseuse]

# --8<-- [start:forme_figee]
import re

try:
    layer(ops.ones((2, 7)))  # 7 valeurs au lieu de 5 : w a déjà la forme (5, 3)
except Exception as error:
    # le message complet est long : on en garde la partie utile
    print(type(error).__name__, ":", re.search(r"Matrix size.*?In\[1\]: \[\S*\]", str(error)).group())
#> InvalidArgumentError : Matrix size-incompatible: In[0]: [2,7], In[1]: [5,3]
# --8<-- [end:forme_figee]

# --8<-- [start:config]
config = layer.get_config()
print(config)
#> {'name': 'dense_maison', 'trainable': True, 'dtype': {'module': 'keras', 'class_name': 'DTypePolicy', 'config': {'name': 'float32'}, 'registered_name': None}, 'units': 3, 'activation': 'relu'}
clone = DenseMaison.from_config(config)  # une couche neuve, même réglage, poids pas encore créés
print(clone.units, clone.activation.__name__, clone.built)
#> 3 relu False
# --8<-- [end:config]

# --8<-- [start:modele]
from sklearn.datasets import load_digits

digits = load_digits()
x_digits = (digits.data / 16.0).astype("float32")  # 1 797 chiffres manuscrits 8×8, valeurs dans [0, 1]
y_digits = digits.target

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(64,)),
                          DenseMaison(32, activation="relu"),
                          DenseMaison(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x_digits[:1400], y_digits[:1400], epochs=10, batch_size=32, verbose=0)
_, accuracy = model.evaluate(x_digits[1400:], y_digits[1400:], verbose=0)
print(f"{model.count_params()} paramètres ; justesse sur les 397 derniers chiffres : {accuracy:.3f}")
#> 2410 paramètres ; justesse sur les 397 derniers chiffres : 0.872
# --8<-- [end:modele]

# --8<-- [start:etat]
class MoyenneGlissante(layers.Layer):
    """Centre ses entrées avec une moyenne glissante apprise pendant l'entraînement (pas par gradient)."""

    def __init__(self, momentum=0.9, **kwargs):
        super().__init__(**kwargs)
        self.momentum = momentum

    def build(self, input_shape):
        self.mean = self.add_weight(shape=(input_shape[-1],), initializer="zeros",
                                    trainable=False, name="mean")  # un état, pas un paramètre

    def call(self, inputs, training=False):
        if training:  # à l'entraînement seulement : on met à jour l'état
            batch_mean = ops.mean(inputs, axis=0)
            self.mean.assign(self.momentum * self.mean + (1 - self.momentum) * batch_mean)
        return inputs - self.mean

    def get_config(self):
        return {**super().get_config(), "momentum": self.momentum}


centre = MoyenneGlissante()
centre(x_digits[:1])  # construit la couche
print("entraînables :", len(centre.trainable_weights), "; non entraînables :", len(centre.non_trainable_weights))
#> entraînables : 0 ; non entraînables : 1

pixel = 36  # un pixel du milieu de l'image
for start in range(0, 640, 32):  # 20 lots de 32 images, en mode entraînement
    centre(x_digits[start:start + 32], training=True)
print(f"moyenne glissante du pixel {pixel} : {float(centre.mean[pixel]):.3f}")
print(f"vraie moyenne sur ces 640 images : {x_digits[:640, pixel].mean():.3f}")
print(f"part de l'état initial (0) oubliée après 20 lots : 1 − 0.9**20 = {1 - 0.9 ** 20:.2f}")
#> moyenne glissante du pixel 36 : 0.580
#> vraie moyenne sur ces 640 images : 0.661
#> part de l'état initial (0) oubliée après 20 lots : 1 − 0.9**20 = 0.88
centre(x_digits[:32], training=False)  # en inférence, l'état ne bouge pas
print(f"après un appel d'inférence : {float(centre.mean[pixel]):.3f}")
#> après un appel d'inférence : 0.580
# --8<-- [end:etat]

# --8<-- [start:pertes]
class ActiviteL2(layers.Layer):
    """Laisse passer ses entrées, mais ajoute une pénalité sur leur taille à la fonction de perte."""

    def __init__(self, rate=1e-3, **kwargs):
        super().__init__(**kwargs)
        self.rate = rate

    def call(self, inputs):
        self.add_loss(self.rate * ops.sum(ops.square(inputs)))
        return inputs

    def get_config(self):
        return {**super().get_config(), "rate": self.rate}


keras.utils.set_random_seed(42)
regularized = keras.Sequential([
    keras.Input(shape=(64,)),
    layers.Dense(32, activation="relu", kernel_regularizer=keras.regularizers.L2(1e-3)),
    ActiviteL2(1e-3),
    layers.Dense(10, activation="softmax"),
])
regularized(x_digits[:8])  # un appel : chaque couche enregistre ses pénalités
print("pénalités enregistrées :", [round(float(loss), 4) for loss in regularized.losses])

# Les mêmes pénalités, recalculées à la main
hidden = regularized.layers[0](x_digits[:8]).numpy()  # sorties de la 1re Dense
kernel = regularized.layers[0].kernel.numpy()
print(f"activité : 1e-3 × Σ sorties² = {1e-3 * np.sum(hidden ** 2):.4f}")
print(f"poids    : 1e-3 × Σ W²       = {1e-3 * np.sum(kernel ** 2):.4f}")
#> pénalités enregistrées : [0.0313, 0.0418]
#> activité : 1e-3 × Σ sorties² = 0.0313
#> poids    : 1e-3 × Σ W²       = 0.0418
# --8<-- [end:pertes]
