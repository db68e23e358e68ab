# --8<-- [start:modele]
import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(42)  # graines de Python, NumPy et TensorFlow

# Fashion-MNIST brut : pixels entiers de 0 à 255, comme une application les recevra
(x_train, y_train), (x_test, y_test) = keras.datasets.fashion_mnist.load_data()
x_train = x_train[..., np.newaxis].astype("float32")  # (60000, 28, 28, 1)
x_test = x_test[..., np.newaxis].astype("float32")    # (10000, 28, 28, 1)
class_names = ["T-shirt/haut", "pantalon", "pull", "robe", "manteau",
               "sandale", "chemise", "basket", "sac", "bottine"]

# Le petit CNN de la mesure d'augmentation du chapitre CNN, normalisation DANS le modèle :
# le modèle déployé accepte directement des pixels de 0 à 255.
model = keras.Sequential([
    keras.Input(shape=(28, 28, 1), name="pixels"),
    layers.Rescaling(1 / 255),
    layers.Conv2D(16, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(2),
    layers.Flatten(),
    layers.Dropout(0.3),
    layers.Dense(64, activation="relu"),
    layers.Dense(10, activation="softmax", name="probabilites"),
], name="vetements")
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
model.fit(x_train, y_train, epochs=2, batch_size=128, verbose=0)
test_loss, test_acc = model.evaluate(x_test, y_test, verbose=0)
print(f"Justesse sur le test : {test_acc:.3f}")
#> Justesse sur le test : 0.857±0.002
model.save("vetements.keras")
# --8<-- [end:modele]

# --8<-- [start:export]
import os
from pathlib import Path

# SavedModel : graphe de calcul et poids, lisibles sans Keras (l'entrée du convertisseur)
model.export("vetements_savedmodel", verbose=False)
print(sorted(os.listdir("vetements_savedmodel")))
#> ['assets', 'fingerprint.pb', 'saved_model.pb', 'variables']
# --8<-- [end:export]

# --8<-- [start:environnement]
import shutil
import subprocess
from importlib.metadata import version

import tensorflow as tf

# Le convertisseur est une commande (pip install tensorflowjs l'installe) ; la première ligne de son script
# dit quel Python l'exécute, donc dans quel environnement il vit. Sur le site, c'est un environnement à part.
converter = shutil.which("tensorflowjs_converter")
python_tfjs = Path(converter).read_text().splitlines()[0].removeprefix("#!").strip()
QUERY = """from importlib.metadata import requires, version
for name, needs in [("tensorflowjs", "packaging"),
                    ("tensorflow_decision_forests", "tensorflow=")]:
    print(name, version(name), "exige", [r for r in requires(name) if r.startswith(needs)])
print("installés : tensorflow", version("tensorflow"), "| packaging", version("packaging"))"""
print("--- environnement du convertisseur")
query = subprocess.run([python_tfjs, "-c", QUERY], capture_output=True, text=True)
print(query.stdout, end="")
print("--- environnement du cours")
print("installés : tensorflow", tf.__version__, "| packaging", version("packaging"))
#> --- environnement du convertisseur
#> tensorflowjs 4.22.0 exige ['packaging~=23.1']
#> tensorflow_decision_forests 1.12.0 exige ['tensorflow==2.19.0']
#> installés : tensorflow 2.19.0 | packaging 23.2
#> --- environnement du cours
#> installés : tensorflow 2.21.0 | packaging 26.4
# --8<-- [end:environnement]

# --8<-- [start:conversion]
import json
import textwrap

def convert(*args):
    """Lance tensorflowjs_converter ; en cas d'échec, montre la fin de son journal."""
    result = subprocess.run([converter, *args], capture_output=True, text=True,
                            env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3"))
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])


convert("--input_format=tf_saved_model", "--output_format=tfjs_graph_model",
        "vetements_savedmodel", "vetements_tfjs")
for path in sorted(Path("vetements_tfjs").iterdir()):
    print(f"{path.name:22} {path.stat().st_size / 1024:6.1f} Ko")
description = json.loads(Path("vetements_tfjs/model.json").read_text())
print("format :", description["format"], "|", description["convertedBy"])
for role, key in (("entrée", "inputs"), ("sortie", "outputs")):
    for tensor in description["signature"][key].values():
        shape = [int(d["size"]) for d in tensor["tensorShape"]["dim"]]  # -1 : lot de taille libre
        print(f"{role} : {tensor['name']} {tensor['dtype']} {shape}")
