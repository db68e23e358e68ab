# --8<-- [start:formules]
import keras
import numpy as np

x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0], dtype="float32")
sigmoid = 1 / (1 + np.exp(-x))

# Chaque activation de Keras, comparée à sa formule écrite avec NumPy
formulas = {
    "relu": (keras.activations.relu, np.maximum(0, x)),
    "sigmoid": (keras.activations.sigmoid, sigmoid),
    "tanh": (keras.activations.tanh, np.tanh(x)),
    "leaky_relu": (keras.activations.leaky_relu, np.maximum(0.2 * x, x)),
    "elu": (keras.activations.elu, np.where(x > 0, x, 1.0 * (np.exp(x) - 1))),
    "swish": (keras.activations.swish, x * sigmoid),
}
print("x          ", np.array2string(x, precision=3, floatmode="fixed"))
#> x           [-2.000 -0.500  0.000  0.500  2.000]
for name, (activation, expected) in formulas.items():
    values = np.asarray(activation(x))
    print(f"{name:<11}", np.array2string(values, precision=3, floatmode="fixed"),
          "formule OK" if np.allclose(values, expected, atol=1e-6) else "ÉCART")
#> relu        [0.000 0.000 0.000 0.500 2.000] formule OK
#> sigmoid     [0.119 0.378 0.500 0.622 0.881] formule OK
#> tanh        [-0.964 -0.462  0.000  0.462  0.964] formule OK
#> leaky_relu  [-0.400 -0.100  0.000  0.500  2.000] formule OK
#> elu         [-0.865 -0.393  0.000  0.500  2.000] formule OK
#> swish       [-0.238 -0.189  0.000  0.311  1.762] formule OK
# --8<-- [end:formules]

# --8<-- [start:pentes]
import inspect

from keras import layers

print("keras.activations.leaky_relu :", inspect.signature(keras.activations.leaky_relu))
#> keras.activations.leaky_relu : (x, negative_slope=0.2)
print("layers.LeakyReLU             :", inspect.signature(layers.LeakyReLU))
#> layers.LeakyReLU             : (negative_slope=0.3, **kwargs)
print("keras.activations.elu        :", inspect.signature(keras.activations.elu))
#> keras.activations.elu        : (x, alpha=1.0)
print("swish est silu :", keras.activations.swish is keras.activations.silu)
#> swish est silu : True

import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_name = layers.LeakyReLU(alpha=0.1)  # ancien nom du paramètre
print(caught[0].message, "→ negative_slope =", old_name.negative_slope)
#> Argument `alpha` is deprecated. Use `negative_slope` instead. → negative_slope = 0.1
# --8<-- [end:pentes]

# --8<-- [start:softmax]
logits = np.array([[2.0, 1.0, 0.1, -1.0]], dtype="float32")  # un lot d'un vecteur
probabilities = np.asarray(keras.activations.softmax(logits))
print(probabilities.round(3), "somme :", probabilities.sum().round(3))
#> [[0.638 0.235 0.095 0.032]] somme : 1.0
# Ajouter la même constante à tous les logits ne change rien
shifted = np.asarray(keras.activations.softmax(logits + 100.0))
print("invariante par translation :", np.allclose(probabilities, shifted))
#> invariante par translation : True
# --8<-- [end:softmax]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

grid = np.linspace(-4, 4, 200).astype("float32")
curves = {
    "ReLU": keras.activations.relu,
    "Sigmoïde": keras.activations.sigmoid,
    "Tanh": keras.activations.tanh,
    "LeakyReLU (pente 0,2)": keras.activations.leaky_relu,
    "ELU (α = 1)": keras.activations.elu,
    "Swish": keras.activations.swish,
}
fig, axes = plt.subplots(2, 4, figsize=(13, 6))
for ax, (title, activation) in zip(axes.flat, curves.items()):
    ax.plot(grid, np.asarray(activation(grid)), color="tab:blue")
    ax.axhline(0, color="gray", lw=0.5)
    ax.axvline(0, color="gray", lw=0.5)
    ax.set_title(title)
    ax.grid(alpha=0.3)

# Softmax agit sur un vecteur entier : on montre l'entrée et la sortie
classes = ["c0", "c1", "c2", "c3"]
axes.flat[6].bar(classes, logits[0], color="tab:gray")
axes.flat[6].set_title("Softmax : entrée (logits)")
axes.flat[7].bar(classes, probabilities[0], color="tab:orange")
axes.flat[7].set_title("Softmax : sortie (somme = 1)")
axes.flat[7].set_ylim(0, 1)
fig.suptitle("Fonctions d'activation de keras.activations")
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Huit petits graphiques. Six courbes d'activation pour x de −4 à 4 (ReLU, sigmoïde, tanh, LeakyReLU, "
    "ELU, swish), puis deux diagrammes en barres, les logits de quatre classes ("
    + ", ".join(f"{v:g}" for v in logits[0]) + ") et les probabilités que softmax en tire ("
    + ", ".join(f"{p:.2f}" for p in probabilities[0]) + "), dont la somme vaut 1."
)
plt.show()
# --8<-- [end:figure]

# --8<-- [start:trois_facons]
import tensorflow as tf

inputs = np.linspace(-1, 1, 12, dtype="float32").reshape(4, 3)

by_string = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(5, activation="relu")])
by_function = keras.Sequential([keras.Input(shape=(3,)),
                                layers.Dense(5, activation=keras.activations.relu)])
by_layer = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(5),
                             layers.Activation("relu")])
by_tf = keras.Sequential([keras.Input(shape=(3,)), layers.Dense(5, activation=tf.nn.relu)])

# Mêmes poids partout, pour comparer les sorties
for other in (by_function, by_layer, by_tf):
    other.set_weights(by_string.get_weights())

reference = by_string.predict(inputs, verbose=0)
for label, model in [("fonction", by_function), ("couche Activation", by_layer),
                     ("tf.nn.relu", by_tf)]:
    print(f"chaîne = {label} :", np.allclose(reference, model.predict(inputs, verbose=0)))
#> chaîne = fonction : True
#> chaîne = couche Activation : True
#> chaîne = tf.nn.relu : True
print([type(layer).__name__ for layer in by_layer.layers])
#> ['Dense', 'Activation']
# --8<-- [end:trois_facons]
