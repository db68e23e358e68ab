# --8<-- [start:donnees]
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow
tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

class_names = ["T-shirt", "pantalon", "pull", "robe", "manteau",
               "sandale", "chemise", "basket", "sac", "bottine"]
(x_train_all, y_train_all), (x_test_all, y_test_all) = keras.datasets.fashion_mnist.load_data()
x_train_all = x_train_all[..., np.newaxis].astype("float32") / 255.0
x_test_all = x_test_all[..., np.newaxis].astype("float32") / 255.0

# Tâche cible : pull (0) contre manteau (1), deux classes que la tâche source ne verra jamais
target_classes = [2, 4]
source_classes = [k for k in range(10) if k not in target_classes]

# Tâche source : les 8 autres classes, toutes leurs images, étiquettes renumérotées de 0 à 7
in_source = np.isin(y_train_all, source_classes)
x_source, y_source = x_train_all[in_source], np.searchsorted(source_classes, y_train_all[in_source])
in_source_test = np.isin(y_test_all, source_classes)
x_source_test = x_test_all[in_source_test]
y_source_test = np.searchsorted(source_classes, y_test_all[in_source_test])

# Tâche cible : un réservoir d'images d'entraînement, dont on n'étiquettera que 200, et le test
in_target = np.isin(y_train_all, target_classes)
x_pool, y_pool = x_train_all[in_target], (y_train_all[in_target] == 4).astype("float32")
in_target_test = np.isin(y_test_all, target_classes)
x_test, y_test = x_test_all[in_target_test], (y_test_all[in_target_test] == 4).astype("float32")


def labelled_sample(seed, n=200):
    """Les n images étiquetées de la tâche cible (un tirage par graine)."""
    index = np.random.default_rng(seed).permutation(len(x_pool) - 500)[:n]
    return x_pool[index], y_pool[index]


x_small, y_small = labelled_sample(seed=0)
x_val, y_val = x_pool[-500:], y_pool[-500:]  # jamais tirées : seulement pour tracer les courbes
print(f"source : {x_source.shape[0]} images, {len(source_classes)} classes ;"
      f" test source : {x_source_test.shape[0]}")
print(f"cible : {x_small.shape[0]} images étiquetées (dont {int(y_small.sum())} manteaux) ;"
      f" test cible : {x_test.shape[0]}")
#> source : 48000 images, 8 classes ; test source : 8000
#> cible : 200 images étiquetées (dont 97 manteaux) ; test cible : 2000
# --8<-- [end:donnees]

# --8<-- [start:base]
def conv_block(filters):
    # momentum=0.9 : moyennes glissantes à mémoire courte (200 images ne font que 7 lots par époque)
    return [layers.Conv2D(filters, 3, padding="same", use_bias=False),
            layers.BatchNormalization(momentum=0.9), layers.ReLU()]


def make_base():
    """Le corps convolutif : ce qui sera réutilisé d'une tâche à l'autre."""
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),
        *conv_block(16), layers.MaxPooling2D(2),
        *conv_block(32), layers.MaxPooling2D(2),
        *conv_block(64), layers.Flatten(),
    ], name="base")


source_model = keras.Sequential([make_base(), layers.Dense(len(source_classes), activation="softmax")])
source_model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
start = time.perf_counter()
source_model.fit(x_source, y_source, epochs=2, batch_size=128, verbose=0)
print(f"entraînement de la base : {time.perf_counter() - start:.0f} s")
_, source_acc = source_model.evaluate(x_source_test, y_source_test, verbose=0)
print(f"justesse sur le test source (8 classes) : {source_acc:.3f}")

source_model.save("modele_source.keras")
#> entraînement de la base : ... s
#> justesse sur le test source (8 classes) : 0.923±0.006
# --8<-- [end:base]

# --8<-- [start:extraction]
def extraction_model():
    """Base pré-entraînée relue sur le disque (copie neuve), gelée, et une tête neuve."""
    base = keras.models.load_model("modele_source.keras").get_layer("base")
    base.trainable = False
    inputs = keras.Input(shape=(28, 28, 1))
    features = base(inputs, training=False)  # BatchNormalization reste en mode inférence
    outputs = layers.Dense(1, activation="sigmoid")(features)
    model = keras.Model(inputs, outputs)
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return model, base


