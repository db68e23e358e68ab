# --8<-- [start:resnet50]
import keras
import numpy as np
from keras.applications import ResNet50

# weights=None : l'architecture seule, poids tirés au hasard, rien à télécharger
model = ResNet50(weights=None)
print(f"{len(model.layers)} couches, entrée {model.input_shape}, sortie {model.output_shape}")

# Le résumé complet fait plus de 500 lignes : on n'en garde que le bilan final
captured = []
model.summary(print_fn=captured.append)
print("\n".join(line for text in captured for line in text.splitlines() if "params" in line))
#> 177 couches, entrée (None, 224, 224, 3), sortie (None, 1000)
#> ...Total params: 25,636,712 (97.80 MB)
#> ...Trainable params: 25,583,592 (97.59 MB)
#> ...Non-trainable params: 53,120 (207.50 KB)
# --8<-- [end:resnet50]

# --8<-- [start:sans_tete]
print(f"{'variante':<36} {'couches':>7} {'paramètres':>11}  sortie")
variants = {
    "include_top=True": dict(),
    "include_top=False": dict(include_top=False, input_shape=(224, 224, 3)),
    "include_top=False, pooling='avg'": dict(include_top=False, input_shape=(224, 224, 3), pooling="avg"),
    "include_top=False, pooling='max'": dict(include_top=False, input_shape=(224, 224, 3), pooling="max"),
    "include_top=False, sans input_shape": dict(include_top=False),
}
for name, kwargs in variants.items():
    variant = ResNet50(weights=None, **kwargs)
    print(f"{name:<36} {len(variant.layers):>7} {variant.count_params():>11,}  {variant.output_shape}")

# Ce que include_top=False retire : les deux dernières couches du modèle complet
for layer in model.layers[-2:]:
    print(f"{layer.name} ({type(layer).__name__}) : {layer.count_params():,} paramètres")
#> variante                             couches  paramètres  sortie
#> include_top=True                         177  25,636,712  (None, 1000)
#> include_top=False                        175  23,587,712  (None, 7, 7, 2048)
#> include_top=False, pooling='avg'         176  23,587,712  (None, 2048)
#> include_top=False, pooling='max'         176  23,587,712  (None, 2048)
#> include_top=False, sans input_shape      175  23,587,712  (None, None, None, 2048)
#> avg_pool (GlobalAveragePooling2D) : 0 paramètres
#> predictions (Dense) : 2,049,000 paramètres
# --8<-- [end:sans_tete]

# --8<-- [start:modele_diapo]
from keras import layers
from keras.applications.resnet50 import preprocess_input

# Le code des diapositives, avec weights=None au lieu de weights="imagenet"
base_model = ResNet50(weights=None, include_top=False, input_shape=(224, 224, 3))
base_model.trainable = False

inputs = keras.Input(shape=(224, 224, 3))
x = preprocess_input(inputs)
x = base_model(x, training=False)
x = layers.GlobalAveragePooling2D()(x)
x = layers.Dense(256, activation="relu")(x)
x = layers.Dropout(0.5)(x)
outputs = layers.Dense(10, activation="softmax")(x)
model = keras.Model(inputs, outputs)


def n_params(variables):
    return sum(int(np.prod(v.shape)) for v in variables)


print([type(layer).__name__ for layer in model.layers])
print(f"paramètres : {model.count_params():,}, dont entraînables : {n_params(model.trainable_variables):,}")
#> ['InputLayer', 'Functional', 'GlobalAveragePooling2D', 'Dense', 'Dropout', 'Dense']
#> paramètres : 24,114,826, dont entraînables : 527,114
# --8<-- [end:modele_diapo]

# --8<-- [start:pretraitement]
from skimage import data

# Une vraie photo RVB (scikit-image), redimensionnée en 224×224, pixels de 0 à 255
photo = keras.ops.image.resize(data.astronaut()[np.newaxis].astype("float32"), (224, 224))
photo = keras.ops.convert_to_numpy(photo)
print("pixel (0, 0) avant :", photo[0, 0, 0].round(1), "moyenne par canal :", photo.mean(axis=(0, 1, 2)).round(1))

prepared = preprocess_input(photo)
print("pixel (0, 0) après :", prepared[0, 0, 0].round(1), "moyenne par canal :", prepared.mean(axis=(0, 1, 2)).round(1))
# Sur un tableau NumPy de flottants, preprocess_input travaille en place
print("photo après l'appel :", photo[0, 0, 0].round(1), "même mémoire :", np.shares_memory(photo, prepared))
#> pixel (0, 0) avant : [144.8 139.9 146.1] moyenne par canal : [141.6 105.8  96.5]
#> pixel (0, 0) après : [42.1 23.1 21.1] moyenne par canal : [ -7.4 -11.   17.9]
#> photo après l'appel : [21.1 23.1 42.1] même mémoire : True
# --8<-- [end:pretraitement]

# --8<-- [start:degel]
from collections import Counter


def report(model):
    trainable_layers = [layer for layer in model.layers if layer.trainable]
    with_weights = [layer for layer in trainable_layers if layer.weights]
    print(f"  entraînables : {len(trainable_layers)} couches (dont {len(with_weights)} avec des poids),"
          f" {len(model.trainable_variables)} variables, {n_params(model.trainable_variables):,} paramètres")


# Le code de la diapositive, sur la base gelée de l'extraction de caractéristiques
base_model.trainable = True
for layer in base_model.layers[:-20]:
    layer.trainable = False
print(f"Nombre de couches entraînables: {len(base_model.trainable_variables)}")
report(base_model)
print("  types des 20 dernières couches :", dict(Counter(type(layer).__name__ for layer in base_model.layers[-20:])))
print("  première couche dégelée :", base_model.layers[-20].name)

# Le TP en dégèle 30 : on regèle tout, puis on recommence
base_model.trainable = False
base_model.trainable = True
for layer in base_model.layers[:-30]:
    layer.trainable = False
print("30 dernières couches :")
report(base_model)
print("  première couche dégelée :", base_model.layers[-30].name)
print("modèle complet (base + tête) :")
report(model)
#> Nombre de couches entraînables: 24
#>   entraînables : 20 couches (dont 12 avec des poids), 24 variables, 8,931,328 paramètres
#>   types des 20 dernières couches : {'Conv2D': 6, 'BatchNormalization': 6, 'Activation': 6, 'Add': 2}
#>   première couche dégelée : conv5_block2_1_conv
#> 30 dernières couches :
#>   entraînables : 30 couches (dont 18 avec des poids), 36 variables, 14,450,176 paramètres
#>   première couche dégelée : conv5_block1_1_relu
#> modèle complet (base + tête) :
#>   entraînables : 6 couches (dont 3 avec des poids), 40 variables, 14,977,290 paramètres
# --8<-- [end:degel]

# --8<-- [start:piege]
# Retour à 20 couches (on gèle davantage : aucun problème)
for layer in base_model.layers[:-20]:
    layer.trainable = False
# Puis 30 à nouveau, mais sans repasser par trainable = False
base_model.trainable = True
for layer in base_model.layers[:-30]:
    layer.trainable = False
report(base_model)
#>   entraînables : 20 couches (dont 12 avec des poids), 24 variables, 8,931,328 paramètres
# --8<-- [end:piege]
