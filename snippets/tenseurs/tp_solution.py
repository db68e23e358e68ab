# --8<-- [start:photo]
import tensorflow as tf
from skimage import data

# Consigne 1 : une vraie photo (une tasse de café), fournie par scikit-image sous forme de tableau NumPy
photo = tf.constant(data.coffee())
print("forme :", photo.shape, "| rang :", photo.ndim, "| dtype :", photo.dtype.name)
print("hauteur :", photo.shape[0], "| largeur :", photo.shape[1], "| canaux :", photo.shape[2])
print("min :", int(tf.reduce_min(photo)), "| max :", int(tf.reduce_max(photo)))
taille = int(tf.size(photo))
print(f"{taille} valeurs de {photo.dtype.size} octet : {taille * photo.dtype.size / 1024:.0f} Ko")
#> forme : (400, 600, 3) | rang : 3 | dtype : uint8
#> hauteur : 400 | largeur : 600 | canaux : 3
#> min : 0 | max : 255
#> 720000 valeurs de 1 octet : 703 Ko
# --8<-- [end:photo]

# --8<-- [start:conversion]
# Consigne 2 : diviser directement des uint8 par un flottant est refusé...
try:
    photo / 255.0
except TypeError as erreur:
    print("TypeError :", erreur)

# ... il faut convertir d'abord, puis diviser : des float32 entre 0 et 1
pixels = tf.cast(photo, tf.float32) / 255.0
print(pixels.dtype.name, f"de {float(tf.reduce_min(pixels)):.1f} à {float(tf.reduce_max(pixels)):.1f}")
#> TypeError : `x` and `y` must have the same dtype, got tf.uint8 != tf.float32.
#> float32 de 0.0 à 1.0
# --8<-- [end:conversion]

# --8<-- [start:normalisation]
# Une moyenne et un écart-type par canal : on réduit la hauteur et la largeur (axes 0 et 1)
moyennes = tf.reduce_mean(pixels, axis=[0, 1])
ecarts_types = tf.math.reduce_std(pixels, axis=[0, 1])
print("forme des statistiques :", moyennes.shape)
print("moyennes R, V, B     :", moyennes.numpy().round(3))
print("écarts-types R, V, B :", ecarts_types.numpy().round(3))

# (400, 600, 3) et (3,) : le broadcasting aligne les formes par la droite, donc sur les canaux
standard = (pixels - moyennes) / ecarts_types
print("forme du résultat :", standard.shape)

# Contrôle, canal par canal : en float32, les arrondis de 240 000 additions s'accumulent
nouvelles_moyennes = tf.reduce_mean(standard, axis=[0, 1])
nouveaux_ecarts = tf.math.reduce_std(standard, axis=[0, 1])
print(f"plus grand écart à 0 des moyennes : {float(tf.reduce_max(tf.abs(nouvelles_moyennes))):.0e}")
print("moyennes ≈ 0 :", bool(tf.reduce_all(tf.abs(nouvelles_moyennes) < 1e-2)))
print("écarts-types ≈ 1 :", bool(tf.reduce_all(tf.abs(nouveaux_ecarts - 1) < 1e-2)))
#> forme des statistiques : (3,)
#> moyennes R, V, B     : [0.622 0.337 0.202]
#> écarts-types R, V, B : [0.247 0.239 0.208]
#> forme du résultat : (400, 600, 3)
#> plus grand écart à 0 des moyennes : ...
#> moyennes ≈ 0 : True
#> écarts-types ≈ 1 : True
# --8<-- [end:normalisation]

# --8<-- [start:extraction]
# Consigne 3 : des tranches (début:fin, fin exclue) gardent leur axe
tasse = pixels[30:270, 130:470]     # lignes 30 à 269, colonnes 130 à 469, les 3 canaux
print("tasse :", tasse.shape)

# Un indice entier fait disparaître son axe ; une tranche de longueur 1 le garde
rouge = pixels[:, :, 0]
rouge_3d = pixels[:, :, 0:1]
print("canal rouge :", rouge.shape, "| en gardant l'axe :", rouge_3d.shape)

# Incrément 4 : une ligne sur quatre et une colonne sur quatre
reduite = pixels[::4, ::4]
print("une ligne et une colonne sur quatre :", reduite.shape)
#> tasse : (240, 340, 3)
#> canal rouge : (400, 600) | en gardant l'axe : (400, 600, 1)
#> une ligne et une colonne sur quatre : (100, 150, 3)
# --8<-- [end:extraction]

