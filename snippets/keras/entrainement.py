# --8<-- [start:donnees]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow
tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.astype("float32") / 255.0  # pixels 0–255 → 0–1
x_test = x_test.astype("float32") / 255.0
class_names = ["T-shirt/haut", "Pantalon", "Pull", "Robe", "Manteau",
               "Sandale", "Chemise", "Basket", "Sac", "Bottine"]
print(x_train.shape, y_train.shape, x_test.shape, y_test.shape)
#> (60000, 28, 28) (60000,) (10000, 28, 28) (10000,)
# --8<-- [end:donnees]

# --8<-- [start:modele]
def build_model():
    """Petit réseau dense 784 → 128 → 10, compilé et prêt à entraîner."""
    model = keras.Sequential([
        keras.Input(shape=(28, 28)),
        layers.Flatten(),
        layers.Dense(128, activation="relu"),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
                  metrics=["accuracy"])
    return model
# --8<-- [end:modele]

# --8<-- [start:fit_split]
model = build_model()
history = model.fit(
    x_train, y_train,
    epochs=5,
    batch_size=128,
    validation_split=0.2,  # les 20 % DERNIERS exemples servent à la validation
    verbose=0,
)
for epoch, (acc, val_acc) in enumerate(zip(history.history["accuracy"],
                                           history.history["val_accuracy"]), start=1):
    print(f"époque {epoch} : justesse {acc:.3f}, justesse de validation {val_acc:.3f}")
#> époque 1 : justesse 0.804, justesse de validation 0.846
#> époque 2 : justesse 0.854, justesse de validation 0.858
#> époque 3 : justesse 0.867, justesse de validation 0.866
#> époque 4 : justesse 0.876, justesse de validation 0.871±0.002
#> époque 5 : justesse 0.883±0.002, justesse de validation 0.874
# --8<-- [end:fit_split]

# --8<-- [start:verif_split]
n_val = int(len(x_train) * 0.2)
last_loss = model.evaluate(x_train[-n_val:], y_train[-n_val:], batch_size=128, verbose=0)[0]
first_loss = model.evaluate(x_train[:n_val], y_train[:n_val], batch_size=128, verbose=0)[0]
val_loss = history.history["val_loss"][-1]
print(f"val_loss de la dernière époque      : {val_loss:.4f}")
#> val_loss de la dernière époque      : 0.3541±0.008
print(f"perte sur les {n_val} DERNIERS exemples : {last_loss:.4f}")
#> perte sur les 12000 DERNIERS exemples : 0.3541±0.008
print(f"perte sur les {n_val} PREMIERS exemples : {first_loss:.4f}")
#> perte sur les 12000 PREMIERS exemples : 0.3035±0.003
print("la validation = les derniers exemples :", bool(np.isclose(val_loss, last_loss, atol=1e-4)))
#> la validation = les derniers exemples : True
# --8<-- [end:verif_split]

# --8<-- [start:validation_data]
# Un découpage aléatoire que l'on contrôle : 10 000 exemples d'entraînement,
# 5 000 de validation, pris dans des positions tirées au hasard
rng = np.random.default_rng(42)
order = rng.permutation(len(x_train))
x_small, y_small = x_train[order[:10_000]], y_train[order[:10_000]]
x_val, y_val = x_train[order[-5_000:]], y_train[order[-5_000:]]
print(x_small.shape, x_val.shape)
#> (10000, 28, 28) (5000, 28, 28)
print("exemples par classe dans la validation :", np.bincount(y_val))
#> exemples par classe dans la validation : [499 452 503 553 501 501 523 497 491 480]
# --8<-- [end:validation_data]

# --8<-- [start:callbacks]
callbacks = [
    keras.callbacks.EarlyStopping(
        monitor="val_loss",
        patience=3,
        restore_best_weights=True,
    ),
    keras.callbacks.ModelCheckpoint(
        "best_model.keras",
        monitor="val_loss",
        save_best_only=True,
    ),
]

model_cb = build_model()
history_cb = model_cb.fit(
    x_small, y_small,
    epochs=50,
    batch_size=64,
    validation_data=(x_val, y_val),
    callbacks=callbacks,
    verbose=0,
)
val_losses = history_cb.history["val_loss"]
best = int(np.argmin(val_losses))
print(f"époques effectuées : {len(val_losses)} sur 50")
#> époques effectuées : ... sur 50
print(f"meilleure époque : {best + 1}")
#> meilleure époque : ...
print(f"meilleure val_loss : {val_losses[best]:.4f}")
#> meilleure val_loss : 0.4004±0.003
# --8<-- [end:callbacks]

# --8<-- [start:verif_callbacks]
restored_loss = model_cb.evaluate(x_val, y_val, verbose=0)[0]
saved_model = keras.models.load_model("best_model.keras")
saved_loss = saved_model.evaluate(x_val, y_val, verbose=0)[0]
print("poids restaurés = meilleure époque :", bool(np.isclose(restored_loss, val_losses[best], atol=1e-4)))
#> poids restaurés = meilleure époque : True
print("fichier best_model.keras = meilleure époque :", bool(np.isclose(saved_loss, val_losses[best], atol=1e-4)))
#> fichier best_model.keras = meilleure époque : True
# --8<-- [end:verif_callbacks]

# --8<-- [start:sans_validation]
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    build_model().fit(x_small[:1000], y_small[:1000], epochs=1, verbose=0, callbacks=[
        keras.callbacks.EarlyStopping(monitor="val_loss", patience=3),
        keras.callbacks.ModelCheckpoint("sans_validation.keras", save_best_only=True),
    ])
for warning in caught:
    if issubclass(warning.category, UserWarning):
        print(warning.message)
#> Early stopping conditioned on metric `val_loss` which is not available. Available metrics are: accuracy,loss
#> Can save best model only with val_loss available.
# --8<-- [end:sans_validation]

# --8<-- [start:courbes]
import matplotlib.pyplot as plt

epochs = np.arange(1, len(val_losses) + 1)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4))
ax_loss.plot(epochs, history_cb.history["loss"], "o-", label="entraînement")
ax_loss.plot(epochs, val_losses, "o-", label="validation")
ax_loss.set_title("Perte (sparse categorical cross-entropy)")
ax_acc.plot(epochs, history_cb.history["accuracy"], "o-", label="entraînement")
ax_acc.plot(epochs, history_cb.history["val_accuracy"], "o-", label="validation")
ax_acc.set_title("Justesse")
for ax in (ax_loss, ax_acc):
    ax.axvline(best + 1, color="gray", linestyle="--", label="meilleure époque")
    ax.set_xlabel("époque")
    ax.grid(alpha=0.3)
    ax.legend()
