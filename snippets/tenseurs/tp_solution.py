# --8<-- [start:lot]
import keras
import tensorflow as tf

keras.utils.set_random_seed(42)

# Exercice 1 : 10 images 28×28 en niveaux de gris, valeurs uniformes dans [0, 1)
images = tf.random.uniform((10, 28, 28), minval=0.0, maxval=1.0)
print("forme :", images.shape, "| dtype :", images.dtype.name)
print(f"min {float(tf.reduce_min(images)):.3f}  max {float(tf.reduce_max(images)):.3f}")
print(f"moyenne {float(tf.reduce_mean(images)):.3f}  écart-type {float(tf.math.reduce_std(images)):.3f}")
#> forme : (10, 28, 28) | dtype : float32
#> min 0.000  max 1.000
#> moyenne 0.501  écart-type 0.288  ±0.004
# --8<-- [end:lot]

# --8<-- [start:normalisation]
# Exercice 2 : moyenne 0 et écart-type 1 sur l'ensemble du lot
moyenne = tf.reduce_mean(images)
ecart_type = tf.math.reduce_std(images)
images_norm = (images - moyenne) / ecart_type

nouvelle_moyenne = float(tf.reduce_mean(images_norm))
nouvel_ecart_type = float(tf.math.reduce_std(images_norm))
print(f"moyenne    : {nouvelle_moyenne:.1e}  (≈ 0 : {abs(nouvelle_moyenne) < 1e-5})")
print(f"écart-type : {nouvel_ecart_type:.6f}  (≈ 1 : {abs(nouvel_ecart_type - 1) < 1e-5})")
#> moyenne    : ...  (≈ 0 : True)
#> écart-type : ...  (≈ 1 : True)
# --8<-- [end:normalisation]

# --8<-- [start:extraction]
# Exercice 3 : les 5 premières images (slicing sur l'axe 0)
premieres = images_norm[:5]
print("5 premières :", premieres.shape)
#> 5 premières : (5, 28, 28)
# --8<-- [end:extraction]

# --8<-- [start:difference]
# Exercice 4 : l'image moyenne (28, 28) est soustraite à chacune des 10 images (broadcasting)
image_moyenne = tf.reduce_mean(images_norm, axis=0)
differences = images_norm - image_moyenne
print("image moyenne :", image_moyenne.shape, "| différences :", differences.shape)

# Contrôle : en chaque pixel, les 10 différences se compensent
residu = float(tf.reduce_max(tf.abs(tf.reduce_mean(differences, axis=0))))
print("moyenne des différences ≈ 0 :", residu < 1e-5)
#> image moyenne : (28, 28) | différences : (10, 28, 28)
#> moyenne des différences ≈ 0 : True
# --8<-- [end:difference]

# --8<-- [start:reshape]
# Exercice 5 : chaque image devient un vecteur de 28 × 28 = 784 valeurs
vecteurs = tf.reshape(images_norm, (10, 784))   # ou (-1, 784)
print("aplati :", vecteurs.shape)

# Contrôle : la ligne 0 contient bien les pixels de l'image 0, ligne après ligne
identique = bool(tf.reduce_all(vecteurs[0] == tf.reshape(images_norm[0], [-1])))
print("ligne 0 = image 0 aplatie :", identique)
#> aplati : (10, 784)
#> ligne 0 = image 0 aplatie : True
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


for nom, t in [("brutes", images), ("normalisées", images_norm), ("entiers 1 à 4", tf.constant([1, 2, 3, 4]))]:
    stats = statistiques(t)
    print(f"{nom:14}", "  ".join(f"{cle} {valeur:.3f}" for cle, valeur in stats.items()))
#> brutes         min 0.000  max 1.000  moyenne 0.501  écart-type 0.288  ±0.004
#> normalisées    min -1.738  max 1.730  moyenne -0.000  écart-type 1.000  ±0.02
#> entiers 1 à 4  min 1.000  max 4.000  moyenne 2.500  écart-type 1.118
# --8<-- [end:bonus]

# --8<-- [start:par_image]
# Pour aller plus loin : une moyenne et un écart-type PAR IMAGE (axes 1 et 2)
moyennes = tf.reduce_mean(images, axis=[1, 2], keepdims=True)       # forme (10, 1, 1)
ecarts_types = tf.math.reduce_std(images, axis=[1, 2], keepdims=True)
images_norm_par_image = (images - moyennes) / ecarts_types            # broadcasting (10, 28, 28)
print("statistiques :", moyennes.shape, "->", images_norm_par_image.shape)

# Chaque image a maintenant sa propre moyenne ≈ 0 et son propre écart-type ≈ 1
par_image = tf.reduce_mean(images_norm_par_image, axis=[1, 2])
print("10 moyennes ≈ 0 :", bool(tf.reduce_all(tf.abs(par_image) < 1e-5)))
#> statistiques : (10, 1, 1) -> (10, 28, 28)
#> 10 moyennes ≈ 0 : True
# --8<-- [end:par_image]

# --8<-- [start:canal]
# Ajouter l'axe des canaux attendu par les couches de convolution
avec_canal = tf.expand_dims(images_norm, axis=-1)    # ou images_norm[..., tf.newaxis]
print(avec_canal.shape)
#> (10, 28, 28, 1)
# --8<-- [end:canal]
