# --8<-- [start:donnees]
import time

import keras
import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm
import tensorflow as tf
from keras import layers

keras.utils.set_random_seed(42)
tf.config.experimental.enable_op_determinism()

# CO₂ atmosphérique à Mauna Loa (ppm) : mesures hebdomadaires 1958-2001 -> moyennes mensuelles
weekly = sm.datasets.co2.load_pandas().data["co2"]
co2 = weekly.resample("MS").mean().interpolate()  # quelques semaines manquantes : interpolées
print(f"{len(co2)} mois, de {co2.index[0]:%Y-%m} à {co2.index[-1]:%Y-%m}")

# Découpage chronologique (les indices sont ceux des mois à prévoir)
n_train, n_val = int(len(co2) * 0.6), int(len(co2) * 0.2)
split = {"entraînement": (0, n_train), "validation": (n_train, n_train + n_val),
         "test": (n_train + n_val, len(co2))}
for name, (start, end) in split.items():
    part = co2.iloc[start:end]
    print(f"{name:<13} {part.index[0]:%Y-%m} à {part.index[-1]:%Y-%m} : "
          f"{len(part)} mois, de {part.min():.1f} à {part.max():.1f} ppm")
#> 526 mois, de 1958-03 à 2001-12
#> entraînement  1958-03 à 1984-05 : 315 mois, de 313.4 à 347.4 ppm
#> validation    1984-06 à 1993-02 : 105 mois, de 341.1 à 359.5 ppm
#> test          1993-03 à 2001-12 : 106 mois, de 353.8 à 373.8 ppm
# --8<-- [end:donnees]

# --8<-- [start:fenetres]
# On prévoit la variation d'un mois sur l'autre : une série sans tendance
level = co2.to_numpy().astype("float32")
change = np.diff(level, prepend=np.nan)          # change[t] = level[t] − level[t − 1]
mean, std = np.nanmean(change[1:n_train]), np.nanstd(change[1:n_train])  # entraînement seul
scaled = (change - mean) / std

window = 24  # deux ans de variations pour prévoir la suivante


def windows(start, end, shuffle=False):
    """Fenêtres scaled[t − 24 : t] (entrées) et scaled[t] (cible), pour les mois t de [start, end)."""
    start = max(start, window + 1)  # change[0] n'existe pas
    return keras.utils.timeseries_dataset_from_array(
        scaled[start - window:end - 1, np.newaxis], scaled[start:end], sequence_length=window,
        batch_size=32, shuffle=shuffle, seed=42)


train_ds = windows(*split["entraînement"], shuffle=True)
x_batch, y_batch = next(iter(train_ds))
print("un lot :", x_batch.shape, y_batch.shape)

# La série est petite : on rassemble toutes les fenêtres de chaque partie en deux tableaux
data = {}
for name, (start, end) in split.items():
    pairs = list(windows(start, end).unbatch().as_numpy_iterator())
    data[name] = (np.stack([x for x, _ in pairs]), np.array([y for _, y in pairs]))
    print(f"{name:<13} entrées {data[name][0].shape}, cibles {data[name][1].shape}")
#> un lot : (32, 24, 1) (32,)
#> entraînement  entrées (290, 24, 1), cibles (290,)
#> validation    entrées (105, 24, 1), cibles (105,)
#> test          entrées (106, 24, 1), cibles (106,)
# --8<-- [end:fenetres]

# --8<-- [start:references]
test_months = np.arange(*split["test"])
truth = level[test_months]
naive = {
    "dernière valeur": level[test_months - 1],                    # le mois précédent
    "même mois, an passé": level[test_months - 12],               # saisonnière
    "saisonnière + tendance": level[test_months - 1] + change[test_months - 12],  # variation d'il y a un an
}
print("MAE sur le test (ppm)")
for name, forecast in naive.items():
    print(f"  {name:<24} {np.mean(np.abs(forecast - truth)):.3f}")
#> MAE sur le test (ppm)
#>   dernière valeur          1.130
#>   même mois, an passé      1.631
#>   saisonnière + tendance   0.314
# --8<-- [end:references]

