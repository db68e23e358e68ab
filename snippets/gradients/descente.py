# --8<-- [start:donnees]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(42)  # graine de NumPy, TensorFlow et Python

# 100 points : y = 2x + 1 + bruit gaussien (écart-type 0,1)
X = tf.constant(np.random.rand(100, 1), dtype=tf.float32)
y_true = 2 * X + 1 + tf.random.normal([100, 1], stddev=0.1)
print("X :", X.shape, " y_true :", y_true.shape)
#> X : (100, 1)  y_true : (100, 1)
# --8<-- [end:donnees]

# --8<-- [start:parametres]
# Paramètres à apprendre : le poids w part d'une valeur aléatoire, le biais b de 0
w = tf.Variable(tf.random.normal([1, 1]))
b = tf.Variable(tf.zeros([1]))
w_init = w.numpy()[0, 0]  # gardé pour repartir du même point plus loin
print(f"Départ : w = {w_init:.4f}, b = {b.numpy()[0]:.4f}")

learning_rate = 0.1
epochs = 100
#> Départ : w = 0.0842, b = 0.0000
# --8<-- [end:parametres]

# --8<-- [start:entrainement]
def train_step():
    """Une époque de descente de gradient sur les 100 points ; renvoie la perte."""
    with tf.GradientTape() as tape:
        y_pred = tf.matmul(X, w) + b  # y_pred = w·x + b
        loss = tf.reduce_mean(tf.square(y_true - y_pred))  # erreur quadratique moyenne
    grad_w, grad_b = tape.gradient(loss, [w, b])
    w.assign_sub(learning_rate * grad_w)  # w <- w - α ∂L/∂w
    b.assign_sub(learning_rate * grad_b)  # b <- b - α ∂L/∂b
    return loss.numpy()

losses = []
for epoch in range(epochs):
    losses.append(train_step())
    if epoch % 20 == 0 or epoch == epochs - 1:
        print(f"Époque {epoch:3d} : perte = {losses[-1]:.4f}, "
              f"w = {w.numpy()[0, 0]:.4f}, b = {b.numpy()[0]:.4f}")

w_100, b_100 = w.numpy()[0, 0], b.numpy()[0]
print(f"Après {epochs} époques : w = {w_100:.3f} (écart à 2 : {abs(w_100 - 2):.3f}), "
      f"b = {b_100:.3f} (écart à 1 : {abs(b_100 - 1):.3f})")
#> Époque   0 : perte = 3.9025, w = 0.2959, b = 0.3773
#> Époque  20 : perte = 0.0777, w = 1.1719, b = 1.4011
#> Époque  40 : perte = 0.0480, w = 1.3883, b = 1.2965
#> Époque  60 : perte = 0.0312, w = 1.5495, b = 1.2150
#> Époque  80 : perte = 0.0217, w = 1.6707, b = 1.1537
#> Époque  99 : perte = 0.0166, w = 1.7578, b = 1.1096
#> Après 100 époques : w = 1.758 (écart à 2 : 0.242), b = 1.110 (écart à 1 : 0.110)
# --8<-- [end:entrainement]

# --8<-- [start:convergence]
# On poursuit la descente jusqu'à ce que w et b soient tous deux à moins de 0,05 de 2 et 1
while abs(w.numpy()[0, 0] - 2) >= 0.05 or abs(b.numpy()[0] - 1) >= 0.05:
    losses.append(train_step())
print(f"|w − 2| < 0.05 et |b − 1| < 0.05 atteints après {len(losses)} époques : "
      f"w = {w.numpy()[0, 0]:.3f}, b = {b.numpy()[0]:.3f}")

# Vers quoi la descente converge-t-elle ? Vers la solution exacte des moindres carrés
A = np.hstack([X.numpy(), np.ones((100, 1), dtype=np.float32)])
w_ls, b_ls = np.linalg.lstsq(A, y_true.numpy(), rcond=None)[0].ravel()
print(f"Moindres carrés (solution exacte) : w = {w_ls:.3f}, b = {b_ls:.3f}")
#> |w − 2| < 0.05 et |b − 1| < 0.05 atteints après 182 époques : w = 1.951, b = 1.012
#> Moindres carrés (solution exacte) : w = 2.038, b = 0.968
# --8<-- [end:convergence]

# --8<-- [start:figure]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
fig.suptitle("Descente de gradient sur y = 2x + 1 + bruit")

ax1.plot(losses)
ax1.axvline(epochs - 1, color="gray", linestyle="--", label=f"{epochs} époques")
ax1.set_yscale("log")
ax1.set_xlabel("Époque")
ax1.set_ylabel("Perte (MSE, échelle log)")
ax1.set_title("Perte au fil des époques")
ax1.legend()

grid = np.linspace(0, 1, 2)
ax2.scatter(X.numpy(), y_true.numpy(), s=12, alpha=0.6, label="Données")
ax2.plot(grid, 2 * grid + 1, "k:", label="Vraie droite y = 2x + 1")
ax2.plot(grid, w_100 * grid + b_100, "--", label=f"Après {epochs} époques")
ax2.plot(grid, w.numpy()[0, 0] * grid + b.numpy()[0],
         label=f"Après {len(losses)} époques")
ax2.set_xlabel("x")
ax2.set_ylabel("y")
ax2.set_title("Droite ajustée")
ax2.legend()
plt.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"À gauche, la perte en échelle logarithmique, qui décroît au fil des {len(losses)} époques, une ligne "
    f"en tirets marquant l'époque {epochs}. À droite, les points de données autour de la vraie droite "
    f"y = 2x + 1 (pointillés), la droite obtenue après {epochs} époques (w = {w_100:.2f}, b = {b_100:.2f}) "
    f"et celle obtenue après {len(losses)} époques (w = {w.numpy()[0, 0]:.2f}, b = {b.numpy()[0]:.2f})."
)
plt.show()
# --8<-- [end:figure]

# --8<-- [start:taux]
def epochs_needed(lr, max_epochs=2000):
    """Même descente, repartie du même point, avec le taux d'apprentissage lr."""
    w = tf.Variable([[w_init]])
    b = tf.Variable([0.0])
    for epoch in range(1, max_epochs + 1):
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.square(y_true - (tf.matmul(X, w) + b)))
        grad_w, grad_b = tape.gradient(loss, [w, b])
        w.assign_sub(lr * grad_w)
        b.assign_sub(lr * grad_b)
        if not np.isfinite(loss.numpy()) or loss.numpy() > 1e6:
            return f"diverge (perte {loss.numpy():.3g} à l'époque {epoch})"
        if abs(w.numpy()[0, 0] - 2) < 0.05 and abs(b.numpy()[0] - 1) < 0.05:
            return f"{epoch} époques"
    return f"pas atteint en {max_epochs} époques"

for lr in [0.01, 0.1, 0.5, 1.0]:
    print(f"taux d'apprentissage {lr:<4} : {epochs_needed(lr)}")

# Seuil théorique : la descente diverge si lr > 2 / (plus grande valeur propre du hessien)
hessian = 2 * A.T @ A / len(A)  # hessien de l'erreur quadratique moyenne en (w, b)
print(f"Seuil de divergence : lr > {2 / np.linalg.eigvalsh(hessian).max():.2f}")
#> taux d'apprentissage 0.01 : 1825 époques
#> taux d'apprentissage 0.1  : 182 époques
#> taux d'apprentissage 0.5  : 36 époques
#> taux d'apprentissage 1.0  : diverge (perte ... à l'époque 18)
#> Seuil de divergence : lr > 0.81
# --8<-- [end:taux]
