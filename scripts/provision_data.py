"""Met Fashion-MNIST dans le cache de Keras, hors ligne.

`keras.datasets.fashion_mnist.load_data()` cherche ses quatre fichiers dans
`$KERAS_HOME/datasets/fashion-mnist/` (par défaut `~/.keras`) et ne télécharge que ceux qui manquent.
Le paquet Debian `dataset-fashion-mnist` fournit exactement ces fichiers : on les copie, et le code des
snippets reste celui qu'un apprenant écrirait avec internet. Sur une machine connectée sans le paquet,
on ne fait rien : le téléchargement de Keras reste le chemin normal.
"""

from __future__ import annotations

import gzip
import os
import shutil
import struct
import sys
import zlib
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


# Taille décompressée attendue (en-tête IDX compris) : 60 000 images d'entraînement, 10 000 de test, 28×28.
EXPECTED = {
    "train-labels-idx1-ubyte.gz": (2049, 8 + 60_000),
    "train-images-idx3-ubyte.gz": (2051, 16 + 60_000 * 28 * 28),
    "t10k-labels-idx1-ubyte.gz": (2049, 8 + 10_000),
    "t10k-images-idx3-ubyte.gz": (2051, 16 + 10_000 * 28 * 28),
}


def is_valid(path: Path) -> bool:
    """Le fichier se décompresse en entier, avec le bon nombre magique et la bonne taille (un fichier
    tronqué donnerait sinon un EOFError au milieu d'un snippet)."""
    magic, size = EXPECTED[path.name]
    try:
        with gzip.open(path, "rb") as handle:
            data = handle.read()
    except (OSError, EOFError, zlib.error):
        return False
    return len(data) == size and struct.unpack(">i", data[:4])[0] == magic


def missing_files(target: Path) -> list[str]:
    """Les fichiers absents ou abîmés (ceux-ci sont remplacés)."""
    return [name for name in FILES if not (target / name).is_file() or not is_valid(target / name)]


def provision(source: Path = DEBIAN_DIR, target: Path | None = None) -> Path:
    """Copie les fichiers absents ; lève FileNotFoundError avec la commande à lancer s'il en manque."""
    target = target or keras_cache_dir()
    todo = missing_files(target)
    if not todo:
        return target
    unavailable = [name for name in todo if not (source / name).is_file() or not is_valid(source / name)]
    if unavailable:
        raise FileNotFoundError(
            f"Fashion-MNIST introuvable : {', '.join(unavailable)} manque (ou est abîmé) dans {target} "
            f"et dans {source}.\n"
            "Installez le paquet Debian : sudo apt-get install dataset-fashion-mnist\n"
            "puis relancez : .venv/bin/python scripts/provision_data.py\n"
            "(avec un accès à internet, keras.datasets.fashion_mnist.load_data() le télécharge lui-même)."
        )
    target.mkdir(parents=True, exist_ok=True)
    for name in todo:
        temporary = target / f".{name}.tmp"
        shutil.copyfile(source / name, temporary)
        os.replace(temporary, target / name)
    print(f"provision_data: Fashion-MNIST copié dans {target} ({', '.join(todo)})")
    return target


if __name__ == "__main__":
    try:
        provision()
    except FileNotFoundError as error:
        sys.exit(str(error))
