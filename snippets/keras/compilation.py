# --8<-- [start:optimiseurs]
import keras

for name in ["adam", "sgd", "rmsprop", "adamw"]:
    optimizer = keras.optimizers.get(name)  # ce que fait compile(optimizer=name)
    print(f"{name!r:<10} → {type(optimizer).__name__:<8} learning_rate = {float(optimizer.learning_rate):g}")
#> 'adam'     → Adam     learning_rate = 0.001
#> 'sgd'      → SGD      learning_rate = 0.01
#> 'rmsprop'  → RMSprop  learning_rate = 0.001
#> 'adamw'    → AdamW    learning_rate = 0.001
# --8<-- [end:optimiseurs]

# --8<-- [start:defauts]
adam = keras.optimizers.Adam()
print(f"Adam : beta_1={adam.beta_1}, beta_2={adam.beta_2}, epsilon={adam.epsilon}")
#> Adam : beta_1=0.9, beta_2=0.999, epsilon=1e-07
print("AdamW : weight_decay =", keras.optimizers.AdamW().weight_decay)
#> AdamW : weight_decay = 0.004
print("SGD : momentum =", keras.optimizers.SGD().momentum)
#> SGD : momentum = 0.0
# --8<-- [end:defauts]

# --8<-- [start:pertes]
for name in ["binary_crossentropy", "categorical_crossentropy",
             "sparse_categorical_crossentropy", "mse"]:
    loss = keras.losses.get(name)
    print(f"{name!r:<34}→ keras.losses.{loss.__name__}")
#> 'binary_crossentropy'             → keras.losses.binary_crossentropy
#> 'categorical_crossentropy'        → keras.losses.categorical_crossentropy
#> 'sparse_categorical_crossentropy' → keras.losses.sparse_categorical_crossentropy
#> 'mse'                             → keras.losses.mean_squared_error
# --8<-- [end:pertes]

# --8<-- [start:entropie]
import numpy as np

probabilities = np.array([[0.1, 0.2, 0.7]])  # sortie softmax pour un exemple
sparse = keras.losses.sparse_categorical_crossentropy(np.array([2]), probabilities)
one_hot = keras.losses.categorical_crossentropy(np.array([[0.0, 0.0, 1.0]]), probabilities)
print(f"étiquette entière 2 : {float(sparse[0]):.4f}")
#> étiquette entière 2 : 0.3567
print(f"étiquette one-hot   : {float(one_hot[0]):.4f}")
#> étiquette one-hot   : 0.3567
print(f"-ln(0.7)            : {-np.log(0.7):.4f}")
#> -ln(0.7)            : 0.3567
# --8<-- [end:entropie]

# --8<-- [start:compile]
from keras import layers

model = keras.Sequential([
    keras.Input(shape=(28, 28)),
    layers.Flatten(),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax"),
])
# Chaînes : réglages par défaut
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
print(type(model.optimizer).__name__, f"{float(model.optimizer.learning_rate):g}")
#> Adam 0.001

# Objets : pour changer un réglage, ici le taux d'apprentissage
weights_before = model.get_weights()
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=3e-4),
    loss=keras.losses.SparseCategoricalCrossentropy(),
    metrics=["accuracy"],
)
print(type(model.optimizer).__name__, f"{float(model.optimizer.learning_rate):g}")
#> Adam 0.0003
print("poids inchangés :", all(np.array_equal(before, after)
                               for before, after in zip(weights_before, model.get_weights())))
#> poids inchangés : True
# --8<-- [end:compile]
