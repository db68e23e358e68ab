# --8<-- [start:donnees]
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow
tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

# Fashion-MNIST : 28×28 niveaux de gris, 10 classes de vêtements (MNIST n'est pas disponible hors ligne)
(x_all, y_all), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 28, 28, 1).astype("float32") / 255.0
x_test = x_test.reshape(-1, 28, 28, 1).astype("float32") / 255.0

# Budget de calcul : 30 000 images d'entraînement sur 60 000, et 5 000 autres pour la validation
x_train, y_train = x_all[:30_000], y_all[:30_000]
x_val, y_val = x_all[-5_000:], y_all[-5_000:]
print(x_train.shape, x_val.shape, x_test.shape)
#> (30000, 28, 28, 1) (5000, 28, 28, 1) (10000, 28, 28, 1)
# --8<-- [end:donnees]

# --8<-- [start:modele]
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.MaxPooling2D(2),
    layers.Conv2D(64, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.MaxPooling2D(2),
    layers.Conv2D(64, 3, activation="relu"),
    layers.BatchNormalization(),
    layers.Flatten(),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"{model.count_params():,} paramètres, dont {trainable:,} entraînables")
#> 93,962 paramètres, dont 93,642 entraînables
# --8<-- [end:modele]

# --8<-- [start:entrainement]
epochs = 5
start = time.perf_counter()
history = model.fit(x_train, y_train, epochs=epochs, batch_size=128,
                    validation_data=(x_val, y_val), verbose=0)
elapsed = time.perf_counter() - start
print(f"durée : {elapsed:.0f} s, soit {elapsed / epochs:.0f} s par époque")
#> durée : ... s, soit ... s par époque

h = history.history
for epoch in range(epochs):
    print(f"époque {epoch + 1} : justesse {h['accuracy'][epoch]:.3f}  validation {h['val_accuracy'][epoch]:.3f}")
#> époque 1 : ...
#> époque 2 : ...
#> époque 3 : ...
#> époque 4 : justesse 0.882  validation 0.884  ±0.02
#> époque 5 : justesse 0.896  validation 0.885  ±0.03
# --8<-- [end:entrainement]

# --8<-- [start:courbes]
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
epoch_numbers = range(1, epochs + 1)
ax_loss.plot(epoch_numbers, h["loss"], "o-", label="entraînement")
ax_loss.plot(epoch_numbers, h["val_loss"], "o-", label="validation")
ax_loss.set(xlabel="époque", ylabel="perte (entropie croisée)", title="Fonction de perte")
ax_acc.plot(epoch_numbers, h["accuracy"], "o-", label="entraînement")
ax_acc.plot(epoch_numbers, h["val_accuracy"], "o-", label="validation")
ax_acc.set(xlabel="époque", ylabel="justesse", title="Justesse")
for ax in (ax_loss, ax_acc):
    ax.set_xticks(list(epoch_numbers))
    ax.grid(alpha=0.3)
    ax.legend()
fig.suptitle("CNN avec BatchNormalization sur Fashion-MNIST (30 000 images, 5 époques)")
plt.show()
# --8<-- [end:courbes]

# --8<-- [start:evaluation]
test_loss, test_acc = model.evaluate(x_test, y_test, verbose=0)
print(f"jeu de test (10 000 images) : perte {test_loss:.3f}, justesse {test_acc:.3f}")
#> jeu de test (10 000 images) : perte 0.326, justesse 0.880  ±0.07

# Justesse par classe : lesquelles le modèle reconnaît-il le moins bien ?
class_names = ["T-shirt", "pantalon", "pull", "robe", "manteau",
               "sandale", "chemise", "basket", "sac", "bottine"]
predicted = model.predict(x_test, verbose=0).argmax(axis=1)
for k in range(10):
    mask = y_test == k
    print(f"{class_names[k]:<9} {np.mean(predicted[mask] == k):.2f}")
#> T-shirt   0.81  ±0.2
#> pantalon  0.98  ±0.02
#> pull      0.69  ±0.5
#> robe      0.90  ±0.1
#> manteau   0.82  ±0.3
#> sandale   0.96  ±0.04
#> chemise   0.77  ±0.5
#> basket    0.98  ±0.02
#> sac       0.96  ±0.04
#> bottine   0.94  ±0.1
# --8<-- [end:evaluation]