# --8<-- [start:modeles]
def build(kind):
    """Même entrée (24 instants, 1 valeur), même sortie : la variation du mois suivant."""
    core = {"dense": [layers.Flatten(), layers.Dense(32, activation="relu")],
            "SimpleRNN": [layers.SimpleRNN(32)],
            "LSTM": [layers.LSTM(32)],
            "GRU": [layers.GRU(32)]}[kind]
    return keras.Sequential([keras.Input(shape=(window, 1)), *core, layers.Dense(1)], name=kind)


for kind in ("dense", "SimpleRNN", "LSTM", "GRU"):
    print(f"{kind:<10} {build(kind).count_params():>5} paramètres")
#> dense        833 paramètres
#> SimpleRNN   1121 paramètres
#> LSTM        4385 paramètres
#> GRU         3393 paramètres
# --8<-- [end:modeles]

# --8<-- [start:entrainement]
forecasts, histories = {}, {}
for kind in ("dense", "SimpleRNN", "LSTM", "GRU"):
    keras.utils.set_random_seed(42)
    model = build(kind)
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mse")
    stop = keras.callbacks.EarlyStopping(patience=8, restore_best_weights=True)
    start = time.perf_counter()
    history = model.fit(*data["entraînement"], validation_data=data["validation"], epochs=60,
                        batch_size=32, callbacks=[stop], verbose=0)
    elapsed = time.perf_counter() - start
    predicted_change = model.predict(data["test"][0], verbose=0)[:, 0] * std + mean  # en ppm
    forecasts[kind] = level[test_months - 1] + predicted_change
    histories[kind] = history.history
    mae = np.mean(np.abs(forecasts[kind] - truth))
    print(f"{kind:<10} {len(history.history['loss']):>3} époques, {elapsed:4.0f} s : MAE test {mae:.3f} ppm")
#> dense       ... époques,   ... s : MAE test 0.276 ppm
#> SimpleRNN   ... époques,   ... s : MAE test 0.262 ppm
#> LSTM        ... époques,   ... s : MAE test 0.268 ppm
#> GRU         ... époques,   ... s : MAE test 0.264 ppm
# --8<-- [end:entrainement]

# --8<-- [start:figure]
dates = co2.index[test_months]
fig, (ax_all, ax_zoom) = plt.subplots(2, 1, figsize=(9, 6.5), layout="constrained")
ax_all.plot(co2.index, level, color="black", lw=1, label="mesures")
for name, (start, end) in split.items():
    ax_all.axvspan(co2.index[start], co2.index[end - 1], alpha=0.12,
                   color={"entraînement": "tab:blue", "validation": "tab:orange", "test": "tab:green"}[name],
                   label=name)
ax_all.set(ylabel="CO₂ (ppm)", title="La série entière et son découpage chronologique")
ax_all.legend(fontsize="small", ncol=4)
zoom = slice(-36, None)  # les trois dernières années du test
ax_zoom.plot(dates[zoom], truth[zoom], "k.-", lw=2, label="mesures")
ax_zoom.plot(dates[zoom], naive["saisonnière + tendance"][zoom], ":", color="gray",
             label="saisonnière + tendance")  # la meilleure référence
for kind in ("dense", "SimpleRNN", "LSTM", "GRU"):
    ax_zoom.plot(dates[zoom], forecasts[kind][zoom], "--", label=kind)
ax_zoom.set(ylabel="CO₂ (ppm)", title="Prévision à un mois sur les trois dernières années du test")
ax_zoom.legend(fontsize="small", ncol=3)
fig.suptitle("CO₂ à Mauna Loa : prévision du mois suivant")
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"En haut, la concentration de CO₂ mesurée chaque mois de {co2.index[0]:%Y} à {co2.index[-1]:%Y}, qui "
    f"monte de {level.min():.0f} à {level.max():.0f} ppm en oscillant chaque année, sur trois bandes de "
    f"couleur (entraînement, validation, test). En bas, les 36 derniers mois du test, les mesures et les "
    f"prévisions à un mois de la meilleure référence (saisonnière + tendance) et des quatre réseaux, "
    f"des courbes presque superposées. MAE sur tout le test, "
    + ", ".join(f"{np.mean(np.abs(f - truth)):.3f} ppm ({name})"
                for name, f in {"saisonnière + tendance": naive["saisonnière + tendance"], **forecasts}.items())
    + "."
)
plt.show()
# --8<-- [end:figure]
