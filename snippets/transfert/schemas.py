# --8<-- [start:geler]
import keras
import matplotlib.pyplot as plt
from keras import layers
from matplotlib.patches import FancyBboxPatch


def small_network():
    """Trois étages convolutifs (la base) et une tête, assez pour montrer qui apprend quoi."""
    base = keras.Sequential([keras.Input(shape=(28, 28, 1)),
                             layers.Conv2D(16, 3, activation="relu", name="etage_1"),
                             layers.Conv2D(32, 3, activation="relu", name="etage_2"),
                             layers.Conv2D(64, 3, activation="relu", name="etage_3")], name="base")
    head = keras.Sequential([layers.GlobalAveragePooling2D(), layers.Dense(10, activation="softmax")],
                            name="tete")
    return base, head


# Les trois régimes, réglés comme au fil du chapitre ; le schéma lit `trainable` sur les vraies couches
regimes = {}
for name in ("depuis zéro", "extraction", "fine-tuning"):
    base, head = small_network()
    if name == "extraction":
        base.trainable = False
    elif name == "fine-tuning":
        base.trainable = True
        for layer in base.layers[:-1]:  # seul le dernier étage est dégelé
            layer.trainable = False
    regimes[name] = [(layer.name, layer.trainable and base.trainable) for layer in base.layers] + [
        ("tête", head.trainable)]
for name, states in regimes.items():
    print(f"{name:<12}", " ".join(f"{layer}={'oui' if trained else 'non'}" for layer, trained in states))
#> depuis zéro  etage_1=oui etage_2=oui etage_3=oui tête=oui
#> extraction   etage_1=non etage_2=non etage_3=non tête=oui
#> fine-tuning  etage_1=non etage_2=non etage_3=oui tête=oui

def label(layer):
    return "tête" if layer == "tête" else layer.replace("etage_", "étage ")


def state(layer, trained):
    return ("entraîné" if trained else "gelé") + ("e" if layer == "tête" else "")


fig, axes = plt.subplots(1, 3, figsize=(10, 4.2), layout="constrained")
for ax, (name, states) in zip(axes, regimes.items()):
    for k, (layer, trained) in enumerate(states):
        y = k * 1.1
        color = "#ffc078" if trained else "#a5d8ff"
        ax.add_patch(FancyBboxPatch((0.15, y), 0.7, 0.8, boxstyle="round,pad=0.04", facecolor=color,
                                    edgecolor="black", hatch=None if trained else "//"))
        ax.text(0.5, y + 0.4, f"{label(layer)}\n{state(layer, trained)}", ha="center", va="center", fontsize=10,
                bbox=dict(facecolor=color, edgecolor="none", pad=1))  # le texte reste lisible sur les hachures
    ax.annotate("", xy=(0.5, -0.05), xytext=(0.5, -0.55), arrowprops=dict(arrowstyle="-|>"))
    ax.text(0.5, -0.65, "image", ha="center", va="top", fontsize=10)
    ax.set(xlim=(0, 1), ylim=(-1.1, len(states) * 1.1))
    ax.axis("off")
    ax.set_title(name, fontsize=12)
fig.suptitle("Qui apprend quoi : orange, entraîné ; bleu hachuré, gelé (lu sur les couches Keras)")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Trois piles de blocs côte à côte, de bas en haut trois étages de convolution puis la tête, chaque bloc "
    "orange s'il est entraîné, bleu hachuré s'il est gelé. "
    + ". ".join(f"{name.capitalize()}, "
                + ", ".join(f"{label(layer)} {state(layer, trained)}" for layer, trained in states)
                for name, states in regimes.items()) + "."
)
plt.show()
# --8<-- [end:geler]
