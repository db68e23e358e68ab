# --8<-- [start:couches]
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow
tf.config.experimental.enable_op_determinism()  # mêmes nombres à chaque exécution, sur une même machine

# Des transformations courantes, en couches de prétraitement Keras 3.
# fill_mode="constant" : les pixels qui apparaissent aux bords prennent la couleur du fond (0)
data_augmentation = keras.Sequential([
    layers.RandomRotation(10 / 360, fill_mode="constant"),  # facteur = fraction de tour : ±10°
    layers.RandomTranslation(0.1, 0.1, fill_mode="constant"),  # ±10 % en hauteur et en largeur
    layers.RandomZoom(0.1, fill_mode="constant"),  # ±10 %
    layers.RandomFlip("horizontal"),  # vêtements : oui ; chiffres : non (voir plus bas)
], name="augmentation")

(x_train, y_train), _ = keras.datasets.fashion_mnist.load_data()
images = x_train[[0, 1]].reshape(-1, 28, 28, 1).astype("float32") / 255.0  # une bottine, un T-shirt

fig, axes = plt.subplots(2, 6, figsize=(10, 3.8), layout="constrained")
for row, image in zip(axes, images):
    row[0].imshow(image[:, :, 0], cmap="gray_r")
    row[0].set_title("original")
    for ax in row[1:]:
        augmented = data_augmentation(image[np.newaxis], training=True)
        ax.imshow(augmented[0, :, :, 0], cmap="gray_r")
        ax.set_title("augmentée")
for ax in axes.flat:
    ax.axis("off")
fig.suptitle("Augmentation de données : 5 tirages aléatoires par image (Fashion-MNIST)")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Deux lignes de six images de Fashion-MNIST, une bottine puis un T-shirt. Chaque ligne commence par "
    "l'image d'origine, suivie de cinq tirages augmentés, où le vêtement est un peu tourné, décalé, "
    "agrandi ou réduit, parfois retourné de gauche à droite, avec du fond blanc aux bords."
)
plt.show()
# --8<-- [end:couches]

# --8<-- [start:inference]
# Hors entraînement (training=False, le défaut d'un appel direct, de predict et d'evaluate),
# ces couches laissent passer l'image telle quelle
print(np.array_equal(data_augmentation(images, training=False), images))
#> True

# Dans le modèle : l'augmentation est appliquée à chaque lot pendant fit, jamais en prédiction
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1)),
    data_augmentation,
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dense(10, activation="softmax"),
])
print(data_augmentation.count_params(), "paramètre pour l'augmentation ;", model.count_params(), "au total")
#> 0 paramètre pour l'augmentation ; 54410 au total
# --8<-- [end:inference]

# --8<-- [start:pipeline]
import tensorflow as tf

# Variante : augmenter dans le pipeline tf.data (en parallèle du calcul du modèle)
dataset = (tf.data.Dataset.from_tensor_slices((x_train[:1024, :, :, np.newaxis] / 255.0, y_train[:1024]))
           .batch(128)
           .map(lambda x, y: (data_augmentation(x, training=True), y), num_parallel_calls=tf.data.AUTOTUNE)
           .prefetch(tf.data.AUTOTUNE))
x_batch, y_batch = next(iter(dataset))
print(x_batch.shape, y_batch.shape)
#> (128, 28, 28, 1) (128,)
# --8<-- [end:pipeline]

# --8<-- [start:ancienne_api]
import warnings

# ImageDataGenerator (ancienne API) : absent du Keras 3 « pur »...
print(hasattr(keras.preprocessing.image, "ImageDataGenerator"))
#> False
try:
    from keras.preprocessing.image import ImageDataGenerator
    print("importé :", ImageDataGenerator)  # jamais atteint
except ImportError as error:
    print("ImportError :", str(error).split(" (")[0])
#> ImportError : cannot import name 'ImageDataGenerator' from 'keras.preprocessing.image'

# ... mais encore importable via tensorflow.keras, depuis un module « legacy »
from tensorflow.keras.preprocessing.image import ImageDataGenerator

print(ImageDataGenerator.__module__, "|", ImageDataGenerator.__doc__)
#> keras.src.legacy.preprocessing.image | DEPRECATED.

# L'ancien code tourne encore, mais image par image, en NumPy/SciPy sur le CPU
datagen = ImageDataGenerator(rotation_range=10, width_shift_range=0.1, height_shift_range=0.1,
                             zoom_range=0.1, horizontal_flip=True, fill_mode="nearest")
iterator = datagen.flow(x_train[:256, :, :, np.newaxis] / 255.0, y_train[:256], batch_size=32)
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy")
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    x_batch, y_batch = next(iterator)
    history = model.fit(iterator, epochs=1, verbose=0)  # 1 époque sur 256 images
print(type(iterator).__name__, x_batch.shape, "| fit :", len(history.history["loss"]), "époque")
print(len(caught), "avertissements, par exemple :", caught[0].category.__name__)
print(caught[0].message)
#> NumpyArrayIterator (32, 28, 28, 1) | fit : 1 époque
#> ... avertissements, par exemple : DeprecationWarning
#> Please import `affine_transform` from the `scipy.ndimage` namespace; the `scipy.ndimage.interpolation` namespace is deprecated and will be removed in SciPy 2.0.0.
# --8<-- [end:ancienne_api]

# --8<-- [start:retournements]
from sklearn.datasets import load_digits

digits = load_digits()
examples = [(digits.images[digits.target == 7][0], "chiffre 7"),
            (digits.images[digits.target == 3][0], "chiffre 3"),
            (x_train[0], "bottine"),
            (x_train[np.flatnonzero(y_train == 0)[0]], "T-shirt")]

fig, axes = plt.subplots(3, 4, figsize=(8, 6.5), layout="constrained")
for col, (image, name) in enumerate(examples):
    for row, (flipped, label) in enumerate([(image, "original"),
                                             (np.fliplr(image), "flip horizontal"),
                                             (np.flipud(image), "flip vertical")]):
        axes[row, col].imshow(flipped, cmap="gray_r")
        axes[row, col].set_title(f"{name} : {label}", fontsize=9)
        axes[row, col].axis("off")
fig.suptitle("Quels retournements gardent le sens de l'image ?")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Grille de trois lignes (l'original, retourné de gauche à droite, retourné de haut en bas) et de quatre "
    "colonnes (un 7 et un 3 des chiffres de scikit-learn, une bottine, un T-shirt). Retournés de gauche à "
    "droite, le 7 et le 3 deviennent leurs images en miroir, qui ne sont pas des chiffres. Retournés de haut "
    "en bas, le 7 devient méconnaissable et le 3 garde presque sa forme. La bottine retournée de gauche à "
    "droite pointe de l'autre côté et le T-shirt ne change presque pas. De haut en bas, tous deux sont à "
    "l'envers."
)
plt.show()
# --8<-- [end:retournements]
