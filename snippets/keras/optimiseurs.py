# --8<-- [start:donnees]
import math

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits

tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

# Chiffres de scikit-learn : 1 797 images 8 × 8, coupées en entraînement et validation
digits = load_digits()
rng = np.random.default_rng(0)
order = rng.permutation(len(digits.data))
x_all = (digits.data[order] / 16.0).astype("float32")
y_all = digits.target[order]
x_train, y_train = x_all[:1400], y_all[:1400]
x_val, y_val = x_all[1400:], y_all[1400:]
print("entraînement :", x_train.shape, " validation :", x_val.shape)
#> entraînement : (1400, 64)  validation : (397, 64)


def build_model(optimizer):
    """Le même petit réseau 64 → 64 → 10, avec les mêmes poids de départ à chaque appel."""
    keras.utils.set_random_seed(42)
    model = keras.Sequential([
        keras.Input(shape=(64,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model
# --8<-- [end:donnees]

# --8<-- [start:etapes]
class StepCounter(keras.callbacks.Callback):
    """Compte les étapes (mises à jour des poids) de chaque époque."""

    def on_epoch_begin(self, epoch, logs=None):
        self.steps = 0

    def on_train_batch_end(self, batch, logs=None):
        self.steps += 1


model = build_model("sgd")
for batch_size in [32, 128, len(x_train)]:
    counter = StepCounter()
    model.fit(x_train, y_train, batch_size=batch_size, epochs=1, callbacks=[counter], verbose=0)
    print(f"batch_size = {batch_size:4d} : étapes comptées = {counter.steps:2d}, "
          f"math.ceil({len(x_train)} / {batch_size}) = {math.ceil(len(x_train) / batch_size)}")
#> batch_size =   32 : étapes comptées = 44, math.ceil(1400 / 32) = 44
#> batch_size =  128 : étapes comptées = 11, math.ceil(1400 / 128) = 11
#> batch_size = 1400 : étapes comptées =  1, math.ceil(1400 / 1400) = 1
# --8<-- [end:etapes]

# --8<-- [start:comparaison]
optimizers = {
    "SGD": lambda: keras.optimizers.SGD(),
    "SGD + momentum 0,9": lambda: keras.optimizers.SGD(momentum=0.9),
    "RMSprop": lambda: keras.optimizers.RMSprop(),
    "Adam": lambda: keras.optimizers.Adam(),
}
histories = {}
for name, make_optimizer in optimizers.items():
    model = build_model(make_optimizer())
    history = model.fit(x_train, y_train, batch_size=64, epochs=10,
                        validation_data=(x_val, y_val), verbose=0)
    histories[name] = history.history
    print(f"{name:<19} perte {history.history['loss'][-1]:.3f}, "
          f"justesse de validation {history.history['val_accuracy'][-1]:.3f}")
#> SGD                 perte 1.863, justesse de validation 0.670
#> SGD + momentum 0,9  perte 0.341, justesse de validation 0.940
#> RMSprop             perte 0.412, justesse de validation 0.945
#> Adam                perte 0.431, justesse de validation 0.947
# --8<-- [end:comparaison]

# --8<-- [start:figure]
fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4), sharey=True)
fig.suptitle("Quatre optimiseurs, même réseau, mêmes poids de départ, 10 époques (chiffres de scikit-learn)")
for name, h in histories.items():
    epochs_axis = range(1, len(h["loss"]) + 1)
    ax1.plot(epochs_axis, h["loss"], label=name)
    ax2.plot(epochs_axis, h["val_loss"], label=name)
ax1.set_title("Perte d'entraînement")
ax2.set_title("Perte de validation")
for ax in (ax1, ax2):
    ax.set_xlabel("Époque")
    ax.set_xticks(range(1, 11))
ax1.set_ylabel("Perte (entropie croisée)")
ax1.legend()
plt.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Deux graphiques par époque, de 1 à 10, la perte d'entraînement à gauche et la perte de validation à "
    "droite, une courbe par optimiseur. Perte de validation à la dixième époque, "
    + ", ".join(f"{h['val_loss'][-1]:.3f} avec {name}" for name, h in histories.items()) + "."
)
plt.show()
# --8<-- [end:figure]
