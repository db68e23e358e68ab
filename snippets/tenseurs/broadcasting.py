# --8<-- [start:exemples]
import tensorflow as tf

# Vecteur (3,) + scalaire () : le scalaire est répété sur les 3 cases
a = tf.constant([1, 2, 3])
b = tf.constant(10)
print(a + b)

# Matrice (2, 3) + vecteur (3,) : le vecteur est ajouté à chaque ligne
matrice = tf.constant([[1, 2, 3],
                       [4, 5, 6]])
vecteur = tf.constant([10, 20, 30])
print(matrice + vecteur)

# Ce que TensorFlow fait « virtuellement », rendu explicite par tf.broadcast_to
print(tf.broadcast_to(vecteur, [2, 3]))
#> tf.Tensor([11 12 13], shape=(3,), dtype=int32)
#> tf.Tensor(
#> [[11 22 33]
#>  [14 25 36]], shape=(2, 3), dtype=int32)
#> tf.Tensor(
#> [[10 20 30]
#>  [10 20 30]], shape=(2, 3), dtype=int32)
# --8<-- [end:exemples]

# --8<-- [start:figure]
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.patches import Rectangle


def grille(ax, valeurs, couleur, titre, virtuelles=(), erreur_colonnes=()):
    """Dessine un tableau 2D : une case par valeur, lignes virtuelles hachurées."""
    valeurs = np.atleast_2d(valeurs)
    n_lignes, n_colonnes = valeurs.shape
    for i in range(n_lignes):
        for j in range(n_colonnes):
            virtuelle = i in virtuelles
            fond = "#f4a6a6" if j in erreur_colonnes else couleur
            ax.add_patch(Rectangle((j, -i - 1), 1, 1, facecolor=fond, alpha=0.35 if virtuelle else 1.0,
                                   edgecolor="black", linestyle="--" if virtuelle else "-",
                                   hatch="//" if virtuelle else None))
            ax.text(j + 0.5, -i - 0.5, str(valeurs[i, j]), ha="center", va="center", fontsize=11,
                    color="dimgray" if virtuelle else "black")
    ax.set_xlim(-0.1, 3.1)
    ax.set_ylim(-2.1, 0.1)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(titre, fontsize=10)


m = np.array([[1, 2, 3], [4, 5, 6]])
v = np.array([10, 20, 30])
fig, axes = plt.subplots(2, 3, figsize=(9, 5.5))
fig.suptitle("Broadcasting : (2, 3) + (3,) fonctionne, (2, 3) + (2,) lève une erreur")

# Ligne du haut : la ligne (1, 3) est recopiée virtuellement en (2, 3)
grille(axes[0, 0], m, "#a6c8f4", "matrice (2, 3)")
grille(axes[0, 1], np.vstack([v, v]), "#f4d35e", "vecteur (3,) → (1, 3) → (2, 3)\nligne hachurée = copie virtuelle",
       virtuelles=(1,))
grille(axes[0, 2], m + v, "#9bd49b", "résultat (2, 3)")

# Ligne du bas : alignées à droite, les dernières dimensions valent 3 et 2
grille(axes[1, 0], m, "#a6c8f4", "matrice (2, 3)")
grille(axes[1, 1], np.array([10, 20]), "#f4d35e", "vecteur (2,) → (1, 2)\n2 ≠ 3 et aucune des deux ne vaut 1",
       erreur_colonnes=(0, 1))
axes[1, 2].axis("off")
for ligne, signe in [(0, "="), (1, "→")]:
    axes[ligne, 1].text(-0.12, 0.5, "+", transform=axes[ligne, 1].transAxes, fontsize=20, ha="center")
    axes[ligne, 2].text(-0.12, 0.5, signe, transform=axes[ligne, 2].transAxes, fontsize=20, ha="center")
axes[1, 2].text(0.5, 0.5, "InvalidArgumentError :\nIncompatible shapes\n[2,3] vs. [2]", ha="center",
                va="center", color="darkred", fontsize=11, transform=axes[1, 2].transAxes)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "En haut, la matrice (2, 3) de valeurs 1 à 6, plus le vecteur (3,) de valeurs 10, 20 et 30, recopié "
    "virtuellement sur une deuxième ligne hachurée, donne la matrice résultat, "
    + " sur la première ligne et ".join(" ".join(map(str, row)) for row in m + v)
    + " sur la deuxième. En bas, la même matrice plus un vecteur de deux valeurs, en rouge, mène à l'erreur "
    "InvalidArgumentError, les formes [2,3] et [2] étant incompatibles."
)
plt.show()
# --8<-- [end:figure]

# --8<-- [start:regles]
# tf.broadcast_static_shape applique les règles sur les formes seules
paires = [([2, 3], [3]), ([2, 3], []), ([2, 1], [3]), ([32, 28, 28, 1], [28, 1])]
for forme_a, forme_b in paires:
    forme = tf.broadcast_static_shape(tf.TensorShape(forme_a), tf.TensorShape(forme_b))
    print(f"{str(tuple(forme_a)):>16} + {str(tuple(forme_b)):<8} -> {forme}")
#>           (2, 3) + (3,)     -> (2, 3)
#>           (2, 3) + ()       -> (2, 3)
#>           (2, 1) + (3,)     -> (2, 3)
#>  (32, 28, 28, 1) + (28, 1)  -> (32, 28, 28, 1)
# --8<-- [end:regles]

# --8<-- [start:incompatible]
# (2, 3) + (2,) : les dernières dimensions valent 3 et 2, aucune ne vaut 1
try:
    matrice + tf.constant([10, 20])
except tf.errors.InvalidArgumentError as erreur:
    print(type(erreur).__name__, ":", erreur.message)

# La solution : donner au vecteur la forme (2, 1), une valeur par ligne
print(matrice + tf.constant([[10], [20]]))
#> InvalidArgumentError : ...Incompatible shapes: [2,3] vs. [2]...
#> tf.Tensor(
#> [[11 12 13]
#>  [24 25 26]], shape=(2, 3), dtype=int32)
# --8<-- [end:incompatible]
