# --8<-- [start:donnees]
import keras
import matplotlib.pyplot as plt
import numpy as np
import statsmodels.api as sm
from keras import layers

keras.utils.set_random_seed(42)

sunspots = sm.datasets.sunspots.load_pandas().data
years = sunspots["YEAR"].to_numpy().astype(int)
level = sunspots["SUNACTIVITY"].to_numpy().astype("float32")
print(f"{len(level)} années, de {years[0]} à {years[-1]} ; de {level.min():.0f} à {level.max():.0f}")

# Découpage chronologique, par année à prévoir
split = {"entraînement": (0, 230), "validation": (230, 270), "test": (270, len(level))}
for name, (start, end) in split.items():
    print(f"{name:<13} {years[start]}-{years[end - 1]} ({end - start} ans)")

# Normalisation : moyenne et écart-type du seul entraînement
mean, std = level[:230].mean(), level[:230].std()
scaled = (level - mean) / std
#> 309 années, de 1700 à 2008 ; de 0 à 190
#> entraînement  1700-1929 (230 ans)
#> validation    1930-1969 (40 ans)
#> test          1970-2008 (39 ans)
# --8<-- [end:donnees]

# --8<-- [start:fenetres]
window = 22  # deux cycles solaires d'environ 11 ans


def arrays(start, end):
    """Fenêtres scaled[t − 22 : t] -> scaled[t] pour les années t de [start, end)."""
    start = max(start, window)
    dataset = keras.utils.timeseries_dataset_from_array(
        scaled[start - window:end - 1, np.newaxis], scaled[start:end], sequence_length=window,
        batch_size=1000)
    return next(iter(dataset))


data = {name: arrays(*bounds) for name, bounds in split.items()}
for name, (x, y) in data.items():
    print(f"{name:<13} {tuple(x.shape)} -> {tuple(y.shape)}")
#> entraînement  (208, 22, 1) -> (208,)
#> validation    (40, 22, 1) -> (40,)
#> test          (39, 22, 1) -> (39,)
# --8<-- [end:fenetres]

# --8<-- [start:references]
test_years = np.arange(*split["test"])
truth = level[test_years]
naive = {"dernière valeur": level[test_years - 1], "il y a 11 ans": level[test_years - 11]}
mae = {name: np.mean(np.abs(f - truth)) for name, f in naive.items()}
for name, value in mae.items():
    print(f"{name:<16} MAE test {value:5.1f}")
#> dernière valeur  MAE test  23.3
#> il y a 11 ans    MAE test  24.4
# --8<-- [end:references]

# --8<-- [start:modeles]
def build(kind):
    core = {"dense": [layers.Flatten(), layers.Dense(32, activation="relu")],
            "LSTM": [layers.LSTM(32)],
            "GRU": [layers.GRU(32)]}[kind]
    return keras.Sequential([keras.Input(shape=(window, 1)), *core, layers.Dense(1)], name=kind)


forecasts, models = {}, {}
for kind in ("dense", "LSTM", "GRU"):
    keras.utils.set_random_seed(42)
    model = build(kind)
    model.compile(optimizer=keras.optimizers.Adam(3e-3), loss="mse")
    stop = keras.callbacks.EarlyStopping(patience=10, restore_best_weights=True)
    history = model.fit(*data["entraînement"], validation_data=data["validation"], epochs=80,
                        batch_size=32, callbacks=[stop], verbose=0)
    forecasts[kind] = model.predict(data["test"][0], verbose=0)[:, 0] * std + mean
    models[kind] = model
    mae[kind] = np.mean(np.abs(forecasts[kind] - truth))
    print(f"{kind:<6} {len(history.history['loss']):>2} époques, MAE test {mae[kind]:5.1f}")
#> dense  ... époques, MAE test  15.0
#> LSTM   ... époques, MAE test  15.3
#> GRU    ... époques, MAE test  13.4
# --8<-- [end:modeles]

# --8<-- [start:figure]
fig, ax = plt.subplots(figsize=(9, 4))
ax.plot(years[test_years], truth, "k.-", lw=2, label="observé")
ax.plot(years[test_years], naive["dernière valeur"], ":", color="gray", label="dernière valeur")
for kind in ("dense", "GRU"):
    ax.plot(years[test_years], forecasts[kind], "--", label=f"{kind} (MAE {mae[kind]:.1f})")
ax.set(xlabel="année", ylabel="nombre de taches solaires", title="Taches solaires : prévision à un an sur le test")
ax.legend()
fig.set_label(  # texte alternatif : ce que montre la figure, lu par un lecteur d'écran sur le site
    f"Nombre annuel de taches solaires pour les années de test, de {years[test_years][0]} à "
    f"{years[test_years][-1]}, observé (trait noir) et prévu un an à l'avance par la dernière valeur "
    f"(MAE {mae['dernière valeur']:.1f}), le réseau dense (MAE {mae['dense']:.1f}) et le GRU "
    f"(MAE {mae['GRU']:.1f})."
)
plt.show()
# --8<-- [end:figure]

# --8<-- [start:periode]
# Pour aller plus loin (1) : quelle période pour la référence saisonnière ? Choisie sur la validation
val_years = np.arange(*split["validation"])
for lag in range(8, 14):
    err = np.mean(np.abs(level[val_years - lag] - level[val_years]))
    print(f"décalage {lag:>2} ans : MAE validation {err:5.1f}")
print(f"décalage 10 ans, sur le test : MAE {np.mean(np.abs(level[test_years - 10] - truth)):5.1f}")
#> décalage  8 ans : MAE validation  55.5
#> décalage  9 ans : MAE validation  38.4
#> décalage 10 ans : MAE validation  24.7
#> décalage 11 ans : MAE validation  28.1
#> décalage 12 ans : MAE validation  42.4
#> décalage 13 ans : MAE validation  58.8
#> décalage 10 ans, sur le test : MAE  21.5
# --8<-- [end:periode]

# --8<-- [start:horizon]
# Pour aller plus loin (2) : prévoir 1 à 5 ans à l'avance, en réinjectant les prévisions du GRU
gru = models["GRU"]
x_test = data["test"][0].numpy()
for horizon in range(1, 6):
    inputs = x_test[: len(x_test) - horizon + 1].copy()
    for _ in range(horizon):
        step = gru.predict(inputs, verbose=0)
        inputs = np.concatenate([inputs[:, 1:], step[:, np.newaxis]], axis=1)
    predicted = step[:, 0] * std + mean
    err = np.mean(np.abs(predicted - truth[horizon - 1:]))
    # La référence juste à cet horizon : la dernière valeur connue, celle d'il y a `horizon` ans
    persistence = np.mean(np.abs(level[test_years[horizon - 1:] - horizon] - truth[horizon - 1:]))
    print(f"horizon {horizon} an(s) : MAE test {err:5.1f}, dernière valeur connue {persistence:5.1f}")
#> horizon 1 an(s) : MAE test  13.4, dernière valeur connue  23.3
#> horizon 2 an(s) : MAE test  17.7, dernière valeur connue  45.0
#> horizon 3 an(s) : MAE test  20.7, dernière valeur connue  64.5
#> horizon 4 an(s) : MAE test  20.8, dernière valeur connue  78.4
#> horizon 5 an(s) : MAE test  21.0, dernière valeur connue  85.8
# --8<-- [end:horizon]
