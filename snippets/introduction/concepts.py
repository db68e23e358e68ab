# --8<-- [start:tenseur]
import tensorflow as tf

# Un tenseur : des valeurs, une forme (shape) et un type de données (dtype)
t = tf.constant([[1.0, 2.0, 3.0],
                 [4.0, 5.0, 6.0]])
print(t)
print("forme :", t.shape, "| rang :", t.ndim, "| dtype :", t.dtype.name)
#> tf.Tensor(
#> [[1. 2. 3.]
#>  [4. 5. 6.]], shape=(2, 3), dtype=float32)
#> forme : (2, 3) | rang : 2 | dtype : float32
# --8<-- [end:tenseur]

# --8<-- [start:eager]
# Exécution immédiate : chaque ligne calcule, on peut afficher et utiliser Python
somme = tf.reduce_sum(t)
print(somme)
if somme > 20:
    print("somme supérieure à 20 :", float(somme))
#> tf.Tensor(21.0, shape=(), dtype=float32)
#> somme supérieure à 20 : 21.0
# --8<-- [end:eager]

# --8<-- [start:graphe]
@tf.function
def affine(x):
    # Ce print Python ne s'exécute que pendant le traçage du graphe
    print("  traçage pour une entrée", x.shape, x.dtype.name)
    return 3.0 * x + 1.0

print(affine(tf.constant([1.0, 2.0])))        # 1er appel : traçage puis exécution
print(affine(tf.constant([3.0, 4.0])))        # même forme : le graphe est réutilisé
print(affine(tf.constant([1.0, 2.0, 3.0])))   # nouvelle forme : nouveau traçage
print("nombre de traçages :", affine.experimental_get_tracing_count())
#>   traçage pour une entrée (2,) float32
#> tf.Tensor([4. 7.], shape=(2,), dtype=float32)
#> tf.Tensor([10. 13.], shape=(2,), dtype=float32)
#>   traçage pour une entrée (3,) float32
#> tf.Tensor([ 4.  7. 10.], shape=(3,), dtype=float32)
#> nombre de traçages : 2
# --8<-- [end:graphe]

# --8<-- [start:operations]
# Le graphe obtenu pour des vecteurs de longueur quelconque (None)
graphe = affine.get_concrete_function(tf.TensorSpec([None], tf.float32)).graph
print([op.type for op in graphe.get_operations()])
#>   traçage pour une entrée (None,) float32
#> ['Placeholder', 'Const', 'Mul', 'Const', 'AddV2', 'Identity']
# --8<-- [end:operations]
