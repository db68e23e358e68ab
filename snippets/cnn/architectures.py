# --8<-- [start:applications]
import keras
from keras import layers

# Couches qui portent des poids « profonds » (convolutions et denses, hors BatchNormalization)
WEIGHT_LAYERS = (layers.Conv2D, layers.DepthwiseConv2D, layers.SeparableConv2D, layers.Dense)

print(f"{'modèle':<15} {'paramètres':>12} {'conv+dense':>11} {'objets Layer':>13}  entrée")
for name in ["VGG16", "ResNet50", "ResNet152", "InceptionV3", "MobileNetV2", "EfficientNetB0"]:
    model = getattr(keras.applications, name)(weights=None)  # architecture seule, aucun téléchargement
    depth = sum(isinstance(layer, WEIGHT_LAYERS) for layer in model.layers)
    print(f"{name:<15} {model.count_params():>12,} {depth:>11} {len(model.layers):>13}  {model.input_shape[1:]}")
    keras.backend.clear_session()
#> modèle            paramètres  conv+dense  objets Layer  entrée
#> VGG16            138,357,544          16            23  (224, 224, 3)
#> ResNet50          25,636,712          54           177  (224, 224, 3)
#> ResNet152         60,419,944         156           517  (224, 224, 3)
#> InceptionV3       23,851,784          95           313  (299, 299, 3)
#> MobileNetV2        3,538,984          53           156  (224, 224, 3)
#> EfficientNetB0     5,330,571          82           240  (224, 224, 3)

# LeNet-5 et AlexNet ne font pas partie de keras.applications
print([n for n in dir(keras.applications) if n.lower().startswith(("lenet", "alexnet"))])
#> []
# --8<-- [end:applications]

# --8<-- [start:lenet]
# LeNet-5 reconstruit à la main (version simplifiée : C3 relie toutes les cartes, sorties softmax)
lenet5 = keras.Sequential([
    keras.Input(shape=(32, 32, 1)),
    layers.Conv2D(6, 5, activation="tanh"),     # C1 : 28×28×6
    layers.AveragePooling2D(2),                 # S2 : 14×14×6
    layers.Conv2D(16, 5, activation="tanh"),    # C3 : 10×10×16
    layers.AveragePooling2D(2),                 # S4 : 5×5×16
    layers.Conv2D(120, 5, activation="tanh"),   # C5 : 1×1×120
    layers.Flatten(),
    layers.Dense(84, activation="tanh"),        # F6
    layers.Dense(10, activation="softmax"),
], name="lenet5")
print([layer.count_params() for layer in lenet5.layers])
print(f"LeNet-5 : {lenet5.count_params():,} paramètres")
#> [156, 0, 2416, 0, 48120, 0, 10164, 850]
#> LeNet-5 : 61,706 paramètres
# --8<-- [end:lenet]
