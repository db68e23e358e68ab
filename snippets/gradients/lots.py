# --8<-- [start:donnees]
import math

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

keras.utils.set_random_seed(42)  # graine de NumPy, TensorFlow et Python

# Chiffres manuscrits de scikit-learn : images 8 × 8 mises à plat, pixels de 0 à 16 ramenés entre 0 et 1
digits = load_digits()
X = tf.constant(digits.data / 16.0, dtype=tf.float32)
y = tf.constant(digits.target)
n = len(X)
print("X :", X.shape, " y :", y.shape, " classes :", np.unique(digits.target))
#> X : (1797, 64)  y : (1797,)  classes : [0 1 2 3 4 5 6 7 8 9]
# --8<-- [end:donnees]

# --8<-- [start:boucle]
W_init = tf.random.normal([64, 10], stddev=0.01)  # même départ pour toutes les descentes


def loss_fn(W, b, X_batch, y_batch):
    """Régression softmax : 64 pixels → 10 scores ; entropie croisée moyenne."""
    logits = tf.matmul(X_batch, W) + b
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(y_batch, logits))


def train(batch_size, epochs=10, learning_rate=0.5):
    """Descente de gradient par lots de batch_size exemples, tirés dans un nouvel ordre à chaque époque."""
    W = tf.Variable(W_init)
    b = tf.Variable(tf.zeros([10]))
    batch_losses, epoch_losses, steps_per_epoch = [], [], []
    for epoch in range(epochs):
        order = np.random.permutation(n)
        steps = 0
        for start in range(0, n, batch_size):
            batch = order[start:start + batch_size]
            with tf.GradientTape() as tape:
                loss = loss_fn(W, b, tf.gather(X, batch), tf.gather(y, batch))
            grad_W, grad_b = tape.gradient(loss, [W, b])
            W.assign_sub(learning_rate * grad_W)  # une étape : une mise à jour des poids
            b.assign_sub(learning_rate * grad_b)
            batch_losses.append(float(loss))
            steps += 1
        steps_per_epoch.append(steps)
        epoch_losses.append(float(loss_fn(W, b, X, y)))  # perte sur tout le jeu, en fin d'époque
    return batch_losses, epoch_losses, steps_per_epoch
# --8<-- [end:boucle]

# --8<-- [start:comparaison]
full_batch, full_epochs, full_steps = train(batch_size=n)  # un seul lot : tout le jeu
mini_batch, mini_epochs, mini_steps = train(batch_size=32)
print(f"lot complet  : {full_steps[0]:2d} étape par époque,   {len(full_batch):3d} étapes en "
      f"{len(full_epochs)} époques, perte finale {full_epochs[-1]:.3f}")
print(f"lots de 32   : {mini_steps[0]:2d} étapes par époque, {len(mini_batch):3d} étapes en "
      f"{len(mini_epochs)} époques, perte finale {mini_epochs[-1]:.3f}")
print(f"math.ceil({n} / 32) = {math.ceil(n / 32)} ; dernier lot : {n - 32 * (n // 32)} exemples")
#> lot complet  :  1 étape par époque,    10 étapes en 10 époques, perte finale 1.534
#> lots de 32   : 57 étapes par époque, 570 étapes en 10 époques, perte finale 0.167
#> math.ceil(1797 / 32) = 57 ; dernier lot : 5 exemples
# --8<-- [end:comparaison]

# --8<-- [start:figure]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
fig.suptitle("Descente de gradient sur les chiffres de scikit-learn : lot complet ou lots de 32")
epochs_axis = range(1, len(full_epochs) + 1)
ax1.plot(epochs_axis, full_epochs, "o-", label="lot complet (1 étape par époque)")
ax1.plot(epochs_axis, mini_epochs, "o-", label=f"lots de 32 ({mini_steps[0]} étapes par époque)")
ax1.set_xlabel("Époque")
ax1.set_ylabel("Perte sur tout le jeu")
ax1.set_title("À nombre d'époques égal")
ax1.legend()

ax2.plot(range(1, len(mini_batch) + 1), mini_batch, color="tab:orange", lw=0.8,
         label="lots de 32 : perte du lot")
ax2.plot(range(1, len(full_batch) + 1), full_batch, "o-", color="tab:blue", label="lot complet")
ax2.set_xscale("log")
ax2.set_xlabel("Étape (échelle log)")
ax2.set_ylabel("Perte du lot utilisé à cette étape")
ax2.set_title("Étape par étape : les lots sont bruités")
ax2.legend()
plt.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"À gauche, la perte sur tout le jeu à la fin de chaque époque, de 1 à {len(full_epochs)}. Après la "
    f"dernière, {full_epochs[-1]:.2f} avec le lot complet (une étape par époque) et {mini_epochs[-1]:.2f} "
    f"avec des lots de 32 ({mini_steps[0]} étapes par époque). À droite, la perte du lot utilisé à chaque "
    f"étape, en échelle logarithmique des étapes, qui descend en zigzag avec les lots de 32 et sans à-coups "
    f"avec le lot complet."
)
plt.show()
# --8<-- [end:figure]
