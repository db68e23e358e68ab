# --8<-- [start:modele]
import keras
from keras import layers

# Deux entrées de tailles différentes, chacune avec un nom
input_a = keras.Input(shape=(32,), name="input_a")
input_b = keras.Input(shape=(64,), name="input_b")

# Une branche par entrée
branch_a = layers.Dense(64, activation="relu", name="branche_a")(input_a)
branch_b = layers.Dense(64, activation="relu", name="branche_b")(input_b)

# Fusion : les deux vecteurs de 64 valeurs sont mis bout à bout
merged = layers.Concatenate(name="fusion")([branch_a, branch_b])

# Tronc commun
x = layers.Dense(128, activation="relu", name="commune")(merged)
outputs = layers.Dense(10, activation="softmax", name="sortie")(x)

model = keras.Model(inputs=[input_a, input_b], outputs=outputs, name="deux_entrees")
print("forme de la fusion :", merged.shape)
#> forme de la fusion : (None, 128)
# --8<-- [end:modele]

# --8<-- [start:summary]
model.summary()
#> Model: "deux_entrees"
#> ...
#> ...Total params: 24,074 (94.04 KB)
#> ...
# --8<-- [end:summary]

# --8<-- [start:appel]
import numpy as np

# Valeurs factices (des uns) : on vérifie seulement les formes
batch = {"input_a": np.ones((3, 32)), "input_b": np.ones((3, 64))}
probabilities = model.predict(batch, verbose=0)
print(probabilities.shape)
#> (3, 10)
print(probabilities.sum(axis=1).round(4))
#> [1. 1. 1.]
# --8<-- [end:appel]

# --8<-- [start:graphe]
import matplotlib.pyplot as plt

keras.utils.plot_model(
    model, to_file="deux_entrees.png", show_shapes=True, show_layer_names=True
)
image = plt.imread("deux_entrees.png")
fig, ax = plt.subplots(figsize=(7, 7))
ax.imshow(image)
ax.axis("off")
ax.set_title("Graphe du modèle fonctionnel à deux entrées (plot_model)")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Schéma du modèle dessiné par plot_model, de haut en bas, une boîte par couche avec son nom et ses "
    "formes d'entrée et de sortie. Deux colonnes partent des deux entrées, "
    + " et ".join(f"{tensor.name} {tuple(tensor.shape)}" for tensor in model.inputs)
    + f", se rejoignent dans la couche de fusion, puis descendent jusqu'à la sortie {tuple(model.output.shape)}."
)
plt.show()
# --8<-- [end:graphe]
