#!/usr/bin/env bash
# Les environnements de la matrice des versions (make matrice) : un .venv-tf<version> par verrouillage
# requirements-tf<version>.lock, installé tel quel (--no-deps), vérifié (pip check), et réinstallé seulement
# quand son verrouillage change. Lourds (plus de 1 Go chacun) : ni make setup ni la CI ne les créent.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
for lock in requirements-tf[0-9]*.lock; do
    version=${lock#requirements-tf}
    version=${version%.lock}
    venv=.venv-tf$version
    stamp=$venv/.requirements.sha256
    want=$(sha256sum "$lock" | cut -d' ' -f1)
    if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        echo "setup_matrix: $venv à partir de $lock"
        [ -x "$venv/bin/python" ] || "$PYTHON" -m venv "$venv"
        "$venv/bin/python" -m pip install -q --no-deps -r "$lock"
        "$venv/bin/python" -m pip check
        echo "$want" > "$stamp"
    fi
done
