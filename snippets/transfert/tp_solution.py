# --8<-- [start:donnees]
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)
tf.config.experimental.enable_op_determinism()

(x_train_all, y_train_all), (x_test_all, y_test_all) = keras.datasets.fashion_mnist.load_data()
x_train_all = x_train_all[..., np.newaxis].astype("float32") / 255.0
x_test_all = x_test_all[..., np.newaxis].astype("float32") / 255.0

# Tâche cible : sandale (0) contre basket (1) ; tâche source : les 8 autres classes
source_classes = [0, 1, 2, 3, 4, 6, 8, 9]
rng = np.random.default_rng(42)
in_source = np.flatnonzero(np.isin(y_train_all, source_classes))
in_source = rng.choice(in_source, size=12_000, replace=False)  # budget : 1 500 images par classe en moyenne
x_source = x_train_all[in_source]
y_source = np.searchsorted(source_classes, y_train_all[in_source])

in_target = np.flatnonzero(np.isin(y_train_all, [5, 7]))
labelled = rng.choice(in_target, size=200, replace=False)  # les 200 seules images étiquetées
x_labelled, y_labelled = x_train_all[labelled], (y_train_all[labelled] == 7).astype("float32")
in_target_test = np.isin(y_test_all, [5, 7])
x_test, y_test = x_test_all[in_target_test], (y_test_all[in_target_test] == 7).astype("float32")

# Découpage 80/20 des 200 images, en tf.data comme le ferait image_dataset_from_directory
train_ds = tf.data.Dataset.from_tensor_slices((x_labelled[:160], y_labelled[:160]))
train_ds = train_ds.shuffle(160, seed=42).batch(32)
val_ds = tf.data.Dataset.from_tensor_slices((x_labelled[160:], y_labelled[160:])).batch(32)
print(f"source : {len(x_source)} images ; cible : {len(x_labelled)} images étiquetées ; test : {len(x_test)} images")
print(f"{int(train_ds.cardinality())} lots d'entraînement, {int(val_ds.cardinality())} lots de validation")
#> source : 12000 images ; cible : 200 images étiquetées ; test : 2000 images
#> 5 lots d'entraînement, 2 lots de validation
# --8<-- [end:donnees]

# --8<-- [start:base]
def make_base():
    blocks = []
    for filters in (16, 32, 64):
        blocks += [layers.Conv2D(filters, 3, padding="same", use_bias=False),
                   layers.BatchNormalization(momentum=0.9), layers.ReLU(), layers.MaxPooling2D(2)]
    # corps convolutif seul (le dernier MaxPooling2D est retiré) : sortie 7×7×64
    return keras.Sequential([keras.Input(shape=(28, 28, 1)), *blocks[:-1]], name="base")


source_model = keras.Sequential([make_base(), layers.Flatten(),
                                 layers.Dense(len(source_classes), activation="softmax")])
source_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
history_source = source_model.fit(x_source, y_source, epochs=2, batch_size=128, verbose=0)
print(f"base entraînée en {time.perf_counter() - start:.0f} s, justesse"
      f" {history_source.history['accuracy'][-1]:.3f} sur les 8 classes source")
source_model.save("base_tp.keras")
#> base entraînée en ... s, justesse 0.878±0.004 sur les 8 classes source
# --8<-- [end:base]

# --8<-- [start:extraction]
def transfer_model(head=layers.Flatten):
    """Base relue sur le disque et gelée, puis la tête : aplatissement (ou pooling) et Dense(1)."""
    base = keras.models.load_model("base_tp.keras").get_layer("base")
    base.trainable = False
    inputs = keras.Input(shape=(28, 28, 1))
    x = base(inputs, training=False)
    x = head()(x)
    outputs = layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model, base


model, base = transfer_model()
history = model.fit(train_ds, epochs=20, validation_data=val_ds, shuffle=False, verbose=0)  # déjà mélangé
acc_before = model.evaluate(x_test, y_test, verbose=0)[1]
print(f"extraction : validation {history.history['val_accuracy'][-1]:.3f} (40 images),"
      f" test {acc_before:.3f} ({len(x_test)} images)")
model.save("extraction_tp.keras")
#> extraction : validation 0.925 (40 images), test 0.959±0.004 (2000 images)
# --8<-- [end:extraction]

# --8<-- [start:fine_tuning]
def fine_tune(model, base, learning_rate, n_layers=3, epochs=10):
    base.trainable = True
    for layer in base.layers[:-n_layers]:  # dernier bloc : Conv2D, BatchNormalization, ReLU
        layer.trainable = False
    for layer in base.layers:
        if isinstance(layer, layers.BatchNormalization):
            layer.trainable = False  # gelée : reste en mode inférence (Keras 3)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy",
                  metrics=["accuracy"])
    model.fit(train_ds, epochs=epochs, validation_data=val_ds, shuffle=False, verbose=0)
    return model.evaluate(x_test, y_test, verbose=0)[1]


acc_after = fine_tune(model, base, learning_rate=1e-4)
print(f"justesse sur le test : {acc_before:.3f} avant fine-tuning, {acc_after:.3f} après")
#> justesse sur le test : 0.959±0.004 avant fine-tuning, 0.960±0.002 après
# --8<-- [end:fine_tuning]

