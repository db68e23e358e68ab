# --8<-- [start:donnees]
import os
import tempfile

import keras
import numpy as np
from keras import layers

# Fashion-MNIST, réduit pour que chaque entraînement dure quelques secondes :
# 1 000 images d'entraînement, 2 000 de validation (prises dans la fin du jeu d'entraînement)
(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:1000], y_all[:1000]
x_val, y_val = x_all[54_000:56_000], y_all[54_000:56_000]


def build_model():
    """Un réseau dense trop gros pour 1 000 images : il finira par surapprendre."""
    model = keras.Sequential([keras.Input(shape=(784,)),
                              layers.Dense(256, activation="relu"),
                              layers.Dense(256, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


print(x_train.shape, x_val.shape)
#> (1000, 784) (2000, 784)
# --8<-- [end:donnees]

# --8<-- [start:arret]
keras.utils.set_random_seed(42)
model = build_model()
early_stopping = keras.callbacks.EarlyStopping(
    monitor="val_loss",         # la quantité surveillée
    patience=4,                 # époques sans amélioration tolérées
    restore_best_weights=True,  # à l'arrêt, revenir aux poids de la meilleure époque
)
history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=50, batch_size=32,
                    callbacks=[early_stopping], verbose=0)
val_loss = np.array(history.history["val_loss"])
print(f"arrêt après l'époque {len(val_loss)} sur 50 (stopped_epoch = {early_stopping.stopped_epoch})")
print(f"meilleure époque : {val_loss.argmin() + 1}, perte de validation {val_loss.min():.3f}")
print(f"dernière époque  : {len(val_loss)}, perte de validation {val_loss[-1]:.3f}")
restored_loss, _ = model.evaluate(x_val, y_val, verbose=0)
print(f"perte de validation du modèle rendu : {restored_loss:.3f}")
#> arrêt après l'époque 12 sur 50 (stopped_epoch = 11)
#> meilleure époque : 8, perte de validation 0.596
#> dernière époque  : 12, perte de validation 0.713
#> perte de validation du modèle rendu : 0.596
# --8<-- [end:arret]

# --8<-- [start:checkpoint]
folder = tempfile.mkdtemp()
keras.utils.set_random_seed(42)
model = build_model()
checkpoint = keras.callbacks.ModelCheckpoint(
    filepath=os.path.join(folder, "modele_{epoch:02d}_{val_loss:.3f}.keras"),
    monitor="val_loss",
    save_best_only=True,  # n'écrit que lorsque val_loss s'améliore
)
model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=12, batch_size=32,
          callbacks=[checkpoint], verbose=0)
files = sorted(os.listdir(folder))
print(len(files), "fichiers écrits en 12 époques ; le dernier :", files[-1])
best = keras.saving.load_model(os.path.join(folder, files[-1]))
print(f"perte de validation du meilleur modèle relu : {best.evaluate(x_val, y_val, verbose=0)[0]:.3f}")
#> 5 fichiers écrits en 12 époques ; le dernier : modele_08_0.596.keras
#> perte de validation du meilleur modèle relu : 0.596
# --8<-- [end:checkpoint]

# --8<-- [start:plateau]
keras.utils.set_random_seed(42)
model = build_model()
reduce_lr = keras.callbacks.ReduceLROnPlateau(monitor="val_loss", factor=0.5, patience=2, min_lr=1e-5)
csv_logger = keras.callbacks.CSVLogger(os.path.join(folder, "journal.csv"))
report = keras.callbacks.LambdaCallback(  # une fonction appelée à la fin de chaque époque
    on_epoch_end=lambda epoch, logs: print(
        f"époque {epoch + 1:>2} : val_loss {logs['val_loss']:.3f}, "
        f"taux d'apprentissage {logs['learning_rate']:.6f}"))  # celui de l'époque écoulée
history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=12, batch_size=32,
                    callbacks=[reduce_lr, csv_logger, report], verbose=0)
#> époque  1 : val_loss 0.755, taux d'apprentissage 0.001000
#> époque  2 : val_loss 0.679, taux d'apprentissage 0.001000
#> époque  3 : val_loss 0.650, taux d'apprentissage 0.001000
#> époque  4 : val_loss 0.656, taux d'apprentissage 0.001000
#> époque  5 : val_loss 0.656, taux d'apprentissage 0.001000
#> époque  6 : val_loss 0.553, taux d'apprentissage 0.000500
#> époque  7 : val_loss 0.552, taux d'apprentissage 0.000500
#> époque  8 : val_loss 0.554±0.002, taux d'apprentissage 0.000500
#> époque  9 : val_loss 0.569, taux d'apprentissage 0.000500
#> époque 10 : val_loss 0.581±0.002, taux d'apprentissage 0.000250
#> époque 11 : val_loss 0.589, taux d'apprentissage 0.000250
#> époque 12 : val_loss 0.550, taux d'apprentissage 0.000125
# --8<-- [end:plateau]

# --8<-- [start:csv]
with open(os.path.join(folder, "journal.csv")) as csv_file:
    lines = csv_file.read().splitlines()
print(len(lines), "lignes ; les 4 premières :")
print("\n".join(lines[:4]))
rates = history.history["learning_rate"]  # le même taux, relu dans l'historique de fit
print("taux par époque (historique) :", " ".join(f"{rate:g}" for rate in rates))
#> 13 lignes ; les 4 premières :
#> epoch,accuracy,learning_rate,loss,val_accuracy,val_loss
#> 0,0.5789999961853027,0.0010000000474974513,1.2261207103729248,0.7354999780654907,0.755172848701477±2e-07
#> 1,0.7599999904632568,0.0010000000474974513,0.6990633606910706±2e-07,0.7415000200271606,0.6785380840301514±3e-07
#> 2,0.8270000219345093,0.0010000000474974513,0.5106613636016846±3e-07,0.7684999704360962,0.6501803994178772±2e-07
#> taux par époque (historique) : 0.001 0.001 0.001 0.001 0.001 0.0005 0.0005 0.0005 0.0005 0.00025 0.00025 0.000125
# --8<-- [end:csv]
