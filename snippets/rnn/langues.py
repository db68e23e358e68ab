# --8<-- [start:donnees]
import collections
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf
from keras import layers, ops
from sklearn.decomposition import PCA
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline

keras.utils.set_random_seed(42)
tf.config.experimental.enable_op_determinism()

# Les listes de mots de Debian (paquets wfrench, wamerican, wngerman, wspanish, witalian)
FILES = {"français": "/usr/share/dict/french", "anglais": "/usr/share/dict/american-english",
         "allemand": "/usr/share/dict/ngerman", "espagnol": "/usr/share/dict/spanish",
         "italien": "/usr/share/dict/italian"}
languages = list(FILES)
lists = {}
for language, path in FILES.items():
    with open(path, encoding="utf-8") as f:
        lists[language] = {w.strip().lower() for w in f} - {""}
lists = {lang: {w for w in ws if 3 <= len(w) <= 15 and w.isalpha()} for lang, ws in lists.items()}
seen = collections.Counter(w for ws in lists.values() for w in ws)

per_language = 12_000
rng = np.random.default_rng(42)
words, labels = [], []
for label, language in enumerate(languages):
    own = sorted(w for w in lists[language] if seen[w] == 1)  # un mot de plusieurs listes est ambigu : écarté
    words += list(rng.choice(own, size=per_language, replace=False))
    labels += [label] * per_language
    print(f"{language:9} {len(lists[language]):7} mots, {len(own):7} dans cette liste seulement")
order = rng.permutation(len(words))
words = np.array(words, dtype=object)[order]
labels = np.array(labels)[order]
n_test = 10_000
x_test, y_test = words[:n_test], labels[:n_test]
x_train, y_train = words[n_test:], labels[n_test:]
print(f"{len(x_train)} mots d'entraînement, {len(x_test)} de test :", ", ".join(
    f"{w} ({languages[y]})" for w, y in zip(x_test[:4], y_test[:4])))
#> français   334019 mots,  321196 dans cette liste seulement
#> anglais     73048 mots,   60160 dans cette liste seulement
#> allemand   301055 mots,  293925 dans cette liste seulement
#> espagnol    85226 mots,   79534 dans cette liste seulement
#> italien    108047 mots,  102152 dans cette liste seulement
#> 50000 mots d'entraînement, 10000 de test : bated (anglais), refulgent (anglais), traer (espagnol), donny (anglais)
# --8<-- [end:donnees]

# --8<-- [start:reference]
# Référence sans réseau : bayésien naïf sur les groupes de 1 à 3 caractères (n-grammes)
start = time.perf_counter()
baseline = make_pipeline(CountVectorizer(analyzer="char_wb", ngram_range=(1, 3)), MultinomialNB())
baseline.fit(x_train, y_train)
baseline_accuracy = np.mean(baseline.predict(x_test) == y_test)
print(f"bayésien naïf : justesse de test {baseline_accuracy:.3f} "
      f"({time.perf_counter() - start:.1f} s)")
#> bayésien naïf : justesse de test 0.880 (... s)
# --8<-- [end:reference]

# --8<-- [start:vectorisation]
vectorizer = layers.TextVectorization(split="character", standardize=None)
vectorizer.adapt(x_train)
vocabulary = vectorizer.get_vocabulary()
print(len(vocabulary), "symboles :", vocabulary[:2], "".join(vocabulary[2:]))
print("straße →", vectorizer(["straße"]).numpy()[0])
codes_train = vectorizer(tf.constant(list(x_train)))  # complétés par des 0 jusqu'au mot le plus long
codes_test = vectorizer(tf.constant(list(x_test)))
print("entraînement :", codes_train.shape, codes_train.dtype)
#> 50 symboles : ['', '[UNK]'] earisntolcdumgpbhfvzékwyqjüäxóâíèòáöñàßîçêúûïôìù
#> straße → [ 6  8  4  3 40  2]
#> entraînement : (50000, 15) <dtype: 'int64'>
# --8<-- [end:vectorisation]

# --8<-- [start:modele]
model = keras.Sequential([
    keras.Input(shape=(None,), dtype="int64"),
    layers.Embedding(len(vocabulary), 16, mask_zero=True),  # 16 valeurs apprises par caractère
    layers.Bidirectional(layers.GRU(64)),                   # le mot lu dans les deux sens
    layers.Dense(len(languages), activation="softmax"),
], name="langues")
model.summary()
#> ...
#> ... Total params: 32,933 (128.64 KB)
#> ...
# --8<-- [end:modele]

# --8<-- [start:entrainement]
model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
start = time.perf_counter()
history = model.fit(codes_train, y_train, validation_split=0.1, epochs=8, batch_size=128, verbose=0)
print(f"{time.perf_counter() - start:.0f} s")
for epoch, (acc, val_acc) in enumerate(zip(history.history["accuracy"], history.history["val_accuracy"]), 1):
    print(f"époque {epoch} : justesse {acc:.3f}, validation {val_acc:.3f}")
