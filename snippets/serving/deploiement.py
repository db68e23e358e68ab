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

import tensorflow as tf

# Dossier de base « vetements », puis un sous-dossier par version : 1, 2, 3…
model.export("vetements/1", verbose=False)  # verbose=True affiche aussi les points d'entrée

for folder, _, files in sorted(os.walk("vetements")):
    depth = folder.count(os.sep)
    print("  " * depth + os.path.basename(folder) + "/")
    for name in sorted(files):
        size = os.path.getsize(os.path.join(folder, name))
        print("  " * (depth + 1) + f"{name} ({size / 1024:.1f} Ko)")
#> vetements/
#>   1/
#>     fingerprint.pb (0.1 Ko)
#>     saved_model.pb (61.0 Ko)
#>     assets/
#>     variables/
#>       variables.data-00000-of-00001 (445.0 Ko)
#>       variables.index (1.1 Ko)

# Le fichier de variables pèse deux fois les poids du modèle : comptons ce qu'il contient
stored = [(name, shape) for name, shape in tf.train.list_variables("vetements/1/variables/variables")
          if name.endswith("VARIABLE_VALUE")]
print(f"paramètres du modèle : {model.count_params():,} ({model.count_params() * 4 / 1024:.1f} Ko en float32)")
print(f"tableaux enregistrés : {len(stored)}, valeurs : {sum(int(np.prod(s)) for _, s in stored):,}")
#> paramètres du modèle : 56,714 (221.5 Ko en float32)
#> tableaux enregistrés : 17, valeurs : 113,430
# --8<-- [end:export]

# --8<-- [start:inspection]
import re
import shutil
import subprocess
import sysconfig

# saved_model_cli est installé avec TensorFlow, dans le dossier des commandes de cet interpréteur
# (celui d'un environnement virtuel, /usr/local/bin dans Colab) : sysconfig le donne partout.
cli = shutil.which("saved_model_cli", path=sysconfig.get_path("scripts")) or shutil.which("saved_model_cli")
result = subprocess.run([cli, "show", "--dir", "vetements/1", "--all"],
                        capture_output=True, text=True, check=True)
# Les opérations du graphe sont affichées comme un ensemble Python, dans un ordre qui change d'un
# processus à l'autre : on les trie pour obtenir la même sortie à chaque exécution.
sortie = re.sub(r"ops: \{(.*)\}", lambda m: "ops: {" + ", ".join(sorted(m[1].split(", "))) + "}",
                result.stdout.strip())
print(sortie)
#> MetaGraphDef with tag-set: 'serve' contains the following SignatureDefs:
#>
#> signature_def['__saved_model_init_op']:
#>   The given SavedModel SignatureDef contains the following input(s):
#>   The given SavedModel SignatureDef contains the following output(s):
#>     outputs['__saved_model_init_op'] tensor_info:
#>         dtype: DT_INVALID
#>         shape: unknown_rank
#>         name: NoOp
#>   Method name is:
#>
#> signature_def['serve']:
#>   The given SavedModel SignatureDef contains the following input(s):
#>     inputs['pixels'] tensor_info:
#>         dtype: DT_FLOAT
#>         shape: (-1, 28, 28, 1)
#>         name: serve_pixels:0
#>   The given SavedModel SignatureDef contains the following output(s):
#>     outputs['output_0'] tensor_info:
#>         dtype: DT_FLOAT
#>         shape: (-1, 10)
#>         name: StatefulPartitionedCall:0
#>   Method name is: tensorflow/serving/predict
#>
#> signature_def['serving_default']:
#>   The given SavedModel SignatureDef contains the following input(s):
#>     inputs['pixels'] tensor_info:
#>         dtype: DT_FLOAT
#>         shape: (-1, 28, 28, 1)
#>         name: serving_default_pixels:0
#>   The given SavedModel SignatureDef contains the following output(s):
#>     outputs['output_0'] tensor_info:
#>         dtype: DT_FLOAT
#>         shape: (-1, 10)
#>         name: StatefulPartitionedCall_1:0
#>   Method name is: tensorflow/serving/predict
#> The MetaGraph with tag set ['serve'] contains the following ops: {'AddV2', 'AssignVariableOp', 'BiasAdd', 'Const', 'Conv2D', 'DisableCopyOnRead', 'Identity', 'MatMul', 'MaxPool', 'MergeV2Checkpoints', 'Mul', 'NoOp', 'Pack', 'Placeholder', 'ReadVariableOp', 'Relu', 'Reshape', 'RestoreV2', 'SaveV2', 'Select', 'Shape', 'ShardedFilename', 'Softmax', 'Squeeze', 'StatefulPartitionedCall', 'StaticRegexFullMatch', 'StridedSlice', 'StringJoin', 'VarHandleOp', 'VarIsInitializedOp'}
#>
#> Concrete Functions:
#>   Function Name: 'serve'
#>     Option #1
#>       Callable with:
#>         Argument #1
#>           pixels: TensorSpec(shape=(None, 28, 28, 1), dtype=tf.float32, name='pixels')
# --8<-- [end:inspection]

