# --8<-- [start:deroule]
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers
from matplotlib.patches import FancyBboxPatch

# Les formes dessinées sont celles que rendent de vraies couches
steps, features, units = 4, 2, 3
x = np.zeros((1, steps, features), dtype="float32")
last_only = tuple(layers.SimpleRNN(units)(x).shape)
every_step = tuple(layers.SimpleRNN(units, return_sequences=True)(x).shape)
print("entrée", x.shape, "; par défaut :", last_only, "; return_sequences=True :", every_step)
#> entrée (1, 4, 2) ; par défaut : (1, 3) ; return_sequences=True : (1, 4, 3)

fig, axes = plt.subplots(1, 2, figsize=(11, 3.6), layout="constrained")
cases = [(f"par défaut : sortie {last_only}", [steps]),
         (f"return_sequences=True : sortie {every_step}", range(1, steps + 1))]
for ax, (title, returned) in zip(axes, cases):
    for t in range(1, steps + 1):
        ax.add_patch(FancyBboxPatch((t - 0.3, -0.25), 0.6, 0.5, boxstyle="round,pad=0.05",
                                    facecolor="#a5d8ff", edgecolor="black"))
        ax.text(t, 0, "RNN", ha="center", va="center", fontsize=10)
        ax.annotate("", xy=(t, -0.32), xytext=(t, -0.85), arrowprops=dict(arrowstyle="-|>"))
        ax.text(t, -0.95, f"$x_{t}$", ha="center", va="top", fontsize=13)
        # l'état passe à l'instant suivant (flèche rouge), avec les mêmes poids
        start = (0.25, 0) if t == 1 else (t - 0.65, 0)
        ax.annotate("", xy=(t - 0.37, 0), xytext=start, arrowprops=dict(arrowstyle="-|>", color="tab:red"))
        kept = t in returned
        ax.annotate("", xy=(t, 0.85), xytext=(t, 0.32),
                    arrowprops=dict(arrowstyle="-|>", color="black" if kept else "0.8"))
        ax.text(t, 0.95, f"$h_{t}$", ha="center", va="bottom", fontsize=13, color="black" if kept else "0.75")
    ax.text(0.2, 0.12, "$h_0 = 0$", ha="left", va="bottom", fontsize=11, color="tab:red")
    ax.set_title(title, fontsize=11)
    ax.set(xlim=(0.1, steps + 0.5), ylim=(-1.5, 1.5))
    ax.axis("off")
fig.suptitle(f"SimpleRNN({units}) déroulée sur {steps} instants : la même cellule, les mêmes poids à chaque instant")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Deux schémas d'une couche récurrente déroulée sur {steps} instants, une case RNN par instant, reliées "
    f"de gauche à droite par l'état (flèches rouges, en partant de h0 = 0), chaque case recevant x1 à "
    f"x{steps} par le bas. À gauche, par défaut, seul le dernier état h{steps} sort, forme {last_only}. "
    f"À droite, avec return_sequences=True, les {steps} états h1 à h{steps} sortent, forme {every_step}."
)
plt.show()
# --8<-- [end:deroule]

# --8<-- [start:fenetre]
from matplotlib.patches import Rectangle

series = np.arange(10, dtype="float32")  # une série de 10 valeurs : 0, 1, …, 9
length = 4  # chaque entrée : 4 valeurs consécutives ; sa cible : la valeur qui suit
dataset = keras.utils.timeseries_dataset_from_array(series[:-1], series[length:], sequence_length=length,
                                                    batch_size=len(series))
inputs, targets = (t.numpy() for t in next(iter(dataset)))
print("entrées", inputs.shape, "; cibles", targets.shape)
for row, target in zip(inputs[:3], targets):
    print(row, "->", target)
#> entrées (6, 4) ; cibles (6,)
#> [0. 1. 2. 3.] -> 4.0
#> [1. 2. 3. 4.] -> 5.0
#> [2. 3. 4. 5.] -> 6.0

fig, ax = plt.subplots(figsize=(9, 3.6), layout="constrained")
for k, (row, target) in enumerate(zip(inputs, targets)):
    y = -k
    for i, value in enumerate(series):
        in_window, is_target = value in row, value == target
        color = "#a5d8ff" if in_window else "#ffc078" if is_target else "white"
        ax.add_patch(Rectangle((i, y), 1, 0.8, facecolor=color, edgecolor="0.6"))
        ax.text(i + 0.5, y + 0.4, f"{value:g}", ha="center", va="center", fontsize=10,
                color="black" if in_window or is_target else "0.7")
    ax.text(-0.3, y + 0.4, f"exemple {k + 1}", ha="right", va="center", fontsize=10)
ax.set(xlim=(-2.2, len(series) + 0.2), ylim=(-len(inputs) + 0.6, 1.6))
ax.text(len(series) / 2, 1.1, f"bleu : l'entrée ({length} valeurs) ; orange : la cible", ha="center", fontsize=11)
ax.axis("off")
ax.set_title(f"{len(series)} valeurs, des fenêtres de {length} : {len(inputs)} exemples", fontsize=12)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"La série 0 à {len(series) - 1} recopiée sur {len(inputs)} lignes, une par exemple. Sur chaque ligne, "
    f"{length} cases consécutives en bleu forment l'entrée et la case suivante, en orange, la cible, la "
    f"fenêtre glissant d'une case d'une ligne à la suivante, de la première ({inputs[0][0]:g} à "
    f"{inputs[0][-1]:g}, cible {targets[0]:g}) à la dernière ({inputs[-1][0]:g} à {inputs[-1][-1]:g}, "
    f"cible {targets[-1]:g})."
)
plt.show()
# --8<-- [end:fenetre]
