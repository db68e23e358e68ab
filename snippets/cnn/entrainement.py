# --8<-- [start:donnees]
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow
tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

# Fashion-MNIST : 28×28 niveaux de gris, 10 classes de vêtements
(x_all, y_all), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 28, 28, 1).astype("float32") / 255.0
x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255.0

# Le découpage du TP : 54 000 images d'entraînement, les 6 000 dernières pour la validation
x_train, y_train = x_all[:54_000], y_all[:54_000]
x_val, y_val = x_all[54_000:], y_all[54_000:]
print(x_train.shape, x_val.shape, x_test.shape)
#> (54000, 28, 28, 1) (6000, 28, 28, 1) (10000, 28, 28, 1)
# --8<-- [end:donnees]

# --8<-- [start:modeles]
def dense_network():
    """Le réseau dense du TP : chaque neurone voit les 784 pixels."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Flatten(),
        layers.Dense(256, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(128, activation="relu"),
        layers.Dropout(0.2),
        layers.Dense(10, activation="softmax"),
    ], name="dense")

def convolutional_network():
    """Un petit CNN : deux blocs convolution + pooling, puis une tête dense."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        layers.Conv2D(16, 3, activation="relu", name="conv1"),
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, activation="relu", name="conv2"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dropout(0.3),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ], name="cnn")

for model in (dense_network(), convolutional_network()):
    print(f"{model.name:<5} {model.count_params():>7,} paramètres")
#> dense 235,146 paramètres
#> cnn    56,714 paramètres
# --8<-- [end:modeles]

# --8<-- [start:entrainement]
epochs = 6
models, histories = {}, {}
for build in (dense_network, convolutional_network):
    keras.utils.set_random_seed(42)
    model = build()
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    start = time.perf_counter()
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=128,
                        validation_data=(x_val, y_val), verbose=0)
    elapsed = time.perf_counter() - start
    models[model.name], histories[model.name] = model, history.history
    print(f"{model.name:<5} {elapsed:.0f} s, soit {elapsed / epochs:.1f} s par époque")
#> dense ... s, soit ... s par époque
#> cnn   ... s, soit ... s par époque

print("époque   dense   cnn   (justesse de validation)")
for epoch in range(epochs):
    print(f"{epoch + 1:>6}   {histories['dense']['val_accuracy'][epoch]:.3f}   "
          f"{histories['cnn']['val_accuracy'][epoch]:.3f}")
#> époque   dense   cnn   (justesse de validation)
#>      1   0.855   0.836±0.006
#>      2   0.867   0.862±0.002
#>      3   0.871±0.002   0.869±0.004
#>      4   0.875±0.002   0.882±0.002
#>      5   0.880±0.006   0.887±0.004
#>      6   0.883±0.004   0.893±0.002
# --8<-- [end:entrainement]

# --8<-- [start:courbes]
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
epoch_numbers = range(1, epochs + 1)
for name, color in (("dense", "tab:orange"), ("cnn", "tab:blue")):
    h = histories[name]
    ax_loss.plot(epoch_numbers, h["loss"], "--", color=color, label=f"{name}, entraînement")
    ax_loss.plot(epoch_numbers, h["val_loss"], "o-", color=color, label=f"{name}, validation")
    ax_acc.plot(epoch_numbers, h["accuracy"], "--", color=color, label=f"{name}, entraînement")
    ax_acc.plot(epoch_numbers, h["val_accuracy"], "o-", color=color, label=f"{name}, validation")
ax_loss.set(xlabel="époque", ylabel="perte (entropie croisée)", title="Fonction de perte")
ax_acc.set(xlabel="époque", ylabel="justesse", title="Justesse")
for ax in (ax_loss, ax_acc):
    ax.set_xticks(list(epoch_numbers))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
fig.suptitle("Réseau dense et CNN sur Fashion-MNIST : mêmes données, mêmes époques")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Deux graphiques par époque, de 1 à {epochs}, la perte à gauche et la justesse à droite, pour le réseau "
    f"dense (orange) et le CNN (bleu), en tirets sur l'entraînement et en points sur la validation. "
    f"Justesse de validation à la dernière époque, {histories['dense']['val_accuracy'][-1]:.3f} pour le "
    f"réseau dense et {histories['cnn']['val_accuracy'][-1]:.3f} pour le CNN."
)
plt.show()
# --8<-- [end:courbes]

# --8<-- [start:evaluation]
class_names = ["T-shirt/haut", "pantalon", "pull", "robe", "manteau",
               "sandale", "chemise", "basket", "sac", "bottine"]
predictions, test_accuracy = {}, {}
for name, model in models.items():
    test_loss, test_accuracy[name] = model.evaluate(x_test, y_test, verbose=0)
    predictions[name] = model.predict(x_test, verbose=0).argmax(axis=1)
    print(f"{name:<5} jeu de test (10 000 images) : perte {test_loss:.3f}, justesse {test_accuracy[name]:.3f}")
