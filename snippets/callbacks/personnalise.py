# --8<-- [start:classe]
import keras
import matplotlib.pyplot as plt
import numpy as np
from keras import layers

class_names = ["T-shirt/haut", "pantalon", "pull", "robe", "manteau",
               "sandale", "chemise", "basket", "sac", "bottine"]


class SuiviPredictions(keras.callbacks.Callback):
    """À chaque fin d'époque, note la probabilité que le modèle donne à la bonne classe de quelques images."""

    def __init__(self, images, labels):
        super().__init__()
        self.images, self.labels = images, labels
        self.probabilities = []  # une ligne par époque

    def on_epoch_end(self, epoch, logs=None):
        predictions = self.model.predict(self.images, verbose=0)  # self.model : le modèle en cours d'entraînement
        self.probabilities.append(predictions[np.arange(len(self.labels)), self.labels])

    def on_train_end(self, logs=None):
        probabilities = np.array(self.probabilities)  # (époques, images)
        n = len(self.labels)
        fig = plt.figure(figsize=(10, 5), layout="constrained")
        grid = fig.add_gridspec(2, n, height_ratios=[1, 2])
        curves = fig.add_subplot(grid[1, :])
        for k in range(n):
            ax = fig.add_subplot(grid[0, k])
            ax.imshow(self.images[k].reshape(28, 28), cmap="gray_r")
            ax.set_title(f"{k + 1}. {class_names[self.labels[k]]}", fontsize="small")
            ax.axis("off")
            curves.plot(range(1, len(probabilities) + 1), probabilities[:, k], "o-", label=f"image {k + 1}")
        curves.set(xlabel="époque", ylabel="probabilité de la bonne classe", ylim=(0, 1.02))
        curves.grid(alpha=0.3)
        curves.legend(fontsize="small", ncol=n)
        fig.suptitle("Prédictions sur six images de validation, dessinées par un callback à chaque époque")
        fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
            f"En haut, les {n} images de validation suivies. En bas, une courbe par image de la probabilité "
            f"que le modèle donne à sa bonne classe, de l'époque 1 à l'époque {len(probabilities)}. À la dernière, "
            + ", ".join(f"{probabilities[-1, k]:.2f} pour l'image {k + 1} ({class_names[self.labels[k]]})"
                        for k in range(n)) + "."
        )
        plt.show()
# --8<-- [end:classe]

# --8<-- [start:entrainement]
(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:1000], y_all[:1000]
x_val, y_val = x_all[54_000:56_000], y_all[54_000:56_000]

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(64, activation="relu"),
                          layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
tracker = SuiviPredictions(x_val[:6], y_val[:6])
model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=10, batch_size=32,
          callbacks=[tracker], verbose=0)
final = tracker.probabilities[-1]
print("probabilité de la bonne classe à la dernière époque :", " ".join(f"{p:.2f}" for p in final))
#> probabilité de la bonne classe à la dernière époque : 0.93 0.19 0.94 0.32 0.64 0.83
# --8<-- [end:entrainement]
