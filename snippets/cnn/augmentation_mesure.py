# --8<-- [start:donnees]
import time

import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow
tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 28, 28, 1).astype("float32") / 255.0
# Peu d'exemples étiquetés (1 000 images) : c'est là que le surapprentissage guette
x_train, y_train = x_all[:1_000], y_all[:1_000]
x_val, y_val = x_all[-2_000:], y_all[-2_000:]  # 2 000 images de la validation du chapitre
print(x_train.shape, x_val.shape)
#> (1000, 28, 28, 1) (2000, 28, 28, 1)
# --8<-- [end:donnees]

# --8<-- [start:entrainements]
def make_model(augmentation):
    """Le même petit CNN pour les trois essais ; seule la couche d'augmentation change."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        *augmentation,
        layers.Conv2D(16, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, activation="relu"),
        layers.MaxPooling2D(2),
        layers.Flatten(),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])

trials = {
    "sans augmentation": [],
    "retournement horizontal": [layers.RandomFlip("horizontal")],
    "rotation, décalage, zoom": [
        layers.RandomRotation(10 / 360, fill_mode="constant"),
        layers.RandomTranslation(0.1, 0.1, fill_mode="constant"),
        layers.RandomZoom(0.1, fill_mode="constant"),
    ],
}
epochs = 20
histories = {}
for name, augmentation in trials.items():
    keras.utils.set_random_seed(42)  # mêmes poids initiaux et mêmes lots pour les trois essais
    model = make_model(augmentation)
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    start = time.perf_counter()
    history = model.fit(x_train, y_train, epochs=epochs, batch_size=64,
                        validation_data=(x_val, y_val), verbose=0)
    h = histories[name] = history.history
    print(f"{name} ({time.perf_counter() - start:.0f} s)")
    print(f"  justesse après {epochs} époques : entraînement {h['accuracy'][-1]:.3f}, "
          f"validation {h['val_accuracy'][-1]:.3f}, écart {h['accuracy'][-1] - h['val_accuracy'][-1]:.3f}")
#> sans augmentation (... s)
#>   justesse après 20 époques : entraînement 0.899±0.01, validation 0.795±0.02, écart 0.104±0.02
#> retournement horizontal (... s)
#>   justesse après 20 époques : entraînement 0.866±0.01, validation 0.790±0.004, écart 0.076±0.02
#> rotation, décalage, zoom (... s)
#>   justesse après 20 époques : entraînement 0.769±0.02, validation 0.753±0.02, écart 0.016±0.01
# --8<-- [end:entrainements]

# --8<-- [start:courbes]
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(9, 4.5), layout="constrained")
epoch_numbers = range(1, epochs + 1)
for (name, h), color in zip(histories.items(), ["tab:red", "tab:blue", "tab:green"]):
    ax.plot(epoch_numbers, h["accuracy"], "--", color=color, alpha=0.6, label=f"{name} (entraînement)")
    ax.plot(epoch_numbers, h["val_accuracy"], "-", color=color, label=f"{name} (validation)")
ax.set(xlabel="époque", ylabel="justesse", xticks=list(epoch_numbers)[::2] + [epochs])
ax.grid(alpha=0.3)
ax.legend(fontsize="small")
fig.suptitle("Augmentation de données sur 1 000 images : justesse d'entraînement (tirets) et de validation")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Justesse par époque, de 1 à {epochs}, pour trois entraînements ({', '.join(histories)}), en tirets "
    f"sur l'entraînement et en trait plein sur la validation. Justesse de validation à la dernière époque, "
    + ", ".join(f"{h['val_accuracy'][-1]:.3f} ({name})" for name, h in histories.items()) + "."
)
plt.show()
# --8<-- [end:courbes]