ops = sorted({node["op"] for node in description["modelTopology"]["node"]})
print("opérations du graphe :", len(ops))
print(textwrap.fill(", ".join(ops), width=78))
#> group1-shard1of1.bin    221.6 Ko
#> model.json               11.0±2 Ko
#> format : graph-model | TensorFlow.js Converter v4.22.0
#> entrée : pixels:0 DT_FLOAT [-1, 28, 28, 1]
#> sortie : Identity:0 DT_FLOAT [-1, 10]
#> opérations du graphe : 13
#> AddV2, Const, Identity, MaxPool, Mul, Pack, Placeholder, Reshape, Shape,
#> Softmax, StridedSlice, _FusedConv2D, _FusedMatMul
# --8<-- [end:conversion]

# --8<-- [start:navigateur]
import functools
import http.server
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import sync_playwright

import keras

# tf.min.js du paquet npm @tensorflow/tfjs 4.22.0 : téléchargé une fois dans le cache de Keras, comme un jeu
# de données, et vérifié par son empreinte (le site sert sa propre copie : aucune page ne charge un CDN).
TFJS = keras.utils.get_file(
    "tf-4.22.0.min.js", "https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js",
    file_hash="300dfae273d20b4046f46a06d735688f03675a807561e9bcb5f664eb2f3d2831")


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # pas de journal des requêtes dans la sortie
        pass


