# --8<-- [start:donnees]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow
tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.astype("float32") / 255.0  # normalisation : 0–255 → 0–1
x_test = x_test.astype("float32") / 255.0
class_names = ["T-shirt/haut", "pantalon", "pull", "robe", "manteau",
               "sandale", "chemise", "basket", "sac", "bottine"]
print(x_train.shape, x_train.dtype, f"{x_train.min():.1f}–{x_train.max():.1f}")
#> (60000, 28, 28) float32 0.0–1.0
# --8<-- [end:donnees]

# --8<-- [start:modele]
model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),                       # 28×28 → 784
    layers.Dense(256, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),  # une probabilité par classe
], name="tp_fashion_mnist")
model.summary()
#> Model: "tp_fashion_mnist"
#> ...
#> ...Total params: 235,146 (918.54 KB)
#> ...
# --8<-- [end:modele]

# --8<-- [start:compilation]
model.compile(
    optimizer=keras.optimizers.Adam(),  # taux d'apprentissage par défaut : 0.001
    loss="sparse_categorical_crossentropy",  # étiquettes entières 0–9
    metrics=["accuracy"],
)
# --8<-- [end:compilation]

# --8<-- [start:entrainement]
import time

start = time.perf_counter()
history = model.fit(
    x_train, y_train,
    epochs=10,
    batch_size=32,
    validation_split=0.1,  # les 6 000 dernières images d'entraînement
    verbose=0,
)
print(f"durée de l'entraînement : {time.perf_counter() - start:.0f} s")
#> durée de l'entraînement : ... s
for epoch in range(10):
    print(f"époque {epoch + 1:2d} : perte {history.history['loss'][epoch]:.3f}, "
          f"justesse {history.history['accuracy'][epoch]:.3f}, "
          f"validation {history.history['val_accuracy'][epoch]:.3f}")
#> époque  1 : perte 0.549±0.002, justesse 0.802±0.002, validation 0.846±0.02
#> époque  2 : perte 0.411±0.002, justesse 0.850±0.002, validation 0.857±0.03
#> époque  3 : perte 0.375±0.004, justesse 0.862±0.004, validation 0.861±0.01
#> époque  4 : perte 0.353±0.004, justesse 0.871±0.002, validation 0.863±0.02
#> époque  5 : perte 0.337±0.006, justesse 0.875±0.002, validation 0.871±0.006
#> époque  6 : perte 0.323±0.006, justesse 0.880±0.002, validation 0.871±0.006
#> époque  7 : perte 0.315±0.004, justesse 0.882±0.002, validation 0.874±0.02
#> époque  8 : perte 0.306±0.006, justesse 0.886±0.002, validation 0.870±0.02
#> époque  9 : perte 0.298±0.006, justesse 0.888±0.002, validation 0.880±0.006
#> époque 10 : perte 0.290±0.006, justesse 0.891±0.002, validation 0.877±0.01
# --8<-- [end:entrainement]

# --8<-- [start:evaluation]
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"justesse sur le jeu de test : {test_accuracy:.4f}")
#> justesse sur le jeu de test : 0.8759±0.005
# --8<-- [end:evaluation]

# --8<-- [start:ecart]
# Quelle précision attendre d'une justesse mesurée sur 6 000 ou 10 000 images ? On rééchantillonne
# les réponses du modèle (bootstrap : tirage avec remise), sans réentraîner quoi que ce soit.
rng = np.random.default_rng(0)
x_val, y_val = x_train[-6000:], y_train[-6000:]  # les images que validation_split a mises de côté
for name, x, y in [("validation", x_val, y_val), ("test", x_test, y_test)]:
    correct = model.predict(x, verbose=0).argmax(axis=1) == y
    resampled = rng.choice(correct, size=(1000, len(correct))).mean(axis=1)
    low, high = np.percentile(resampled, [2.5, 97.5])
    print(f"{name:10} : justesse {correct.mean():.4f}, 95 % des tirages entre {low:.4f} et {high:.4f}")
#> validation : justesse 0.8773±0.02, 95 % des tirages entre 0.8688±0.03 et 0.8852±0.02
#> test       : justesse 0.8759±0.005, 95 % des tirages entre 0.8694±0.005 et 0.8823±0.005
# --8<-- [end:ecart]

# --8<-- [start:predictions]
import matplotlib.pyplot as plt

probabilities = model.predict(x_test, verbose=0)
predicted = probabilities.argmax(axis=1)
errors = np.flatnonzero(predicted != y_test)
print(f"{len(errors)} erreurs sur {len(y_test)} images de test")
#> ... erreurs sur 10000 images de test

# Les 10 premières images de test, puis les 5 premières erreurs
shown = np.concatenate([np.arange(10), errors[:5]])
fig, axes = plt.subplots(3, 5, figsize=(10, 7.5))
for ax, index in zip(axes.flat, shown):
    ok = predicted[index] == y_test[index]
    ax.imshow(x_test[index], cmap="gray_r")
    ax.set_title(f"vraie : {class_names[y_test[index]]}\n"
                 f"prédite : {class_names[predicted[index]]}\n"
                 f"(confiance {probabilities[index].max() * 100:.0f} %)",
                 color="green" if ok else "red", fontsize=9)
    ax.axis("off")
fig.suptitle("Prédictions sur le jeu de test (en rouge : erreurs ; dernière ligne : 5 erreurs)")
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Quinze images de test en trois lignes de cinq, chacune titrée de sa vraie classe, de la classe prédite "
    f"et de la confiance, en vert si la prédiction est juste, en rouge sinon. Les dix premières images du jeu "
    f"de test, dont {int(np.sum(predicted[:10] != y_test[:10]))} mal classées, puis les cinq premières "
    f"erreurs, " + ", ".join(f"{class_names[y_test[i]]} (prédite {class_names[predicted[i]]})" for i in errors[:5])
    + "."
)
plt.show()
# --8<-- [end:predictions]

# --8<-- [start:confusion]
from sklearn.metrics import ConfusionMatrixDisplay, confusion_matrix

matrix = confusion_matrix(y_test, predicted)
fig, ax = plt.subplots(figsize=(8, 7))
ConfusionMatrixDisplay(matrix, display_labels=class_names).plot(
    ax=ax, cmap="Blues", colorbar=False, xticks_rotation=45
)
ax.set_xlabel("classe prédite")
ax.set_ylabel("vraie classe")
ax.set_title("Matrice de confusion sur le jeu de test (10 000 images)")
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Matrice de confusion 10×10 sur les {matrix.sum()} images de test, vraies classes en lignes et classes "
    f"prédites en colonnes, chaque case donnant un nombre d'images, d'autant plus foncée qu'il est grand. "
    f"Sur la diagonale, les bonnes réponses, de {np.diag(matrix).min()} ({class_names[np.diag(matrix).argmin()]}) "
    f"à {np.diag(matrix).max()} ({class_names[np.diag(matrix).argmax()]}). Hors de la diagonale, la plus "
    f"grande case compte {(matrix - np.diag(np.diag(matrix))).max()} images."
)
plt.show()

# Les trois confusions les plus fréquentes (hors diagonale)
off_diagonal = matrix - np.diag(np.diag(matrix))
for flat_index in off_diagonal.ravel().argsort()[::-1][:3]:
    true_label, predicted_label = divmod(flat_index, 10)
    print(f"{class_names[true_label]} → {class_names[predicted_label]} : "
          f"{off_diagonal[true_label, predicted_label]} images")
#> chemise → T-shirt/haut : ... images
#> ...
# --8<-- [end:confusion]
