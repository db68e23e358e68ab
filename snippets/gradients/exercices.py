# --8<-- [start:sigmoide]
import numpy as np
import tensorflow as tf

# Dérivée de la sigmoïde, calculée par la bande en 7 points à la fois
z = tf.constant([-6.0, -4.0, -2.0, 0.0, 2.0, 4.0, 6.0])
with tf.GradientTape() as tape:
    tape.watch(z)  # z est une constante : il faut la suivre explicitement
    s = tf.sigmoid(z)
ds_dz = tape.gradient(s, z)  # cible non scalaire : gradient de la somme, donc σ'(z) point par point

formula = s * (1 - s)  # σ'(z) = σ(z)(1 − σ(z))
print("σ'(z) par la bande :", np.round(ds_dz.numpy(), 4))
print("σ(z)(1 − σ(z))     :", np.round(formula.numpy(), 4))
print("identiques :", np.allclose(ds_dz, formula), "; maximum :", float(tf.reduce_max(ds_dz)))
#> σ'(z) par la bande : [0.0025 0.0177 0.105  0.25   0.105  0.0177 0.0025]
#> σ(z)(1 − σ(z))     : [0.0025 0.0177 0.105  0.25   0.105  0.0177 0.0025]
#> identiques : True ; maximum : 0.25
# --8<-- [end:sigmoide]

# --8<-- [start:seuil]
def distance_after(learning_rate, steps=50, w0=-1.0):
    """Distance au minimum de L(w) = (w − 2)² après `steps` étapes depuis w0."""
    w = tf.Variable(w0)
    for _ in range(steps):
        with tf.GradientTape() as tape:
            loss = (w - 2.0) ** 2
        w.assign_sub(learning_rate * tape.gradient(loss, w))
    return abs(float(w.numpy()) - 2.0)


for lr in [0.5, 0.9, 0.99, 1.0, 1.01, 1.1]:
    print(f"taux {lr:<4} : |w − 2| = {distance_after(lr):.3g} après 50 étapes")
#> taux 0.5  : |w − 2| = 0 après 50 étapes
#> taux 0.9  : |w − 2| = 4.29e-05 après 50 étapes
#> taux 0.99 : |w − 2| = 1.09 après 50 étapes
#> taux 1.0  : |w − 2| = 3 après 50 étapes
#> taux 1.01 : |w − 2| = 8.07 après 50 étapes
#> taux 1.1  : |w − 2| = 2.73e+04 après 50 étapes
# --8<-- [end:seuil]

# --8<-- [start:etapes]
import math

from sklearn.datasets import load_digits

n = len(load_digits().data)  # 1 797 exemples
for batch_size in [1, 32, 100, 256, n]:
    steps = math.ceil(n / batch_size)
    last = n - batch_size * (steps - 1)
    print(f"batch_size = {batch_size:4d} : étapes par époque = {steps:4d}, taille du dernier lot = {last}")
#> batch_size =    1 : étapes par époque = 1797, taille du dernier lot = 1
#> batch_size =   32 : étapes par époque =   57, taille du dernier lot = 5
#> batch_size =  100 : étapes par époque =   18, taille du dernier lot = 97
#> batch_size =  256 : étapes par époque =    8, taille du dernier lot = 5
#> batch_size = 1797 : étapes par époque =    1, taille du dernier lot = 1797
# --8<-- [end:etapes]
