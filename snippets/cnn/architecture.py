# --8<-- [start:modele]
import keras
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),  # au lieu de input_shape=... (déprécié en Keras 3)
    # Bloc 1
    layers.Conv2D(32, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    # Bloc 2
    layers.Conv2D(64, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    # Bloc 3
    layers.Conv2D(64, (3, 3), activation="relu"),
    # Classification
    layers.Flatten(),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])
model.summary()
#> ...
#> ...Total params: 93,322 (364.54 KB)
#> ...
# --8<-- [end:modele]

# --8<-- [start:comparaison]
# Calcul à la main, couche par couche : (forme de sortie, nombre de paramètres)
# Conv2D 'valid', pas 1 : n -> n − k + 1 ; (k × k × canaux d'entrée + 1 biais) × filtres
# MaxPooling2D 2×2 : n -> n // 2, aucun paramètre ; Dense : (entrées + 1 biais) × unités
by_hand = [((28 - 3 + 1, 28 - 3 + 1, 32), (3 * 3 * 1 + 1) * 32),   # Conv2D
           ((26 // 2, 26 // 2, 32), 0),                            # MaxPooling2D
           ((13 - 3 + 1, 13 - 3 + 1, 64), (3 * 3 * 32 + 1) * 64),  # Conv2D
           ((11 // 2, 11 // 2, 64), 0),                            # MaxPooling2D
           ((5 - 3 + 1, 5 - 3 + 1, 64), (3 * 3 * 64 + 1) * 64),    # Conv2D
           ((3 * 3 * 64,), 0),                                     # Flatten
           ((64,), (576 + 1) * 64),                                # Dense
           ((64,), 0),                                             # Dropout
           ((10,), (64 + 1) * 10)]                                 # Dense

print(f"{'couche':<14} {'forme réelle':<13} {'calcul':>6} {'réel':>6}  accord")
for layer, (shape_by_hand, params_by_hand) in zip(model.layers, by_hand):
    shape = layer.output.shape[1:]
    agree = shape == shape_by_hand and layer.count_params() == params_by_hand
    print(f"{type(layer).__name__:<14} {str(shape):<13} {params_by_hand:>6} {layer.count_params():>6}  {agree}")
print(f"{'total':<28} {sum(p for _, p in by_hand):>6} {model.count_params():>6}")
#> couche         forme réelle  calcul   réel  accord
#> Conv2D         (26, 26, 32)     320    320  True
#> MaxPooling2D   (13, 13, 32)       0      0  True
#> Conv2D         (11, 11, 64)   18496  18496  True
#> MaxPooling2D   (5, 5, 64)         0      0  True
#> Conv2D         (3, 3, 64)     36928  36928  True
#> Flatten        (576,)             0      0  True
#> Dense          (64,)          36928  36928  True
#> Dropout        (64,)              0      0  True
#> Dense          (10,)            650    650  True
#> total                         93322  93322
# --8<-- [end:comparaison]

# --8<-- [start:input_shape]
import warnings

# L'ancienne écriture : la forme d'entrée passée à la première couche par input_shape=
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_style = keras.Sequential([layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1))])
for warning in caught:
    print(f"{warning.category.__name__} : {warning.message}")
print(old_style.output_shape)
#> UserWarning : Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
#> (None, 26, 26, 32)
# --8<-- [end:input_shape]
