# --8<-- [start:chargement]
import keras
import numpy as np

(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
print("entraînement :", x_train.shape, y_train.shape)
#> entraînement : (60000, 28, 28) (60000,)
print("test         :", x_test.shape, y_test.shape)
#> test         : (10000, 28, 28) (10000,)
print("pixels :", x_train.dtype, x_train.min(), "à", x_train.max())
#> pixels : uint8 0 à 255
print("étiquettes :", np.unique(y_train))
#> étiquettes : [0 1 2 3 4 5 6 7 8 9]
print("images par classe :", np.bincount(y_train))
#> images par classe : [6000 6000 6000 6000 6000 6000 6000 6000 6000 6000]
# --8<-- [end:chargement]

# --8<-- [start:apercu]
import matplotlib.pyplot as plt

class_names = ["T-shirt/haut", "pantalon", "pull", "robe", "manteau",
               "sandale", "chemise", "basket", "sac", "bottine"]

fig, axes = plt.subplots(2, 10, figsize=(12, 3))
for label in range(10):
    first_two = np.flatnonzero(y_train == label)[:2]  # deux exemples de chaque classe
    for row, index in enumerate(first_two):
        axes[row, label].imshow(x_train[index], cmap="gray_r")
        axes[row, label].axis("off")
    axes[0, label].set_title(f"{label} : {class_names[label]}", fontsize=9)
fig.suptitle("Fashion-MNIST : deux images d'entraînement par classe")
fig.tight_layout()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Deux lignes de dix petites images en niveaux de gris, deux exemples de chaque classe de Fashion-MNIST, "
    "de 0 à 9, " + ", ".join(class_names) + "."
)
plt.show()
# --8<-- [end:apercu]
