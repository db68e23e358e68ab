# --8<-- [start:graphe]
import matplotlib.pyplot as plt
import tensorflow as tf

# Un exemple (x, y) et un modèle à deux paramètres : L = (w·x + b − y)²
x = tf.constant(2.0)
y = tf.constant(3.0)
w = tf.Variable(0.5)
b = tf.Variable(1.0)

with tf.GradientTape(persistent=True) as tape:
    tape.watch([x, y])  # constantes suivies pour obtenir aussi ∂L/∂x et ∂L/∂y
    u = w * x           # nœud « × »
    y_hat = u + b       # nœud « + » : la prédiction
    e = y_hat - y       # nœud « − » : l'erreur
    L = e**2            # nœud « ² » : la perte

nodes = {"w": w, "x": x, "b": b, "y": y, "u": u, "ŷ": y_hat, "e": e}
grads = dict(zip(nodes, tape.gradient(L, list(nodes.values()))))
del tape
print("nœud  valeur  ∂L/∂nœud")
for name, value in nodes.items():
    print(f"{name:<4} {float(value):6.1f} {float(grads[name]):9.1f}")
print(f"L    {float(L):6.1f}       1.0")
# Règle de dérivation en chaîne, le long du chemin L ← e ← ŷ ← u ← w
chain = (2 * e) * 1.0 * 1.0 * x  # ∂L/∂e · ∂e/∂ŷ · ∂ŷ/∂u · ∂u/∂w
print(f"produit des dérivées locales : {float(chain):.1f}")
#> nœud  valeur  ∂L/∂nœud
#> w       0.5      -4.0
#> x       2.0      -1.0
#> b       1.0      -2.0
#> y       3.0       2.0
#> u       1.0      -2.0
#> ŷ       2.0      -2.0
#> e      -1.0      -2.0
#> L       1.0       1.0
#> produit des dérivées locales : -4.0

# Le graphe : position de chaque nœud, puis les arêtes (entrée → opération)
pos = {"w": (0, 2), "x": (0, 0.6), "×": (2, 1.3), "b": (2, -0.3), "+": (4, 0.6),
       "y": (4, -1.0), "−": (6, 0), "²": (8, 0), "L": (10, 0)}
edges = [("w", "×", "x"), ("x", "×", "w"), ("×", "+", "1"), ("b", "+", "1"),
         ("+", "−", "1"), ("y", "−", "−1"), ("−", "²", "2e"), ("²", "L", "")]
value_of = {"×": ("u", u), "+": ("ŷ", y_hat), "−": ("e", e), "²": ("L", L)}

fig, ax = plt.subplots(figsize=(10, 4))
for start, end, local in edges:
    (x0, y0), (x1, y1) = pos[start], pos[end]
    ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                arrowprops=dict(arrowstyle="->", color="gray", lw=1.5, shrinkA=22, shrinkB=22))
    if local:  # dérivée locale de l'opération d'arrivée par rapport à cette entrée
        ax.text((x0 + x1) / 2, (y0 + y1) / 2 + 0.18, local, color="tab:green",
                ha="center", fontsize=10, style="italic")
for name, (px, py) in pos.items():
    is_op = name in value_of
    ax.text(px, py, name, ha="center", va="center", fontsize=15,
            bbox=dict(boxstyle="circle" if is_op else "round", fc="#fde9c9" if is_op else "#dbe9f6"))
    label, tensor = value_of.get(name, (name, nodes.get(name, L)))
    if name == "L":
        continue
    ax.text(px, py - 0.42, f"{label} = {float(tensor):g}", ha="center", fontsize=10)
    ax.text(px, py - 0.68, f"∂L/∂{label} = {float(grads.get(label, 1.0)):g}",
            ha="center", fontsize=10, color="tab:red")
ax.set_xlim(-0.7, 10.7)
ax.set_ylim(-1.8, 2.5)
ax.axis("off")
ax.set_title("Graphe de calcul de L = (w·x + b − y)² : valeurs (noir), dérivées locales (vert), "
             "gradients remontés (rouge)", fontsize=11)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Graphe de calcul de gauche à droite. w et x entrent dans un nœud ×, qui donne u, puis u et b dans un "
    "nœud +, qui donne ŷ, dont on soustrait y pour obtenir e, élevé au carré pour donner L. Sur chaque "
    "flèche, la dérivée locale en vert. Sous chaque nœud, sa valeur et le gradient de L par rapport à lui, "
    + ", ".join(f"{name} = {float(value):g} (gradient {float(grads[name]):g})" for name, value in nodes.items())
    + "."
)
plt.show()
# --8<-- [end:graphe]

# --8<-- [start:paysage]
import numpy as np


def loss_fn(w):
    return (w - 2.0) ** 2  # perte à un seul paramètre, minimale en w = 2


def descent(learning_rate, w0=-1.0, steps=8):
    """Descente de gradient sur loss_fn ; renvoie les positions successives de w."""
    w = tf.Variable(w0)
    path = [w0]
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = loss_fn(w)
        w.assign_sub(learning_rate * tape.gradient(loss, w))
        path.append(float(w.numpy()))
    return np.array(path)


cases = [(0.05, "trop petit"), (0.3, "bien choisi"), (1.05, "trop grand")]
for lr, verdict in cases:
    path = descent(lr)
    print(f"taux {lr:<4} ({verdict:<11}) : w = {path[-1]:7.3f} après {len(path) - 1} étapes, "
          f"perte {loss_fn(path[-1]):.3f}")
#> taux 0.05 (trop petit ) : w =   0.709 après 8 étapes, perte 1.668
#> taux 0.3  (bien choisi) : w =   1.998 après 8 étapes, perte 0.000
#> taux 1.05 (trop grand ) : w =  -4.431 après 8 étapes, perte 41.355

grid = np.linspace(-5.5, 9.5, 300)
fig, axes = plt.subplots(1, 3, figsize=(13, 4), sharey=True)
for ax, (lr, verdict) in zip(axes, cases):
    path = descent(lr)
    ax.plot(grid, loss_fn(grid), color="gray")
    ax.plot(path, loss_fn(path), "o", color="tab:red", ms=5)
    for w_from, w_to in zip(path[:-1], path[1:]):
        ax.annotate("", xy=(w_to, loss_fn(w_to)), xytext=(w_from, loss_fn(w_from)),
                    arrowprops=dict(arrowstyle="->", color="tab:red", lw=1))
    ax.set_title(f"taux {lr} : {verdict}")
    ax.set_xlabel("w")
    ax.set_ylim(-2, 60)
axes[0].set_ylabel("perte L(w) = (w − 2)²")
fig.suptitle("Huit étapes de descente de gradient depuis w = −1, selon le taux d'apprentissage")
plt.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Trois graphiques de la parabole L(w) = (w − 2)², minimale en w = 2, avec les huit pas de la descente "
    "depuis w = −1 en flèches rouges. Avec un taux trop petit, w avance à petits pas sans atteindre le "
    "minimum. Avec un taux bien choisi, il l'atteint. Avec un taux trop grand, il saute d'un côté à "
    "l'autre en s'éloignant. "
    + ", ".join(f"w finit à {descent(lr)[-1]:.2f} avec le taux {lr}" for lr, _ in cases) + "."
)
plt.show()
# --8<-- [end:paysage]
