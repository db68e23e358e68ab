# --8<-- [start:ex_tenseur]
import tensorflow as tf

cube = tf.constant([[[1], [2]], [[3], [4]], [[5], [6]]])
print("forme :", cube.shape, "| rang :", cube.ndim, "| dtype :", cube.dtype.name)
#> forme : (3, 2, 1) | rang : 3 | dtype : int32
# --8<-- [end:ex_tenseur]

# --8<-- [start:ex_tracage]
@tf.function
def carre(x):
    print("  traçage pour", x)   # print Python : seulement pendant un traçage
    return x * x

for valeur in [2, 3, tf.constant(2), tf.constant(3)]:
    print(carre(valeur).numpy())
print("nombre de traçages :", carre.experimental_get_tracing_count())
#>   traçage pour 2
#> 4
#>   traçage pour 3
#> 9
#>   traçage pour Tensor("x:0", shape=(), dtype=int32)
#> 4
#> 9
#> nombre de traçages : 3
# --8<-- [end:ex_tracage]