def test_accuracy(model):
    return model.evaluate(x_test, y_test, verbose=0)[1]


model, base = extraction_model()
trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"paramètres : {model.count_params():,}, dont entraînables : {trainable:,}")
history_extraction = model.fit(x_small, y_small, epochs=20, batch_size=32,
                               validation_data=(x_val, y_val), verbose=0)
results = {"depuis zéro": [], "extraction": [], "fine-tuning": []}  # une liste par méthode, graine 0 d'abord
results["extraction"].append(test_accuracy(model))
print(f"extraction de caractéristiques : justesse sur le test cible {results['extraction'][0]:.3f}")
#> paramètres : 26,769, dont entraînables : 3,137
#> extraction de caractéristiques : justesse sur le test cible 0.858±0.02
# --8<-- [end:extraction]

# --8<-- [start:fine_tuning]
def unfreeze_top(model, base, n_layers=4, learning_rate=1e-4):
    """Dégèle les n_layers dernières couches de la base, sauf BatchNormalization, et recompile."""
    base.trainable = True
    for layer in base.layers[:-n_layers]:
        layer.trainable = False
    for layer in base.layers[-n_layers:]:
        if isinstance(layer, layers.BatchNormalization):
            layer.trainable = False  # gelée, elle reste en mode inférence
    model.compile(optimizer=keras.optimizers.Adam(learning_rate), loss="binary_crossentropy",
                  metrics=["accuracy"])


unfreeze_top(model, base)
print("couches dégelées :", [layer.name for layer in base.layers if layer.trainable])
trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
print(f"paramètres entraînables : {trainable:,}")
moving_mean = base.layers[-3].moving_mean.numpy().copy()  # statistiques de la dernière BatchNormalization
history_fine = model.fit(x_small, y_small, epochs=10, batch_size=32,
                         validation_data=(x_val, y_val), verbose=0)
results["fine-tuning"].append(test_accuracy(model))
print(f"après fine-tuning : justesse sur le test cible {results['fine-tuning'][0]:.3f}")
print("moyennes glissantes inchangées :", np.array_equal(moving_mean, base.layers[-3].moving_mean.numpy()))
#> couches dégelées : ['conv2d_2', 're_lu_2', 'flatten']
#> paramètres entraînables : 21,569
#> après fine-tuning : justesse sur le test cible 0.854±0.006
#> moyennes glissantes inchangées : True
# --8<-- [end:fine_tuning]

# --8<-- [start:batchnorm]
# Contre-épreuve : le dernier bloc dégelé, BatchNormalization comprise (le code des diapositives)
check_model, check_base = extraction_model()
check_base.trainable = True
for layer in check_base.layers[:-4]:
    layer.trainable = False
before = check_base.layers[-3].moving_mean.numpy().copy()
check_model.compile(optimizer=keras.optimizers.Adam(1e-4), loss="binary_crossentropy")
check_model.fit(x_small, y_small, epochs=1, batch_size=32, verbose=0)
print("BatchNormalization dégelée, base appelée avec training=False :")
print("  moyennes glissantes inchangées :", np.array_equal(before, check_base.layers[-3].moving_mean.numpy()))
#> BatchNormalization dégelée, base appelée avec training=False :
#>   moyennes glissantes inchangées : False
# --8<-- [end:batchnorm]

