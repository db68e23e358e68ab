# --8<-- [start:parametres]
import inspect

import keras
from keras import layers

# Paramètres clés annoncés pour chaque couche (ceux du tableau)
key_params = {
    "Dense": ["units", "activation"],
    "Conv2D": ["filters", "kernel_size", "strides", "padding"],
    "MaxPooling2D": ["pool_size", "strides", "padding"],
    "LSTM": ["units", "return_sequences"],
    "GRU": ["units", "return_sequences"],
    "Dropout": ["rate"],
    "BatchNormalization": ["momentum", "epsilon"],
    "Embedding": ["input_dim", "output_dim"],
    "Flatten": ["data_format"],
    "GlobalAveragePooling2D": ["keepdims"],
}

for name, params in key_params.items():
    signature = inspect.signature(getattr(layers, name)).parameters
    described = []
    for param in params:
        default = signature[param].default  # KeyError si le paramètre n'existe pas
        if default is inspect.Parameter.empty:
            described.append(f"{param} (obligatoire)")
        else:
            described.append(f"{param}={default!r}")
    print(f"{name:<23}", ", ".join(described))
#> Dense                   units (obligatoire), activation=None
#> Conv2D                  filters (obligatoire), kernel_size (obligatoire), strides=(1, 1), padding='valid'
#> MaxPooling2D            pool_size=(2, 2), strides=None, padding='valid'
#> LSTM                    units (obligatoire), return_sequences=False
#> GRU                     units (obligatoire), return_sequences=False
#> Dropout                 rate (obligatoire)
#> BatchNormalization      momentum=0.99, epsilon=0.001
#> Embedding               input_dim (obligatoire), output_dim (obligatoire)
#> Flatten                 data_format=None
#> GlobalAveragePooling2D  keepdims=False
# --8<-- [end:parametres]

# --8<-- [start:combinaison]
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),  # image 28×28, un canal (niveaux de gris)
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
], name="petit_cnn")
model.summary()
#> Model: "petit_cnn"
#> ...
#> ...Total params: 54,410 (212.54 KB)
#> ...
# --8<-- [end:combinaison]

# --8<-- [start:formes]
import numpy as np

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
x = x_train[:8, :, :, np.newaxis].astype("float32") / 255.0  # lot de 8 vraies images
print("entrée      :", x.shape)
#> entrée      : (8, 28, 28, 1)
for layer in model.layers:
    x = layer(x)
    print(f"{layer.__class__.__name__:<12}:", tuple(x.shape))
#> Conv2D      : (8, 26, 26, 32)
#> MaxPooling2D: (8, 13, 13, 32)
#> Flatten     : (8, 5408)
#> Dense       : (8, 10)
# --8<-- [end:formes]
