# --8<-- [start:convolution]
import matplotlib.pyplot as plt
import numpy as np
from keras import layers
from matplotlib.patches import Rectangle

# Entrée 5×5, filtre 3×3 (que des 1 : chaque sortie est la somme de sa fenêtre), padding 1, pas 2
n, k, p, s = 5, 3, 1, 2
image = np.arange(1, n * n + 1, dtype="float32").reshape(1, n, n, 1)
n_out = (n + 2 * p - k) // s + 1
print(f"formule : ({n} + 2×{p} − {k}) // {s} + 1 = {n_out}")
#> formule : (5 + 2×1 − 3) // 2 + 1 = 3

# La vraie couche : 'same' ajoute ici un anneau de zéros, comme ZeroPadding2D(1) suivi de 'valid'
conv_same = layers.Conv2D(1, k, strides=s, padding="same", use_bias=False, kernel_initializer="ones")
conv_valid = layers.Conv2D(1, k, strides=s, padding="valid", use_bias=False, kernel_initializer="ones")
output = conv_same(image)[0, :, :, 0].numpy()
padded = layers.ZeroPadding2D(p)(image)
print("Conv2D 'same' :", conv_same(image).shape, "; avec ZeroPadding2D :", padded.shape, "->",
      conv_valid(padded).shape, "; mêmes valeurs :", np.array_equal(output, conv_valid(padded)[0, :, :, 0]))
#> Conv2D 'same' : (1, 3, 3, 1) ; avec ZeroPadding2D : (1, 7, 7, 1) -> (1, 3, 3, 1) ; mêmes valeurs : True


def draw_grid(ax, values, title, padding=0, span=None):
    """Une grille de cases numérotées, centrée dans un carré de côté span ; l'anneau de padding est grisé."""
    size = values.shape[0]
    span = span or size
    for i in range(size):
        for j in range(size):
            ring = min(i, j) < padding or max(i, j) >= size - padding
            ax.add_patch(Rectangle((j, i), 1, 1, facecolor="0.88" if ring else "white", edgecolor="0.5"))
            ax.text(j + 0.5, i + 0.5, f"{values[i, j]:g}", ha="center", va="center",
                    fontsize=12, color="0.45" if ring else "black")
    margin = (span - size) / 2
    ax.set_xlim(-margin - 0.2, size + margin + 0.2)
    ax.set_ylim(size + margin + 0.2, -margin - 0.8)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.text(size / 2, -0.2, title, ha="center", va="bottom", fontsize=12)


fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(10, 5.2), width_ratios=[1, 1], layout="constrained")
draw_grid(ax_in, padded[0, :, :, 0].numpy(), f"Entrée {n}×{n} + anneau de zéros (padding {p})", padding=p)
draw_grid(ax_out, output, f"Sortie {n_out}×{n_out}", span=n + 2 * p)
colors = ["tab:red", "tab:blue", "tab:green"]
for (row, col), color, offset in zip([(0, 0), (0, 1), (1, 2)], colors, [0.06, 0.12, 0.18]):
    top, left = row * s, col * s  # coin de la fenêtre dans l'entrée complétée
    ax_in.add_patch(Rectangle((left + offset, top + offset), k - 2 * offset, k - 2 * offset,
                              fill=False, edgecolor=color, linewidth=3))
    ax_out.add_patch(Rectangle((col + 0.06, row + 0.06), 0.88, 0.88, fill=False, edgecolor=color, linewidth=3))
ax_out.text(n_out / 2, n_out + 0.8, f"taille : ⌊({n} + 2×{p} − {k}) / {s}⌋ + 1 = {n_out}", ha="center", fontsize=12)
fig.suptitle(f"Filtre {k}×{k} (tous les poids à 1), pas {s} : la fenêtre saute de {s} cases", fontsize=13)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"À gauche, l'entrée {n + 2 * p}×{n + 2 * p}, les {n}×{n} valeurs entourées d'un anneau gris de zéros. "
    f"Trois carrés de couleur marquent trois positions de la fenêtre {k}×{k}, décalées de {s} cases. "
    f"À droite, la sortie {n_out}×{n_out}, où la case de même couleur reçoit la somme de sa fenêtre, "
    f"avec le calcul de la taille de sortie dessous."
)
plt.show()
# --8<-- [end:convolution]

# --8<-- [start:pooling]
from matplotlib.patches import FancyArrowPatch

# Max pooling 2×2, pas 2, sur une entrée 4×4 : quatre fenêtres disjointes, un maximum chacune
values = np.array([[1, 3, 2, 4],
                   [5, 6, 7, 8],
                   [9, 2, 1, 3],
                   [4, 5, 6, 7]], dtype="float32")
pooled = layers.MaxPooling2D(pool_size=2, strides=2)(values.reshape(1, 4, 4, 1))[0, :, :, 0].numpy()