# --8<-- [start:rechargement]
reloaded = tf.saved_model.load("vetements/1")  # le graphe et les poids, sans Keras
print("signatures :", list(reloaded.signatures))
serving_fn = reloaded.signatures["serving_default"]
print("entrée :", serving_fn.structured_input_signature[1])
print("sortie :", serving_fn.structured_outputs)

images = x_test[:8]
outputs = serving_fn(pixels=tf.constant(images))  # un dictionnaire : nom de sortie -> tenseur
saved_probs = outputs["output_0"].numpy()
keras_probs = model.predict(images, verbose=0)
print(f"écart maximal avec Keras : {np.abs(saved_probs - keras_probs).max():.1e}")
print("classes prédites :", saved_probs.argmax(axis=1))
print("vraies classes   :", y_test[:8])
#> signatures : ['serve', 'serving_default']
#> entrée : {'pixels': TensorSpec(shape=(None, 28, 28, 1), dtype=tf.float32, name='pixels')}
#> sortie : {'output_0': TensorSpec(shape=(None, 10), dtype=tf.float32, name='output_0')}
#> écart maximal avec Keras : 0.0e+00
#> classes prédites : [...]
#> vraies classes   : [9 2 1 1 6 1 4 6]
# --8<-- [end:rechargement]

# --8<-- [start:serveur]
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODEL_NAME = "vetements"
versions = {}  # numéro de version -> SavedModel chargé


def load_versions():
    """Charge chaque sous-dossier numéroté pas encore chargé, comme TF Serving au démarrage puis en
    surveillant le dossier de base ; rend les versions servies, de la plus récente à la plus ancienne."""
    for folder in os.listdir(MODEL_NAME):
        if folder.isdigit() and int(folder) not in versions:
            versions[int(folder)] = tf.saved_model.load(f"{MODEL_NAME}/{folder}")
    return sorted(versions, reverse=True)


load_versions()


class RequestError(Exception):
    """Une requête refusée : code HTTP et message, renvoyés en JSON comme le fait TF Serving."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def to_json(tensor):
    values = tensor.numpy()
    return [v.decode() for v in values] if values.dtype == object else values.tolist()  # tf.string : octets


def predict(body, version):
    """POST …:predict : corps JSON en lignes (instances) ou en colonnes (inputs)."""
    served = versions[version]
    name = body.get("signature_name", "serving_default")
    if name not in served.signatures:
        raise RequestError(400, f"signature inconnue : {name!r}")
    if ("instances" in body) == ("inputs" in body):
        raise RequestError(400, "il faut instances ou inputs, pas les deux")
    signature = served.signatures[name]
    (input_name, spec), = signature.structured_input_signature[1].items()  # une seule entrée ici
    x = tf.constant(body["instances"] if "instances" in body else body["inputs"], dtype=spec.dtype)
    if not spec.shape.is_compatible_with(x.shape):
        raise RequestError(400, f"forme {x.shape} incompatible avec {spec.shape} attendue par {input_name!r}")
    outputs = {key: to_json(value) for key, value in sorted(signature(**{input_name: x}).items())}  # par nom
    if len(outputs) == 1:  # une seule sortie : TF Serving omet son nom
        (values,) = outputs.values()
        return {"predictions" if "instances" in body else "outputs": values}
    if "inputs" in body:  # en colonnes : un tableau par sortie nommée
        return {"outputs": outputs}
    return {"predictions": [dict(zip(outputs, row)) for row in zip(*outputs.values())]}  # en lignes


ROUTE = re.compile(rf"^/v1/models/{MODEL_NAME}(?:/versions/(?P<version>\d+))?(?P<predict>:predict)?$")


class Handler(BaseHTTPRequestHandler):
    def route(self, wants_predict):
        """La version demandée (la plus récente si l'adresse n'en donne pas), ou une erreur 404."""
        match = ROUTE.match(self.path)
        if not match or bool(match["predict"]) != wants_predict:
            raise RequestError(404, f"modèle ou méthode inconnus : {self.path}")
        version = int(match["version"]) if match["version"] else max(versions)
        if version not in versions:
            raise RequestError(404, f"version {version} non servie : {self.path}")
        return version, match["version"] is not None

    def do_GET(self):  # état du modèle : toutes ses versions, ou celle que donne l'adresse
        try:
            version, explicit = self.route(wants_predict=False)
            shown = [version] if explicit else sorted(versions, reverse=True)
            states = [{"version": str(v), "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}}
                      for v in shown]
            self.reply(200, {"model_version_status": states})
        except RequestError as error:
            self.reply(error.code, {"error": str(error)})

    def do_POST(self):
        try:
            version, _ = self.route(wants_predict=True)
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            self.reply(200, predict(body, version))
        except RequestError as error:
            self.reply(error.code, {"error": str(error)})
        except ValueError as error:  # JSON illisible, valeurs non numériques…
            self.reply(400, {"error": str(error)})

    def reply(self, code, payload):
        data = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(code)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # pas de journal de chaque requête dans la sortie
        pass


# TF Serving écoute sur les ports 8501 (REST) et 8500 (gRPC) ; ici, port 0 : un port libre choisi par le système
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
base_url = f"http://127.0.0.1:{server.server_port}/v1/models/{MODEL_NAME}"
print("le serveur du cours répond sur", base_url)
#> le serveur du cours répond sur http://127.0.0.1:.../v1/models/vetements
# --8<-- [end:serveur]

# --8<-- [start:statut]
import urllib.error
import urllib.request


def call(url, body=None):
    """GET (sans corps) ou POST d'un corps JSON ; rend le code HTTP et la réponse JSON décodée."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:  # 4xx, 5xx : le corps contient {"error": ...}
        return error.code, json.load(error)


