# --8<-- [start:arret_precoce]
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

keras.utils.set_random_seed(42)
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.astype("float32") / 255.0
x_test = x_test.astype("float32") / 255.0

# Budget de calcul du site : 6 000 images d'entraînement au lieu de 60 000
x_small, y_small = x_train[:6000], y_train[:6000]

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),
    layers.Dense(256, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(128, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

early_stopping = keras.callbacks.EarlyStopping(
    monitor="val_loss",          # la perte sur le jeu de validation...
    patience=3,                  # ... n'a pas baissé depuis 3 époques : on arrête
    restore_best_weights=True,   # et on reprend les poids de la meilleure époque
)
history = model.fit(x_small, y_small, epochs=50, batch_size=64, validation_split=0.2,
                    callbacks=[early_stopping], verbose=0)

val_loss = history.history["val_loss"]
best = int(np.argmin(val_loss))
print(f"époques faites : {len(val_loss)} sur 50")
print(f"meilleure époque : {best + 1}")
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"justesse sur le jeu de test, poids de la meilleure époque : {test_accuracy:.3f}")
#> époques faites : 11±8 sur 50
#> meilleure époque : 8±8
#> justesse sur le jeu de test, poids de la meilleure époque : 0.836±0.02

fig, ax = plt.subplots(figsize=(8, 4))
epochs = np.arange(1, len(val_loss) + 1)
ax.plot(epochs, history.history["loss"], marker="o", label="entraînement")
ax.plot(epochs, val_loss, marker="o", label="validation")
ax.axvline(best + 1, color="gray", linestyle="--", label="meilleure époque")
ax.set_xlabel("Époque")
ax.set_ylabel("Perte")
ax.set_title("Arrêt précoce sur 6 000 images : perte par époque")
ax.legend()
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Perte d'entraînement et de validation par époque, de 1 à {len(val_loss)}. Une ligne en tirets marque "
    f"la meilleure époque, l'époque {best + 1}, où la perte de validation est minimale ({val_loss[best]:.3f})."
)
plt.show()
# --8<-- [end:arret_precoce]

# --8<-- [start:cnn]
# Un réseau convolutif attend un axe de canaux : (28, 28) → (28, 28, 1)
x_train_cnn = x_train[..., np.newaxis]
print("images pour un CNN :", x_train_cnn.shape)

cnn = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
], name="petit_cnn")
print(f"paramètres : CNN {cnn.count_params()}, réseau dense du TP {model.count_params()}")
#> images pour un CNN : (60000, 28, 28, 1)
#> paramètres : CNN 34826, réseau dense du TP 235146
# --8<-- [end:cnn]
