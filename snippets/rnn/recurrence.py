# --8<-- [start:a_la_main]
import keras
import numpy as np
import tensorflow as tf
from keras import layers

# Un lot d'une séquence : 4 instants, 3 valeurs par instant
x = tf.constant([[[1.0, 0.0, -1.0],
                  [0.5, 0.5, 0.0],
                  [0.0, 1.0, 1.0],
                  [-1.0, 0.0, 0.5]]])
print("x :", x.shape, "(lot, instants, caractéristiques)")

# Des poids choisis à la main, pour un état caché de 2 valeurs
W_xh = tf.constant([[0.5, -0.3],
                    [0.8, 0.2],
                    [-0.4, 0.6]])      # entrée -> état caché
W_hh = tf.constant([[0.9, -0.5],
                    [0.4, 0.7]])       # état caché précédent -> état caché
b_h = tf.constant([0.1, -0.1])

h = tf.zeros((1, 2))  # h_0 : l'état caché de départ est nul
for t in range(x.shape[1]):
    h = tf.tanh(x[:, t, :] @ W_xh + h @ W_hh + b_h)
    print(f"h_{t + 1} =", h.numpy().round(4))

# La même récurrence par Keras, avec les mêmes poids
rnn = layers.SimpleRNN(2, name="rnn")
rnn.build(x.shape)
rnn.set_weights([W_xh.numpy(), W_hh.numpy(), b_h.numpy()])
print("SimpleRNN :", rnn(x).numpy().round(4))
print("mêmes valeurs (à 1e-6 près) :", np.allclose(rnn(x), h, atol=1e-6))
#> x : (1, 4, 3) (lot, instants, caractéristiques)
#> h_1 = [[ 0.7616 -0.7616]]
#> h_2 = [[ 0.8113 -0.7872]]
#> h_3 = [[ 0.7237 -0.2512]]
#> h_4 = [[-0.0491 -0.0376]]
#> SimpleRNN : [[-0.0491 -0.0376]]
#> mêmes valeurs (à 1e-6 près) : True
# --8<-- [end:a_la_main]

# --8<-- [start:poids]
for weight in rnn.weights:
    print(f"{weight.path:<26} {tuple(weight.shape)}")
#> rnn/simple_rnn_cell/kernel (3, 2)
#> rnn/simple_rnn_cell/recurrent_kernel (2, 2)
#> rnn/simple_rnn_cell/bias   (2,)
# --8<-- [end:poids]

# --8<-- [start:formes]
keras.utils.set_random_seed(42)
batch = tf.random.normal((8, 20, 3))  # 8 séquences de 20 instants, 3 caractéristiques
print("dernier état seul      :", layers.SimpleRNN(16)(batch).shape)
print("toute la séquence      :", layers.SimpleRNN(16, return_sequences=True)(batch).shape)
output, state = layers.SimpleRNN(16, return_state=True)(batch)
print("return_state           :", output.shape, state.shape)
print("sortie == état final ? :", bool(tf.reduce_all(output == state)))
output, state_h, state_c = layers.LSTM(16, return_state=True)(batch)
print("LSTM, return_state     :", output.shape, state_h.shape, state_c.shape)
#> dernier état seul      : (8, 16)
#> toute la séquence      : (8, 20, 16)
#> return_state           : (8, 16) (8, 16)
#> sortie == état final ? : True
#> LSTM, return_state     : (8, 16) (8, 16) (8, 16)
# --8<-- [end:formes]

# --8<-- [start:empilement]
model = keras.Sequential([
    keras.Input(shape=(None, 3)),              # None : des séquences de longueur quelconque
    layers.SimpleRNN(16, return_sequences=True, name="rnn_1"),
    layers.SimpleRNN(16, return_sequences=True, name="rnn_2"),
    layers.SimpleRNN(16, name="rnn_3"),        # la dernière ne rend que son dernier état
    layers.Dense(1, name="sortie"),
], name="pile")
print(model(batch).shape, model(batch[:, :5]).shape)
model.summary()
#> (8, 1) (8, 1)
#> ...
#> │ rnn_1 (SimpleRNN)               │ (None, None, 16)       │           320 │
#> ...
#> │ rnn_2 (SimpleRNN)               │ (None, None, 16)       │           528 │
#> ...
#> │ rnn_3 (SimpleRNN)               │ (None, 16)             │           528 │
#> ...
#> │ sortie (Dense)                  │ (None, 1)              │            17 │
#> ...
#> ...Total params: 1,393 (5.44 KB)
#> ...
# --8<-- [end:empilement]
