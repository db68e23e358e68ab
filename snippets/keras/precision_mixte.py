# --8<-- [start:politique]
import time

import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.mixed_precision.set_dtype_policy("mixed_float16")  # pour toutes les couches créées ensuite
dense = layers.Dense(4)
y = dense(np.ones((2, 3), dtype="float32"))
print("politique      :", dense.dtype_policy.name)
print("calcul         :", dense.compute_dtype)
print("variables      :", dense.variable_dtype, "| poids :", dense.kernel.dtype)
print("sortie         :", y.dtype.name)
softmax = layers.Activation("softmax", dtype="float32")  # la dernière couche calcule en float32
print("sortie finale  :", softmax(y).dtype.name)
#> politique      : mixed_float16
#> calcul         : float16
#> variables      : float32 | poids : float32
#> sortie         : float16
#> sortie finale  : float32
# --8<-- [end:politique]

# --8<-- [start:plage]
info = np.finfo(np.float16)
print("plus grand float16      :", float(info.max))
print("plus petit float16 > 0  :", float(np.float16(2.0**-24)))
print("70000 en float16        :", tf.cast(70000.0, tf.float16).numpy())
gradient = 1e-8  # un très petit gradient
print("1e-8 en float16         :", tf.cast(gradient, tf.float16).numpy())
print("1e-8 × 32768 en float16 :", tf.cast(gradient * 32768, tf.float16).numpy())
#> plus grand float16      : 65504.0
#> plus petit float16 > 0  : 5.960464477539063e-08
#> 70000 en float16        : inf
#> 1e-8 en float16         : 0.0
#> 1e-8 × 32768 en float16 : 0.0003276
# --8<-- [end:plage]

# --8<-- [start:echelle]
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train.reshape(-1, 784).astype("float32") / 255
x_test = x_test.reshape(-1, 784).astype("float32") / 255


def build():
    keras.utils.set_random_seed(42)
    model = keras.Sequential([
        keras.Input(shape=(784,)),
        layers.Dense(512, activation="relu"),
        layers.Dense(512, activation="relu"),
        layers.Dense(10),
        layers.Activation("softmax", dtype="float32"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


model = build()
print("optimiseur :", type(model.optimizer).__name__, "autour de", type(model.optimizer.inner_optimizer).__name__)
print("facteur d'échelle initial :", model.optimizer.initial_scale)
print("doublé après", model.optimizer.dynamic_growth_steps, "étapes sans débordement ; divisé par 2 à chaque débordement")
#> optimiseur : LossScaleOptimizer autour de Adam
#> facteur d'échelle initial : 32768.0
#> doublé après 2000 étapes sans débordement ; divisé par 2 à chaque débordement
# --8<-- [end:echelle]

# --8<-- [start:mesure]
import platform

flags = open("/proc/cpuinfo").read().split() if platform.system() == "Linux" else []
print("processeur :", ", ".join(f"{f} {'oui' if f in flags else 'non'}"
                               for f in ["avx512_fp16", "amx_fp16"]))
models = {}
for policy in ["float32", "mixed_float16"]:
    keras.mixed_precision.set_dtype_policy(policy)  # lue à la création des couches
    models[policy] = build()
    models[policy].fit(x_train[:1024], y_train[:1024], batch_size=128, verbose=0)  # graphe compilé, non chronométré
keras.mixed_precision.set_dtype_policy("float32")  # la politique par défaut, pour la suite

# Une époque de chaque modèle à tour de rôle, trois fois : les deux voient la même machine au même moment
seconds = {policy: [] for policy in models}
for _ in range(3):
    for policy, model in models.items():
        start = time.perf_counter()
        model.fit(x_train, y_train, batch_size=128, verbose=0)
        seconds[policy].append(time.perf_counter() - start)
for policy, model in models.items():
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    ratio = np.median(seconds[policy]) / np.median(seconds["float32"])
    print(f"{policy:15} {np.median(seconds[policy]):5.1f} s par époque ({ratio:.2f} × float32)"
          f"   justesse de test {accuracy:.3f}")
print("facteur d'échelle de mixed_float16 en fin d'entraînement :",
      float(models["mixed_float16"].optimizer.dynamic_scale))
#> processeur : avx512_fp16 ..., amx_fp16 ...
#> float32         ... s par époque (1.00 × float32)   justesse de test 0.864±0.02
#> mixed_float16   ... s par époque (... × float32)   justesse de test 0.869±0.006
#> facteur d'échelle de mixed_float16 en fin d'entraînement : 32768.0
# --8<-- [end:mesure]

# --8<-- [start:exercice_bfloat16]
import ml_dtypes

for name, dtype in [("float32", np.float32), ("float16", np.float16), ("bfloat16", ml_dtypes.bfloat16)]:
    info = ml_dtypes.finfo(dtype)
    print(f"{name:9} plus grand {float(info.max):.3g}   plus petit normal {float(info.tiny):.3g}"
          f"   écart relatif {float(info.eps):.3g}")
#> float32   plus grand 3.4e+38   plus petit normal 1.18e-38   écart relatif 1.19e-07
#> float16   plus grand 6.55e+04   plus petit normal 6.1e-05   écart relatif 0.000977
#> bfloat16  plus grand 3.39e+38   plus petit normal 1.18e-38   écart relatif 0.00781
# --8<-- [end:exercice_bfloat16]
