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
from pathlib import Path

import tensorflow as tf

# 1. Le SavedModel : le graphe TensorFlow du modèle, ses poids et sa signature d'entrée
model.export("vetements_savedmodel", format="tf_saved_model", verbose=False)

# 2. La conversion : le graphe est traduit en opérateurs LiteRT, le tout dans un seul fichier .tflite
converter = tf.lite.TFLiteConverter.from_saved_model("vetements_savedmodel")
tflite_float32 = converter.convert()  # des octets (format FlatBuffer)


def save(name, content):
    """Écrit un modèle converti et affiche sa taille."""
    path = Path(f"vetements_{name}.tflite")
    path.write_bytes(content)
    print(f"{path.name:<26} {path.stat().st_size:>7} octets")


save("float32", tflite_float32)
n_params = model.count_params()
print(f"{n_params} paramètres × 4 octets = {4 * n_params} octets")
n_optimizer = sum(int(np.prod(v.shape)) for v in model.optimizer.variables)
print(f"vetements.keras : {Path('vetements.keras').stat().st_size} octets, "
      f"dont l'état d'Adam : {n_optimizer} nombres")
#> vetements_float32.tflite    231300 octets
#> 56714 paramètres × 4 octets = 226856 octets
#> vetements.keras : 722892 octets, dont l'état d'Adam : 113430 nombres
# --8<-- [end:export]

# --8<-- [start:echelle]
# Quantification symétrique à la main des poids de la couche Dense(64)
weights = model.layers[-2].kernel.numpy()  # 800 × 64 poids float32
scale = np.abs(weights).max() / 127        # le plus grand |poids| devient 127
q = np.clip(np.round(weights / scale), -127, 127).astype(np.int8)
restored = q.astype(np.float32) * scale    # « déquantifiés » : retour aux réels
print(f"{weights.size} poids, de {weights.min():+.4f} à {weights.max():+.4f}")
print(f"échelle s = {scale:.6f}")
print("premiers poids : float32 → int8 → retour en float32")
for w, code, back in zip(weights[0, :4], q[0, :4], restored[0, :4]):
    print(f"  {w:+.5f} → {code:+d} → {back:+.5f}")
print(f"erreur maximale : {np.abs(restored - weights).max():.6f} ; s/2 = {scale / 2:.6f}")
print(f"mémoire : {weights.nbytes} octets en float32, {q.nbytes} en int8")
#> 51200 poids, de -0.2937±0.02 à +0.3182±0.02
#> échelle s = 0.002505±9e-05
#> premiers poids : float32 → int8 → retour en float32
#>   +0.19515±0.02 → +78±4 → +0.19541±0.009
#>   +0.00723±0.007 → +3±2 → +0.00752±0.006
#>   +0.07023±0.07 → +28±30 → +0.07015±0.07
#>   +0.02130±0.2 → +9±70 → +0.02255±0.2
#> erreur maximale : 0.001253±5e-05 ; s/2 = 0.001253±5e-05
#> mémoire : 204800 octets en float32, 51200 en int8
# --8<-- [end:echelle]

# --8<-- [start:variantes]
# float16 : poids stockés en demi-précision
converter = tf.lite.TFLiteConverter.from_saved_model("vetements_savedmodel")
converter.optimizations = [tf.lite.Optimize.DEFAULT]
converter.target_spec.supported_types = [tf.float16]
tflite_float16 = converter.convert()

# plage dynamique : poids en int8, activations en float32
converter = tf.lite.TFLiteConverter.from_saved_model("vetements_savedmodel")
converter.optimizations = [tf.lite.Optimize.DEFAULT]
tflite_dynamic = converter.convert()

save("float16", tflite_float16)
save("dynamique", tflite_dynamic)
#> vetements_float16.tflite    119280 octets
#> vetements_dynamique.tflite   65120 octets
# --8<-- [end:variantes]

# --8<-- [start:entier]
# entier : poids ET activations en int8, calibrés sur de vraies images
calibration_images = x_train[::200]  # 300 images d'entraînement, pixels de 0 à 255


def representative_dataset():
    for image in calibration_images:
        yield [image[np.newaxis]]  # un lot d'une image, comme l'entrée du modèle


