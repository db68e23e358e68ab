"""La clé de cache d'un snippet : tout ce dont sa sortie dépend, sans importer TensorFlow.

Elle couvre le texte du snippet, les modules locaux qu'il importe, les fichiers de données qu'il nomme
(chaînes littérales qui désignent un fichier existant et non exécutable ; à la racine du dépôt, seulement
un chemin qui passe par un dossier), le format de capture de l'exécuteur et les
versions de Python, TensorFlow, Keras et NumPy, lues dans les métadonnées des paquets installés.
"""

from __future__ import annotations

import ast
import hashlib
import os
import platform
import sys
from functools import lru_cache
from pathlib import Path

from cells import EXPECTED

# À incrémenter quand la capture change de forme (les sorties versionnées sont alors toutes périmées).
CAPTURE_FORMAT = "6"  # 6 : sortie d'erreur à part, empreintes des figures, sys.exit(0), processus laissés
PACKAGES = {"tensorflow": ("tensorflow", "tensorflow-cpu"), "keras": ("keras",), "numpy": ("numpy",)}
# Des outils installés dans le dépôt par scripts/setup.sh : un snippet qui y lit un fichier dépend de leur
# fichier de verrouillage, qu'ils soient installés ou non (un clone neuf a la même clé avant et après).
INSTALLED = {"node_modules": "package-lock.json", ".venv-tfjs": "requirements-tfjs.lock", ".venv": "requirements.lock"}


@lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    found = {"python": platform.python_version()}
    for label, distributions in PACKAGES.items():
        found[label] = next(filter(None, map(_dist_info_version, distributions)), None) or next(
            filter(None, map(_metadata_version, distributions)), "absent")
    return found


@lru_cache(maxsize=None)
def _dist_info_version(name: str) -> str | None:
    """La version lue dans le nom du dossier `*.dist-info` : rapide, la construction du site ne paie pas
    l'import ni le parcours complet d'importlib.metadata."""
    prefix = name.replace("-", "_").lower() + "-"
    for folder in map(Path, sys.path):
        for entry in _dist_infos(folder):
            if entry.lower().startswith(prefix):  # PyYAML-6.0.4.dist-info pour « pyyaml »
                return entry[len(prefix) : -len(".dist-info")]
    return None


@lru_cache(maxsize=None)
def _dist_infos(folder: Path) -> tuple[str, ...]:
    return tuple(sorted(p.name for p in folder.glob("*.dist-info"))) if folder.is_dir() else ()


def _metadata_version(name: str) -> str | None:
    from importlib import metadata  # en dernier recours (paquet installé autrement)

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


# Modules dont la distribution porte un autre nom (les autres : le nom du module, « _ » ou « - »).
DISTRIBUTION_OF = {"sklearn": "scikit-learn", "skimage": "scikit-image", "PIL": "pillow", "yaml": "PyYAML",
                   "tensorflow": "tensorflow-cpu", "google": "protobuf", "ai_edge_litert": "ai-edge-litert"}


def imported_distributions(sources: list[str]) -> dict[str, str]:
    """Les distributions installées que ces textes importent (matplotlib, scikit-learn, statsmodels…), avec
    leur version, lue dans le nom de leur dossier `*.dist-info` (rapide : aucun import, aucun parcours de
    toutes les métadonnées) : une mise à jour de l'une d'elles rend le snippet périmé."""
    names = set()
    for source in sources:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module.split(".")[0])
    return distributions_of(sorted(names))


def distributions_of(modules: list[str]) -> dict[str, str]:
    """Distribution installée → version, pour ces modules de premier niveau (ceux de la bibliothèque
    standard et ceux qu'aucune distribution ne fournit sous un nom reconnaissable sont ignorés)."""
    found = {}
    for name in sorted(set(modules) - set(sys.stdlib_module_names)):
        if not name.isidentifier() or name.startswith("_"):
            continue
        for candidate in dict.fromkeys([DISTRIBUTION_OF.get(name, name), name.replace("_", "-"), name]):
            version = _dist_info_version(candidate) or _dist_info_version(candidate.lower())
            if version:
                found[candidate.lower()] = version
                break
    return found


def dependencies(snippet: Path, root: Path, text: str | None = None) -> list[Path]:
    """Les modules locaux importés et les fichiers de données nommés par le snippet (récursivement
    pour les modules). `text` : le texte du snippet déjà lu (celui qui sera exécuté)."""
    seen: dict[Path, None] = {}
    todo = [snippet]
    while todo:
        current = todo.pop()
        source = text if current == snippet and text is not None else current.read_text(encoding="utf-8")
        try:
            tree = ast.parse(source, filename=str(current))
        except SyntaxError:
            continue  # l'exécution le signalera avec sa ligne

        for found in _local_modules(tree, current.parent) + _data_files(tree, current.parent, root):
            if found not in seen and found != snippet:
                seen[found] = None
                if found.suffix == ".py":
                    todo.append(found)
    return sorted(seen)


def _local_modules(tree: ast.AST, folder: Path) -> list[Path]:
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
    candidates = (folder / (name.replace(".", "/") + ".py") for name in names)
    return [path.resolve() for path in candidates if path.is_file()]


