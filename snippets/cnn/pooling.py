# --8<-- [start:exemple]
import numpy as np
from keras import layers

# Une entrée 4×4, mise en forme (lot, hauteur, largeur, canaux)
x = np.array([[1, 3, 2, 4],
              [5, 6, 7, 8],
              [9, 2, 1, 3],
              [4, 5, 6, 7]], dtype="float32").reshape(1, 4, 4, 1)

max_out = layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2))(x)
avg_out = layers.AveragePooling2D(pool_size=(2, 2))(x)
print("Max pooling 2×2 :")
print(max_out[0, :, :, 0].numpy())
print("Average pooling 2×2 :")
print(avg_out[0, :, :, 0].numpy())
#> Max pooling 2×2 :
#> [[6. 8.]
#>  [9. 7.]]
#> Average pooling 2×2 :
#> [[3.75 5.25]
#>  [5.   4.25]]

# Contrôle indépendant en NumPy : découper en blocs 2×2 et réduire chaque bloc
blocks = x[0, :, :, 0].reshape(2, 2, 2, 2)  # (ligne de bloc, ligne, colonne de bloc, colonne)
print(blocks.max(axis=(1, 3)).tolist(), blocks.mean(axis=(1, 3)).tolist())
#> [[6.0, 8.0], [9.0, 7.0]] [[3.75, 5.25], [5.0, 4.25]]
# --8<-- [end:exemple]

# --8<-- [start:impair]
# Taille impaire : 5×5, valeurs 1 à 25 pour voir ce que chaque padding garde
x5 = np.arange(1, 26, dtype="float32").reshape(1, 5, 5, 1)
print(x5[0, :, :, 0].astype(int))
#> [[ 1  2  3  4  5]
#>  [ 6  7  8  9 10]
#>  [11 12 13 14 15]
#>  [16 17 18 19 20]
#>  [21 22 23 24 25]]

for padding in ["valid", "same"]:
    out = layers.MaxPooling2D(pool_size=2, padding=padding)(x5)
    print(f"max, {padding:<5} : {tuple(out.shape)}", out[0, :, :, 0].numpy().astype(int).tolist())
#> max, valid : (1, 2, 2, 1) [[7, 9], [17, 19]]
#> max, same  : (1, 3, 3, 1) [[7, 9, 10], [17, 19, 20], [22, 24, 25]]

# Average pooling 'same' : les cases ajoutées ne comptent pas dans la moyenne
out = layers.AveragePooling2D(pool_size=2, padding="same")(x5)
print(out[0, :, :, 0].numpy().tolist())
#> [[4.0, 6.0, 7.5], [14.0, 16.0, 17.5], [21.5, 23.5, 25.0]]

# Formes de sortie pour quelques tailles d'entrée (pool 2×2, pas 2)
for n in [28, 27, 13, 11, 7]:
    valid = layers.MaxPooling2D(2, padding="valid")(np.zeros((1, n, n, 1))).shape[1]
    same = layers.MaxPooling2D(2, padding="same")(np.zeros((1, n, n, 1))).shape[1]
    print(f"{n:>2}×{n:<2} -> valid {valid:>2}×{valid:<2}  same {same:>2}×{same}")
#> 28×28 -> valid 14×14  same 14×14
#> 27×27 -> valid 13×13  same 14×14
#> 13×13 -> valid  6×6   same  7×7
#> 11×11 -> valid  5×5   same  6×6
#>  7×7  -> valid  3×3   same  4×4
# --8<-- [end:impair]

# --8<-- [start:parametres]
import keras

# Le pooling n'a aucun poids, mais il réduit la taille de ce qui arrive à la couche Dense
for pooling in [False, True]:
    model = keras.Sequential([keras.Input(shape=(28, 28, 1)), layers.Conv2D(32, 3, activation="relu")]
                             + ([layers.MaxPooling2D(2)] if pooling else [])
                             + [layers.Flatten(), layers.Dense(64, activation="relu")])
    flat = model.layers[-2].output.shape[1]
    print(f"pooling={pooling!s:<5} Flatten -> {flat:>6} valeurs, Dense : {model.layers[-1].count_params():>9,} paramètres")
#> pooling=False Flatten ->  21632 valeurs, Dense : 1,384,512 paramètres
#> pooling=True  Flatten ->   5408 valeurs, Dense :   346,176 paramètres
# --8<-- [end:parametres]
