# --8<-- [start:lstm]
import matplotlib.pyplot as plt
from matplotlib.patches import Circle, FancyBboxPatch


def arrow(ax, points, color="black"):
    """Une ligne brisée qui passe par points, avec une flèche au bout."""
    for (x0, y0), (x1, y1) in zip(points[:-2], points[1:-1]):
        ax.plot([x0, x1], [y0, y1], color=color, lw=1.5)
    ax.annotate("", xy=points[-1], xytext=points[-2],
                arrowprops=dict(arrowstyle="-|>", color=color, lw=1.5, shrinkA=0, shrinkB=11))


def gate(ax, x, y, label, color):
    """Une couche apprise (poids + activation) : un rectangle coloré."""
    ax.add_patch(FancyBboxPatch((x - 0.4, y - 0.25), 0.8, 0.5, boxstyle="round,pad=0.05",
                                facecolor=color, edgecolor="black"))
    ax.text(x, y, label, ha="center", va="center", fontsize=12)


def operation(ax, x, y, symbol, radius=0.22):
    """Une opération terme à terme, sans poids : un rond blanc."""
    ax.add_patch(Circle((x, y), radius, facecolor="white", edgecolor="black", zorder=3))
    ax.text(x, y, symbol, ha="center", va="center", fontsize=12, zorder=4)


fig, ax = plt.subplots(figsize=(9, 4.8))
ax.add_patch(FancyBboxPatch((0.9, -0.3), 7.3, 4.1, boxstyle="round,pad=0.1", facecolor="#f4f4f4",
                            edgecolor="gray"))
# État de cellule c : la ligne du haut, qui ne traverse que × et +
arrow(ax, [(0, 3.3), (2, 3.3)], "tab:red")
operation(ax, 2, 3.3, "×")
arrow(ax, [(2, 3.3), (4.5, 3.3)], "tab:red")
operation(ax, 4.5, 3.3, "+")
arrow(ax, [(4.5, 3.3), (9.2, 3.3)], "tab:red")
# Entrées : h_{t-1} et x_t, concaténés, alimentent les quatre couches
ax.plot([0, 6.0], [0.3, 0.3], color="black", lw=1.5)
ax.plot([1.4, 1.4], [-0.6, 0.3], color="black", lw=1.5)  # x_t rejoint h_{t-1}
ax.plot(1.4, 0.3, "o", color="black", ms=4)
for x, label, color in ((2, "σ", "#ffd8a8"), (3.5, "σ", "#b2f2bb"), (4.5, "tanh", "#a5d8ff"),
                        (6, "σ", "#eebefa")):
    arrow(ax, [(x, 0.3), (x, 1.05)])
    gate(ax, x, 1.3, label, color)
arrow(ax, [(2, 1.55), (2, 3.3)])                      # f_t -> × sur c
operation(ax, 4, 2.3, "×")                            # i_t × c̃_t
arrow(ax, [(3.5, 1.55), (3.5, 2.3), (4, 2.3)])
arrow(ax, [(4.5, 1.55), (4.5, 2.3), (4, 2.3)])
arrow(ax, [(4, 2.3), (4.5, 3.3)])
operation(ax, 7, 2.3, "tanh", radius=0.33)                         # h_t = o_t × tanh(c_t)
arrow(ax, [(7, 3.3), (7, 2.3)], "tab:red")
operation(ax, 7, 1.3, "×")
arrow(ax, [(7, 2.3), (7, 1.3)])
arrow(ax, [(6.45, 1.3), (7, 1.3)])
arrow(ax, [(7, 1.3), (7.8, 1.3), (7.8, 0.3), (9.2, 0.3)])
arrow(ax, [(7.8, 1.3), (7.8, 4.3)])
# Légendes
for x, y, text in ((0, 3.5, "$c_{t-1}$"), (8.9, 3.5, "$c_t$"), (0, 0.5, "$h_{t-1}$"), (8.9, 0.5, "$h_t$"),
                   (1.55, -0.7, "$x_t$"), (8, 4.2, "$h_t$ (sortie)"), (2.1, 2.4, "$f_t$"), (3.1, 1.9, "$i_t$"),
                   (4.6, 1.9, r"$\tilde c_t$"), (6.1, 1.9, "$o_t$")):
    ax.text(x, y, text, fontsize=12)
for x, text in ((2, "oubli"), (3.5, "entrée"), (4.5, "candidat"), (6, "sortie")):
    ax.text(x + 0.07, 0.5, text, ha="left", fontsize=8, color="dimgray")  # à côté de la flèche, pas dessus
ax.set(xlim=(-0.2, 9.6), ylim=(-0.9, 4.5), aspect="equal")
ax.axis("off")
ax.set_title("Une cellule LSTM : trois portes σ, un candidat tanh, l'état de cellule c en rouge")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Schéma d'une cellule LSTM. En haut, une ligne rouge porte l'état de cellule de c(t−1) à c(t) en ne "
    "traversant qu'une multiplication et une addition. En bas, h(t−1) et x(t), réunis, alimentent quatre "
    "couches, de gauche à droite la porte d'oubli σ, la porte d'entrée σ, le candidat tanh et la porte de "
    "sortie σ. La porte d'oubli multiplie l'ancien état, la porte d'entrée multiplie le candidat avant "
    "l'addition, et la porte de sortie multiplie tanh(c(t)) pour donner h(t), qui sort à droite et vers le haut."
)
plt.show()
# --8<-- [end:lstm]