def _data_files(tree: ast.AST, folder: Path, root: Path) -> list[Path]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and 0 < len(node.value) < 200:
            if "\n" in node.value or "\0" in node.value:
                continue
            installed = INSTALLED.get(node.value.split("/")[0]) if "/" in node.value else None
            if installed and (root / installed).is_file():
                found.append(_plain(root / installed))
                continue
            for base in (folder, root):
                if base == root and "/" not in node.value:
                    # un nom nu à la racine est ce qu'écrit un snippet lancé depuis la racine
                    # (vetements.keras…) : sa présence ne doit pas changer la clé des autres
                    continue
                candidate = base / node.value
                if candidate.is_file():
                    if not _is_program(candidate):
                        # sans résoudre les liens : node_modules/… garde son nom relatif au dépôt même
                        # quand c'est un lien (clone de travail, copie des tests)
                        found.append(Path(os.path.normpath(candidate.absolute())))
                    break
    return found


def _plain(path: Path) -> Path:
    """Le chemin absolu, normalisé, sans résoudre les liens symboliques."""
    return Path(os.path.normpath(path.absolute()))


def _is_program(path: Path) -> bool:
    """Un exécutable (`/usr/bin/chromium`, `.venv-tfjs/bin/python`) est un outil, pas une donnée : le
    hacher rendrait la clé propre à une machine (chemin de l'interpréteur, build du navigateur) et coûterait
    la lecture de centaines de Mo à chaque construction. Les versions qui comptent sont dans la clé."""
    return path.stat().st_mode & 0o111 != 0


def executed_text(text: str) -> str:
    """Le texte sans ses lignes `#>` : des commentaires que Python ignore et que la page ne montre pas. Les
    changer (une tolérance, une valeur attendue) ne ré-exécute rien : l'exécuteur revérifie la sortie
    enregistrée contre les nouvelles lignes, et ne ré-exécute que si elle ne les satisfait plus."""
    return "\n".join(line for line in text.split("\n") if not EXPECTED.match(line))


def snippet_key(snippet: Path, root: Path, text: str | None = None) -> str:
    """La clé du texte exact qui est (ou sera) exécuté (`text` s'il est donné, sinon le fichier), hors
    lignes `#>`."""
    snippet = snippet.resolve()
    text = executed_text(snippet.read_text(encoding="utf-8") if text is None else text)
    digest = hashlib.sha256()
    digest.update(f"format={CAPTURE_FORMAT}\n".encode())
    for label, version in sorted(versions().items()):
        digest.update(f"{label}={version}\n".encode())
    files = dependencies(snippet, root, text)
    modules = [path.read_text(encoding="utf-8") for path in files if path.suffix == ".py"]
    for name, version in imported_distributions([text, *modules]).items():
        digest.update(f"{name}={version}\n".encode())
    for path in [snippet, *files]:
        name = next((path.relative_to(base) for base in (_plain(root), root.resolve()) if path.is_relative_to(base)),
                    path)
        digest.update(str(name).encode() + b"\0")
        digest.update((text.encode("utf-8") if path == snippet else path.read_bytes()) + b"\0")
    return digest.hexdigest()[:16]


def key_inputs(snippet: Path, root: Path, text: str | None = None) -> dict:
    """Ce que couvre la clé, en clair (enregistré avec la sortie) : pour dire ce qui a changé quand la clé
    change, au lieu de « quelque chose a changé »."""
    snippet = snippet.resolve()
    text = executed_text(snippet.read_text(encoding="utf-8") if text is None else text)
    files = dependencies(snippet, root, text)
    modules = [path.read_text(encoding="utf-8") for path in files if path.suffix == ".py"]
    named = {}
    for path in [snippet, *files]:
        name = next((path.relative_to(base) for base in (_plain(root), root.resolve()) if path.is_relative_to(base)),
                    path)
        data = text.encode("utf-8") if path == snippet else path.read_bytes()
        named[str(name)] = hashlib.sha256(data).hexdigest()[:16]
    return {"format": CAPTURE_FORMAT, "versions": dict(versions()),
            "bibliotheques": imported_distributions([text, *modules]), "fichiers": named}


def describe_change(old: dict, new: dict) -> str:
    """Les différences entre deux `key_inputs`, en une ligne : ce qui rend le snippet périmé."""
    found = []
    if old.get("format") != new.get("format"):
        found.append(f"format de capture de l'exécuteur {old.get('format')} → {new.get('format')}")
    for group, label in (("versions", "version de"), ("bibliotheques", "bibliothèque")):
        before, after = old.get(group, {}), new.get(group, {})
        for name in sorted(set(before) | set(after)):
            if before.get(name) != after.get(name):
                found.append(f"{label} {name} : {before.get(name, 'absente')} → {after.get(name, 'absente')}")
    before, after = old.get("fichiers", {}), new.get("fichiers", {})
    for name in sorted(set(before) | set(after)):
        if name not in after:
            found.append(f"{name} n'est plus lu")
        elif name not in before:
            found.append(f"{name} est lu désormais")
        elif before[name] != after[name]:
            found.append(f"{name} modifié")
    return " ; ".join(found) or "la clé a changé"


def installed_version(distribution: str) -> str | None:
    """La version installée d'une distribution nommée comme dans distributions_of (en minuscules)."""
    return _dist_info_version(distribution) or _dist_info_version(distribution.replace("-", "_"))