code, status = call(base_url)
print(code, json.dumps(status))
#> 200 {"model_version_status": [{"version": "1", "state": "AVAILABLE", "status": {"error_code": "OK", "error_message": ""}}]}
# --8<-- [end:statut]

# --8<-- [start:requete]
pixels = x_test.astype("uint8")  # des entiers de 0 à 255 : un JSON plus court que des flottants
body = {"signature_name": "serving_default", "instances": pixels[:1].tolist()}
text = json.dumps(body)
print(f"requête ({len(text) / 1024:.1f} Ko) : {text[:75]}…")
code, response = call(base_url + ":predict", body)
print(f"réponse {code} : {json.dumps(response)[:45]}…")
probs = np.array(response["predictions"][0])  # une ligne de 10 probabilités par image envoyée
print("probabilités :", " ".join(f"{p:.3f}" for p in probs))
print(f"classe prédite : {class_names[probs.argmax()]} ({probs.max():.3f}), vraie : {class_names[y_test[0]]}")
#> requête (4.4 Ko) : {"signature_name": "serving_default", "instances": [[[[0], [0], [0], [0], […
#> réponse 200 : {"predictions": [[...…
#> probabilités : 0.000 0.000 0.000 0.000 0.000 0.029±0.008 0.000 0.093±0.05 0.005±0.002 0.872±0.06
#> classe prédite : bottine (0.872±0.06), vraie : bottine
# --8<-- [end:requete]

# --8<-- [start:lot]
import matplotlib.pyplot as plt

code, response = call(base_url + ":predict", {"instances": pixels[:12].tolist()})
probs = np.array(response["predictions"])
print("forme des prédictions :", probs.shape)
print("classes prédites :", probs.argmax(axis=1))
print("vraies classes   :", y_test[:12])
print("identiques à model.predict :", np.array_equal(probs.argmax(axis=1),
                                                   model.predict(x_test[:12], verbose=0).argmax(axis=1)))
#> forme des prédictions : (12, 10)
#> classes prédites : [...]
#> vraies classes   : [9 2 1 1 6 1 4 6 5 7 4 5]
#> identiques à model.predict : True

fig, axes = plt.subplots(2, 6, figsize=(10, 4.4), layout="constrained")
for ax, image, p, label in zip(axes.flat, pixels, probs, y_test):
    ax.imshow(image[..., 0], cmap="gray_r")
    ok = p.argmax() == label
    ax.set_title(f"{class_names[p.argmax()]}\n{p.max():.0%}" + ("" if ok else f"\n(vrai : {class_names[label]})"),
                 fontsize=9, color="tab:green" if ok else "tab:red")
    ax.axis("off")