def run_in_browser(model_dir, script, arg=None):
    """Sert tf.min.js et le modèle sur 127.0.0.1, ouvre Chromium sans écran, y évalue
    `script`. Toute requête qui sortirait de 127.0.0.1 est bloquée, et comptée."""
    folder = tempfile.TemporaryDirectory()
    web = Path(folder.name)
    shutil.copy(TFJS, web / "tf.min.js")
    shutil.copytree(model_dir, web / "modele")
    (web / "index.html").write_text('<!doctype html><script src="tf.min.js"></script>')
    handler = functools.partial(QuietHandler, directory=web)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    blocked = []

    def only_local(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    def evaluate():
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                 args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page()
            page.route("**/*", only_local)
            page.goto(origin + "index.html")
            value = page.evaluate(script, arg)
            browser.close()
            return value

    try:
        # L'API synchrone de Playwright refuse de tourner là où une boucle asyncio tourne déjà (un notebook
        # Jupyter ou Colab) : on l'appelle dans un fil à part, ce qui marche partout, script comme notebook.
        with ThreadPoolExecutor(max_workers=1) as fil:
            result = fil.submit(evaluate).result()
    finally:
        server.shutdown()
        server.server_close()
        folder.cleanup()
    return result, blocked


# Ce JavaScript s'exécute dans la page : il charge le modèle et prédit avec chaque moteur (backend).
PREDICT = """async (pixels) => {
  await tf.ready();
  const backend = tf.getBackend();
  const gl = document.createElement("canvas").getContext("webgl2");
  const info = gl && gl.getExtension("WEBGL_debug_renderer_info");
  const model = await tf.loadGraphModel("modele/model.json");
  const x = tf.tensor4d(pixels, [pixels.length / 784, 28, 28, 1]);
  const probs = {};
  for (const name of ["webgl", "cpu"]) {
    await tf.setBackend(name);
    probs[name] = await model.predict(x).array();
  }
  return {version: tf.version.tfjs, backend, probs,
          renderer: info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : null};
}"""

# La première image de test de chaque classe
indices = [int(np.flatnonzero(y_test == k)[0]) for k in range(10)]
images = x_test[indices]
keras_probs = model.predict(images, verbose=0)
result, blocked = run_in_browser("vetements_tfjs", PREDICT, images.ravel().tolist())

print(f"TensorFlow.js {result['version']}, moteur par défaut : {result['backend']}")
print("WebGL rendu par :", result["renderer"])
print("requêtes hors de 127.0.0.1 bloquées :", len(blocked))
browser_probs = np.array(result["probs"][result["backend"]])
print(f"{'image':>5}  {'étiquette':13} {'Keras':19}  navigateur")
for index, label, k_p, b_p in zip(indices, y_test[indices], keras_probs, browser_probs):
    print(f"{index:>5}  {class_names[label]:13} {class_names[k_p.argmax()]:13}{k_p.max():.3f}"
          f"  {class_names[b_p.argmax()]:13}{b_p.max():.3f}")
for name, probs in result["probs"].items():
    gap = np.abs(np.array(probs) - keras_probs).max()
    print(f"écart maximal avec Keras ({name}) : {gap:.1e}")
same = (browser_probs.argmax(1) == keras_probs.argmax(1)).sum()
print("mêmes classes que Keras :", same, "/ 10")
#> TensorFlow.js 4.22.0, moteur par défaut : webgl
#> WebGL rendu par : ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)
#> requêtes hors de 127.0.0.1 bloquées : 0
#> image  étiquette     Keras                navigateur
#>    19  T-shirt/haut  T-shirt/haut 0.926±0.02  T-shirt/haut 0.926±0.02
#>     2  pantalon      pantalon     1.000  pantalon     1.000
#>     1  pull          pull         0.996±0.002  pull         0.996±0.002
#>    13  robe          robe         0.993±0.002  robe         0.993±0.002
#>     6  manteau       ...
#>     8  sandale       sandale      0.937±0.02  sandale      0.937±0.02
#>     4  chemise       chemise      0.494±0.02  chemise      0.494±0.02
#>     9  basket        basket       0.994±0.002  basket       0.994±0.002
#>    18  sac           sac          0.974±0.006  sac          0.974±0.006
#>     0  bottine       bottine      0.872±0.06  bottine      0.872±0.06
#> écart maximal avec Keras (webgl) : 3.9e-07±8e-07
#> écart maximal avec Keras (cpu) : 1.8e-07±2e-07
#> mêmes classes que Keras : 10 / 10
# --8<-- [end:navigateur]

# --8<-- [start:couches]
convert("--input_format=keras_keras", "--output_format=tfjs_layers_model",
        "vetements.keras", "vetements_couches")
description = json.loads(Path("vetements_couches/model.json").read_text())
print("format :", description["format"], "| produit par", description["generatedBy"])
# Octets des poids selon leur origine, d'après le manifeste de model.json
sizes = {"modèle": 0, "optimiseur": 0}
for group in description["weightsManifest"]:
    for weight in group["weights"]:
        owner = "optimiseur" if weight["name"].startswith("optimizer") else "modèle"
        sizes[owner] += 4 * int(np.prod(weight["shape"]))  # float32 ou int32 : 4 octets
print(f"poids du modèle : {sizes['modèle'] / 1024:.1f} Ko, "
      f"état de l'optimiseur : {sizes['optimiseur'] / 1024:.1f} Ko")
LOAD_LAYERS = """async () => {
  try {
    const model = await tf.loadLayersModel("modele/model.json");
    return "chargé : " + model.layers.length + " couches";
  } catch (error) {
    return "échec : " + error.message;
  }
}"""
print(run_in_browser("vetements_couches", LOAD_LAYERS)[0])
#> format : layers-model | produit par keras v3.15.1
#> poids du modèle : 221.5 Ko, état de l'optimiseur : 443.1 Ko
#> échec : An InputLayer should be passed either a `batchInputShape` or an `inputShape`.
# --8<-- [end:couches]

# --8<-- [start:publication]
# Ce que le site publie pour la démo : le modèle converti, et les images de test
# avec les probabilités que Keras leur donne
published = Path("publie")
(published / "modele").mkdir(parents=True, exist_ok=True)
shutil.copy("vetements_tfjs/group1-shard1of1.bin", published / "modele")
# model.json recopié avec ses clés triées : même contenu, mais identique octet pour octet
# d'une conversion à l'autre (le convertisseur écrit certains attributs dans un ordre variable)
graph = json.loads(Path("vetements_tfjs/model.json").read_text())
(published / "modele/model.json").write_text(json.dumps(graph, sort_keys=True))
demo = {"classes": class_names, "indices": indices, "etiquettes": y_test[indices].tolist(),
        "pixels": [image.astype(int).ravel().tolist() for image in images],
        "keras": [[float(f"{p:.7g}") for p in row] for row in keras_probs]}
(published / "images.json").write_text(json.dumps(demo, separators=(",", ":")))
for path in sorted(published.rglob("*.*")):
    name = path.relative_to(published).as_posix()
    print(f"{name:29} {path.stat().st_size / 1024:6.1f} Ko")
#> images.json                     22.4 Ko
#> modele/group1-shard1of1.bin    221.6 Ko
#> modele/model.json               11.0±2 Ko
# --8<-- [end:publication]

# --8<-- [start:exercice]
convert("--input_format=tf_saved_model", "--output_format=tfjs_graph_model",
        "vetements_savedmodel", "vetements_tfjs_f16", "--quantize_float16")
size32 = Path("vetements_tfjs/group1-shard1of1.bin").stat().st_size
size16 = sum(p.stat().st_size for p in Path("vetements_tfjs_f16").glob("*.bin"))
print(f"poids float32 : {size32 / 1024:.1f} Ko, float16 : {size16 / 1024:.1f} Ko")
result16, blocked16 = run_in_browser("vetements_tfjs_f16", PREDICT, images.ravel().tolist())
probs16 = np.array(result16["probs"][result16["backend"]])
print(f"écart maximal avec Keras : {np.abs(probs16 - keras_probs).max():.1e}")
same16 = (probs16.argmax(1) == keras_probs.argmax(1)).sum()
print("mêmes classes que Keras :", same16, "/ 10")
#> poids float32 : 221.6 Ko, float16 : 110.8 Ko
#> écart maximal avec Keras : 5.8e-04±0.002
#> mêmes classes que Keras : 10 / 10
# --8<-- [end:exercice]
