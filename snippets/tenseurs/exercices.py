# --8<-- [start:ex_formes]
import numpy as np
import tensorflow as tf

t = tf.constant(np.arange(12))
print("type déduit :", t.dtype.name)        # les entiers de NumPy sont des int64

t = tf.cast(tf.reshape(t, (2, 3, 2)), tf.float32)
print("forme :", t.shape, "| type :", t.dtype.name)
# Rangées ligne après ligne : le bloc 1 commence à 6, sa ligne 0 vaut [6, 7]
print("t[1, 0, 1] =", float(t[1, 0, 1]))
#> type déduit : int64
#> forme : (2, 3, 2) | type : float32
#> t[1, 0, 1] = 7.0
# --8<-- [end:ex_formes]

# --8<-- [start:ex_centrer]
# 3 élèves (lignes), 2 épreuves (colonnes)
notes = tf.constant([[12.0, 15.0], [8.0, 11.0], [16.0, 10.0]])

# Moyenne de chaque colonne : forme (2,), alignée sur les 2 colonnes
moyennes_colonnes = tf.reduce_mean(notes, axis=0)
print("moyennes des colonnes :", moyennes_colonnes.shape)
print(notes - moyennes_colonnes)

# Moyenne de chaque ligne : sans keepdims, la forme (3,) s'aligne sur les 2 colonnes
try:
    notes - tf.reduce_mean(notes, axis=1)
except tf.errors.InvalidArgumentError as erreur:
    print(type(erreur).__name__, ":", erreur.message)

# Avec keepdims=True, la forme (3, 1) s'étend le long des colonnes
moyennes_lignes = tf.reduce_mean(notes, axis=1, keepdims=True)
print("moyennes des lignes :", moyennes_lignes.shape)
print(notes - moyennes_lignes)
#> moyennes des colonnes : (2,)
#> tf.Tensor(
#> [[ 0.  3.]
#>  [-4. -1.]
#>  [ 4. -2.]], shape=(3, 2), dtype=float32)
#> InvalidArgumentError : ...Incompatible shapes: [3,2] vs. [3]...
#> moyennes des lignes : (3, 1)
#> tf.Tensor(
#> [[-1.5  1.5]
#>  [-1.5  1.5]
#>  [ 3.  -3. ]], shape=(3, 2), dtype=float32)
# --8<-- [end:ex_centrer]

# --8<-- [start:ex_tranches]
from skimage import data

photo = tf.constant(data.astronaut())   # une vraie photo couleur, (512, 512, 3)
print("photo :", photo.shape)

# Quart supérieur gauche (256 premières lignes et colonnes), incrément 2, canal vert gardé comme axe
extrait = photo[:256:2, :256:2, 1:2]
print("extrait :", extrait.shape)

# Un incrément négatif parcourt l'axe à l'envers : l'image est retournée de haut en bas
retournee = photo[::-1]
print("1re ligne retournée = dernière ligne :", bool(tf.reduce_all(retournee[0] == photo[-1])))
#> photo : (512, 512, 3)
#> extrait : (128, 128, 1)
#> 1re ligne retournée = dernière ligne : True
# --8<-- [end:ex_tranches]
