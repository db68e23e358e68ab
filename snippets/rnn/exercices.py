# --8<-- [start:lstm_a_la_main]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(42)
x = np.array([[[1.0, -0.5, 0.25]]], dtype="float32")  # un seul instant, 3 valeurs
lstm = layers.LSTM(4, return_state=True)
output, h_keras, c_keras = lstm(x)
W, U, b = lstm.get_weights()  # Keras range les blocs dans l'ordre i, f, c, o


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


h0, c0 = np.zeros((1, 4)), np.zeros((1, 4))
z = x[:, 0] @ W + h0 @ U + b
i, f, c_tilde, o = np.split(z, 4, axis=-1)
c = sigmoid(f) * c0 + sigmoid(i) * np.tanh(c_tilde)
h = sigmoid(o) * np.tanh(c)
print("h à la main :", h.shape, "; mêmes valeurs que Keras :", np.allclose(h, h_keras, atol=1e-6))
print("c à la main :", c.shape, "; mêmes valeurs que Keras :", np.allclose(c, c_keras, atol=1e-6))
#> h à la main : (1, 4) ; mêmes valeurs que Keras : True
#> c à la main : (1, 4) ; mêmes valeurs que Keras : True
# --8<-- [end:lstm_a_la_main]

# --8<-- [start:gru_parametres]
n_in, units = 10, 64
one_block = units * (n_in + units) + units
for reset_after, by_hand in ((False, 3 * one_block), (True, 3 * one_block + 3 * units)):
    gru = layers.GRU(units, reset_after=reset_after)
    gru.build((None, None, n_in))
    print(f"reset_after={reset_after!s:<5} : à la main {by_hand}, Keras {gru.count_params()}")
#> reset_after=False : à la main 14400, Keras 14400
#> reset_after=True  : à la main 14592, Keras 14592
# --8<-- [end:gru_parametres]

# --8<-- [start:nombre_fenetres]
series = np.arange(100, dtype="float32")  # 100 valeurs : 0, 1, …, 99
L = 24
dataset = keras.utils.timeseries_dataset_from_array(series[:-1], series[L:], sequence_length=L,
                                                    batch_size=1000)
inputs, targets = next(iter(dataset))
print("à la main :", len(series) - L, "fenêtres ; Keras :", inputs.shape[0])
print("dernière fenêtre :", inputs[-1, 0].numpy(), "…", inputs[-1, -1].numpy(), "-> cible", targets[-1].numpy())
#> à la main : 76 fenêtres ; Keras : 76
#> dernière fenêtre : 75.0 … 98.0 -> cible 99.0
# --8<-- [end:nombre_fenetres]