converter = tf.lite.TFLiteConverter.from_saved_model("vetements_savedmodel")
converter.optimizations = [tf.lite.Optimize.DEFAULT]
converter.representative_dataset = representative_dataset
converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]  # tout en int8, sinon erreur
converter.inference_input_type = tf.int8   # l'entrée et la sortie aussi
converter.inference_output_type = tf.int8
tflite_int8 = converter.convert()

print(len(calibration_images), "images de calibration")
save("int8", tflite_int8)
#> 300 images de calibration
#> vetements_int8.tflite        64968 octets
# --8<-- [end:entier]

# --8<-- [start:deprecation]
import importlib.metadata
import textwrap
import warnings

print("TensorFlow", tf.__version__, "; ai-edge-litert", importlib.metadata.version("ai-edge-litert"))
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    tf.lite.Interpreter(model_content=tflite_float32)  # l'ancien interpréteur, créé pour voir
for warning in caught:
    print(f"{warning.category.__name__} :", textwrap.dedent(str(warning.message)).strip())
#> TensorFlow 2.21.0 ; ai-edge-litert 2.3.0
#> UserWarning : Warning: tf.lite.Interpreter is deprecated and is scheduled for deletion in
#> TF 2.20. Please use the LiteRT interpreter from the ai_edge_litert package.
#> See the [migration guide](https://ai.google.dev/edge/litert/migration)
#> for details.
# --8<-- [end:deprecation]

# --8<-- [start:interpreteur]
from ai_edge_litert.interpreter import Interpreter

interpreter = Interpreter(model_content=tflite_float32)
interpreter.allocate_tensors()  # prépare la mémoire de tous les tenseurs, une fois
input_details = interpreter.get_input_details()[0]
output_details = interpreter.get_output_details()[0]
print("entrée :", input_details["name"], input_details["shape"], input_details["shape_signature"],
      input_details["dtype"].__name__)
print("sortie :", output_details["name"], output_details["shape"], output_details["dtype"].__name__)

interpreter.set_tensor(input_details["index"], x_test[:1])  # une image, pixels de 0 à 255
interpreter.invoke()
probas = interpreter.get_tensor(output_details["index"])[0]
keras_probas = model.predict_on_batch(x_test[:1])[0]
print(f"LiteRT : {class_names[probas.argmax()]} ({probas.max():.4f}) ; "
      f"Keras : {class_names[keras_probas.argmax()]} ({keras_probas.max():.4f})")
print("écart maximal sous 1e-5 :", bool(np.abs(probas - keras_probas).max() < 1e-5))
#> entrée : serving_default_pixels:0 [ 1 28 28  1] [-1 28 28  1] float32
#> sortie : StatefulPartitionedCall_1:0 [ 1 10] float32
#> LiteRT : bottine (0.8721±0.06) ; Keras : bottine (0.8721±0.06)
#> écart maximal sous 1e-5 : True
# --8<-- [end:interpreteur]

# --8<-- [start:operateurs]
def tflite_shape(shape):
    """Forme d'un tenseur de poids Keras (`kernel`) dans le fichier .tflite : (sorties, h, l, entrées) ou
    (sorties, entrées)."""
    return (shape[3], *shape[:3]) if len(shape) == 4 else (shape[1], shape[0])


kernel_shapes = [tflite_shape(layer.kernel.shape) for layer in model.layers if hasattr(layer, "kernel")]
variants = {"float32": tflite_float32, "float16": tflite_float16, "dynamique": tflite_dynamic,
            "int8": tflite_int8}
stored, operators = {}, {}
for name, content in variants.items():
    inspected = Interpreter(model_content=content)
    tensors = inspected.get_tensor_details()
    stored[name] = [min((t["dtype"] for t in tensors if tuple(t["shape"]) == shape),
                        key=lambda d: np.dtype(d).itemsize)  # le type le plus court : celui du fichier
                    for shape in kernel_shapes]
    operators[name] = [op["op_name"] for op in inspected._get_ops_details()]  # méthode interne : pour inspecter

print(f"{'poids':<16}", "".join(f"{name:>10}" for name in variants))
for k, shape in enumerate(kernel_shapes):
    print(f"{str(shape):<16}", "".join(f"{stored[name][k].__name__:>10}" for name in variants))
