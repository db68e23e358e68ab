# --8<-- [start:journaux]
import os
import tempfile

import keras
import numpy as np
from keras import layers

(x_all, y_all), _ = keras.datasets.fashion_mnist.load_data()
x_all = x_all.reshape(-1, 784).astype("float32") / 255.0
x_train, y_train = x_all[:1000], y_all[:1000]
x_val, y_val = x_all[54_000:56_000], y_all[54_000:56_000]

keras.utils.set_random_seed(42)
model = keras.Sequential([keras.Input(shape=(784,)), layers.Dense(256, activation="relu"),
                          layers.Dense(256, activation="relu"), layers.Dense(10, activation="softmax")])
model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])

log_dir = tempfile.mkdtemp()  # en pratique, un dossier comme "logs/essai_1"
history = model.fit(x_train, y_train, validation_data=(x_val, y_val), epochs=15, batch_size=32,
                    callbacks=[keras.callbacks.TensorBoard(log_dir=log_dir)], verbose=0)

for folder in sorted(os.listdir(log_dir)):
    for name in os.listdir(os.path.join(log_dir, folder)):
        size = os.path.getsize(os.path.join(log_dir, folder, name))
        print(f"{folder}/{name[:20]}… ({size / 1024:.1f} Ko)")
#> train/events.out.tfevents.… (6.8 Ko)
#> validation/events.out.tfevents.… (4.8 Ko)
# --8<-- [end:journaux]

# --8<-- [start:lecture]
import matplotlib.pyplot as plt
import tensorflow as tf
from tensorboard.backend.event_processing.event_accumulator import EventAccumulator


def read_scalars(run_dir):
    """Lit les valeurs par époque écrites par le callback (des résumés de type « tensor »)."""
    events = EventAccumulator(run_dir, size_guidance={"tensors": 0})  # 0 : tout garder
    events.Reload()
    return {tag: np.array([float(tf.make_ndarray(e.tensor_proto)) for e in events.Tensors(tag)])
            for tag in events.Tags()["tensors"] if tag.startswith("epoch_")}


train = read_scalars(os.path.join(log_dir, "train"))
validation = read_scalars(os.path.join(log_dir, "validation"))
print("train :", sorted(train))
print("validation :", sorted(validation))
print("identiques à l'historique de fit :", np.allclose(validation["epoch_loss"], history.history["val_loss"]))
#> train : ['epoch_accuracy', 'epoch_learning_rate', 'epoch_loss']
#> validation : ['epoch_accuracy', 'epoch_loss']
#> identiques à l'historique de fit : True

epochs = np.arange(1, len(train["epoch_loss"]) + 1)
fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(10, 4), layout="constrained")
for name, run in (("entraînement", train), ("validation", validation)):
    ax_loss.plot(epochs, run["epoch_loss"], "o-", label=name)
    ax_acc.plot(epochs, run["epoch_accuracy"], "o-", label=name)
ax_loss.set(xlabel="époque", ylabel="perte", title="epoch_loss")
ax_acc.set(xlabel="époque", ylabel="justesse", title="epoch_accuracy")
for ax in (ax_loss, ax_acc):
    ax.grid(alpha=0.3)
    ax.legend()
fig.suptitle("Les scalaires relus dans les fichiers d'événements de TensorBoard")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Deux graphiques relus dans les fichiers de TensorBoard, la perte à gauche et la justesse à droite, "
    f"par époque de 1 à {len(epochs)}, sur l'entraînement et sur la validation. La perte de validation passe "
    f"de {validation['epoch_loss'][0]:.2f} à {validation['epoch_loss'][-1]:.2f}, la justesse de validation "
    f"de {validation['epoch_accuracy'][0]:.2f} à {validation['epoch_accuracy'][-1]:.2f}."
)
plt.show()
# --8<-- [end:lecture]

# --8<-- [start:capture]
import io
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from playwright.sync_api import sync_playwright


def capture(url):
    """Ouvre TensorBoard dans Chromium sans écran et renvoie la capture (PNG)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(  # le Chromium du système, sinon celui de Playwright
            executable_path=shutil.which("chromium"),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 600})
        page.goto(url + "#timeseries", wait_until="networkidle")
        page.locator("input[placeholder='Filter tags (regex)']").fill("epoch_(loss|accuracy)")
        page.keyboard.press("Escape")  # fermer la liste de suggestions
        smoothing = page.locator("input[type='number']").first  # réglage « Smoothing » du panneau latéral
        smoothing.fill("0")  # courbes brutes, sans lissage
        smoothing.press("Enter")
        # Le lissage est coupé quand la colonne « Smoothed » quitte les tableaux de valeurs ; sinon, erreur
        page.wait_for_function("() => !document.body.innerText.includes('Smoothed')", timeout=60_000)
        page.get_by_label("Close side pane").click()  # replier le panneau des réglages
        page.wait_for_timeout(3000)  # laisser les courbes se dessiner
        png = page.screenshot()
        browser.close()
        return png


with socket.socket() as probe:  # un port libre, choisi par le système
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
server = subprocess.Popen(  # équivaut à : tensorboard --logdir ... --port ... dans un terminal
    [sys.executable, "-m", "tensorboard.main", "--logdir", log_dir, "--host", "127.0.0.1", "--port", str(port)],
    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    start_new_session=True)  # son propre groupe : TensorBoard lance lui-même un serveur de données
try:
    url = f"http://127.0.0.1:{port}/"
    for _ in range(120):  # attendre que le serveur réponde (60 s au plus)
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    # L'API synchrone de Playwright refuse de tourner là où une boucle asyncio tourne déjà (un notebook
    # Jupyter ou Colab) : on l'appelle dans un fil à part, ce qui marche partout, script comme notebook.
    with ThreadPoolExecutor(max_workers=1) as fil:
        png = fil.submit(capture, url).result()
finally:
    os.killpg(server.pid, signal.SIGTERM)  # arrêter TensorBoard et son serveur de données, quoi qu'il arrive
    server.wait()

fig, ax = plt.subplots(figsize=(12, 5.9), layout="constrained")
ax.imshow(plt.imread(io.BytesIO(png)))
ax.axis("off")
fig.suptitle("L'interface de TensorBoard servie sur 127.0.0.1, capturée par Chromium sans écran")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    "Capture d'écran de l'interface web de TensorBoard, onglet des séries temporelles, filtrée sur "
    "epoch_loss et epoch_accuracy, avec deux graphiques où les courbes d'entraînement et de validation sont "
    "tracées sans lissage, époque par époque."
)
plt.show()
print("serveur arrêté :", server.returncode is not None)
#> serveur arrêté : True
# --8<-- [end:capture]
