# --8<-- [start:donnees]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from sklearn.datasets import make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import train_test_split

keras.utils.set_random_seed(42)

# Jeu synthétique : 2 caractéristiques, toutes deux informatives, 2 classes
X, y = make_classification(
    n_samples=500,
    n_features=2,
    n_informative=2,  # les 2 caractéristiques portent de l'information...
    n_redundant=0,  # ... aucune n'est une combinaison des autres
    n_repeated=0,
    n_classes=2,
    n_clusters_per_class=1,  # un seul nuage de points par classe
    random_state=1,
)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, stratify=y, random_state=42
)

# Tenseurs float32 ; étiquettes en colonne (n, 1) comme les prédictions
X_train_t = tf.constant(X_train, dtype=tf.float32)
y_train_t = tf.constant(y_train.reshape(-1, 1), dtype=tf.float32)
X_test_t = tf.constant(X_test, dtype=tf.float32)
y_test_t = tf.constant(y_test.reshape(-1, 1), dtype=tf.float32)
print("Entraînement :", X_train_t.shape, y_train_t.shape, "- Test :", X_test_t.shape)
print("Proportion de la classe 1 (entraînement) :", y_train.mean())
#> Entraînement : (400, 2) (400, 1) - Test : (100, 2)
#> Proportion de la classe 1 (entraînement) : 0.505
# --8<-- [end:donnees]

# --8<-- [start:defauts]
# Avec les valeurs par défaut (n_informative=2, n_redundant=2), 2 caractéristiques ne suffisent pas
try:
    make_classification(n_features=2, random_state=1)
except ValueError as err:
    print(f"{type(err).__name__} : {err}")
#> ValueError : Number of informative, redundant and repeated features must sum to less than the number of total features
# --8<-- [end:defauts]

# --8<-- [start:modele]
# Paramètres : un poids par caractéristique et un biais
W = tf.Variable(tf.random.normal([2, 1], stddev=0.01))
b = tf.Variable(tf.zeros([1]))

