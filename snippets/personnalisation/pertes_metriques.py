# --8<-- [start:perte]
import keras
import numpy as np
from keras import layers, ops


class HuberMaison(keras.losses.Loss):
    """Quadratique près de zéro, linéaire au-delà de delta : une erreur énorme pèse moins qu'au carré."""

    def __init__(self, delta=1.0, name="huber_maison", **kwargs):
        super().__init__(name=name, **kwargs)  # reduction et dtype sont gérés par Loss
        self.delta = delta

    def call(self, y_true, y_pred):
        # Une valeur par exemple ; Loss applique ensuite sample_weight et la réduction (moyenne du lot)
        error = ops.abs(ops.cast(y_true, y_pred.dtype) - y_pred)
        quadratic = 0.5 * ops.square(error)
        linear = self.delta * error - 0.5 * self.delta**2
        return ops.mean(ops.where(error <= self.delta, quadratic, linear), axis=-1)

    def get_config(self):
        return {**super().get_config(), "delta": self.delta}


y_true = np.array([[0.0], [1.0], [2.0], [10.0]], dtype="float32")
y_pred = np.array([[0.1], [1.5], [0.0], [0.0]], dtype="float32")
mine, keras_huber = HuberMaison(delta=1.0), keras.losses.Huber(delta=1.0)
print("maison :", f"{float(mine(y_true, y_pred)):.5f}", "| Keras :", f"{float(keras_huber(y_true, y_pred)):.5f}")
weights = np.array([1.0, 1.0, 1.0, 0.0])  # le dernier exemple ne compte plus
print("avec sample_weight :", f"{float(mine(y_true, y_pred, sample_weight=weights)):.5f}",
      "| Keras :", f"{float(keras_huber(y_true, y_pred, sample_weight=weights)):.5f}")
print("erreur quadratique moyenne :", f"{float(keras.losses.MeanSquaredError()(y_true, y_pred)):.5f}")
# Par défaut, la moyenne divise par la taille du lot (4), pas par la somme des poids (3) :
weighted_mean = HuberMaison(reduction="mean_with_sample_weight")
print("moyenne pondérée :", f"{float(weighted_mean(y_true, y_pred, sample_weight=weights)):.5f}")
#> maison : 2.78250 | Keras : 2.78250
#> avec sample_weight : 0.40750 | Keras : 0.40750
#> erreur quadratique moyenne : 26.06500
#> moyenne pondérée : 0.54333
# --8<-- [end:perte]

# --8<-- [start:metrique]
class F1Macro(keras.metrics.Metric):
    """Le score F1 de chaque classe, moyenné sur les classes, calculé sur tous les exemples vus."""

    def __init__(self, n_classes, name="f1_macro", **kwargs):
        super().__init__(name=name, **kwargs)
        self.n_classes = n_classes
        # L'état : trois compteurs par classe, cumulés d'un lot à l'autre
        self.true_pos = self.add_variable(shape=(n_classes,), initializer="zeros", name="vrais_positifs")
        self.false_pos = self.add_variable(shape=(n_classes,), initializer="zeros", name="faux_positifs")
        self.false_neg = self.add_variable(shape=(n_classes,), initializer="zeros", name="faux_negatifs")

    def update_state(self, y_true, y_pred, sample_weight=None):  # sample_weight ignoré ici
        true = ops.one_hot(ops.reshape(ops.cast(y_true, "int32"), (-1,)), self.n_classes)
        predicted = ops.one_hot(ops.argmax(y_pred, axis=-1), self.n_classes)
        self.true_pos.assign_add(ops.sum(true * predicted, axis=0))
        self.false_pos.assign_add(ops.sum((1 - true) * predicted, axis=0))
        self.false_neg.assign_add(ops.sum(true * (1 - predicted), axis=0))

    def result(self):
        f1 = 2 * self.true_pos / ops.maximum(2 * self.true_pos + self.false_pos + self.false_neg, 1.0)
        return ops.mean(f1)

    def get_config(self):
        return {**super().get_config(), "n_classes": self.n_classes}
    # reset_state, hérité de Metric, remet les trois compteurs à zéro


