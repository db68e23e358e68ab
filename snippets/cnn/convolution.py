# --8<-- [start:filtre_image]
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from skimage import data

# Une vraie photo en niveaux de gris (le « caméraman » de scikit-image), ramenée dans [0, 1]
image = data.camera().astype("float32") / 255.0
print(image.shape, image.dtype)
#> (512, 512) float32

# Un filtre 3×3 de contours verticaux : une colonne de −1 à gauche, une de +1 à droite
vertical_filter = np.array([[-1, 0, 1],
                            [-1, 0, 1],
                            [-1, 0, 1]], dtype="float32")

# tf.nn.conv2d attend une entrée (lot, hauteur, largeur, canaux)
# et un filtre (hauteur, largeur, canaux d'entrée, canaux de sortie)
x = image[np.newaxis, :, :, np.newaxis]
kernel = vertical_filter[:, :, np.newaxis, np.newaxis]
feature_map = tf.nn.conv2d(x, kernel, strides=1, padding="VALID")
print(x.shape, "->", feature_map.shape)
#> (1, 512, 512, 1) -> (1, 510, 510, 1)

# Un pixel de sortie = somme des produits terme à terme sur une fenêtre 3×3
# (ici un bord vertical net : clair à gauche, sombre à droite)
window = image[227:230, 303:306]
print(window.round(2))
print(f"à la main : {np.sum(window * vertical_filter):.4f}")
print(f"conv2d    : {feature_map[0, 227, 303, 0].numpy():.4f}")
#> [[0.89 0.51 0.07]
#>  [0.91 0.33 0.06]
#>  [0.92 0.41 0.06]]
#> à la main : -2.5255
#> conv2d    : -2.5255
# --8<-- [end:filtre_image]

# --8<-- [start:figure]
# Le même filtre tourné d'un quart de tour détecte les contours horizontaux
horizontal_map = tf.nn.conv2d(x, np.transpose(kernel, (1, 0, 2, 3)), strides=1, padding="VALID")

fig, axes = plt.subplots(1, 3, figsize=(12, 4.4), layout="constrained")
axes[0].imshow(image, cmap="gray")
axes[0].set_title("Entrée : photo 512×512")
for ax, fmap, title in [(axes[1], feature_map, "Sortie : filtre vertical"),
                        (axes[2], horizontal_map, "Sortie : filtre transposé")]:
    shown = ax.imshow(fmap[0, :, :, 0], cmap="RdBu_r", vmin=-1, vmax=1)
    ax.set_title(title)
for ax in axes:
    ax.axis("off")
fig.colorbar(shown, ax=axes[1:], shrink=0.8, label="réponse du filtre")
fig.suptitle("Convolution d'une vraie photo par un filtre de contours 3×3")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Trois images côte à côte. À gauche, la photo d'entrée, un caméraman en niveaux de gris "
    f"({image.shape[0]}×{image.shape[1]} pixels). Au milieu, la sortie du filtre de contours, rouge ou bleue "
    f"là où la luminosité change de gauche à droite (le bord vertical du trépied, la silhouette), blanche "
    f"sur les zones unies. À droite, la sortie du filtre transposé, où ressortent les contours horizontaux."
)
plt.show()
# --8<-- [end:figure]

# --8<-- [start:couche_conv2d]
from keras import layers

# Une couche Conv2D à un seul filtre, dont on impose les poids : même calcul que tf.nn.conv2d
conv = layers.Conv2D(filters=1, kernel_size=3, padding="valid", use_bias=False)
conv.build(x.shape)
conv.set_weights([kernel])
layer_output = conv(x)
print(layer_output.shape, np.allclose(layer_output, feature_map, atol=1e-5))
#> (1, 510, 510, 1) True
# --8<-- [end:couche_conv2d]

# --8<-- [start:couche_typique]
# Une couche typique (32 filtres 3×3, pas 1, 'same'), appliquée à 8 images 28×28 en niveaux de gris
conv = layers.Conv2D(filters=32, kernel_size=(3, 3), strides=(1, 1),
                     padding="same", activation="relu")
batch = np.zeros((8, 28, 28, 1), dtype="float32")
print("sortie :", conv(batch).shape)
print("filtres :", conv.kernel.shape, " biais :", conv.bias.shape)
print("paramètres :", conv.count_params(), "=", 3 * 3 * 1 * 32, "+", 32)
#> sortie : (8, 28, 28, 32)
#> filtres : (3, 3, 1, 32)  biais : (32,)
#> paramètres : 320 = 288 + 32

# Poids partagés : une couche Dense produisant autant de valeurs (28×28×32) depuis 28×28 pixels
dense_params = (28 * 28) * (28 * 28 * 32) + 28 * 28 * 32
print(f"Dense équivalente : {dense_params:,} paramètres")
#> Dense équivalente : 19,694,080 paramètres
# --8<-- [end:couche_typique]

# --8<-- [start:formes]
import math


def output_size(n, k, s, padding):
    """Taille de sortie d'une convolution sur un côté de n pixels."""
    if padding == "valid":
        return (n - k) // s + 1
    return math.ceil(n / s)  # 'same' : Keras complète juste ce qu'il faut


images = np.zeros((1, 28, 28, 1), dtype="float32")
print("filtre pas  padding  forme réelle       formule  accord")
for k, s, padding in [(3, 1, "valid"), (3, 1, "same"), (5, 1, "valid"), (5, 1, "same"),
                      (3, 2, "valid"), (3, 2, "same"), (5, 2, "valid"), (3, 3, "valid")]:
    shape = layers.Conv2D(16, k, strides=s, padding=padding)(images).shape
    n_out = output_size(28, k, s, padding)
    print(f"{k}×{k}    {s}    {padding:<7}  {str(shape):<17}  {n_out:>2}×{n_out:<2}    {shape[1] == n_out}")
#> filtre pas  padding  forme réelle       formule  accord
#> 3×3    1    valid    (1, 26, 26, 16)    26×26    True
#> 3×3    1    same     (1, 28, 28, 16)    28×28    True
#> 5×5    1    valid    (1, 24, 24, 16)    24×24    True
#> 5×5    1    same     (1, 28, 28, 16)    28×28    True
#> 3×3    2    valid    (1, 13, 13, 16)    13×13    True
#> 3×3    2    same     (1, 14, 14, 16)    14×14    True
#> 5×5    2    valid    (1, 12, 12, 16)    12×12    True
#> 3×3    3    valid    (1, 9, 9, 16)       9×9     True
# --8<-- [end:formes]