_, test_accuracy = model.evaluate(codes_test, y_test, verbose=0)
print(f"test : réseau {test_accuracy:.3f}, bayésien naïf {baseline_accuracy:.3f}")
#> ... s
#> époque 1 : justesse 0.734, validation 0.813
#> époque 2 : justesse 0.853, validation 0.858
#> époque 3 : justesse 0.880, validation 0.875
#> époque 4 : justesse 0.897, validation 0.887
#> époque 5 : justesse 0.907, validation 0.890
#> époque 6 : justesse 0.916, validation 0.893
#> époque 7 : justesse 0.924, validation 0.894
#> époque 8 : justesse 0.931, validation 0.894
#> test : réseau 0.905, bayésien naïf 0.880
# --8<-- [end:entrainement]

# --8<-- [start:prediction]
# Un seul modèle qui prend du texte : la vectorisation devient sa première couche
reader = keras.Sequential([keras.Input(shape=(1,), dtype="string"), vectorizer, model])
tries = ["ordinateur", "computer", "rechner", "ordenador", "calcolatore", "weekend", "schtroumpf"]
probabilities = reader.predict(tf.constant([[w] for w in tries]), verbose=0)
for word, p in zip(tries, probabilities):
    best = np.argsort(p)[::-1][:2]
    print(f"{word:12} {languages[best[0]]:9} {p[best[0]]:.2f}   puis {languages[best[1]]:9} {p[best[1]]:.2f}")
#> ordinateur   français  0.99   puis anglais   0.00
#> computer     anglais   0.73   puis français  0.24
#> rechner      anglais   0.40   puis français  0.28
#> ordenador    espagnol  1.00   puis anglais   0.00
#> calcolatore  italien   0.95   puis anglais   0.02
#> weekend      allemand  0.72   puis anglais   0.28
#> schtroumpf   allemand  0.99   puis anglais   0.01
# --8<-- [end:prediction]

# --8<-- [start:plongement]
embedding = model.layers[0].get_weights()[0][2:]  # sans le remplissage ni [UNK]
letters = vocabulary[2:]
points = PCA(n_components=2).fit_transform(embedding)
unit = embedding / np.linalg.norm(embedding, axis=1, keepdims=True)


def neighbours(letter, k=3):
    similarity = unit @ unit[letters.index(letter)]
    return [letters[i] for i in np.argsort(similarity)[::-1][1:k + 1]]


for letter in ["ß", "ñ", "k", "é"]:
    print(f"plus proches de « {letter} » : {' '.join(neighbours(letter))}")

fig, ax = plt.subplots(figsize=(7, 5.5), layout="constrained")
plain = [i for i, c in enumerate(letters) if c in "abcdefghijklmnopqrstuvwxyz"]
marked = [i for i in range(len(letters)) if i not in plain]
ax.scatter(*points[plain].T, s=8, color="tab:blue", label="lettres de a à z")
ax.scatter(*points[marked].T, s=8, color="tab:red", label="lettres accentuées, ß")
for (x, y), letter in zip(points, letters):
    ax.annotate(letter, (x, y), xytext=(3, 3), textcoords="offset points", fontsize=11)
ax.set_xlabel("première composante principale")
ax.set_ylabel("deuxième composante principale")
ax.set_title("Plongements appris des caractères (16 valeurs projetées sur 2)")
ax.legend(loc="best")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Nuage de {len(letters)} points, un par caractère, placés selon les deux premières composantes "
    "principales de leur plongement appris ; les lettres de a à z en bleu, les lettres accentuées et ß en "
    f"rouge. Les voisins les plus proches de ß dans l'espace à 16 dimensions sont "
    f"{', '.join(neighbours('ß'))} ; ceux de ñ sont {', '.join(neighbours('ñ'))}.")
plt.show()
#> plus proches de « ß » : ä ö ü
#> plus proches de « ñ » : í á ó
#> plus proches de « k » : w ä ß
#> plus proches de « é » : ê ô è
# --8<-- [end:plongement]

# --8<-- [start:confusions]
from sklearn.metrics import confusion_matrix

predicted = model.predict(codes_test, verbose=0).argmax(axis=1)
matrix = confusion_matrix(y_test, predicted)
print("vraie langue \\ prédite", " ".join(f"{lang[:4]:>5}" for lang in languages))
for language, row in zip(languages, matrix):
    print(f"{language:22}", " ".join(f"{n:5d}" for n in row))
errors = [(matrix[i, j] + matrix[j, i], languages[i], languages[j])
          for i in range(len(languages)) for j in range(i + 1, len(languages))]
for count, first, second in sorted(errors, reverse=True)[:3]:
    print(f"{first} et {second} : {count} mots confondus")
