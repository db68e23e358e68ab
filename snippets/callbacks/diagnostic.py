# --8<-- [start:donnees]
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

(x_all, y_all), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_test = x_test.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:1000], y_all[:1000]            # peu d'images : le terrain du surapprentissage
x_val, y_val = x_all[54_000:56_000], y_all[54_000:56_000]  # pour surveiller l'entraînement
x_test, y_test = x_test[:2000], y_test[:2000]              # pour juger à la fin, jamais vu avant


def build_model(dropout=0.0):
    model_layers = [keras.Input(shape=(784,))]
    for _ in range(2):
        model_layers.append(layers.Dense(256, activation="relu"))
        if dropout:
            model_layers.append(layers.Dropout(dropout))
    model_layers.append(layers.Dense(10, activation="softmax"))
    return keras.Sequential(model_layers)


variants = {  # nom : (taux de dropout, optimiseur, callbacks)
    "référence": (0.0, lambda: keras.optimizers.Adam(1e-3), []),
    "dropout 0.5": (0.5, lambda: keras.optimizers.Adam(1e-3), []),
    "weight decay": (0.0, lambda: keras.optimizers.AdamW(1e-3, weight_decay=3.0), []),
    "arrêt précoce": (0.0, lambda: keras.optimizers.Adam(1e-3),
                      [keras.callbacks.EarlyStopping(monitor="val_loss", patience=4, restore_best_weights=True)]),
}
print(x_train.shape, x_val.shape, x_test.shape)
#> (1000, 784) (2000, 784) (2000, 784)

# AdamW : à chaque étape, chaque poids perd la fraction taux × weight_decay de sa valeur (en plus du pas d'Adam)
adamw = variants["weight decay"][1]()
shrink = float(adamw.learning_rate) * adamw.weight_decay
steps = 25 * int(np.ceil(len(x_train) / 64))  # 25 époques de lots de 64
print(f"AdamW : poids × (1 − {shrink:.3f}) par étape, × {(1 - shrink) ** steps:.2f} en {steps} étapes "
      f"(par défaut, weight_decay = {keras.optimizers.AdamW().weight_decay})")
#> AdamW : poids × (1 − 0.003) par étape, × 0.30 en 400 étapes (par défaut, weight_decay = 0.004)
# --8<-- [end:donnees]

# --8<-- [start:entrainements]
histories, scores = {}, {}
for name, (dropout, make_optimizer, callbacks) in variants.items():
    keras.utils.set_random_seed(42)  # mêmes poids de départ, mêmes lots
    model = build_model(dropout)
    model.compile(optimizer=make_optimizer(), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    histories[name] = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=25, batch_size=64,
                                callbacks=callbacks, verbose=0).history
    scores[name] = (model.evaluate(x_val, y_val, verbose=0)[0],  # perte de validation du modèle rendu
                    model.evaluate(x_test, y_test, verbose=0)[1])  # justesse de test

for name, h in histories.items():
    val_loss = np.array(h["val_loss"])
    print(f"{name} : {len(val_loss)} époques, meilleure époque {val_loss.argmin() + 1}")

# écart : justesse d'entraînement − justesse de validation, à la dernière époque
print(f"{'':<14} val_loss min   rendu   écart   test")
for name, h in histories.items():
    gap = h["accuracy"][-1] - h["val_accuracy"][-1]
    print(f"{name:<14} {min(h['val_loss']):12.3f} {scores[name][0]:7.3f} {gap:7.3f} {scores[name][1]:6.3f}")
#> référence : 25 époques, meilleure époque 7
#> dropout 0.5 : 25 époques, meilleure époque 23±10
#> weight decay : 25 époques, meilleure époque 12
#> arrêt précoce : 11 époques, meilleure époque 7
#>                val_loss min   rendu   écart   test
#> référence             0.557±0.002   0.856±0.3   0.201±0.05  0.780±0.07
#> dropout 0.5           0.539±0.004   0.551±0.002   0.074  0.814±0.02
#> weight decay          0.536±0.004   0.562±0.02   0.146±0.008  0.804±0.006
#> arrêt précoce         0.557±0.002   0.557±0.002   0.142±0.01  0.798±0.006
# --8<-- [end:entrainements]

# --8<-- [start:courbes]
fig, axes = plt.subplots(1, 4, figsize=(13, 3.6), sharey=True, layout="constrained")
for ax, (name, h) in zip(axes, histories.items()):
    epochs = np.arange(1, len(h["loss"]) + 1)
    ax.plot(epochs, h["loss"], "--", label="entraînement")
    ax.plot(epochs, h["val_loss"], "o-", markersize=3, label="validation")
    best = int(np.argmin(h["val_loss"])) + 1
    ax.axvline(best, color="gray", linestyle=":", label=f"meilleure époque ({best})")
    ax.set(title=name, xlabel="époque", xlim=(0, 26), ylim=(0, 1.5))
    ax.grid(alpha=0.3)
    ax.legend(fontsize="small")
axes[0].set_ylabel("perte (entropie croisée)")
fig.suptitle("Surapprentissage sur 1 000 images de Fashion-MNIST, puis trois remèdes (mêmes données, même graine)")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Quatre graphiques côte à côte, un par entraînement, de la perte par époque sur l'entraînement (tirets) "
    "et sur la validation (points), une ligne verticale marquant l'époque où la perte de validation est minimale. "
    + ". ".join(f"{name}, minimum {min(h['val_loss']):.2f} à l'époque {int(np.argmin(h['val_loss'])) + 1} "
                f"sur {len(h['val_loss'])}" for name, h in histories.items()) + "."
)
plt.show()
# --8<-- [end:courbes]
