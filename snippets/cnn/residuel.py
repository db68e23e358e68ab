# --8<-- [start:code_diapo]
import keras
import numpy as np
from keras import layers

# Piège : sans tenseur d'entrée défini plus haut, « input » désigne la fonction native de Python
try:
    x = layers.Conv2D(64, 3, padding="same")(input)
except ValueError as error:
    print("ValueError :", str(error).split(":")[0])  # la suite décrit `input`, autre dans un notebook
#> ValueError : Only input tensors may be passed as positional arguments. The following argument value should be passed as a keyword argument
print("input est un tenseur Keras :", isinstance(input, keras.KerasTensor))
#> input est un tenseur Keras : False
# --8<-- [end:code_diapo]

# --8<-- [start:formes_differentes]
# Avec un vrai tenseur d'entrée (32 canaux), l'addition exige deux formes identiques
inputs = keras.Input(shape=(28, 28, 32))
x = layers.Conv2D(64, 3, padding="same")(inputs)
x = layers.BatchNormalization()(x)
x = layers.Activation("relu")(x)
try:
    x = layers.Add()([x, inputs])
except ValueError as error:
    print("ValueError :", error)
#> ValueError : Inputs have incompatible shapes. Received shapes (28, 28, 64) and (28, 28, 32)
# --8<-- [end:formes_differentes]

# --8<-- [start:bloc]
def residual_block(x, filters, strides=1):
    """Bloc résiduel « de base » de ResNet : deux convolutions 3×3 et un raccourci."""
    shortcut = x
    y = layers.Conv2D(filters, 3, strides=strides, padding="same", use_bias=False)(x)
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    y = layers.Conv2D(filters, 3, padding="same", use_bias=False)(y)
    y = layers.BatchNormalization()(y)
    if strides != 1 or x.shape[-1] != filters:
        # Projection 1×1 : met le raccourci à la forme de y (canaux, et taille si strides > 1)
        shortcut = layers.Conv2D(filters, 1, strides=strides, use_bias=False)(x)
        shortcut = layers.BatchNormalization()(shortcut)
    y = layers.Add()([y, shortcut])
    return layers.Activation("relu")(y)


inputs = keras.Input(shape=(28, 28, 1))
x = layers.Conv2D(32, 3, padding="same", activation="relu")(inputs)
x = residual_block(x, 32)               # 28×28×32 -> 28×28×32 : raccourci identité
x = residual_block(x, 64, strides=2)    # 28×28×32 -> 14×14×64 : raccourci projeté
x = residual_block(x, 64)               # 14×14×64 -> 14×14×64 : raccourci identité
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs, name="mini_resnet")

add_layers = [layer for layer in model.layers if isinstance(layer, layers.Add)]
for number, layer in enumerate(add_layers, start=1):
    print(f"bloc {number} : Add{[tuple(t.shape[1:]) for t in layer.input]} -> {tuple(layer.output.shape[1:])}")
print(f"{model.count_params():,} paramètres ; sortie pour 4 images : {model(np.zeros((4, 28, 28, 1))).shape}")
#> bloc 1 : Add[(28, 28, 32), (28, 28, 32)] -> (28, 28, 32)
#> bloc 2 : Add[(14, 14, 64), (14, 14, 64)] -> (14, 14, 64)
#> bloc 3 : Add[(14, 14, 64), (14, 14, 64)] -> (14, 14, 64)
#> 152,010 paramètres ; sortie pour 4 images : (4, 10)
# --8<-- [end:bloc]