print(f"{'opérateurs':<16}", "".join(f"{len(operators[name]):>10}" for name in variants))
print(f"{'dont DEQUANTIZE':<16}", "".join(f"{operators[name].count('DEQUANTIZE'):>10}" for name in variants))
#> poids               float32   float16 dynamique      int8
#> (16, 3, 3, 1)       float32   float16   float32      int8
#> (32, 3, 3, 16)      float32   float16      int8      int8
#> (64, 800)           float32   float16      int8      int8
#> (10, 64)            float32   float16   float32      int8
#> opérateurs               11        19        11        11
#> dont DEQUANTIZE           0         8         0         0
# --8<-- [end:operateurs]

# --8<-- [start:parametres]
interpreter_int8 = Interpreter(model_content=tflite_int8)
interpreter_int8.allocate_tensors()
int8_input = interpreter_int8.get_input_details()[0]
int8_output = interpreter_int8.get_output_details()[0]
scale_in, zero_in = int8_input["quantization"]
scale_out, zero_out = int8_output["quantization"]
print(f"entrée : {int8_input['dtype'].__name__}, scale = {scale_in}, zero_point = {zero_in}")
print(f"sortie : {int8_output['dtype'].__name__}, scale = {scale_out} (1/{1 / scale_out:.0f}), "
      f"zero_point = {zero_out}")

# Les filtres des convolutions : une échelle par filtre, zero_point nul (quantification symétrique)
for tensor in interpreter_int8.get_tensor_details():
    scales = tensor["quantization_parameters"]["scales"]
    if tensor["dtype"] == np.int8 and len(tensor["shape"]) == 4 and len(scales) > 1:
        zero_points = set(tensor["quantization_parameters"]["zero_points"].tolist())
        print(f"filtres {tensor['shape']} : {len(scales)} échelles, zero_points {zero_points}")
#> entrée : int8, scale = 1.0, zero_point = -128
#> sortie : int8, scale = 0.00390625 (1/256), zero_point = -128
#> filtres [32  3  3 16] : 32 échelles, zero_points {0}
#> filtres [16  3  3  1] : 16 échelles, zero_points {0}
# --8<-- [end:parametres]

# --8<-- [start:a_la_main]
images, labels = x_test[:6], y_test[:6]

# Quantifier l'entrée à la main : q = round(x / scale) + zero_point, borné à [-128, 127]
q_images = np.clip(np.round(images / scale_in) + zero_in, -128, 127).astype(np.int8)
print("pixels     :", " ".join(f"{v:4.0f}" for v in images[0, 14, 8:16, 0]))
print("quantifiés :", " ".join(f"{v:4d}" for v in q_images[0, 14, 8:16, 0]))

interpreter_int8.resize_tensor_input(int8_input["index"], q_images.shape)  # un lot de 6 images
interpreter_int8.allocate_tensors()
interpreter_int8.set_tensor(int8_input["index"], q_images)
interpreter_int8.invoke()
q_out = interpreter_int8.get_tensor(int8_output["index"])
probas_int8 = (q_out.astype(np.float32) - zero_out) * scale_out  # déquantifier la sortie

interpreter.resize_tensor_input(input_details["index"], images.shape)  # le modèle float32, même lot
interpreter.allocate_tensors()
interpreter.set_tensor(input_details["index"], images)
interpreter.invoke()
probas_float = interpreter.get_tensor(output_details["index"])

print("vraie classe : probabilité float32 ; int8 brut q → (q - zero_point) × scale")
for label, q_row, p_int8, p_float in zip(labels, q_out, probas_int8, probas_float):
    print(f"{class_names[label]:<8} : {p_float[label]:.3f} ; q = {q_row[label]:+d} → {p_int8[label]:.3f}")
gap = np.abs(probas_int8 - probas_float).max()
print(f"écart maximal des probabilités (10 classes × 6 images) : {gap:.3f}")
#> pixels     :    1    0    0    0   98  136  110  109
#> quantifiés : -127 -128 -128 -128  -30    8  -18  -19
#> vraie classe : probabilité float32 ; int8 brut q → (q - zero_point) × scale
#> bottine  : 0.872±0.06 ; q = +97±20 → 0.879±0.07
#> pull     : 0.996±0.002 ; q = +127 → 0.996
#> pantalon : 1.000 ; q = +127 → 0.996
#> pantalon : 1.000 ; q = +127 → 0.996
#> chemise  : 0.494±0.02 ; q = +1±20 → 0.504±0.05
#> pantalon : 1.000 ; q = +127 → 0.996
#> écart maximal des probabilités (10 classes × 6 images) : 0.010±0.004
# --8<-- [end:a_la_main]

