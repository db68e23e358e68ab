# --8<-- [start:seuil]
import keras
import numpy as np
from keras import layers

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:1000], y_all[:1000]
x_val, y_val = x_all[54_000:56_000], y_all[54_000:56_000]


class ArretAuSeuil(keras.callbacks.Callback):
    """Arrête l'entraînement dès que la métrique surveillée atteint le seuil."""

    def __init__(self, monitor="val_accuracy", threshold=0.8):
        super().__init__()
        self.monitor, self.threshold = monitor, threshold

    def on_epoch_end(self, epoch, logs=None):
        if logs[self.monitor] >= self.threshold:
            self.model.stop_training = True  # fit termine l'époque en cours, puis s'arrête


keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(64, activation="relu"),
                          layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=50, batch_size=32,
                    callbacks=[ArretAuSeuil()], verbose=0)
reached = history.history["val_accuracy"]
print(f"arrêté après {len(reached)} époques sur 50 ; seuil atteint à la dernière seulement :",
      reached[-1] >= 0.8 and all(v < 0.8 for v in reached[:-1]))
#> arrêté après ... époques sur 50 ; seuil atteint à la dernière seulement : True
# --8<-- [end:seuil]

# --8<-- [start:logs]
seen = {}
spy = keras.callbacks.LambdaCallback(  # un callback sans classe : une fonction par moment
    on_train_batch_end=lambda batch, logs: seen.setdefault("fin de lot", sorted(logs)),
    on_epoch_end=lambda epoch, logs: seen.setdefault("fin d'époque", sorted(logs)),
)
model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=1, batch_size=32, callbacks=[spy], verbose=0)
for moment, keys in seen.items():
    print(f"{moment:<13} {keys}")
#> fin de lot    ['accuracy', 'loss']
#> fin d'époque  ['accuracy', 'loss', 'val_accuracy', 'val_loss']
# --8<-- [end:logs]

# --8<-- [start:etapes]
class CompteEtapes(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.steps = 0

    def on_train_batch_end(self, batch, logs=None):
        self.steps += 1


counter = CompteEtapes()
model.fit(x_train, y_train, epochs=3, batch_size=32, callbacks=[counter], verbose=0)
print(f"{counter.steps} étapes = 3 époques × {int(np.ceil(len(x_train) / 32))} lots (le dernier, de "
      f"{len(x_train) % 32} images, compte comme les autres)")
#> 96 étapes = 3 époques × 32 lots (le dernier, de 8 images, compte comme les autres)
# --8<-- [end:etapes]