def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)) : ramène un score réel dans ]0, 1["""
    return 1 / (1 + tf.exp(-z))

def predict_proba(X):
    """ŷ = σ(XW + b) : probabilité d'appartenir à la classe 1."""
    return sigmoid(tf.matmul(X, W) + b)

def binary_cross_entropy(y, y_hat, eps=1e-7):
    """L = −moyenne[ y·log(ŷ) + (1 − y)·log(1 − ŷ) ]"""
    y_hat = tf.clip_by_value(y_hat, eps, 1 - eps)  # évite log(0)
    return -tf.reduce_mean(y * tf.math.log(y_hat) + (1 - y) * tf.math.log(1 - y_hat))

# Contrôles : nos fonctions contre celles de TensorFlow/Keras
z = tf.constant([-2.0, 0.0, 2.0])
print("sigmoid maison :", sigmoid(z).numpy().round(4), " tf.sigmoid :", tf.sigmoid(z).numpy().round(4))
y_hat_init = predict_proba(X_train_t)

# keras.losses.binary_crossentropy fait la moyenne sur le DERNIER axe : sur des colonnes (400, 1),
# elle rend une perte par exemple ; [:, 0] (toutes les lignes, colonne 0) donne des vecteurs (400,)
print("colonne :", y_train_t.shape, "-> Keras :", keras.losses.binary_crossentropy(y_train_t, y_hat_init).shape)
print("[:, 0]  :", y_train_t[:, 0].shape, "-> Keras :",
      keras.losses.binary_crossentropy(y_train_t[:, 0], y_hat_init[:, 0]).shape)
print(f"Perte initiale : {binary_cross_entropy(y_train_t, y_hat_init).numpy():.4f}"
      f" (Keras : {keras.losses.binary_crossentropy(y_train_t[:, 0], y_hat_init[:, 0]).numpy():.4f},"
      f" ln 2 = {np.log(2):.4f})")
#> sigmoid maison : [0.1192 0.5    0.8808]  tf.sigmoid : [0.1192 0.5    0.8808]
#> colonne : (400, 1) -> Keras : (400,)
#> [:, 0]  : (400,) -> Keras : ()
#> Perte initiale : 0.6889 (Keras : 0.6889, ln 2 = 0.6931)
# --8<-- [end:modele]

# --8<-- [start:entrainement]
def train(learning_rate, epochs=1000, verbose=True):
    """Descente de gradient sur tout le jeu d'entraînement ; renvoie les pertes."""
    losses = []
    for epoch in range(epochs):
        with tf.GradientTape() as tape:
            loss = binary_cross_entropy(y_train_t, predict_proba(X_train_t))
        grad_W, grad_b = tape.gradient(loss, [W, b])
        W.assign_sub(learning_rate * grad_W)
        b.assign_sub(learning_rate * grad_b)
        losses.append(loss.numpy())
        if verbose and (epoch % 200 == 0 or epoch == epochs - 1):
            print(f"Époque {epoch:4d} : perte = {losses[-1]:.4f}")
    return losses

losses = train(learning_rate=0.1)
#> Époque    0 : perte = 0.6889
#> Époque  200 : perte = 0.2446
#> Époque  400 : perte = 0.1981
#> Époque  600 : perte = 0.1759
#> Époque  800 : perte = 0.1634
#> Époque  999 : perte = 0.1558
# --8<-- [end:entrainement]

# --8<-- [start:justesse]
def accuracy(X, y):
    """Part des points dont la classe prédite (ŷ ≥ 0,5) est la bonne."""
    y_pred = tf.cast(predict_proba(X) >= 0.5, tf.float32)
    return tf.reduce_mean(tf.cast(y_pred == y, tf.float32)).numpy()

w1, w2 = W.numpy().ravel()
print(f"W = [{w1:.3f}, {w2:.3f}], b = {b.numpy()[0]:.3f}")
print(f"Justesse entraînement : {accuracy(X_train_t, y_train_t):.3f}")
print(f"Justesse test         : {accuracy(X_test_t, y_test_t):.3f}")
#> W = [-2.628, -3.284], b = 1.900
#> Justesse entraînement : 0.962
#> Justesse test         : 0.980
# --8<-- [end:justesse]

# --8<-- [start:sklearn]
# Référence : la régression logistique de scikit-learn, sans régularisation (C=inf)
sklearn_model = LogisticRegression(C=np.inf).fit(X_train, y_train)
sklearn_loss = log_loss(y_train, sklearn_model.predict_proba(X_train)[:, 1])
print(f"Perte d'entraînement : la nôtre {losses[-1]:.4f}, scikit-learn {sklearn_loss:.4f}")
r1, r2 = sklearn_model.coef_.ravel()
print(f"scikit-learn : W = [{r1:.3f}, {r2:.3f}], b = {sklearn_model.intercept_[0]:.3f}")
print(f"Justesse test scikit-learn : {sklearn_model.score(X_test, y_test):.3f}")
agree = sklearn_model.predict(X_test) == (predict_proba(X_test_t).numpy().ravel() >= 0.5)
print(f"Prédictions identiques sur le test : {agree.mean():.0%}")
#> Perte d'entraînement : la nôtre 0.1558, scikit-learn 0.1352
#> scikit-learn : W = [-4.682, -4.843], b = 3.315
#> Justesse test scikit-learn : 0.980
#> Prédictions identiques sur le test : 100%
# --8<-- [end:sklearn]

# --8<-- [start:figure]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.5))
fig.suptitle("Régression logistique programmée à la main avec GradientTape")

ax1.plot(losses)
ax1.set_xlabel("Époque")
ax1.set_ylabel("Entropie croisée binaire")
ax1.set_title("Perte d'entraînement")

# Probabilité prédite sur une grille qui couvre les données
x0, x1 = np.meshgrid(
    np.linspace(X[:, 0].min() - 0.5, X[:, 0].max() + 0.5, 200),
    np.linspace(X[:, 1].min() - 0.5, X[:, 1].max() + 0.5, 200),
)
grid = np.c_[x0.ravel(), x1.ravel()].astype(np.float32)
proba = predict_proba(grid).numpy().reshape(x0.shape)

background = ax2.contourf(x0, x1, proba, levels=20, cmap="RdBu_r", alpha=0.4)
ax2.contour(x0, x1, proba, levels=[0.5], colors="k")  # notre frontière ŷ = 0,5
proba_sklearn = sklearn_model.predict_proba(grid)[:, 1].reshape(x0.shape)
ax2.contour(x0, x1, proba_sklearn, levels=[0.5], colors="k", linestyles="--")
for cls, color in [(0, "tab:blue"), (1, "tab:red")]:
    in_train, in_test = y_train == cls, y_test == cls
    ax2.scatter(X_train[in_train, 0], X_train[in_train, 1], color=color, s=12,
                edgecolors="k", linewidths=0.3, label=f"Classe {cls} (entraînement)")
    ax2.scatter(X_test[in_test, 0], X_test[in_test, 1], color=color, s=35, marker="^",
                edgecolors="k", linewidths=0.6, label=f"Classe {cls} (test)")
fig.colorbar(background, ax=ax2, label="Probabilité de la classe 1")
ax2.set_xlabel("Caractéristique 1")
ax2.set_ylabel("Caractéristique 2")
ax2.set_title("Frontière ŷ = 0,5 : la nôtre (trait plein), scikit-learn (tirets)", fontsize=9)
ax2.legend(fontsize=8)
plt.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"À gauche, la perte d'entraînement par époque, de {losses[0]:.2f} à {losses[-1]:.2f}. À droite, les "
    f"points des deux classes (bleus pour la classe 0, rouges pour la classe 1, ronds pour l'entraînement, "
    f"triangles pour le test) sur un fond coloré selon la probabilité prédite de la classe 1, avec deux "
    f"frontières de probabilité 0,5, celle du modèle programmé à la main (trait plein) et celle de "
    f"scikit-learn (tirets), deux droites parallèles et proches."
)
plt.show()
# --8<-- [end:figure]