# --8<-- [start:mesures]
import time

variants = {"float32": tflite_float32, "float16": tflite_float16,
            "dynamique": tflite_dynamic, "int8": tflite_int8}


def to_input(details, pixels):
    """Les pixels (float32) dans le type d'entrée du modèle : quantifiés si l'entrée est entière."""
    if details["dtype"] == np.float32:
        return pixels
    scale, zero_point = details["quantization"]
    bounds = np.iinfo(details["dtype"])
    return np.clip(np.round(pixels / scale) + zero_point, bounds.min, bounds.max).astype(details["dtype"])


def predict_all(content, batch_size=1000):
    """Classes prédites pour les 10 000 images de test, par lots de 1 000 (entrée redimensionnée)."""
    interp = Interpreter(model_content=content)
    inp, out = interp.get_input_details()[0], interp.get_output_details()[0]
    interp.resize_tensor_input(inp["index"], [batch_size, 28, 28, 1])
    interp.allocate_tensors()
    predicted = []
    for start in range(0, len(x_test), batch_size):
        interp.set_tensor(inp["index"], to_input(inp, x_test[start:start + batch_size]))
        interp.invoke()
        predicted.append(interp.get_tensor(out["index"]).argmax(axis=1))
    return np.concatenate(predicted)


def single_image_call(content, image):
    """Une fonction qui classe une seule image avec ce modèle (interpréteur prêt, entrée déjà convertie)."""
    interp = Interpreter(model_content=content)
    interp.allocate_tensors()
    inp, out = interp.get_input_details()[0], interp.get_output_details()[0]
    x = to_input(inp, image)

    def call():
        interp.set_tensor(inp["index"], x)
        interp.invoke()
        return interp.get_tensor(out["index"])
    return call


keras_predicted = model.predict(x_test, batch_size=1000, verbose=0).argmax(axis=1)
predicted = {"Keras": keras_predicted} | {name: predict_all(c) for name, c in variants.items()}
sizes = {"Keras": Path("vetements.keras").stat().st_size} | {name: len(c) for name, c in variants.items()}

# Latence : lot d'une image ; les modèles alternent (20 tours de 50 appels chacun)
image = x_test[:1]
calls = {"Keras": lambda: model.predict_on_batch(image)}
calls |= {name: single_image_call(c, image) for name, c in variants.items()}
durations = {name: [] for name in calls}
for call in calls.values():  # échauffement
    for _ in range(20):
        call()
for _ in range(20):
    for name, call in calls.items():
        for _ in range(50):
            start = time.perf_counter()
            call()
            durations[name].append(time.perf_counter() - start)
latency = {name: np.median(d) * 1e6 for name, d in durations.items()}  # en µs

print(f"{'modèle':<10} {'taille (Ko)':>11} {'justesse':>9} {'accord avec Keras':>18}")
for name, pred in predicted.items():
    print(f"{name:<10} {sizes[name] / 1000:>11.1f} {np.mean(pred == y_test):>9.4f} "
          f"{np.mean(pred == keras_predicted):>18.4f}")
print(f"\nlatence médiane pour une image ({len(durations['Keras'])} appels par modèle) :")
for name, value in latency.items():
    print(f"{name:<10} {value:8.1f} µs   {value / latency['float32']:6.2f} × float32")
print("Keras plus lent que chaque modèle LiteRT :",
      all(latency["Keras"] > latency[name] for name in variants))
#> modèle     taille (Ko)  justesse  accord avec Keras
#> Keras            722.9    0.8574±0.001             1.0000
#> float32          231.3    0.8574±0.001             1.0000
#> float16          119.3    0.8575±0.0006             0.9999±0.0002
#> dynamique         65.1    0.8573±0.002             0.9979±0.002
#> int8              65.0    0.8574±0.0006             0.9941±0.002
#>
#> latence médiane pour une image (1000 appels par modèle) :
#> Keras     ... µs ... × float32
#> float32   ... µs ... × float32
#> float16   ... µs ... × float32
#> dynamique ... µs ... × float32
#> int8      ... µs ... × float32
#> Keras plus lent que chaque modèle LiteRT : True
# --8<-- [end:mesures]

# --8<-- [start:figure]
import matplotlib.pyplot as plt