fig.suptitle("Historique d'entraînement avec EarlyStopping (10 000 images Fashion-MNIST)")
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Deux graphiques par époque, de 1 à {len(val_losses)}, la perte à gauche et la justesse à droite, sur "
    f"l'entraînement et sur la validation. Une ligne en tirets marque la meilleure époque, l'époque {best + 1}, "
    f"où la perte de validation est minimale ({val_losses[best]:.4f}). L'entraînement s'arrête "
    f"{len(val_losses) - best - 1} époques plus tard."
)
plt.show()
# --8<-- [end:courbes]

# --8<-- [start:evaluation]
test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
print(f"perte sur le jeu de test : {test_loss:.3f}")
#> perte sur le jeu de test : 0.381±0.008
print(f"justesse sur le jeu de test : {test_accuracy:.3f}")
#> justesse sur le jeu de test : 0.865±0.004
# --8<-- [end:evaluation]

# --8<-- [start:prediction]
probabilities = model.predict(x_test, verbose=0)
print(probabilities.shape)
#> (10000, 10)
predicted_classes = probabilities.argmax(axis=1)
print("classes prédites :", predicted_classes[:12])
#> classes prédites : [...]
print("vraies étiquettes :", y_test[:12])
#> vraies étiquettes : [9 2 1 1 6 1 4 6 5 7 4 5]
# --8<-- [end:prediction]

# --8<-- [start:un_exemple]
sample = x_test[:1]  # une tranche garde la dimension du lot
print(x_test[0].shape, "→", sample.shape)
#> (28, 28) → (1, 28, 28)
single = model.predict(sample, verbose=0)
print(f"prédiction : classe {single.argmax()} ({class_names[single.argmax()]}) ; "
      f"vraie : {y_test[0]} ({class_names[y_test[0]]})")
#> prédiction : classe 9 (Bottine) ; vraie : 9 (Bottine)
for i, prob in enumerate(single[0]):
    print(f"classe {i} {class_names[i]:<13} {prob:.3f}")
#> classe 0 T-shirt/haut  0.000
#> classe 1 Pantalon      0.000
#> classe 2 Pull          0.000
#> classe 3 Robe          0.000
#> classe 4 Manteau       0.000
#> classe 5 Sandale       0.037±0.02
#> classe 6 Chemise       0.000
#> classe 7 Basket        0.064±0.03
#> classe 8 Sac           0.002±0.002
#> classe 9 Bottine       0.897±0.03
print(f"somme des probabilités : {single.sum():.3f}")
#> somme des probabilités : 1.000
# --8<-- [end:un_exemple]

# --8<-- [start:sans_lot]
try:
    model.predict(x_test[0], verbose=0)  # forme (28, 28) : pas de dimension de lot
except ValueError as error:
    print("ValueError :", str(error).splitlines()[0])
#> ValueError : Exception encountered when calling Sequential.call().
# --8<-- [end:sans_lot]
