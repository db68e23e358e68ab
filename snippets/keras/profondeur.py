# --8<-- [start:normes]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
x_batch = (digits.data[:256] / 16.0).astype("float32")  # un vrai lot : 256 chiffres 8 × 8 mis à plat
y_batch = digits.target[:256]


def deep_model(activation, depth=10):
    """depth couches Dense(32) cachées, toutes avec la même activation, puis une sortie softmax."""
    keras.utils.set_random_seed(42)  # mêmes poids de départ pour chaque activation
    model = keras.Sequential([keras.Input(shape=(64,))])
    for _ in range(depth):
        model.add(layers.Dense(32, activation=activation))
    model.add(layers.Dense(10, activation="softmax"))
    return model


def gradient_norms(model):
    """Norme du gradient de la perte par rapport à la matrice de poids de chaque couche cachée."""
    with tf.GradientTape() as tape:
        loss = keras.losses.sparse_categorical_crossentropy(y_batch, model(x_batch))
        loss = tf.reduce_mean(loss)
    kernels = [layer.kernel for layer in model.layers[:-1]]
    return np.array([float(tf.norm(g)) for g in tape.gradient(loss, kernels)])


norms = {name: gradient_norms(deep_model(name)) for name in ["sigmoid", "relu"]}
print("couche      " + "".join(f"{i:>9d}" for i in range(1, 11)))
for name, values in norms.items():
    print(f"{name:<12}" + "".join(f"{v:9.1e}" for v in values))
for name, values in norms.items():
    ratio = values[0] / values[-1]
    print(f"{name:<7} : couche 1 / couche 10 = {ratio:.2g}, "
          f"soit un facteur {ratio ** (1 / 9):.2f} par couche traversée")
#> couche              1        2        3        4        5        6        7        8        9       10
#> sigmoid       5.6e-07  1.7e-06  7.7e-06  4.2e-05  1.9e-04  8.1e-04  2.9e-03  1.2e-02  5.6e-02  2.5e-01
#> relu          2.2e-02  2.1e-02  2.7e-02  2.2e-02  1.7e-02  1.1e-02  9.9e-03  1.2e-02  1.2e-02  1.1e-02
#> sigmoid : couche 1 / couche 10 = 2.2e-06, soit un facteur 0.24 par couche traversée
#> relu    : couche 1 / couche 10 = 2, soit un facteur 1.08 par couche traversée
# --8<-- [end:normes]

# --8<-- [start:figure]
fig, ax = plt.subplots(figsize=(8, 4))
for name, values in norms.items():
    ax.semilogy(range(1, len(values) + 1), values, "o-", label=name)
ax.set_xlabel("Couche cachée (1 = la plus proche de l'entrée)")
ax.set_ylabel("Norme du gradient (échelle log)")
ax.set_xticks(range(1, 11))
ax.set_title("Gradient reçu par chaque couche d'une pile de 10 Dense, au départ de l'entraînement")
ax.legend()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Norme du gradient reçu par chacune des 10 couches cachées, en échelle logarithmique, une courbe par "
    "activation. "
    + ". ".join(f"Avec {name}, {values[0]:.1e} à la couche 1 et {values[-1]:.1e} à la couche 10"
                for name, values in norms.items()) + "."
)
plt.show()
# --8<-- [end:figure]