fig.suptitle("Douze images de test envoyées au serveur : classe et probabilité renvoyées")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Douze images de test en deux lignes de six, chacune titrée de la classe renvoyée par le serveur et de "
    f"sa probabilité, en vert quand c'est la vraie classe, en rouge sinon. "
    f"{int(np.sum(probs.argmax(axis=1) == y_test[:12]))} sur 12 sont justes"
    + "".join(f", une erreur sur l'image {i + 1} ({class_names[y_test[i]]} renvoyée comme "
              f"{class_names[probs[i].argmax()]})" for i in np.flatnonzero(probs.argmax(axis=1) != y_test[:12]))
    + "."
)
plt.show()
# --8<-- [end:lot]

# --8<-- [start:colonnes]
code, columnar = call(base_url + ":predict", {"inputs": pixels[:12].tolist()})
print(code, list(columnar), np.shape(columnar["outputs"]))
print("mêmes valeurs qu'en lignes :", np.array_equal(columnar["outputs"], response["predictions"]))
#> 200 ['outputs'] (12, 10)
#> mêmes valeurs qu'en lignes : True
# --8<-- [end:colonnes]

# --8<-- [start:erreurs]
one_image = pixels[:1].tolist()
bad_requests = {
    "modèle inconnu": (base_url.replace("vetements", "chaussures"), {"instances": one_image}),
    "signature inconnue": (base_url, {"signature_name": "classer", "instances": one_image}),
    "canal oublié": (base_url, {"instances": pixels[:1, :, :, 0].tolist()}),
    "lignes et colonnes": (base_url, {"instances": one_image, "inputs": one_image}),
}
for what, (url, bad_body) in bad_requests.items():
    code, answer = call(url + ":predict", bad_body)
    print(f"{what} -> {code} {json.dumps(answer, ensure_ascii=False)}")
#> modèle inconnu -> 404 {"error": "modèle ou méthode inconnus : /v1/models/chaussures:predict"}
#> signature inconnue -> 400 {"error": "signature inconnue : 'classer'"}
#> canal oublié -> 400 {"error": "forme (1, 28, 28) incompatible avec (None, 28, 28, 1) attendue par 'pixels'"}
#> lignes et colonnes -> 400 {"error": "il faut instances ou inputs, pas les deux"}
# --8<-- [end:erreurs]

# --8<-- [start:latence]
import time


def timed_call(batch):
    body = {"instances": pixels[:batch].tolist()}
    start = time.perf_counter()
    code, _ = call(base_url + ":predict", body)
    assert code == 200
    return time.perf_counter() - start


for batch in (1, 32):  # échauffement : premières exécutions du graphe pour chaque forme
    timed_call(batch)
durations = {1: [], 32: []}
for _ in range(50):  # alternées, pour que les deux tailles de lot subissent la même charge de la machine
    for batch in durations:
        durations[batch].append(timed_call(batch))
for batch, times in durations.items():
    median = np.median(times) * 1000
    print(f"lot de {batch:>2} : {median:.1f} ms par requête, {median / batch:.2f} ms par image")
ratio = np.median(durations[1]) / (np.median(durations[32]) / 32)
print(f"par image, un lot de 32 est {ratio:.0f} fois plus rapide qu'une requête par image")
print("par image, le lot de 32 est plus rapide :", bool(ratio > 1))
#> lot de  1 : ... ms par requête, ... ms par image
#> lot de 32 : ... ms par requête, ... ms par image
#> par image, un lot de 32 est ... fois plus rapide qu'une requête par image
#> par image, le lot de 32 est plus rapide : True
# --8<-- [end:latence]

# --8<-- [start:exercice]
# Solution : les 1 000 premières images de test, par lots de 100, au format en colonnes
predicted = []
for start in range(0, 1000, 100):
    code, answer = call(base_url + ":predict", {"inputs": pixels[start:start + 100].tolist()})
    predicted.append(np.argmax(answer["outputs"], axis=1))
predicted = np.concatenate(predicted)
keras_classes = model.predict(x_test[:1000], verbose=0).argmax(axis=1)
print(f"justesse servie sur 1 000 images : {np.mean(predicted == y_test[:1000]):.3f}")
print("mêmes classes que model.predict :", np.array_equal(predicted, keras_classes))
#> justesse servie sur 1 000 images : 0.866±0.01
#> mêmes classes que model.predict : True
# --8<-- [end:exercice]

# --8<-- [start:version2]
# Version 2 : le même réseau, entraîné une époque de plus, et une signature pensée pour les clients
model.fit(x_train, y_train, epochs=1, batch_size=128, verbose=0)

archive = keras.export.ExportArchive()
archive.track(model)  # les variables du modèle voyagent avec l'archive


