"""Met Fashion-MNIST dans le cache de Keras, hors ligne.

`keras.datasets.fashion_mnist.load_data()` cherche ses quatre fichiers dans
`$KERAS_HOME/datasets/fashion-mnist/` (par défaut `~/.keras`) et ne télécharge que ceux qui manquent.
Le paquet Debian `dataset-fashion-mnist` fournit exactement ces fichiers : on les copie, et le code des
snippets reste celui qu'un apprenant écrirait avec internet. Sur une machine connectée sans le paquet,
on ne fait rien : le téléchargement de Keras reste le chemin normal.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

DEBIAN_DIR = Path("/usr/share/datasets/fashion-mnist")
FILES = (
    "train-labels-idx1-ubyte.gz",
    "train-images-idx3-ubyte.gz",
    "t10k-labels-idx1-ubyte.gz",
    "t10k-images-idx3-ubyte.gz",
)


def keras_cache_dir() -> Path:
    """Le dossier où Keras range Fashion-MNIST (même règle que keras.utils.get_file)."""
    home = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras")).expanduser()
    return home / "datasets" / "fashion-mnist"


def missing_files(target: Path) -> list[str]:
    return [name for name in FILES if not (target / name).is_file()]


def provision(source: Path = DEBIAN_DIR, target: Path | None = None) -> Path:
    """Copie les fichiers absents ; lève FileNotFoundError avec la commande à lancer s'il en manque."""
    target = target or keras_cache_dir()
    todo = missing_files(target)
    if not todo:
        return target
    unavailable = [name for name in todo if not (source / name).is_file()]
    if unavailable:
        raise FileNotFoundError(
            f"Fashion-MNIST introuvable : {', '.join(unavailable)} manque dans {target} et dans {source}.\n"
            "Installez le paquet Debian : sudo apt-get install dataset-fashion-mnist\n"
            "puis relancez : .venv/bin/python scripts/provision_data.py\n"
            "(avec un accès à internet, keras.datasets.fashion_mnist.load_data() le télécharge lui-même)."
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in todo:
        shutil.copyfile(source / name, target / name)
    print(f"provision_data: Fashion-MNIST copié dans {target}")
    return target


if __name__ == "__main__":
    try:
        provision()
    except FileNotFoundError as error:
        sys.exit(str(error))