#> dense jeu de test (10 000 images) : perte 0.344±0.004, justesse 0.877±0.002
#> cnn   jeu de test (10 000 images) : perte 0.313±0.004, justesse 0.886±0.002
print(f"écart de justesse, cnn − dense : {test_accuracy['cnn'] - test_accuracy['dense']:+.3f}")
#> écart de justesse, cnn − dense : +0.010±0.002

# Justesse par classe, côte à côte
print(f"{'classe':<13} dense   cnn")
for k, class_name in enumerate(class_names):
    mask = y_test == k
    print(f"{class_name:<13} {np.mean(predictions['dense'][mask] == k):.2f}   "
          f"{np.mean(predictions['cnn'][mask] == k):.2f}")
#> classe        dense   cnn
#> T-shirt/haut  0.82±0.02   0.89±0.02
#> pantalon      0.96±0.02   0.97
#> pull          0.76±0.08   0.85±0.02
#> robe          0.91±0.02   0.90±0.02
#> manteau       0.82±0.1   0.90±0.02
#> sandale       0.96   0.97±0.02
#> chemise       0.68±0.02   0.50±0.02
#> basket        0.97±0.02   0.95
#> sac           0.97±0.02   0.97
#> bottine       0.91±0.04   0.96
# --8<-- [end:evaluation]

# --8<-- [start:filtres]
cnn = models["cnn"]
kernels, biases = cnn.get_layer("conv1").get_weights()
print("filtres de conv1 :", kernels.shape, "(hauteur, largeur, canaux d'entrée, filtres)")
#> filtres de conv1 : (3, 3, 1, 16) (hauteur, largeur, canaux d'entrée, filtres)

fig, axes = plt.subplots(2, 8, figsize=(9, 2.6), layout="constrained")
for k, ax in enumerate(axes.flat):
    kernel = kernels[:, :, 0, k]
    limit = np.abs(kernel).max()
    ax.imshow(kernel, cmap="RdBu_r", vmin=-limit, vmax=limit)  # rouge : poids positifs, bleu : négatifs
    ax.set_title(f"filtre {k}", fontsize="small")
    ax.axis("off")
fig.suptitle("Les 16 filtres 3×3 appris par conv1 (rouge : poids positifs, bleu : négatifs)")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Seize petites grilles de 3×3 cases, les poids des {kernels.shape[-1]} filtres de la couche conv1 après "
    f"l'entraînement, en rouge les poids positifs et en bleu les négatifs, chaque grille avec sa propre "
    f"échelle. Plusieurs opposent un côté rouge à un côté bleu, comme un détecteur de contours."
)
plt.show()
# --8<-- [end:filtres]

# --8<-- [start:cartes]
# Un modèle qui renvoie les sorties intermédiaires du CNN entraîné
probe = keras.Model(inputs=cnn.inputs[0],
                    outputs=[cnn.get_layer("conv1").output, cnn.get_layer("conv2").output])
image = x_test[0]  # la première image du jeu de test
maps1, maps2 = probe(image[np.newaxis])
print(f"image : {class_names[y_test[0]]} ; conv1 : {tuple(maps1.shape)} ; conv2 : {tuple(maps2.shape)}")
#> image : bottine ; conv1 : (1, 26, 26, 16) ; conv2 : (1, 11, 11, 32)

fig, axes = plt.subplots(3, 8, figsize=(10, 4.4), layout="constrained")
axes[0, 0].imshow(image[:, :, 0], cmap="gray_r")
axes[0, 0].set_title("image", fontsize="small")
for k in range(7):
    axes[0, k + 1].imshow(maps1[0, :, :, k], cmap="viridis")
    axes[0, k + 1].set_title(f"conv1, carte {k}", fontsize="small")
for k in range(16):
    ax = axes[1 + k // 8, k % 8]
    ax.imshow(maps2[0, :, :, k], cmap="viridis")
    ax.set_title(f"conv2, carte {k}", fontsize="small")
for ax in axes.flat:
    ax.axis("off")
fig.suptitle("Cartes de caractéristiques d'une bottine : conv1 (26×26) puis conv2 (11×11, 16 cartes sur 32)")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"En haut à gauche, la {class_names[y_test[0]]}, première image du jeu de test. À sa droite, 7 des "
    f"{maps1.shape[-1]} cartes de conv1 ({maps1.shape[1]}×{maps1.shape[2]}), qui reprennent sa silhouette, "
    f"chaque filtre éclairant d'autres bords. Dessous, deux lignes de 8 cartes de conv2 "
    f"({maps2.shape[1]}×{maps2.shape[2]}), plus grossières, où ne s'allument que des morceaux de contour."
)
plt.show()
# --8<-- [end:cartes]
