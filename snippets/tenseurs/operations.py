# --8<-- [start:element]
import tensorflow as tf

a = tf.constant([[1, 2],
                 [3, 4]])
b = tf.constant([[5, 6],
                 [7, 8]])

# Élément par élément : la case (i, j) du résultat ne dépend que des cases (i, j)
print(tf.add(a, b).numpy().tolist(), "=", (a + b).numpy().tolist())
print(tf.subtract(a, b).numpy().tolist())
print(tf.multiply(a, b).numpy().tolist())
#> [[6, 8], [10, 12]] = [[6, 8], [10, 12]]
#> [[-4, -4], [-4, -4]]
#> [[5, 12], [21, 32]]
# --8<-- [end:element]

# --8<-- [start:division]
# Attention : diviser deux tenseurs int32 donne du float64
division = tf.divide(a, b)    # identique à a / b
print(division)

# Pour rester en float32 (le type des modèles), convertir avant de diviser
division32 = tf.cast(a, tf.float32) / tf.cast(b, tf.float32)
print(division32.dtype.name)

# La division entière, elle, reste entière
print(a // b)
#> tf.Tensor(
#> [[0.2        0.33333333]
#>  [0.42857143 0.5       ]], shape=(2, 2), dtype=float64)
#> float32
#> tf.Tensor(
#> [[0 0]
#>  [0 0]], shape=(2, 2), dtype=int32)
# --8<-- [end:division]

# --8<-- [start:matrices]
# Produit matriciel : ligne de a · colonne de b
print(tf.matmul(a, b))
print("a @ b identique :", bool(tf.reduce_all(a @ b == tf.matmul(a, b))))

# Transposée : les lignes deviennent des colonnes
print(tf.transpose(a))
#> tf.Tensor(
#> [[19 22]
#>  [43 50]], shape=(2, 2), dtype=int32)
#> a @ b identique : True
#> tf.Tensor(
#> [[1 3]
#>  [2 4]], shape=(2, 2), dtype=int32)
# --8<-- [end:matrices]

# --8<-- [start:reductions]
print("somme   :", tf.reduce_sum(a).numpy())
print("maximum :", tf.reduce_max(a).numpy())
print("minimum :", tf.reduce_min(a).numpy())

# La moyenne de 1, 2, 3, 4 vaut 2.5... mais sur des int32 elle reste entière
print("moyenne (int32)   :", tf.reduce_mean(a).numpy())
print("moyenne (float32) :", tf.reduce_mean(tf.cast(a, tf.float32)).numpy())
#> somme   : 10
#> maximum : 4
#> minimum : 1
#> moyenne (int32)   : 2
#> moyenne (float32) : 2.5
# --8<-- [end:reductions]

# --8<-- [start:axes]
# axis=0 fait disparaître l'axe des lignes : une somme par colonne
print("axis=0 :", tf.reduce_sum(a, axis=0).numpy())
# axis=1 fait disparaître l'axe des colonnes : une somme par ligne
print("axis=1 :", tf.reduce_sum(a, axis=1).numpy())
# keepdims=True garde l'axe réduit avec une taille 1
print("formes :", tf.reduce_sum(a, axis=1).shape, tf.reduce_sum(a, axis=1, keepdims=True).shape)
#> axis=0 : [4 6]
#> axis=1 : [3 7]
#> formes : (2,) (2, 1)
# --8<-- [end:axes]
