# --8<-- [start:version]
import keras
import tensorflow as tf

print("Keras", keras.__version__, "— moteur de calcul (backend) :", keras.backend.backend())
#> Keras 3.15... — moteur de calcul (backend) : tensorflow
print("tf.keras désigne ce même Keras :", tf.keras.layers.Dense is keras.layers.Dense)
#> tf.keras désigne ce même Keras : True
# --8<-- [end:version]

# --8<-- [start:liste]
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(784,)),  # la forme d'UN exemple, sans la dimension du lot
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(64, activation="relu"),
    layers.Dropout(0.2),
    layers.Dense(10, activation="softmax"),
])
print(len(model.layers), "couches ; forme de la sortie :", model.output_shape)
#> 5 couches ; forme de la sortie : (None, 10)
# --8<-- [end:liste]

# --8<-- [start:add]
model = keras.Sequential(name="mlp_pas_a_pas")
model.add(keras.Input(shape=(784,)))
model.add(layers.Dense(64, activation="relu"))
model.add(layers.Dropout(0.2))
model.add(layers.Dense(64, activation="relu"))
model.add(layers.Dropout(0.2))
model.add(layers.Dense(10, activation="softmax"))

model.summary()
#> Model: "mlp_pas_a_pas"
#> ...
#> ...Total params: 55,050 (215.04 KB)
#> ...
# --8<-- [end:add]

# --8<-- [start:input_shape]
import warnings

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    old_style = keras.Sequential([
        layers.Dense(64, activation="relu", input_shape=(784,)),  # style Keras 2
        layers.Dense(10, activation="softmax"),
    ])
for warning in caught:
    print(f"{warning.category.__name__} : {warning.message}")
#> UserWarning : Do not pass an `input_shape`/`input_dim` argument to a layer. When using Sequential models, prefer using an `Input(shape)` object as the first layer in the model instead.
print("Le modèle est construit malgré tout :", old_style.output_shape)
#> Le modèle est construit malgré tout : (None, 10)
# --8<-- [end:input_shape]
