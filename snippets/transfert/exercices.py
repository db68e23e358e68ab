# --8<-- [start:geler]
import keras
import numpy as np
from keras import layers

base = keras.Sequential([  # une petite base convolutive, pour compter sans rien entraîner
    keras.Input(shape=(28, 28, 1)),
    layers.Conv2D(32, 3, activation="relu", name="conv1"),
    layers.BatchNormalization(name="bn1"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu", name="conv2"),
    layers.BatchNormalization(name="bn2"),
], name="base")


def count(model):
    trainable = sum(int(np.prod(w.shape)) for w in model.trainable_weights)
    frozen = sum(int(np.prod(w.shape)) for w in model.non_trainable_weights)
    return f"{trainable:>6} entraînables, {frozen:>6} non entraînables"


print("tout dégelé           :", count(base))
base.trainable = False  # geler toute la base
print("base gelée            :", count(base))
for layer in base.layers[-2:]:  # dégeler conv2 et bn2... dans une base restée gelée
    layer.trainable = True
print("piège, base gelée     :", count(base))
base.trainable = True  # le bon ordre : dégeler la base, puis geler ce qui doit le rester
for layer in base.layers[:-2]:
    layer.trainable = False
print("conv2 et bn2 dégelées :", count(base))
#> tout dégelé           :  19008 entraînables,    192 non entraînables
#> base gelée            :      0 entraînables,  19200 non entraînables
#> piège, base gelée     :      0 entraînables,  19200 non entraînables
#> conv2 et bn2 dégelées :  18624 entraînables,    576 non entraînables
# --8<-- [end:geler]

# --8<-- [start:tetes]
for channels in (64, 2048):  # la sortie de notre base, celle de ResNet50 : 7×7 positions toutes deux
    features = keras.Input(shape=(7, 7, channels))
    for name, reduce in (("Flatten", layers.Flatten()), ("GlobalAveragePooling2D", layers.GlobalAveragePooling2D())):
        head = keras.Model(features, layers.Dense(10, activation="softmax")(reduce(features)))
        print(f"{channels:>4} cartes 7×7, {name:<22} : {head.count_params():>7} paramètres dans la tête")
#>   64 cartes 7×7, Flatten                :   31370 paramètres dans la tête
#>   64 cartes 7×7, GlobalAveragePooling2D :     650 paramètres dans la tête
#> 2048 cartes 7×7, Flatten                : 1003530 paramètres dans la tête
#> 2048 cartes 7×7, GlobalAveragePooling2D :   20490 paramètres dans la tête
# --8<-- [end:tetes]