names = list(predicted)
agreements = [np.mean(predicted[name] == keras_predicted) for name in names]  # ce qui diffère vraiment
colors = ["gray", "tab:blue", "tab:orange", "tab:green", "tab:red"]
fig, axes = plt.subplots(1, 3, figsize=(12, 3.6), sharey=True, layout="constrained")
axes[0].barh(names, [sizes[name] / 1000 for name in names], color=colors)
axes[0].set(title="taille du fichier (Ko)", xlim=(0, max(sizes.values()) / 1000 * 1.3))
axes[1].barh(names, agreements, color=colors)
axes[1].set(title="accord avec Keras (10 000 images de test)", xlim=(min(agreements) - 0.004, 1.003))
axes[1].set_xlabel("axe coupé : il ne part pas de 0")
axes[2].barh(names, [latency[name] for name in names], color=colors)
axes[2].set(title="latence médiane, une image (µs)", xscale="log",
           xlim=(min(latency.values()) / 2, max(latency.values()) * 4))  # de la place pour les étiquettes
panels = [([sizes[n] / 1000 for n in names], "{:.1f}"), (agreements, "{:.4f}"),
          ([latency[n] for n in names], "{:.0f}")]
for ax, (values, fmt) in zip(axes, panels):
    for y, value in enumerate(values):
        ax.text(value, y, " " + fmt.format(value), va="center", fontsize="small")
    ax.grid(axis="x", alpha=0.3)
axes[0].invert_yaxis()
fig.suptitle("Le modèle Keras et ses quatre conversions LiteRT, mesurés sur ce processeur")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Trois diagrammes en barres horizontales pour le modèle Keras et ses quatre conversions LiteRT. Taille "
    "du fichier, " + ", ".join(f"{sizes[n] / 1000:.1f} Ko ({n})" for n in names)
    + ". Accord avec les classes prédites par Keras sur les 10 000 images de test, "
    + ", ".join(f"{a:.4f} ({n})" for n, a in zip(names, agreements))
    + ". Latence médiane pour une image, en échelle logarithmique, "
    + ", ".join(f"{latency[n]:.0f} µs ({n})" for n in names) + "."
)
plt.show()
# --8<-- [end:figure]

# --8<-- [start:exercice]
converter = tf.lite.TFLiteConverter.from_saved_model("vetements_savedmodel")
converter.optimizations = [tf.lite.Optimize.DEFAULT]
converter.representative_dataset = representative_dataset
converter.target_spec.supported_ops = [tf.lite.OpsSet.TFLITE_BUILTINS_INT8]
converter.inference_input_type = tf.uint8
converter.inference_output_type = tf.uint8
tflite_uint8 = converter.convert()
save("uint8", tflite_uint8)

interpreter_uint8 = Interpreter(model_content=tflite_uint8)
uint8_input = interpreter_uint8.get_input_details()[0]
uint8_output = interpreter_uint8.get_output_details()[0]
print("entrée :", uint8_input["quantization"], "; sortie :", uint8_output["quantization"])
# scale 1 et zero_point 0 : quantifier les pixels ne les change pas, on passe les octets bruts
print("pixels bruts = entrée quantifiée :",
      np.array_equal(to_input(uint8_input, x_test), x_test.astype(np.uint8)))
print("mêmes prédictions que le modèle int8 sur les 10 000 images :",
      np.array_equal(predict_all(tflite_uint8), predicted["int8"]))
for name, content in [("int8", tflite_int8), ("uint8", tflite_uint8)]:
    operators = Interpreter(model_content=content)._get_ops_details()  # méthode interne, pour inspecter
    print(f"{name:<5}", " ".join(op["op_name"] for op in operators))
#> vetements_uint8.tflite       65336 octets
#> entrée : (1.0, 0) ; sortie : (0.00390625, 0)
#> pixels bruts = entrée quantifiée : True
#> mêmes prédictions que le modèle int8 sur les 10 000 images : True
#> int8  CONV_2D MAX_POOL_2D CONV_2D MAX_POOL_2D SHAPE STRIDED_SLICE PACK RESHAPE FULLY_CONNECTED FULLY_CONNECTED SOFTMAX
#> uint8 QUANTIZE CONV_2D MAX_POOL_2D CONV_2D MAX_POOL_2D SHAPE STRIDED_SLICE PACK RESHAPE FULLY_CONNECTED FULLY_CONNECTED SOFTMAX QUANTIZE
# --8<-- [end:exercice]
