# --8<-- [start:calendrier]
import os
import tempfile

import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

# Fashion-MNIST : 10 000 images d'entraînement, 5 000 de validation prises dans la fin du jeu
(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train_10k, y_train_10k = x_all[:10_000], y_all[:10_000]
x_val_5k, y_val_5k = x_all[54_000:59_000], y_all[54_000:59_000]

epochs, batch_size = 10, 128
steps_per_epoch = int(np.ceil(len(x_train_10k) / batch_size))
total_steps = epochs * steps_per_epoch

# Une époque de montée linéaire (warmup) de 0 à 0,003, puis une demi-période de cosinus jusqu'à 0
schedule = keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=0.0, warmup_target=0.003, warmup_steps=steps_per_epoch,
    decay_steps=total_steps - steps_per_epoch)
for step in [0, steps_per_epoch // 2, steps_per_epoch, total_steps // 2, total_steps - 1]:
    print(f"étape {step:4d} : taux {float(schedule(step)):.6f}")
#> étape    0 : taux 0.000000
#> étape   39 : taux 0.001481
#> étape   79 : taux 0.003000
#> étape  395 : taux 0.001760
#> étape  789 : taux 0.000000
# --8<-- [end:calendrier]

# --8<-- [start:comparaison]
def dense_model(learning_rate):
    model = keras.Sequential([keras.Input(shape=(784,)),
                              layers.Dense(256, activation="relu"),
                              layers.Dense(256, activation="relu"),
                              layers.Dense(10, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model


curves = {"taux constant": [], "montée puis cosinus": []}
for seed in range(3):  # mêmes poids de départ et mêmes lots pour les deux réglages d'une graine
    for name, rate in [("taux constant", 0.003), ("montée puis cosinus", schedule)]:
        keras.utils.set_random_seed(seed)
        history = dense_model(rate).fit(x_train_10k, y_train_10k, validation_data=(x_val_5k, y_val_5k),
                                        epochs=epochs, batch_size=batch_size, verbose=0)
        curves[name].append(history.history["val_accuracy"])
    constant, scheduled = curves["taux constant"][-1][-1], curves["montée puis cosinus"][-1][-1]
    print(f"graine {seed} : justesse de validation finale {constant:.3f} (constant) "
          f"contre {scheduled:.3f} (calendrier)")
wins = sum(c[-1] < s[-1] for c, s in zip(curves["taux constant"], curves["montée puis cosinus"]))
print(f"le calendrier finit au-dessus du taux constant pour {wins} graines sur 3")
#> graine 0 : justesse de validation finale 0.840±0.03 (constant) contre 0.877±0.002 (calendrier)
#> graine 1 : justesse de validation finale 0.855±0.02 (constant) contre 0.872±0.006 (calendrier)
#> graine 2 : justesse de validation finale 0.865±0.03 (constant) contre 0.872±0.008 (calendrier)
#> le calendrier finit au-dessus du taux constant pour 3 graines sur 3
# --8<-- [end:comparaison]

# --8<-- [start:figure]
fig, (ax_rate, ax_acc) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
steps = np.arange(total_steps)
ax_rate.plot(steps, [float(schedule(s)) for s in steps], color="tab:orange", label="montée puis cosinus")
ax_rate.axhline(0.003, color="tab:blue", label="taux constant")
ax_rate.axvline(steps_per_epoch, color="gray", linestyle=":", linewidth=1)
ax_rate.set_xlabel("étape (lot)")
ax_rate.set_ylabel("taux d'apprentissage")
ax_rate.set_title("Les deux réglages")
ax_rate.legend()
for name, color in [("taux constant", "tab:blue"), ("montée puis cosinus", "tab:orange")]:
    for i, curve in enumerate(curves[name]):
        ax_acc.plot(range(1, epochs + 1), curve, color=color, alpha=0.8, label=name if i == 0 else None)
ax_acc.set_xlabel("époque")
ax_acc.set_ylabel("justesse de validation")
ax_acc.set_title("Trois graines par réglage")
ax_acc.legend()
final = {name: [c[-1] for c in cs] for name, cs in curves.items()}
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Deux graphiques. À gauche, le taux d'apprentissage en fonction de l'étape : constant à 0.003 pour l'un "
    "des réglages ; pour l'autre, une montée linéaire de 0 à 0.003 pendant la première époque, puis une "
    "descente en demi-cosinus jusqu'à 0. À droite, la justesse de validation à chaque époque, trois courbes "
    "par réglage : les courbes du taux constant finissent entre "
    f"{min(final['taux constant']):.3f} et {max(final['taux constant']):.3f}, celles du calendrier entre "
    f"{min(final['montée puis cosinus']):.3f} et {max(final['montée puis cosinus']):.3f}.")
plt.show()
# --8<-- [end:figure]

# --8<-- [start:reprise]
backup_dir = os.path.join(tempfile.mkdtemp(), "sauvegarde")


class Panne(keras.callbacks.Callback):
    """Simule une machine qui s'arrête à la fin de la troisième époque."""

    def on_epoch_end(self, epoch, logs=None):
        if epoch == 2:
            raise RuntimeError("panne simulée après l'époque 3")


class Epoques(keras.callbacks.Callback):
    """Note les époques réellement exécutées (numérotées à partir de 1)."""

    def on_train_begin(self, logs=None):
        self.done = []

    def on_epoch_end(self, epoch, logs=None):
        self.done.append(epoch + 1)


keras.utils.set_random_seed(0)
first, seen = dense_model(0.001), Epoques()
try:
    first.fit(x_train_10k, y_train_10k, epochs=6, batch_size=batch_size, verbose=0,
              callbacks=[keras.callbacks.BackupAndRestore(backup_dir), seen, Panne()])  # sauvegarde avant la panne
except RuntimeError as error:
    print("interrompu :", error, "| époques faites :", seen.done)
print("dans le dossier de sauvegarde :", sorted(os.listdir(backup_dir)))

# Un nouveau processus recréerait le modèle ; BackupAndRestore le remet où il en était
second, seen = dense_model(0.001), Epoques()
history = second.fit(x_train_10k, y_train_10k, epochs=6, batch_size=batch_size, verbose=0,
                     callbacks=[keras.callbacks.BackupAndRestore(backup_dir), seen])
print("reprise : époques faites :", seen.done)
print("dossier de sauvegarde après un entraînement complet :", os.path.exists(backup_dir))
#> interrompu : panne simulée après l'époque 3 | époques faites : [1, 2, 3]
#> dans le dossier de sauvegarde : ['latest.weights.h5', 'training_metadata.json']
#> reprise : époques faites : [4, 5, 6]
#> dossier de sauvegarde après un entraînement complet : False
# --8<-- [end:reprise]

# --8<-- [start:nan]
keras.utils.set_random_seed(0)
model = dense_model(0.001)  # on n'en garde que l'architecture : compilé de nouveau ci-dessous
model.compile(optimizer=keras.optimizers.SGD(learning_rate=5.0), loss="sparse_categorical_crossentropy")
history = model.fit(x_train_10k * 255, y_train_10k, epochs=5, batch_size=batch_size, verbose=0,  # pixels non normalisés
                    callbacks=[keras.callbacks.TerminateOnNaN()])
print("époques commencées :", len(history.history["loss"]), "sur 5")
print("dernière perte :", history.history["loss"][-1])
#> Batch 3: Invalid loss, terminating training
#> époques commencées : 1 sur 5
#> dernière perte : nan
# --8<-- [end:nan]

# --8<-- [start:exercice_paliers]
def by_steps(epoch, learning_rate):
    """Divise le taux par 10 au début des époques 4 et 7 (numérotées à partir de 1)."""
    return learning_rate / 10 if epoch in (3, 6) else learning_rate


keras.utils.set_random_seed(0)
history = dense_model(0.003).fit(x_train_10k, y_train_10k, epochs=8, batch_size=batch_size, verbose=0,
                                 callbacks=[keras.callbacks.LearningRateScheduler(by_steps)])
for epoch, rate in enumerate(history.history["learning_rate"], 1):
    print(f"époque {epoch} : taux {rate:.6f}")
#> époque 1 : taux 0.003000
#> époque 2 : taux 0.003000
#> époque 3 : taux 0.003000
#> époque 4 : taux 0.000300
#> époque 5 : taux 0.000300
#> époque 6 : taux 0.000300
#> époque 7 : taux 0.000030
#> époque 8 : taux 0.000030
# --8<-- [end:exercice_paliers]
