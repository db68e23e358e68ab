# --8<-- [start:parametres]
import keras
from keras import layers

# Une Dense de n entrées et m neurones : n × m poids + m biais
sizes = [784, 256, 128, 10]
by_hand = sum(n * m + m for n, m in zip(sizes[:-1], sizes[1:]))
model = keras.Sequential([keras.Input(shape=(784,)),
                          layers.Dense(256, activation="relu"),
                          layers.Dense(128, activation="relu"),
                          layers.Dense(10, activation="softmax")])
print("à la main :", by_hand, " count_params :", model.count_params())
#> à la main : 235146  count_params : 235146
# --8<-- [end:parametres]

# --8<-- [start:tanh]
import numpy as np
import tensorflow as tf
from sklearn.datasets import load_digits

digits = load_digits()
x_batch = (digits.data[:256] / 16.0).astype("float32")
y_batch = digits.target[:256]

keras.utils.set_random_seed(42)
deep_tanh = keras.Sequential([keras.Input(shape=(64,))]
                             + [layers.Dense(32, activation="tanh") for _ in range(10)]
                             + [layers.Dense(10, activation="softmax")])
with tf.GradientTape() as tape:
    loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y_batch, deep_tanh(x_batch)))
kernels = [layer.kernel for layer in deep_tanh.layers[:-1]]
norms = np.array([float(tf.norm(g)) for g in tape.gradient(loss, kernels)])
print("tanh, couches 1 à 10 :", " ".join(f"{v:.1e}" for v in norms))
print(f"couche 1 / couche 10 = {norms[0] / norms[-1]:.2g}")
#> tanh, couches 1 à 10 : 2.8e-01 2.0e-01 2.0e-01 2.1e-01 1.8e-01 1.7e-01 1.6e-01 1.7e-01 1.9e-01 2.0e-01
#> couche 1 / couche 10 = 1.4
# --8<-- [end:tanh]

# --8<-- [start:etapes]
import math

x_train = (digits.data[:1400] / 16.0).astype("float32")
y_train = digits.target[:1400]
n_fit = len(x_train) - int(len(x_train) * 0.2)  # validation_split garde 80 % pour l'entraînement
print("prévu :", math.ceil(n_fit / 64), "étapes par époque")
#> prévu : 18 étapes par époque

model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(10, activation="softmax")])
model.compile(optimizer="sgd", loss="sparse_categorical_crossentropy")
history = model.fit(x_train, y_train, validation_split=0.2, batch_size=64, epochs=1, verbose=0)
print("fit :", history.params["steps"], "étapes par époque")
#> fit : 18 étapes par époque
# --8<-- [end:etapes]