@tf.function(input_signature=[tf.TensorSpec(shape=(None, 28, 28), dtype=tf.uint8, name="image")])
def classify(image):
    pixels = tf.cast(image, tf.float32)[..., tf.newaxis]  # entiers de 0 à 255 ; le canal est ajouté ici
    probabilities = model(pixels, training=False)
    best = tf.argmax(probabilities, axis=-1, output_type=tf.int32)
    return {"probabilites": probabilities, "classe": best, "nom": tf.gather(tf.constant(class_names), best)}


archive.add_endpoint("serving_default", classify)
archive.write_out(f"{MODEL_NAME}/2", verbose=False)

signature = tf.saved_model.load(f"{MODEL_NAME}/2").signatures["serving_default"]
print("entrée :", signature.structured_input_signature[1])
for name, spec in sorted(signature.structured_outputs.items()):
    print(f"sortie {name!r} : {spec.dtype.name}, forme {spec.shape}")
print("versions servies :", load_versions())  # ce que fait TF Serving quand le dossier 2 apparaît
#> entrée : {'image': TensorSpec(shape=(None, 28, 28), dtype=tf.uint8, name='image')}
#> sortie 'classe' : int32, forme (None,)
#> sortie 'nom' : string, forme (None,)
#> sortie 'probabilites' : float32, forme (None, 10)
#> versions servies : [2, 1]
# --8<-- [end:version2]

# --8<-- [start:versions]
code, status = call(base_url)
print(code, "versions :", [state["version"] for state in status["model_version_status"]])

# Sans numéro de version, la plus récente répond ; elle prend des entiers de 0 à 255, sans canal
code, answer = call(base_url + ":predict", {"instances": pixels[:2, :, :, 0].tolist()})
for row in answer["predictions"]:  # une sortie nommée par clé, pour chaque image
    print(code, {key: (f"[{len(value)} valeurs]" if key == "probabilites" else value) for key, value in row.items()})

# La version 1 reste servie à son adresse, avec son format d'origine
code, old = call(base_url + "/versions/1:predict", {"instances": pixels[:2].tolist()})
print(code, "version 1, classes :", np.argmax(old["predictions"], axis=1).tolist())
code, missing = call(base_url + "/versions/3:predict", {"instances": pixels[:2, :, :, 0].tolist()})
print(code, json.dumps(missing, ensure_ascii=False))
#> 200 versions : ['2', '1']
#> 200 {'classe': 9, 'nom': 'bottine', 'probabilites': '[10 valeurs]'}
#> 200 {'classe': 2, 'nom': 'pull', 'probabilites': '[10 valeurs]'}
#> 200 version 1, classes : [9, 2]
#> 404 {"error": "version 3 non servie : /v1/models/vetements/versions/3:predict"}
# --8<-- [end:versions]

# --8<-- [start:configuration]
# Pour le vrai TF Serving : servir les versions 1 et 2 (sans ce fichier, seulement la plus récente)
config = f"""model_config_list {{
  config {{
    name: "{MODEL_NAME}"
    base_path: "/models/{MODEL_NAME}"
    model_platform: "tensorflow"
    model_version_policy {{ specific {{ versions: 1 versions: 2 }} }}
  }}
}}
"""
with open(f"{MODEL_NAME}/models.config", "w", encoding="utf-8") as f:
    f.write(config)
print(config)
#> model_config_list {
#>   config {
#>     name: "vetements"
#>     base_path: "/models/vetements"
#>     model_platform: "tensorflow"
#>     model_version_policy { specific { versions: 1 versions: 2 } }
#>   }
#> }
# --8<-- [end:configuration]

# --8<-- [start:exercice_versions]
# Solution : les mêmes 1 000 images, en colonnes, à chacune des deux versions
def served_classes(version, images):
    url = f"{base_url}/versions/{version}:predict"
    code, answer = call(url, {"inputs": images.tolist()})
    outputs = answer["outputs"]
    return np.array(outputs["classe"]) if isinstance(outputs, dict) else np.argmax(outputs, axis=1)


classes_1 = served_classes(1, pixels[:1000])
classes_2 = served_classes(2, pixels[:1000, :, :, 0])
for version, classes in ((1, classes_1), (2, classes_2)):
    print(f"version {version} : justesse {np.mean(classes == y_test[:1000]):.3f}")
print("images classées différemment :", int(np.sum(classes_1 != classes_2)))
#> version 1 : justesse 0.866±0.01
#> version 2 : justesse 0.872±0.02
#> images classées différemment : 33±20
# --8<-- [end:exercice_versions]

# --8<-- [start:arret]
server.shutdown()      # termine la boucle serve_forever
server.server_close()  # libère le port
thread.join()
print("serveur arrêté :", not thread.is_alive())
#> serveur arrêté : True
# --8<-- [end:arret]
