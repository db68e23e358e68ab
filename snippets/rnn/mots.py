# --8<-- [start:donnees]
import time

import keras
import numpy as np
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)
tf.config.experimental.enable_op_determinism()

# La liste de mots français de Debian (paquet wfrench) : formes fléchies comprises
with open("/usr/share/dict/french", encoding="utf-8") as f:
    all_words = [w.strip() for w in f]
alphabet = set("abcdefghijklmnopqrstuvwxyzàâçéèêëîïôûùüÿœ")
words = [w for w in all_words if 4 <= len(w) <= 12 and set(w) <= alphabet]
rng = np.random.default_rng(42)
sample = list(rng.choice(words, size=12_000, replace=False))
print(f"{len(all_words)} lignes, {len(words)} mots retenus, {len(sample)} tirés pour l'entraînement")
print([str(w) for w in sample[:8]])
#> 346205 lignes, 283782 mots retenus, 12000 tirés pour l'entraînement
#> ['recomptâmes', 'écart', 'repeupliez', 'assagissait', 'rechargeasse', 'spiralions', 'interverti', 'préchauffera']
# --8<-- [end:donnees]

# --8<-- [start:codage]
# Un entier par caractère ; 0 = remplissage, 1 = début de mot, 2 = fin de mot
chars = sorted(alphabet)
index = {c: i + 3 for i, c in enumerate(chars)}
vocab_size = len(chars) + 3
length = 13  # 12 lettres au plus + un symbole de début (ou de fin)


def encode(word):
    return [1] + [index[c] for c in word] + [2]


codes = keras.utils.pad_sequences([encode(w) for w in sample], maxlen=length + 1, padding="post")
x, y = codes[:, :-1], codes[:, 1:]  # à chaque instant, prévoir le caractère suivant
print("vocabulaire :", vocab_size, "symboles")
print("mot :", sample[0])
print("x   :", x[0])
print("y   :", y[0])
#> vocabulaire : 44 symboles
#> mot : recomptâmes
#> x   : [ 1 20  7  5 17 15 18 22 30 15  7 21  2]
#> y   : [20  7  5 17 15 18 22 30 15  7 21  2  0]
# --8<-- [end:codage]

# --8<-- [start:modele]
model = keras.Sequential([
    keras.Input(shape=(None,)),
    layers.Embedding(vocab_size, 16, mask_zero=True),   # un vecteur appris de 16 valeurs par symbole
    layers.GRU(96, return_sequences=True),              # un état par instant
    layers.Dense(vocab_size),                           # scores (logits) du caractère suivant
], name="mots")
model.summary()
#> ...
#> ... Total params: 37,804 (147.67 KB)
#> ...
# --8<-- [end:modele]

# --8<-- [start:entrainement]
model.compile(optimizer=keras.optimizers.Adam(5e-3),
              loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
              metrics=["accuracy"])
start = time.perf_counter()
history = model.fit(x, y, validation_split=0.1, epochs=5, batch_size=128, verbose=0)
print(f"{time.perf_counter() - start:.0f} s")
for epoch, (acc, val_acc) in enumerate(zip(history.history["accuracy"], history.history["val_accuracy"]), 1):
    print(f"époque {epoch} : justesse {acc:.3f}, validation {val_acc:.3f}")
#> ... s
#> époque 1 : justesse 0.289, validation 0.352
#> époque 2 : justesse 0.387, validation 0.408
#> époque 3 : justesse 0.414, validation 0.421
#> époque 4 : justesse 0.425, validation 0.428
#> époque 5 : justesse 0.433, validation 0.432
# --8<-- [end:entrainement]

# --8<-- [start:echantillons]
def sample_words(n, temperature):
    """Tire n mots lettre par lettre ; les scores sont divisés par la température."""
    tokens = np.ones((n, 1), dtype="int32")           # tous commencent par le symbole de début
    done = np.zeros(n, dtype=bool)
    for _ in range(length):
        logits = model.predict(tokens, verbose=0)[:, -1, :] / temperature
        logits[:, :3] = np.where(np.arange(3) == 2, logits[:, :3], -np.inf)  # ni 0 ni 1
        next_token = tf.random.categorical(logits, 1, seed=None).numpy()[:, 0]
        next_token[done] = 0
        done |= next_token == 2
        tokens = np.concatenate([tokens, next_token[:, None]], axis=1)
    chars_of = {i: c for c, i in index.items()}
    return ["".join(chars_of.get(t, "") for t in row[1:] if t > 2) for row in tokens]


known = set(words)
for temperature in (0.3, 0.7, 1.0, 1.5):
    new = sample_words(10, temperature)
    in_list = sum(w in known for w in new)
    print(f"T = {temperature} : {' '.join(new)}  ({in_list}/10 dans la liste)")
#> T = 0.3 : ...  (4/10 dans la liste)
#> T = 0.7 : ...  (0/10 dans la liste)
#> T = 1.0 : ...  (0/10 dans la liste)
#> T = 1.5 : ...  (0/10 dans la liste)
# --8<-- [end:echantillons]