#> vraie langue \ prédite  fran  angl  alle  espa  ital
#> français                1861    95     7    47    38
#> anglais                  100  1728    69    72    41
#> allemand                  28    99  1850     7     6
#> espagnol                  45    35     4  1813    62
#> italien                   45    25    10   119  1794
#> français et anglais : 195 mots confondus
#> espagnol et italien : 181 mots confondus
#> anglais et allemand : 168 mots confondus
# --8<-- [end:confusions]

# --8<-- [start:attention_modele]
class PositionEmbedding(layers.Layer):
    """Ajoute à chaque vecteur un vecteur appris propre à sa position : l'attention seule ignore l'ordre."""

    def __init__(self, max_length, dim, **kwargs):
        super().__init__(**kwargs)
        self.table = layers.Embedding(max_length, dim)
        self.supports_masking = True  # le masque du remplissage passe à la couche suivante

    def call(self, x):
        return x + self.table(ops.arange(ops.shape(x)[1]))


keras.utils.set_random_seed(42)
dim = 64
tokens = keras.Input(shape=(None,), dtype="int64")
x = layers.Embedding(len(vocabulary), dim, mask_zero=True)(tokens)
x = PositionEmbedding(codes_train.shape[1], dim)(x)  # une position par caractère : 15 au plus
# Un bloc d'encodeur Transformer : attention, puis réseau dense, chacun avec connexion résiduelle et normalisation
attended, scores = layers.MultiHeadAttention(num_heads=4, key_dim=16, name="attention")(
    x, x, return_attention_scores=True)
x = layers.LayerNormalization()(x + attended)
x = layers.LayerNormalization()(x + layers.Dense(dim)(layers.Dense(96, activation="relu")(x)))
# Le masque du remplissage s'arrête à l'attention (la somme résiduelle ne le transmet pas) : on le redonne
x = layers.GlobalAveragePooling1D()(x, mask=ops.not_equal(tokens, 0))  # moyenne sur les vrais caractères
transformer = keras.Model(tokens, layers.Dense(len(languages), activation="softmax")(x), name="attention")
print(f"paramètres : GRU bidirectionnel {model.count_params():,}, bloc d'attention {transformer.count_params():,}")
#> paramètres : GRU bidirectionnel 32,933, bloc d'attention 33,829
# --8<-- [end:attention_modele]

# --8<-- [start:attention_entrainement]
transformer.compile(optimizer=keras.optimizers.Adam(3e-3), loss="sparse_categorical_crossentropy",
                    metrics=["accuracy"])
start = time.perf_counter()
history = transformer.fit(codes_train, y_train, validation_split=0.1, epochs=8, batch_size=128, verbose=0)
seconds = time.perf_counter() - start
_, attention_accuracy = transformer.evaluate(codes_test, y_test, verbose=0)
print(f"{seconds:.0f} s ; validation à la dernière époque : {history.history['val_accuracy'][-1]:.3f}")
print(f"test : attention {attention_accuracy:.3f}, GRU bidirectionnel {test_accuracy:.3f}, "
      f"bayésien naïf {baseline_accuracy:.3f}")
#> ... s ; validation à la dernière époque : 0.839±0.006
#> test : attention 0.843±0.006, GRU bidirectionnel 0.905, bayésien naïf 0.880
# --8<-- [end:attention_entrainement]

# --8<-- [start:attention_poids]
probe = keras.Model(tokens, scores)  # même graphe, sortie : les poids d'attention
word = "straße"
weights = probe.predict(vectorizer([word]), verbose=0)[0]  # (têtes, requêtes, clés)
n = len(word)
fig, axes = plt.subplots(1, 4, figsize=(11, 3.4), layout="constrained")
for head, ax in enumerate(axes):
    ax.imshow(weights[head, :n, :n], cmap="Greys", vmin=0, vmax=1)
    ax.set_xticks(range(n), list(word))
    ax.set_yticks(range(n), list(word))
    ax.set_title(f"tête {head + 1}")
    ax.set_xlabel("caractère regardé")
axes[0].set_ylabel("caractère qui regarde")
fig.suptitle(f"Poids d'attention du mot « {word} » : une ligne par caractère, de somme 1")
favourite = [word[int(weights[h, :n, :n].mean(axis=0).argmax())] for h in range(4)]
for head, letter in enumerate(favourite, 1):
    print(f"tête {head} : caractère le plus regardé en moyenne « {letter} »")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Quatre matrices de {n} lignes sur {n} colonnes, une par tête d'attention, pour le mot {word} ; "
    "chaque case est d'autant plus foncée que le caractère de la ligne regarde celui de la colonne. "
    "Le caractère le plus regardé en moyenne est " + ", ".join(
        f"{letter} pour la tête {head}" for head, letter in enumerate(favourite, 1)) + ".")
plt.show()
#> tête 1 : caractère le plus regardé en moyenne « ß »
#> tête 2 : caractère le plus regardé en moyenne « ß »
#> tête 3 : caractère le plus regardé en moyenne « ß »
#> tête 4 : caractère le plus regardé en moyenne « ß »
# --8<-- [end:attention_poids]
