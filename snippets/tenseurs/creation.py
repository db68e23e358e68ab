# --8<-- [start:scalaire]
import tensorflow as tf

# Rang 0 : un scalaire, forme vide
scalaire = tf.constant(42)
print(scalaire)
print("forme :", scalaire.shape, "| rang :", scalaire.ndim)
#> tf.Tensor(42, shape=(), dtype=int32)
#> forme : () | rang : 0
# --8<-- [end:scalaire]

# --8<-- [start:vecteur_matrice]
# Rang 1 : un vecteur de 5 éléments
vecteur = tf.constant([1, 2, 3, 4, 5])
print("vecteur :", vecteur.shape, "| rang :", vecteur.ndim)

# Rang 2 : une matrice de 3 lignes et 2 colonnes
matrice = tf.constant([[1, 2],
                       [3, 4],
                       [5, 6]])
print("matrice :", matrice.shape, "| rang :", matrice.ndim)
#> vecteur : (5,) | rang : 1
#> matrice : (3, 2) | rang : 2
# --8<-- [end:vecteur_matrice]

# --8<-- [start:image]
# Rang 3 : une image RGB de 2×2 pixels → (hauteur, largeur, canaux)
image = tf.constant([[[255, 0, 0], [0, 255, 0]],
                     [[0, 0, 255], [255, 255, 0]]], dtype=tf.uint8)
print("image :", image.shape, image.dtype.name)
print("pixel en haut à droite :", image[0, 1].numpy())
#> image : (2, 2, 3) uint8
#> pixel en haut à droite : [  0 255   0]
# --8<-- [end:image]

# --8<-- [start:lot]
import keras
import numpy as np

keras.utils.set_random_seed(42)

# Rang 4 : un lot (batch) de 32 images 224×224 RGB → (lot, hauteur, largeur, canaux)
lot_numpy = np.random.rand(32, 224, 224, 3)
lot = tf.constant(lot_numpy)
print("lot :", lot.shape, lot.dtype.name)
print(f"mémoire : {lot_numpy.nbytes / 1e6:.1f} Mo")
#> lot : (32, 224, 224, 3) float64
#> mémoire : 38.5 Mo
# --8<-- [end:lot]

# --8<-- [start:float32]
# NumPy travaille en float64 par défaut ; Keras travaille en float32
print("type flottant de Keras :", keras.config.floatx())

lot32 = tf.constant(lot_numpy, dtype=tf.float32)   # ou tf.cast(lot, tf.float32)
print("lot32 :", lot32.shape, lot32.dtype.name)
print(f"mémoire : {lot32.numpy().nbytes / 1e6:.1f} Mo")

# Mélanger float64 et float32 dans une opération est refusé
try:
    lot + tf.ones((32, 224, 224, 3))   # tf.ones crée du float32
except tf.errors.InvalidArgumentError as erreur:
    print(type(erreur).__name__, ":", erreur.message)
#> type flottant de Keras : float32
#> lot32 : (32, 224, 224, 3) float32
#> mémoire : 19.3 Mo
#> InvalidArgumentError : cannot compute AddV2 as input #1(zero-based) was expected to be a double tensor but is a float tensor [Op:AddV2] name:
# --8<-- [end:float32]
