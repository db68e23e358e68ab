# --8<-- [start:chemins]
import matplotlib.pyplot as plt
from matplotlib.patches import FancyBboxPatch


def box(ax, x, y, text, color, width=2.5):
    ax.add_patch(FancyBboxPatch((x - width / 2, y - 0.5), width, 1.0, boxstyle="round,pad=0.06",
                                facecolor=color, edgecolor="black"))
    ax.text(x, y, text, ha="center", va="center", fontsize=10)


def link(ax, start, end, label=""):
    ax.annotate("", xy=end, xytext=start, arrowprops=dict(arrowstyle="-|>", lw=1.4, shrinkA=2, shrinkB=2))
    if label:
        ax.text((start[0] + end[0]) / 2, (start[1] + end[1]) / 2 + 0.12, label, ha="center", va="bottom",
                fontsize=9, family="monospace")


# Un modèle, un export, trois cibles : les étapes de ce chapitre et des deux suivants
targets = [  # (cible, usage, outil qui y mène depuis le SavedModel)
    ("TF Serving", "un serveur (REST, gRPC)", "qui le charge tel quel"),
    ("LiteRT, fichier .tflite", "un téléphone, un microcontrôleur", "par TFLiteConverter"),
    ("TensorFlow.js, model.json + poids", "un navigateur", "par tensorflowjs_converter"),
]
colors = ["#b2f2bb", "#ffd8a8", "#eebefa"]
fig, ax = plt.subplots(figsize=(11, 3.8), layout="constrained")
box(ax, 1.3, 1.5, "modèle Keras\n(fichier .keras)", "#a5d8ff")
box(ax, 5.6, 1.5, "SavedModel\n(dossier vetements/1)", "#ffec99")
link(ax, (2.6, 1.5), (4.3, 1.5), "model.export")
for (target, use, tool), color, y in zip(targets, colors, (2.9, 1.5, 0.1)):
    box(ax, 10.1, y, f"{target}\npour {use}\n{tool}", color, width=3.4)
    link(ax, (6.9, 1.5), (8.35, y))
ax.set(xlim=(-0.1, 11.9), ylim=(-0.5, 3.5))
ax.axis("off")
ax.set_title("Du modèle entraîné aux trois déploiements de ce cours", fontsize=12)
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Schéma de gauche à droite. Le modèle Keras (fichier .keras) devient, par model.export, un SavedModel "
    "(dossier vetements/1), d'où partent trois flèches. "
    + ". ".join(f"Vers {target}, pour {use}, {tool}" for target, use, tool in targets) + "."
)
plt.show()
# --8<-- [end:chemins]