# --8<-- [start:figure_extraction]
import matplotlib.pyplot as plt

fig, axes = plt.subplots(1, 4, figsize=(13, 3.2))
morceaux = [(pixels, "photo (400, 600, 3)"), (tasse, "pixels[30:270, 130:470]"),
            (rouge, "canal rouge pixels[:, :, 0]"), (reduite, "pixels[::4, ::4]")]
for ax, (image, titre) in zip(axes, morceaux):
    ax.imshow(image.numpy(), cmap="gray", vmin=0, vmax=1)   # cmap ne sert qu'au canal seul
    ax.set_title(titre, fontsize=9)
fig.suptitle("Tranches d'une photo : région, canal et incrément")
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Quatre images tirées de la même photo, une tasse de café. La photo entière en couleur "
    f"({pixels.shape[0]}×{pixels.shape[1]} pixels), la région {tasse.shape[0]}×{tasse.shape[1]} découpée "
    f"autour de la tasse, le canal rouge seul en niveaux de gris, et la photo réduite en gardant un pixel "
    f"sur quatre dans chaque direction ({reduite.shape[0]}×{reduite.shape[1]})."
)
plt.show()
# --8<-- [end:figure_extraction]

# --8<-- [start:difference]
# Consigne 4 : un vrai lot, 100 visages de 25 × 25 pixels en niveaux de gris (valeurs entre 0 et 1).
# lfw_subset() contient 200 images : les 100 premières sont des visages, les 100 suivantes n'en sont pas.
visages = tf.constant(data.lfw_subset()[:100])
print("lot brut :", visages.shape, visages.dtype.name)
visages = tf.cast(visages, tf.float32)   # float64 de NumPy → float32

visage_moyen = tf.reduce_mean(visages, axis=0)     # l'axe 0, celui des 100 visages, disparaît
differences = visages - visage_moyen               # (100, 25, 25) - (25, 25) : broadcasting
print("visage moyen :", visage_moyen.shape, "| différences :", differences.shape)

# Contrôle : en chaque pixel, les 100 différences se compensent
residu = float(tf.reduce_max(tf.abs(tf.reduce_mean(differences, axis=0))))
print("moyenne des différences ≈ 0 :", residu < 1e-5)
#> lot brut : (100, 25, 25) float64
#> visage moyen : (25, 25) | différences : (100, 25, 25)
#> moyenne des différences ≈ 0 : True
# --8<-- [end:difference]

# --8<-- [start:figure_visages]
fig, axes = plt.subplots(1, 3, figsize=(8, 3))
axes[0].imshow(visages[0].numpy(), cmap="gray", vmin=0, vmax=1)
axes[0].set_title("visages[0]", fontsize=9)
axes[1].imshow(visage_moyen.numpy(), cmap="gray", vmin=0, vmax=1)
axes[1].set_title("visage moyen", fontsize=9)
image = axes[2].imshow(differences[0].numpy(), cmap="RdBu_r", vmin=-0.5, vmax=0.5)
axes[2].set_title("differences[0]", fontsize=9)
fig.colorbar(image, ax=axes[2], fraction=0.046)
for ax in axes:
    ax.axis("off")
fig.suptitle("Un visage, le visage moyen des 100 et leur différence")
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Trois images. Le premier des 100 visages en niveaux de gris, le visage moyen des 100, flou, et leur "
    "différence pixel par pixel, en rouge là où le visage est plus clair que la moyenne et en bleu là où il "
    "est plus sombre."
)
plt.show()
# --8<-- [end:figure_visages]

# --8<-- [start:reshape]
# Consigne 5 : chaque visage devient un vecteur de 25 × 25 = 625 valeurs
vecteurs = tf.reshape(visages, (100, 625))   # ou (-1, 625)
print("aplati :", vecteurs.shape)

# Contrôle : la ligne 0 contient bien les pixels du visage 0, ligne après ligne
identique = bool(tf.reduce_all(vecteurs[0] == tf.reshape(visages[0], [-1])))
print("ligne 0 = visage 0 aplati :", identique)
#> aplati : (100, 625)
#> ligne 0 = visage 0 aplati : True
# --8<-- [end:reshape]

