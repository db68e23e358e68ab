# --8<-- [start:forme_parametres]
import numpy as np
from keras import layers

# À la main : sortie (32 + 2×0 − 5) // 2 + 1 = 14 ; (5×5×3 poids + 1 biais) par filtre, 16 filtres
n_out = (32 + 2 * 0 - 5) // 2 + 1
params = (5 * 5 * 3 + 1) * 16
print("calcul :", (n_out, n_out, 16), params)

conv = layers.Conv2D(16, 5, strides=2)  # padding='valid' par défaut
print("Keras  :", conv(np.zeros((1, 32, 32, 3))).shape[1:], conv.count_params())
#> calcul : (14, 14, 16) 1216
#> Keras  : (14, 14, 16) 1216
# --8<-- [end:forme_parametres]

# --8<-- [start:padding_meme_taille]
# Pas 1 : n + 2p − k + 1 = n  donne  p = (k − 1) / 2 (k impair)
images = np.zeros((1, 28, 28, 1))
for k in [3, 5, 7]:
    p = (k - 1) // 2
    padded_valid = layers.Conv2D(1, k)(layers.ZeroPadding2D(p)(images))
    same = layers.Conv2D(1, k, padding="same")(images)
    print(f"k={k} : p={p}, ZeroPadding2D({p}) + 'valid' -> {padded_valid.shape[1:3]}, 'same' -> {same.shape[1:3]}")
#> k=3 : p=1, ZeroPadding2D(1) + 'valid' -> (28, 28), 'same' -> (28, 28)
#> k=5 : p=2, ZeroPadding2D(2) + 'valid' -> (28, 28), 'same' -> (28, 28)
#> k=7 : p=3, ZeroPadding2D(3) + 'valid' -> (28, 28), 'same' -> (28, 28)
# --8<-- [end:padding_meme_taille]

# --8<-- [start:conv_contre_dense]
# Conv2D : (3×3×32 + 1) × 64, quelle que soit la taille de l'image
# Dense  : (14×14×32 + 1) × 64 sur l'entrée aplatie : proportionnel au nombre de pixels
for size in [14, 28]:
    conv = layers.Conv2D(64, 3)
    conv.build((None, size, size, 32))
    dense = layers.Dense(64)
    dense.build((None, size * size * 32))  # ce que Flatten donnerait
    print(f"entrée {size}×{size}×32 : Conv2D {conv.count_params():>9,}   Dense {dense.count_params():>9,}")
#> entrée 14×14×32 : Conv2D    18,496   Dense   401,472
#> entrée 28×28×32 : Conv2D    18,496   Dense 1,605,696
# --8<-- [end:conv_contre_dense]
