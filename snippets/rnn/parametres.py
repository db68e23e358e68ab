# --8<-- [start:comptes]
import keras
from keras import layers

n_in, units = 3, 16  # 3 valeurs par instant, un état caché de 16 valeurs
one_block = units * (units + n_in) + units  # W_x (n_in×units), W_h (units×units), b (units)
formulas = {
    "SimpleRNN": one_block,
    "LSTM": 4 * one_block,                   # 3 portes + le candidat
    "GRU, reset_after=False": 3 * one_block,  # 2 portes + le candidat
    "GRU (défaut)": 3 * one_block + 3 * units,  # un second vecteur de biais, côté récurrent
}
made = {
    "SimpleRNN": layers.SimpleRNN(units),
    "LSTM": layers.LSTM(units),
    "GRU, reset_after=False": layers.GRU(units, reset_after=False),
    "GRU (défaut)": layers.GRU(units),
}
print(f"{'couche':<24}{'formule':>8}{'Keras':>7}   formes des poids")
for name, layer in made.items():
    layer.build((None, None, n_in))
    shapes = " ".join(str(tuple(w.shape)) for w in layer.weights)
    print(f"{name:<24}{formulas[name]:>8}{layer.count_params():>7}   {shapes}")
#> couche                   formule  Keras   formes des poids
#> SimpleRNN                    320    320   (3, 16) (16, 16) (16,)
#> LSTM                        1280   1280   (3, 64) (16, 64) (64,)
#> GRU, reset_after=False       960    960   (3, 48) (16, 48) (48,)
#> GRU (défaut)                1008   1008   (3, 48) (16, 48) (2, 48)
# --8<-- [end:comptes]