# --8<-- [start:bonus]
def statistiques(tenseur):
    """Minimum, maximum, moyenne et écart-type d'un tenseur, en flottants Python."""
    tenseur = tf.cast(tenseur, tf.float32)   # sinon la moyenne d'entiers serait entière
    return {
        "min": float(tf.reduce_min(tenseur)),
        "max": float(tf.reduce_max(tenseur)),
        "moyenne": float(tf.reduce_mean(tenseur)),
        "écart-type": float(tf.math.reduce_std(tenseur)),
    }


for nom, t in [("photo (uint8)", photo), ("pixels", pixels), ("standard", standard),
               ("visages", visages), ("entiers 1 à 4", tf.constant([1, 2, 3, 4]))]:
    stats = statistiques(t)
    print(f"{nom:14}", "  ".join(f"{cle} {valeur:.3f}" for cle, valeur in stats.items()))

# Sans conversion, la moyenne des uint8 est tronquée
print("tf.reduce_mean(photo) :", tf.reduce_mean(photo).numpy())
#> photo (uint8)  min 0.000  max 255.000  moyenne 98.616  écart-type 74.081
#> pixels         min 0.000  max 1.000  moyenne 0.387  écart-type 0.291
#> standard       min -2.518  max 3.846  moyenne 0.000  écart-type 1.000
#> visages        min 0.000  max 1.000  moyenne 0.454  écart-type 0.213
#> entiers 1 à 4  min 1.000  max 4.000  moyenne 2.500  écart-type 1.118
#> tf.reduce_mean(photo) : 98
# --8<-- [end:bonus]

# --8<-- [start:par_image]
# Pour aller plus loin : une moyenne et un écart-type PAR VISAGE (axes 1 et 2)
moyennes_visages = tf.reduce_mean(visages, axis=[1, 2], keepdims=True)       # forme (100, 1, 1)
ecarts_visages = tf.math.reduce_std(visages, axis=[1, 2], keepdims=True)
visages_norm = (visages - moyennes_visages) / ecarts_visages                 # (100, 25, 25)
print("statistiques :", moyennes_visages.shape, "->", visages_norm.shape)
par_visage = tf.reduce_mean(visages_norm, axis=[1, 2])
print("100 moyennes ≈ 0 :", bool(tf.reduce_all(tf.abs(par_visage) < 1e-5)))

# Sans keepdims, la forme (100,) s'aligne sur le DERNIER axe (25) : incompatible
sans_keepdims = tf.reduce_mean(visages, axis=[1, 2])
print("sans keepdims :", sans_keepdims.shape)
try:
    visages - sans_keepdims
except tf.errors.InvalidArgumentError as erreur:
    print(type(erreur).__name__, ":", erreur.message)
#> statistiques : (100, 1, 1) -> (100, 25, 25)
#> 100 moyennes ≈ 0 : True
#> sans keepdims : (100,)
#> InvalidArgumentError : ...Incompatible shapes: [100,25,25] vs. [100]...
# --8<-- [end:par_image]

# --8<-- [start:canal]
# Ajouter l'axe des canaux attendu par les couches de convolution
avec_canal = tf.expand_dims(visages, axis=-1)    # ou visages[..., tf.newaxis]
print(avec_canal.shape)
#> (100, 25, 25, 1)
# --8<-- [end:canal]

# --8<-- [start:gris]
# Niveaux de gris : somme pondérée des 3 canaux, (400, 600, 3) * (3,) puis réduction de l'axe des canaux
poids = tf.constant([0.2989, 0.5870, 0.1140])
gris = tf.reduce_sum(pixels * poids, axis=-1)
print("gris :", gris.shape)

# La fonction de TensorFlow utilise les mêmes poids, mais garde un axe de canal de taille 1
gris_tf = tf.image.rgb_to_grayscale(pixels)
print("tf.image.rgb_to_grayscale :", gris_tf.shape)
ecart = float(tf.reduce_max(tf.abs(gris - gris_tf[:, :, 0])))
print("mêmes valeurs à 1e-6 près :", ecart < 1e-6)
#> gris : (400, 600)
#> tf.image.rgb_to_grayscale : (400, 600, 1)
#> mêmes valeurs à 1e-6 près : True
# --8<-- [end:gris]
