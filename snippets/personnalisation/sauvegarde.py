# --8<-- [start:enregistrer]
import os
import tempfile

import keras
import numpy as np
from keras import layers
from sklearn.datasets import load_digits


@keras.saving.register_keras_serializable(package="cours")  # enregistrée sous le nom "cours>Echelle"
class Echelle(layers.Layer):
    """Multiplie chaque entrée par un facteur appris (un poids par caractéristique)."""

    def __init__(self, initial=1.0, **kwargs):
        super().__init__(**kwargs)
        self.initial = initial

    def build(self, input_shape):
        self.scale = self.add_weight(shape=(input_shape[-1],),
                                     initializer=keras.initializers.Constant(self.initial), name="scale")

    def call(self, inputs):
        return inputs * self.scale

    def get_config(self):
        return {**super().get_config(), "initial": self.initial}


digits = load_digits()
x = (digits.data / 16.0).astype("float32")
y = digits.target

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(64,)), Echelle(0.5),
                          layers.Dense(32, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x[:1400], y[:1400], epochs=5, verbose=0)

folder = tempfile.mkdtemp()
path = os.path.join(folder, "chiffres.keras")
model.save(path)  # architecture (via get_config), poids, optimiseur : un seul fichier zip
print(f"{os.path.basename(path)} : {os.path.getsize(path) / 1024:.0f} Ko")
print("nom enregistré :", keras.saving.get_registered_name(Echelle))
#> chiffres.keras : 53 Ko
#> nom enregistré : cours>Echelle
# --8<-- [end:enregistrer]

# --8<-- [start:recharger]
reloaded = keras.saving.load_model(path)
print("type de la 1re couche :", type(reloaded.layers[0]).__name__)
print("mêmes prédictions :", np.allclose(model.predict(x[1400:], verbose=0),
                                         reloaded.predict(x[1400:], verbose=0)))
print("facteurs appris (5 premiers) :", " ".join(f"{v:.3f}" for v in reloaded.layers[0].scale.numpy()[:5]))
#> type de la 1re couche : Echelle
#> mêmes prédictions : True
print("pixel 0 nul dans toutes les images :", bool((x[:, 0] == 0).all()))
#> facteurs appris (5 premiers) : 0.500 0.551 0.698 0.501 0.608
#> pixel 0 nul dans toutes les images : True
# --8<-- [end:recharger]

# --8<-- [start:oubli]
class EchelleOubliee(Echelle):  # la même couche, mais sans le décorateur
    pass


forgetful = keras.Sequential([keras.Input(shape=(64,)), EchelleOubliee(0.5), layers.Dense(10)])
path_forgotten = os.path.join(folder, "oubli.keras")
forgetful.save(path_forgotten)  # l'enregistrement, lui, réussit
try:
    keras.saving.load_model(path_forgotten)
except Exception as error:
    message = str(error)
    print(type(error).__name__)
    # Le message répète toute la configuration du modèle : on en garde la phrase utile
    print(message.split("Exception encountered: ")[1].split(" Full object config")[0])
#> TypeError
#> Could not locate class 'EchelleOubliee'. Make sure custom classes and functions are decorated with `@keras.saving.register_keras_serializable()`. If they are already decorated, make sure they are all imported so that the decorator is run before trying to load them.

# Le remède sans toucher à la classe : la donner explicitement au chargement
restored = keras.saving.load_model(path_forgotten, custom_objects={"EchelleOubliee": EchelleOubliee})
print("avec custom_objects :", type(restored.layers[0]).__name__)
#> avec custom_objects : EchelleOubliee
# --8<-- [end:oubli]