metric = F1Macro(3)
metric.update_state([0, 1], [[0.9, 0.1, 0.0], [0.2, 0.7, 0.1]])    # deux bonnes réponses
print("après le lot 1 :", f"{float(metric.result()):.3f}")
metric.update_state([2, 2], [[0.1, 0.8, 0.1], [0.0, 0.3, 0.7]])    # une erreur : 2 prédit 1
print("après le lot 2 :", f"{float(metric.result()):.3f}")
print("compteurs :", metric.true_pos.numpy(), metric.false_pos.numpy(), metric.false_neg.numpy())
metric.reset_state()
print("après reset_state :", f"{float(metric.result()):.3f}")
#> après le lot 1 : 0.667
#> après le lot 2 : 0.778
#> compteurs : [1. 1. 1.] [0. 1. 0.] [0. 0. 1.]
#> après reset_state : 0.000
# --8<-- [end:metrique]

# --8<-- [start:entrainement]
from sklearn.datasets import load_digits
from sklearn.metrics import f1_score

digits = load_digits()
x, y = digits.data.astype("float32") / 16, digits.target
x_train, y_train, x_test, y_test = x[:1400], y[:1400], x[1400:], y[1400:]

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(32, activation="relu"),
                          layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy",
              metrics=["accuracy", F1Macro(10)])
history = model.fit(x_train, y_train, epochs=20, batch_size=64, verbose=0)
for epoch, f1 in enumerate(history.history["f1_macro"], 1):
    if epoch in (1, 5, 10, 20):
        print(f"époque {epoch:2} : f1_macro {f1:.3f}")

results = model.evaluate(x_test, y_test, batch_size=64, verbose=0, return_dict=True)
predicted = model.predict(x_test, verbose=0).argmax(axis=1)
per_batch = [f1_score(y_test[i:i + 64], predicted[i:i + 64], average="macro") for i in range(0, len(y_test), 64)]
print(f"test, F1Macro (compteurs cumulés)   : {results['f1_macro']:.4f}")
print(f"test, scikit-learn sur tout le jeu   : {f1_score(y_test, predicted, average='macro'):.4f}")
print(f"test, moyenne des F1 de chaque lot   : {np.mean(per_batch):.4f}")
#> époque  1 : f1_macro 0.047
#> époque  5 : f1_macro 0.715
#> époque 10 : f1_macro 0.921
#> époque 20 : f1_macro 0.954
#> test, F1Macro (compteurs cumulés)   : 0.8784
#> test, scikit-learn sur tout le jeu   : 0.8784
#> test, moyenne des F1 de chaque lot   : 0.8520
# --8<-- [end:entrainement]

# --8<-- [start:exercice_erreur_max]
class ErreurMaxAbsolue(keras.metrics.Metric):
    """La plus grande erreur absolue vue depuis le dernier reset_state."""

    def __init__(self, name="erreur_max", **kwargs):
        super().__init__(name=name, **kwargs)
        self.largest = self.add_variable(shape=(), initializer="zeros", name="plus_grande")

    def update_state(self, y_true, y_pred, sample_weight=None):
        error = ops.max(ops.abs(ops.cast(y_true, y_pred.dtype) - y_pred))
        self.largest.assign(ops.maximum(self.largest, error))

    def result(self):
        return self.largest


metric = ErreurMaxAbsolue()
batches = [([1.0, 2.0], [1.5, 2.0]), ([0.0, 4.0], [0.25, 1.0]), ([3.0], [2.0])]
seen = []
for y_t, y_p in batches:
    metric.update_state(np.array(y_t), np.array(y_p))
    seen.append(np.abs(np.array(y_t) - np.array(y_p)))
    print(f"métrique {float(metric.result()):.2f} | NumPy {np.concatenate(seen).max():.2f}")
metric.reset_state()
print("après reset_state :", float(metric.result()))
#> métrique 0.50 | NumPy 0.50
#> métrique 3.00 | NumPy 3.00
#> métrique 3.00 | NumPy 3.00
#> après reset_state : 0.0
# --8<-- [end:exercice_erreur_max]