fig, (ax_in, ax_out) = plt.subplots(1, 2, figsize=(9, 4.2), layout="constrained")
colors = [["tab:red", "tab:blue"], ["tab:green", "tab:orange"]]
for i in range(4):
    for j in range(4):
        color = colors[i // 2][j // 2]
        is_max = values[i, j] == pooled[i // 2, j // 2]
        ax_in.add_patch(Rectangle((j, i), 1, 1, facecolor=color, alpha=0.55 if is_max else 0.18, edgecolor="white"))
        ax_in.text(j + 0.5, i + 0.5, f"{values[i, j]:g}", ha="center", va="center",
                   fontsize=15, fontweight="bold" if is_max else "normal")
for i in range(2):
    for j in range(2):
        ax_out.add_patch(Rectangle((j + 1, i + 1), 1, 1, facecolor=colors[i][j], alpha=0.55, edgecolor="white"))
        ax_out.text(j + 1.5, i + 1.5, f"{pooled[i, j]:g}", ha="center", va="center", fontsize=15, fontweight="bold")
for ax, title in [(ax_in, "Entrée 4×4 : quatre fenêtres 2×2"), (ax_out, "Sortie 2×2 : le maximum de chaque fenêtre")]:
    ax.set_xlim(-0.1, 4.1)
    ax.set_ylim(4.1, -0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title, fontsize=12)
fig.add_artist(FancyArrowPatch((0.47, 0.5), (0.57, 0.5), transform=fig.transFigure,
                               arrowstyle="-|>", mutation_scale=25, linewidth=2, color="0.3"))
fig.suptitle("Max pooling 2×2, pas 2 (résultat de layers.MaxPooling2D)", fontsize=13)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "À gauche, une grille 4×4 de valeurs découpée en quatre fenêtres 2×2 de couleurs différentes, le maximum "
    "de chacune en gras. Une flèche mène, à droite, à la grille 2×2 des maximums, "
    + ", ".join(f"{value:g}" for value in pooled.ravel()) + " (ligne par ligne)."
)
plt.show()
# --8<-- [end:pooling]

# --8<-- [start:residuel]
import keras
from matplotlib.patches import FancyBboxPatch

# Les couches d'un bloc résiduel de base, telles qu'on les écrit avec Keras
branch = [layers.Conv2D(64, 3, padding="same", use_bias=False), layers.BatchNormalization(),
          layers.Activation("relu"),
          layers.Conv2D(64, 3, padding="same", use_bias=False), layers.BatchNormalization()]
inputs = keras.Input(shape=(14, 14, 64))
y = inputs
for layer in branch:
    y = layer(y)
outputs = layers.Activation("relu")(layers.Add()([y, inputs]))
print("F(x) :", y.shape, " x :", inputs.shape, " relu(F(x) + x) :", outputs.shape)
#> F(x) : (None, 14, 14, 64)  x : (None, 14, 14, 64)  relu(F(x) + x) : (None, 14, 14, 64)


def label(layer):
    """Le texte d'une boîte, lu dans la configuration de la couche."""
    if isinstance(layer, layers.Conv2D):
        return f"Conv2D\n{layer.kernel_size[0]}×{layer.kernel_size[1]}, {layer.filters}"
    if isinstance(layer, layers.BatchNormalization):
        return "Batch\nNorm"
    return layer.get_config()["activation"].replace("relu", "ReLU")


fig, ax = plt.subplots(figsize=(10, 3.6), layout="constrained")
boxes = ["x"] + [label(layer) for layer in branch] + ["+", "ReLU", "sortie"]
xs = np.arange(len(boxes)) * 1.4
half = {"x": 0.2, "+": 0.3, "sortie": 0.45}  # demi-largeur de chaque élément (boîtes : 0,55)
for position, text in zip(xs, boxes):
    if text == "+":
        ax.add_patch(plt.Circle((position, 0), 0.3, facecolor="gold", edgecolor="0.3"))
    elif text not in half:
        ax.add_patch(FancyBboxPatch((position - 0.5, -0.4), 1.0, 0.8, boxstyle="round,pad=0.05",
                                    facecolor="tab:blue" if text.startswith("Conv") else "lightsteelblue",
                                    edgecolor="0.3"))
    ax.text(position, 0, text, ha="center", va="center", fontsize=15 if text in ("x", "+") else 13,
            color="white" if text.startswith("Conv") else "black")
for (left, a), (right, b) in zip(zip(xs[:-1], boxes[:-1]), zip(xs[1:], boxes[1:])):
    ax.add_patch(FancyArrowPatch((left + half.get(a, 0.55), 0), (right - half.get(b, 0.55), 0),
                                 arrowstyle="-|>", mutation_scale=15, shrinkA=0, shrinkB=0))
plus = xs[boxes.index("+")]
ax.add_patch(FancyArrowPatch((xs[0], 0.25), (plus, 0.3), arrowstyle="-|>", mutation_scale=18, linewidth=2,
                             color="tab:red", shrinkA=0, shrinkB=0,
                             connectionstyle="arc,angleA=90,angleB=90,armA=60,armB=60,rad=10"))
ax.text((xs[0] + plus) / 2, 1.3, "raccourci : x tel quel (identité)", ha="center", fontsize=13, color="tab:red")
ax.annotate("", (xs[1] - 0.55, -0.65), (xs[5] + 0.55, -0.65), arrowprops=dict(arrowstyle="|-|", color="0.3"))
ax.text((xs[1] + xs[5]) / 2, -1.0, "branche principale : F(x)", ha="center", fontsize=13)
ax.set_xlim(xs[0] - 0.4, xs[-1] + 0.6)
ax.set_ylim(-1.2, 1.7)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Bloc résiduel : sortie = ReLU(F(x) + x)", fontsize=14)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Une chaîne de blocs de gauche à droite, "
    + ", ".join(text.replace("\n", " ") for text in boxes)
    + ". Une flèche rouge part de x, passe au-dessus de la branche principale F(x) et rejoint le nœud +, "
    "le raccourci qui ajoute x tel quel à F(x) avant la dernière ReLU."
)
plt.show()
# --8<-- [end:residuel]