# --8<-- [start:gru]
fig, ax = plt.subplots(figsize=(9, 4.8))
ax.add_patch(FancyBboxPatch((0.6, -0.85), 7.2, 4.65, boxstyle="round,pad=0.1", facecolor="#f4f4f4",
                            edgecolor="gray"))
# L'état caché h, seul état du GRU : la ligne du haut
arrow(ax, [(-0.2, 3.3), (3.5, 3.3)], "tab:red")
operation(ax, 3.5, 3.3, "×")
arrow(ax, [(3.5, 3.3), (6.5, 3.3)], "tab:red")
operation(ax, 6.5, 3.3, "+")
arrow(ax, [(6.5, 3.3), (9.2, 3.3)], "tab:red")
ax.plot([1.0, 1.0, 5.3], [3.3, -0.1, -0.1], color="tab:red", lw=1.5)  # h_{t-1} descend
ax.plot([1.0, 3.5], [0.35, 0.35], color="black", lw=1.5)  # h_{t-1} et x_t réunis : l'entrée des deux portes
ax.plot([1.6, 1.6], [-1.1, -0.2], color="black", lw=1.5)  # x_t monte et croise la ligne rouge sans s'y joindre
ax.plot([1.6, 1.6], [0.0, 0.35], color="black", lw=1.5)
for x, y in ((1.0, 0.35), (1.6, 0.35), (1.6, -0.6)):
    ax.plot(x, y, "o", color="black", ms=4)
for x, label, color in ((2.2, "σ", "#ffd8a8"), (3.5, "σ", "#b2f2bb")):
    arrow(ax, [(x, 0.35), (x, 1.05)])
    gate(ax, x, 1.3, label, color)
arrow(ax, [(3.5, 1.55), (3.5, 3.3)])                  # z_t × h_{t-1}
operation(ax, 4.5, 2.3, "1−z", radius=0.33)
arrow(ax, [(3.5, 2.3), (4.5, 2.3)])
operation(ax, 6.5, 2.3, "×")
arrow(ax, [(4.83, 2.3), (6.5, 2.3)])
# Le candidat (reset_after=True) : tanh(W x_t + r_t ⊙ (U h_{t-1}) + b) ; r_t ne touche que la part de h_{t-1}
arrow(ax, [(5.3, -0.1), (5.3, 0.45)], "tab:red")
gate(ax, 5.3, 0.7, "U", "white")
arrow(ax, [(5.3, 0.95), (5.3, 1.3)])
operation(ax, 5.3, 1.3, "×")
arrow(ax, [(2.2, 1.55), (2.2, 1.9), (5.3, 1.9), (5.3, 1.3)])
arrow(ax, [(1.6, -0.6), (7.3, -0.6), (7.3, 1.3), (6.9, 1.3)])  # x_t entre aussi dans le candidat
arrow(ax, [(5.52, 1.3), (6.1, 1.3)])
gate(ax, 6.5, 1.3, "tanh", "#a5d8ff")
arrow(ax, [(6.5, 1.55), (6.5, 2.3)])
arrow(ax, [(6.5, 2.3), (6.5, 3.3)])
arrow(ax, [(7.8, 3.3), (7.8, 4.3)])
for x, y, text in ((-0.2, 3.5, "$h_{t-1}$"), (8.9, 3.5, "$h_t$"), (1.7, -1.2, "$x_t$"), (8, 4.2, "$h_t$ (sortie)"),
                   (1.75, 1.62, "$r_t$"), (3.6, 2.5, "$z_t$"), (6.6, 1.75, r"$\tilde h_t$")):
    ax.text(x, y, text, fontsize=12)
for x, y, text in ((2.28, 0.55, "remise\nà zéro"), (3.58, 0.55, "mise\nà jour")):
    ax.text(x, y, text, ha="left", fontsize=8, color="dimgray")
ax.text(6.5, 0.8, "candidat", ha="center", fontsize=8, color="dimgray")
ax.set(xlim=(-0.4, 9.6), ylim=(-1.4, 4.5), aspect="equal")
ax.axis("off")
ax.set_title("Une cellule GRU (convention de Keras) : deux portes σ, un candidat tanh, un seul état h")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Schéma d'une cellule GRU. En haut, une ligne rouge porte l'état caché de h(t−1) à h(t), son seul état. "
    "En bas, h(t−1) et x(t) alimentent deux portes σ, la porte de remise à zéro r(t) et la porte de mise à "
    "jour z(t). r(t) multiplie U h(t−1), la seule part venue de l'état précédent, avant le candidat tanh, "
    "qui reçoit aussi x(t) directement. z(t) multiplie "
    "l'ancien état, 1 − z(t) multiplie le candidat, et leur somme donne h(t), qui sort à droite et vers le haut."
)
plt.show()
# --8<-- [end:gru]
