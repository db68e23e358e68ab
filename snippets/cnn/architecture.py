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
# Le tableau « Sortie typique » de la diapo : (forme de sortie, nombre de paramètres)
slide = [((26, 26, 32), 320), ((13, 13, 32), 0), ((11, 11, 64), 18496), ((5, 5, 64), 0),
         ((3, 3, 64), 36928), ((576,), 0), ((64,), 36928), ((64,), 0), ((10,), 650)]

print(f"{'couche':<14} {'forme réelle':<13} {'diapo':>6} {'réel':>6}  accord")
for layer, (slide_shape, slide_params) in zip(model.layers, slide):
    shape = layer.output.shape[1:]
    agree = shape == slide_shape and layer.count_params() == slide_params
    print(f"{type(layer).__name__:<14} {str(shape):<13} {slide_params:>6} {layer.count_params():>6}  {agree}")
print(f"{'total':<28} {sum(p for _, p in slide):>6} {model.count_params():>6}")
#> couche         forme réelle   diapo   réel  accord
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

# D'où viennent ces nombres : (noyau × noyau × canaux d'entrée + 1 biais) × filtres
print((3 * 3 * 1 + 1) * 32, (3 * 3 * 32 + 1) * 64, (3 * 3 * 64 + 1) * 64, (576 + 1) * 64, (64 + 1) * 10)
#> 320 18496 36928 36928 650
# --8<-- [end:comparaison]

# --8<-- [start:input_shape]
import warnings

# Ce que fait Keras 3 avec la première couche écrite comme dans la diapo
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_style = keras.Sequential([layers.Conv2D(32, (3, 3), activation="relu", input_shape=(28, 28, 1))])
for warning in caught:
    print(f"{warning.category.__name__} : {warning.message}")
print(old_style.output_shape)
#> UserWarning : Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
#> (None, 26, 26, 32)
# --8<-- [end:input_shape]
