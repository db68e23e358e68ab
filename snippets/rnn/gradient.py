# --8<-- [start:mesure]
import keras
import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm
import tensorflow as tf
from keras import layers

# Une vraie séquence : 100 mois de CO₂ (Mauna Loa), centrés et réduits
co2 = sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().interpolate()
values = co2.to_numpy()[:100]
x = tf.constant(((values - values.mean()) / values.std()).reshape(1, -1, 1), dtype="float32")
T = x.shape[1]


def gradient_per_instant(make_layer, seed):
    """Norme de ∂perte/∂x_t pour chaque instant t ; la perte ne lit que le dernier état h_T."""
    keras.utils.set_random_seed(seed)
    layer = make_layer()
    with tf.GradientTape() as tape:
        tape.watch(x)
        loss = tf.reduce_sum(layer(x))
    return tf.norm(tape.gradient(loss, x)[0], axis=-1).numpy()


def average(make_layer):
    """Moyenne sur 5 tirages des poids de départ (aucun entraînement)."""
    return np.mean([gradient_per_instant(make_layer, seed) for seed in range(5)], axis=0)


lags = (0, 10, 20, 50, 99)
norms = {name: average(lambda: cls(32)) for name, cls in
         (("SimpleRNN", layers.SimpleRNN), ("LSTM", layers.LSTM), ("GRU", layers.GRU))}
print("instants avant la fin :" + "".join(f"{k:>9d}" for k in lags))
for name, g in norms.items():
    print(f"{name:<22}" + "".join(f"{g[T - 1 - k]:9.1e}" for k in lags))
#> instants avant la fin :        0       10       20       50       99
#> SimpleRNN               7.7e-01  2.3e-01  2.3e-02  1.6e-03  1.2e-05
#> LSTM                    1.7e-01  1.3e-02  2.1e-03  1.9e-05  8.4e-10
#> GRU                     3.8e-01  2.0e-03  2.0e-05  3.4e-11  0.0e+00
# --8<-- [end:mesure]

# --8<-- [start:porte_ouverte]
class OpenGate(keras.layers.Layer):
    """Une couche LSTM ou GRU dont on force une porte à rester presque ouverte (biais de 5)."""

    def __init__(self, cls, gate):
        super().__init__()
        self.rnn, self.gate = cls(32), gate  # gate : rang du bloc de biais de la porte

    def build(self, input_shape):
        self.rnn.build(input_shape)
        bias = self.rnn.cell.bias.numpy()
        bias[..., self.gate * 32:(self.gate + 1) * 32] = 5.0  # sigmoïde(5) ≈ 0,993
        self.rnn.cell.bias.assign(bias)

    def call(self, inputs):
        return self.rnn(inputs)


# Biais de Keras, par blocs de 32 : LSTM (i, f, c, o) -> porte d'oubli = bloc 1 ;
# GRU (z, r, h) -> porte de mise à jour z = bloc 0 (z proche de 1 : l'état est gardé)
norms["LSTM, oubli ouverte"] = average(lambda: OpenGate(layers.LSTM, gate=1))
norms["GRU, z ouverte"] = average(lambda: OpenGate(layers.GRU, gate=0))
print(f"sigmoïde(5) = {keras.ops.sigmoid(5.0):.3f}")
for name in ("LSTM, oubli ouverte", "GRU, z ouverte"):
    print(f"{name:<22}" + "".join(f"{norms[name][T - 1 - k]:9.1e}" for k in lags))
#> sigmoïde(5) = 0.993
#> LSTM, oubli ouverte     9.7e-02  2.5e-02  3.4e-02  4.3e-02  6.1e-02
#> GRU, z ouverte          4.3e-05  3.9e-05  3.6e-05  4.0e-05  3.5e-05
# --8<-- [end:porte_ouverte]

# --8<-- [start:figure]
fig, ax = plt.subplots(figsize=(8, 4.5))
for name, g in norms.items():
    ax.semilogy(np.arange(1, T + 1), g, "--" if "ouverte" in name else "-", label=name)
ax.set_xlabel(f"instant t (la perte ne lit que le dernier état, à t = {T})")
ax.set_ylabel("norme de ∂perte/∂x_t (échelle log)")
ax.set_title("Gradient reçu par chaque instant d'une séquence de CO₂, avant entraînement")
ax.grid(alpha=0.3)
ax.legend()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Norme du gradient de la perte par rapport à chaque instant de la séquence, de t = 1 à t = {T}, en "
    f"échelle logarithmique, une courbe par réseau, en tirets pour les portes maintenues ouvertes. "
    + ". ".join(f"{name}, {g[0]:.1e} à t = 1 contre {g[-1]:.1e} à t = {T}" for name, g in norms.items()) + "."
)
plt.show()
# --8<-- [end:figure]
