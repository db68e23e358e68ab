# --8<-- [start:boucle]
import time

import keras
import numpy as np
import tensorflow as tf
from keras import layers
from sklearn.datasets import load_digits

digits = load_digits()
x = (digits.data / 16.0).astype("float32")
y = digits.target
dataset = tf.data.Dataset.from_tensor_slices((x[:1400], y[:1400])).batch(32)  # 44 lots

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(64,)),
                          layers.Dense(32, activation="relu"),
                          layers.Dense(10)])  # des logits : le softmax est dans la perte
loss_fn = keras.losses.SparseCategoricalCrossentropy(from_logits=True)
optimizer = keras.optimizers.Adam(learning_rate=1e-3)
train_accuracy = keras.metrics.SparseCategoricalAccuracy()

for epoch in range(3):
    for x_batch, y_batch in dataset:  # une étape par lot
        with tf.GradientTape() as tape:
            logits = model(x_batch, training=True)
            loss = loss_fn(y_batch, logits)
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply(gradients, model.trainable_variables)
        train_accuracy.update_state(y_batch, logits)
    print(f"époque {epoch + 1} : perte du dernier lot {float(loss):.3f}, "
          f"justesse d'entraînement {float(train_accuracy.result()):.3f}")
    train_accuracy.reset_state()  # chaque époque repart de zéro

test_accuracy = np.mean(model.predict(x[1400:], verbose=0).argmax(axis=1) == y[1400:])
print(f"justesse sur les 397 chiffres mis de côté : {test_accuracy:.3f}")
#> époque 1 : perte du dernier lot 2.066, justesse d'entraînement 0.137
#> époque 2 : perte du dernier lot 1.726, justesse d'entraînement 0.507
#> époque 3 : perte du dernier lot 1.348, justesse d'entraînement 0.677
#> justesse sur les 397 chiffres mis de côté : 0.660
# --8<-- [end:boucle]

# --8<-- [start:vitesse]
batches = list(dataset)  # les mêmes 44 lots pour les trois versions


def make_step(model, optimizer):
    """L'étape d'entraînement de la boucle ci-dessus, sous forme de fonction."""
    def step(x_batch, y_batch):
        with tf.GradientTape() as tape:
            loss = loss_fn(y_batch, model(x_batch, training=True))
        gradients = tape.gradient(loss, model.trainable_variables)
        optimizer.apply(gradients, model.trainable_variables)
        return loss
    return step


def measure(compile_step):
    """Même modèle de départ, mêmes lots : 1 époque de chauffe (traçage), puis 1 époque chronométrée."""
    keras.utils.set_random_seed(42)
    model = keras.Sequential([keras.Input(shape=(64,)), layers.Dense(32, activation="relu"), layers.Dense(10)])
    step = compile_step(make_step(model, keras.optimizers.Adam(learning_rate=1e-3)))
    start = time.perf_counter()
    step(*batches[0])  # premier appel : traçage (et compilation XLA)
    first_call = time.perf_counter() - start
    for x_batch, y_batch in batches[1:]:
        step(x_batch, y_batch)
    start, cpu_start = time.perf_counter(), time.process_time()
    for x_batch, y_batch in batches:
        loss = step(x_batch, y_batch)
    n_steps = len(batches)
    return {"first": first_call, "step": (time.perf_counter() - start) / n_steps,
            "cpu": (time.process_time() - cpu_start) / n_steps, "loss": float(loss)}


results = {
    "immédiat (eager)": measure(lambda step: step),
    "tf.function": measure(tf.function),
    "tf.function + XLA": measure(lambda step: tf.function(step, jit_compile=True)),
}
eager = results["immédiat (eager)"]["step"]
print(f"{'version':<18} {'1er appel':>9} {'par étape':>10} {'CPU/étape':>10} {'accélération':>13}  perte finale")
for name, r in results.items():
    print(f"{name:<18} {r['first'] * 1000:7.0f} ms {r['step'] * 1000:7.2f} ms {r['cpu'] * 1000:7.2f} ms "
          f"{eager / r['step']:11.1f} ×  {r['loss']:.4f}")
#> version            1er appel  par étape  CPU/étape  accélération  perte finale
#> immédiat (eager)   ... ms ... ms ... ms         1.0 ×  1.7256
#> tf.function        ... ms ... ms ... ms ... ×  1.7256
#> tf.function + XLA  ... ms ... ms ... ms ... ×  1.7256
# --8<-- [end:vitesse]