# --8<-- [start:predictions]
probas = model.predict(x_test[:16], verbose=0).ravel()
fig, axes = plt.subplots(2, 8, figsize=(10, 4), layout="constrained")
for ax, image, label, proba in zip(axes.flat, x_test[:16], y_test[:16], probas):
    predicted = int(proba > 0.5)
    ax.imshow(image[..., 0], cmap="gray_r")
    truth = "" if predicted == label else f"\n(vrai : {('sandale', 'basket')[int(label)]})"
    ax.set_title(f"{('sandale', 'basket')[predicted]}\n{max(proba, 1 - proba):.0%}{truth}",
                 color="green" if predicted == label else "red", fontsize=9)
    ax.axis("off")
errors = np.flatnonzero((model.predict(x_test, verbose=0).ravel() > 0.5) != y_test)
fig.suptitle(f"Sandale ou basket : 16 images de test ({len(errors)} erreurs sur {len(x_test)} au total)")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Seize images de test en deux lignes de huit, chacune titrée de la classe prédite et de sa probabilité, "
    f"en vert si elle est juste, en rouge avec la vraie classe sinon. "
    f"{int(np.sum((probas > 0.5) != y_test[:16]))} des 16 sont mal classées. Sur tout le jeu de test, "
    f"{len(errors)} erreurs sur {len(x_test)} images."
)
plt.show()
# --8<-- [end:predictions]

# --8<-- [start:taux]
for learning_rate in (1e-5, 1e-2):
    model, base = transfer_model()
    model.set_weights(keras.models.load_model("extraction_tp.keras").get_weights())  # même départ
    print(f"fine-tuning avec un taux de {learning_rate:g} : test {fine_tune(model, base, learning_rate):.3f}")
#> fine-tuning avec un taux de 1e-05 : test 0.960±0.006
#> fine-tuning avec un taux de 0.01 : test 0.936±0.02
# --8<-- [end:taux]

# --8<-- [start:pooling]
model_gap, _ = transfer_model(head=layers.GlobalAveragePooling2D)
history_gap = model_gap.fit(train_ds, epochs=20, validation_data=val_ds, shuffle=False, verbose=0)
print(f"GlobalAveragePooling2D ({model_gap.layers[-1].count_params()} poids dans la tête) :"
      f" entraînement {history_gap.history['accuracy'][-1]:.3f},"
      f" test {model_gap.evaluate(x_test, y_test, verbose=0)[1]:.3f}")
print(f"Flatten ({model.layers[-1].count_params()} poids dans la tête) :"
      f" entraînement {history.history['accuracy'][-1]:.3f}, test {acc_before:.3f}")
#> GlobalAveragePooling2D (65 poids dans la tête) : entraînement 0.637±0.09, test 0.701±0.04
#> Flatten (3137 poids dans la tête) : entraînement 1.000, test 0.959±0.004

# Manque d'entraînement ? 20 époques ne font que 100 étapes : on en ajoute 1 000 (200 époques)
more = model_gap.fit(train_ds, epochs=200, validation_data=val_ds, shuffle=False, verbose=0)
print(f"GlobalAveragePooling2D, 200 époques de plus : entraînement {more.history['accuracy'][-1]:.3f},"
      f" test {model_gap.evaluate(x_test, y_test, verbose=0)[1]:.3f}")
#> GlobalAveragePooling2D, 200 époques de plus : entraînement ..., test ...
# --8<-- [end:pooling]

# --8<-- [start:zero]
scratch = keras.Sequential([make_base(), layers.Flatten(), layers.Dense(1, activation="sigmoid")])
scratch.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
scratch.fit(train_ds, epochs=30, validation_data=val_ds, shuffle=False, verbose=0)
print(f"depuis zéro, mêmes 160 images : test {scratch.evaluate(x_test, y_test, verbose=0)[1]:.3f}")
#> depuis zéro, mêmes 160 images : test 0.959±0.004
# --8<-- [end:zero]

# --8<-- [start:visages]
from skimage.data import lfw_subset

# 200 images 25×25 en niveaux de gris : 100 visages puis 100 non-visages
faces = lfw_subset()[..., np.newaxis].astype("float32")
faces = keras.ops.convert_to_numpy(keras.ops.image.resize(faces, (28, 28)))
is_face = np.r_[np.ones(100), np.zeros(100)].astype("float32")
order = np.random.default_rng(0).permutation(200)
x_faces, y_faces = faces[order], is_face[order]
split = 100  # 100 images pour entraîner, 100 pour tester

face_model, _ = transfer_model()
face_model.fit(x_faces[:split], y_faces[:split], epochs=30, batch_size=32, verbose=0)
face_scratch = keras.Sequential([make_base(), layers.Flatten(), layers.Dense(1, activation="sigmoid")])
face_scratch.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
face_scratch.fit(x_faces[:split], y_faces[:split], epochs=30, batch_size=32, verbose=0)
for name, candidate in [("extraction (base Fashion-MNIST)", face_model), ("depuis zéro", face_scratch)]:
    print(f"visages : {name} : test {candidate.evaluate(x_faces[split:], y_faces[split:], verbose=0)[1]:.2f}")
#> visages : extraction (base Fashion-MNIST) : test 0.99
#> visages : depuis zéro : test 0.99
# --8<-- [end:visages]
