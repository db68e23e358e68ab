import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

keras.utils.set_random_seed(42)

# Une couche Dense de 3 neurones sur des exemples de 4 valeurs : W est 4 × 3, b a 3 valeurs
dense = layers.Dense(3, activation="relu")
x = np.array([[1.0, 0.5, -1.0, 2.0]], dtype="float32")  # un lot d'un exemple
y = dense(x)  # le premier appel crée les poids
W, b = dense.kernel.numpy(), dense.bias.numpy()
print("W :", W.shape, " b :", b.shape, " paramètres :", dense.count_params())
for i in range(4):
    print(f"W[{i}, :] =", " ".join(f"{w:+.2f}" for w in W[i]))
print("b       =", " ".join(f"{v:+.2f}" for v in b))
# Chaque neurone j calcule relu(Σ_i x_i W_ij + b_j)
by_hand = np.maximum(0, x @ W + b)
print("sortie de la couche :", " ".join(f"{v:.3f}" for v in np.asarray(y)[0]),
      " calcul à la main :", " ".join(f"{v:.3f}" for v in by_hand[0]))
#> W : (4, 3)  b : (3,)  paramètres : 15
#> W[0, :] = +0.66 +0.30 -0.26
#> W[1, :] = +0.83 -0.78 +0.28
#> W[2, :] = +0.87 -0.61 +0.04
#> W[3, :] = +0.24 -0.77 -0.10
#> b       = +0.00 +0.00 +0.00
#> sortie de la couche : 0.693 0.000 0.000  calcul à la main : 0.693 0.000 0.000

fig, ax = plt.subplots(figsize=(9, 5))
inputs = [(0, 3 - 1.3 * i) for i in range(4)]
neurons = [(4, 2.5 - 1.5 * j) for j in range(3)]
scale = np.abs(W).max()
for i, (xi, yi) in enumerate(inputs):
    for j, (xj, yj) in enumerate(neurons):
        color = "tab:blue" if W[i, j] > 0 else "tab:red"
        ax.plot([xi, xj], [yi, yj], color=color, lw=0.5 + 4 * abs(W[i, j]) / scale, alpha=0.7, zorder=1)
        t = 0.2 + 0.12 * j  # étiquette près de l'entrée, décalée par neurone : les traits y divergent
        ax.text(xi + t * (xj - xi), yi + t * (yj - yi), f"{W[i, j]:.2f}", fontsize=8, color=color,
                ha="center", va="center", bbox=dict(fc="white", ec="none", pad=0.5), zorder=2)
for i, (xi, yi) in enumerate(inputs):
    ax.add_patch(plt.Circle((xi, yi), 0.32, fc="#dbe9f6", ec="black", zorder=3))
    ax.text(xi, yi, f"$x_{i + 1}$", ha="center", va="center", fontsize=12, zorder=4)
    ax.text(xi - 0.5, yi, f"{x[0, i]:g}", ha="right", va="center", fontsize=10)
for j, (xj, yj) in enumerate(neurons):
    ax.add_patch(plt.Circle((xj, yj), 0.42, fc="#fde9c9", ec="black", zorder=3))
    ax.text(xj, yj, "Σ, relu", ha="center", va="center", fontsize=9, zorder=4)
    ax.text(xj + 0.55, yj + 0.15, f"$b_{j + 1}$ = {b[j]:g}", fontsize=10, va="center")
    ax.text(xj + 0.55, yj - 0.2, f"$y_{j + 1}$ = {float(y[0, j]):.3f}", fontsize=10, va="center")
ax.set_xlim(-1.2, 5.8)
ax.set_ylim(-1.4, 3.5)
ax.set_aspect("equal")
ax.axis("off")
ax.set_title("Couche Dense(3) sur 4 entrées : un trait par poids W[i, j] (bleu > 0, rouge < 0), "
             "un biais par neurone", fontsize=10)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Schéma d'une couche Dense de 3 neurones sur 4 entrées. À gauche, les entrées "
    + ", ".join(f"x{i + 1} = {x[0, i]:g}" for i in range(4))
    + ". À droite, les 3 neurones, chacun relié aux 4 entrées par un trait bleu si le poids est positif, rouge "
    "s'il est négatif, d'autant plus épais que le poids est grand, avec sa valeur écrite près de l'entrée. "
    + ". ".join(f"Neurone {j + 1}, biais {b[j]:g}, sortie {float(y[0, j]):.3f}" for j in range(3)) + "."
)
plt.show()
