# --8<-- [start:dtypes]
import numpy as np
import tensorflow as tf

# Chaque dtype TensorFlow, son équivalent NumPy et sa taille par élément
for dtype in [tf.float32, tf.float16, tf.int32, tf.bool, tf.string]:
    equivalent = np.dtype(dtype.as_numpy_dtype)
    taille = f"{dtype.size} octet(s)" if dtype.size else "taille variable"
    print(f"{dtype.name:8} -> NumPy {str(equivalent):8} {taille}")
#> float32  -> NumPy float32  4 octet(s)
#> float16  -> NumPy float16  2 octet(s)
#> int32    -> NumPy int32    4 octet(s)
#> bool     -> NumPy bool     1 octet(s)
#> string   -> NumPy object   taille variable
# --8<-- [end:dtypes]

# --8<-- [start:defauts]
# Le dtype est déduit de la valeur... et de sa provenance
exemples = {
    "tf.constant(42)": tf.constant(42),
    "tf.constant(4.2)": tf.constant(4.2),
    "tf.constant(True)": tf.constant(True),
    "tf.constant('chat')": tf.constant("chat"),
    "np.array([1, 2]) (NumPy)": tf.constant(np.array([1, 2])),
    "np.array([1.5]) (NumPy)": tf.constant(np.array([1.5])),
}
for code, tenseur in exemples.items():
    print(f"{code:26} -> {tenseur.dtype.name}")
#> tf.constant(42)            -> int32
#> tf.constant(4.2)           -> float32
#> tf.constant(True)          -> bool
#> tf.constant('chat')        -> string
#> np.array([1, 2]) (NumPy)   -> int64
#> np.array([1.5]) (NumPy)    -> float64
# --8<-- [end:defauts]

# --8<-- [start:cast]
notes = tf.constant([12.7, 15.2, 9.9])
print(tf.cast(notes, tf.int32))        # conversion vers l'entier : troncature
print(tf.cast(notes > 10, tf.float32))  # booléens → 0. / 1.
#> tf.Tensor([12 15  9], shape=(3,), dtype=int32)
#> tf.Tensor([1. 1. 0.], shape=(3,), dtype=float32)
# --8<-- [end:cast]

# --8<-- [start:formes]
x = tf.constant([[1, 2, 3],
                 [4, 5, 6]])
print(x.shape)
print(x.dtype)
print(tf.rank(x))   # un tenseur, pas un entier Python
print(tf.size(x))   # idem
print("en Python :", x.ndim, int(tf.size(x)), x.shape.as_list())
#> (2, 3)
#> <dtype: 'int32'>
#> tf.Tensor(2, shape=(), dtype=int32)
#> tf.Tensor(6, shape=(), dtype=int32)
#> en Python : 2 6 [2, 3]
# --8<-- [end:formes]

# --8<-- [start:reshape]
# reshape garde les 6 valeurs dans le même ordre, seule la forme change
print(tf.reshape(x, [3, 2]))
print(tf.reshape(x, [-1]))          # -1 : dimension calculée (ici 6)
print(tf.reshape(x, [1, -1]).shape)

try:
    tf.reshape(x, [4, 2])           # 8 cases pour 6 valeurs : impossible
except tf.errors.InvalidArgumentError as erreur:
    print(type(erreur).__name__, ":", erreur.message)
#> tf.Tensor(
#> [[1 2]
#>  [3 4]
#>  [5 6]], shape=(3, 2), dtype=int32)
#> tf.Tensor([1 2 3 4 5 6], shape=(6,), dtype=int32)
#> (1, 6)
#> InvalidArgumentError : ...Input to reshape is a tensor with 6 values, but the requested shape has 8 [Op:Reshape]
# --8<-- [end:reshape]