# --8<-- [start:plus_loin]
# Même modèle, repartant de poids presque nuls, avec un taux d'apprentissage 10 fois plus grand
W.assign(tf.random.normal([2, 1], stddev=0.01))
b.assign(tf.zeros([1]))
losses_lr1 = train(learning_rate=1.0, verbose=False)
w1, w2 = W.numpy().ravel()
print(f"lr = 1.0, 1000 époques : perte = {losses_lr1[-1]:.4f}, "
      f"W = [{w1:.3f}, {w2:.3f}], b = {b.numpy()[0]:.3f}")
print(f"Justesse test : {accuracy(X_test_t, y_test_t):.3f}")
#> lr = 1.0, 1000 époques : perte = 0.1352, W = [-4.604, -4.784], b = 3.263
#> Justesse test : 0.980
# --8<-- [end:plus_loin]

# --8<-- [start:frontiere]
# Frontière : ŷ = 0,5  ⇔  w1·x1 + w2·x2 + b = 0  ⇔  x2 = −(w1·x1 + b) / w2   (si w2 ≠ 0)
w1, w2 = W.numpy().ravel()
b0 = b.numpy()[0]
print(f"x2 = {-w1 / w2:.3f} · x1 + {-b0 / w2:.3f}")

# Contrôle : deux points de cette droite reçoivent bien la probabilité 0,5
x1_line = np.array([-2.0, 2.0])
points = np.c_[x1_line, -(w1 * x1_line + b0) / w2].astype(np.float32)
print("ŷ sur la droite :", predict_proba(points).numpy().ravel().round(4))
#> x2 = -0.962 · x1 + 0.682
#> ŷ sur la droite : [0.5 0.5]
# --8<-- [end:frontiere]

# --8<-- [start:taux]
# Cinq taux d'apprentissage, 1 000 époques chacun, en repartant des mêmes poids initiaux.
# tf.function compile l'étape en graphe : la boucle tourne bien plus vite qu'en mode immédiat.
@tf.function
def train_step(learning_rate):
    with tf.GradientTape() as tape:
        loss = binary_cross_entropy(y_train_t, predict_proba(X_train_t))
    grad_W, grad_b = tape.gradient(loss, [W, b])
    W.assign_sub(learning_rate * grad_W)
    b.assign_sub(learning_rate * grad_b)
    return loss

# Plus grand taux sûr dans le pire cas : 2 / (λmax(X̃ᵀX̃/n) / 4), X̃ = caractéristiques + colonne de 1
X_tilde = np.c_[X_train, np.ones(len(X_train))]
curvature_max = np.linalg.eigvalsh(X_tilde.T @ X_tilde / len(X_tilde)).max() / 4
print(f"Borne de stabilité : 2 / {curvature_max:.3f} = {2 / curvature_max:.2f}")

W_init = tf.random.normal([2, 1], stddev=0.01)
curves = {}
for lr in [0.01, 0.1, 1.0, 5.0, 100.0]:
    W.assign(W_init)
    b.assign(tf.zeros([1]))
    curves[lr] = np.array([train_step(tf.constant(lr)) for _ in range(1001)])
    print(f"lr = {lr:<5} : perte {curves[lr][0]:.3f} au départ, {curves[lr][1]:.3f} après 1 époque, "
          f"{curves[lr][10]:.3f} après 10, {curves[lr][1000]:.4f} après 1 000")

fig, ax = plt.subplots(figsize=(8, 4))
for lr, curve in curves.items():
    ax.plot(curve, label=f"taux {lr}")
ax.axhline(sklearn_loss, color="k", linestyle=":", label="optimum (scikit-learn)")
ax.set_xscale("symlog", linthresh=1)  # linéaire de 0 à 1, logarithmique ensuite
ax.set_xlim(0, 1000)
ax.set_yscale("log")
ax.set_xlabel("Époques (échelle log)")
ax.set_ylabel("Perte d'entraînement (échelle log)")
ax.set_title("Effet du taux d'apprentissage sur la descente de gradient")
ax.legend()
plt.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Perte d'entraînement en fonction de l'époque, les deux axes en échelle logarithmique, une courbe par "
    "taux d'apprentissage, et l'optimum de scikit-learn en pointillés. Après 1 000 époques, "
    + ", ".join(f"{curve[1000]:.4f} pour le taux {lr}" if np.isfinite(curve[1000])
                else f"plus de courbe pour le taux {lr} (perte nan)" for lr, curve in curves.items()) + "."
)
plt.show()
#> Borne de stabilité : 2 / 0.628 = 3.18
#> lr = 0.01  : perte 0.691 au départ, 0.688 après 1 époque, 0.667 après 10, 0.2959 après 1 000
#> lr = 0.1   : perte 0.691 au départ, 0.666 après 1 époque, 0.523 après 10, 0.1558 après 1 000
#> lr = 1.0   : perte 0.691 au départ, 0.497 après 1 époque, 0.292 après 10, 0.1352 après 1 000
#> lr = 5.0   : perte 0.691 au départ, 0.328 après 1 époque, 0.180 après 10, 0.1352 après 1 000
#> lr = 100.0 : perte 0.691 au départ, 1.669 après 1 époque, nan après 10, nan après 1 000
# --8<-- [end:taux]