# --8<-- [start:scratch]
def scratch_model():
    """Même architecture, poids aléatoires : aucun transfert."""
    model = keras.Sequential([make_base(), layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="binary_crossentropy", metrics=["accuracy"])
    return model


model_scratch = scratch_model()
history_scratch = model_scratch.fit(x_small, y_small, epochs=30, batch_size=32,
                                    validation_data=(x_val, y_val), verbose=0)
results["depuis zéro"].append(test_accuracy(model_scratch))
print(f"depuis zéro : justesse sur le test cible {results['depuis zéro'][0]:.3f}")
#> depuis zéro : justesse sur le test cible 0.844±0.008
# --8<-- [end:scratch]

# --8<-- [start:courbes]
fig, ax = plt.subplots(figsize=(8, 4), layout="constrained")
n_extraction = len(history_extraction.history["val_accuracy"])
n_scratch = len(history_scratch.history["val_accuracy"])
ax.plot(range(1, n_scratch + 1), history_scratch.history["val_accuracy"], label="depuis zéro")
ax.plot(range(1, n_extraction + 1), history_extraction.history["val_accuracy"], label="extraction (base gelée)")
ax.plot(range(n_extraction + 1, n_extraction + 11), history_fine.history["val_accuracy"], label="fine-tuning")
ax.axvline(n_extraction + 0.5, color="gray", linestyle=":")
ax.set(xlabel="époque", ylabel="justesse de validation", ylim=(0.5, 1))
ax.grid(alpha=0.3)
ax.legend()
ax.set_title("Pull contre manteau avec 200 images étiquetées")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Justesse de validation par époque, l'axe allant de 0,5 à 1, pour trois entraînements. Depuis zéro, "
    f"{n_scratch} époques, jusqu'à {max(history_scratch.history['val_accuracy']):.3f}. Extraction de "
    f"caractéristiques, la base gelée, {n_extraction} époques, jusqu'à "
    f"{max(history_extraction.history['val_accuracy']):.3f}. Puis, après une ligne verticale, 10 époques de "
    f"fine-tuning, jusqu'à {max(history_fine.history['val_accuracy']):.3f}."
)
plt.show()
# --8<-- [end:courbes]

# --8<-- [start:graines]
start = time.perf_counter()
for seed in range(1, 5):  # la graine 0 est faite plus haut
    keras.utils.set_random_seed(seed)
    x_seed, y_seed = labelled_sample(seed)
    scratch = scratch_model()
    scratch.fit(x_seed, y_seed, epochs=30, batch_size=32, verbose=0)
    results["depuis zéro"].append(test_accuracy(scratch))
    model, base = extraction_model()
    model.fit(x_seed, y_seed, epochs=20, batch_size=32, verbose=0)
    results["extraction"].append(test_accuracy(model))
    unfreeze_top(model, base)
    model.fit(x_seed, y_seed, epochs=10, batch_size=32, verbose=0)
    results["fine-tuning"].append(test_accuracy(model))
print(f"4 graines de plus en {time.perf_counter() - start:.0f} s")
print(f"{'méthode':<12} {'tirages 0 à 4':<35} {'moyenne':>7} {'écart-type':>10} {'min':>6} {'max':>6}")
for name, accs in results.items():
    detail = " ".join(f"{acc:.3f}" for acc in accs)
    print(f"{name:<12} {detail:<35} {np.mean(accs):>7.3f} {np.std(accs):>10.3f} {np.min(accs):>6.3f} {np.max(accs):>6.3f}")
# Les deux méthodes voient les mêmes 200 images à chaque tirage : on les compare tirage par tirage
gains = np.array(results["extraction"]) - np.array(results["depuis zéro"])
print("extraction − depuis zéro, par tirage :", " ".join(f"{g:+.3f}" for g in gains))
print(f"gain moyen {gains.mean():+.3f} ; extraction devant de plus de 0.005 sur {(gains > 0.005).sum()} tirages sur 5")
#> 4 graines de plus en ... s
#> méthode      tirages 0 à 4                       moyenne écart-type    min    max
#> depuis zéro  0.844±0.008 0.832±0.004 0.872±0.002 0.849±0.002 0.832±0.002         0.846      0.014±0.002  0.832±0.002  0.872±0.002
#> extraction   0.858±0.02 0.839±0.02 0.873±0.02 0.867±0.004 0.858±0.008         0.859±0.004      0.012±0.008  0.839±0.02  0.873±0.02
#> fine-tuning  0.854±0.006 0.842±0.02 0.873±0.02 0.872±0.01 0.863±0.02         0.861±0.004      0.011±0.006  0.842±0.02  0.873±0.01
#> extraction − depuis zéro, par tirage : +0.014±0.02 +0.006±0.02 +0.001±0.02 +0.018±0.004 +0.025±0.008
#> gain moyen +0.013±0.004 ; extraction devant de plus de 0.005 sur 4 tirages sur 5
# --8<-- [end:graines]
