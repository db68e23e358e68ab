"""Ce qu'un snippet a réellement lu pendant son exécution : fichiers ouverts et dossiers listés dans le dépôt
et dans le cache de données de Keras, variables d'environnement lues par son propre code, distributions
installées qu'il a importées. Vu par les « audit hooks » de Python (`open`, `os.listdir`, `os.scandir`,
`import`), pas deviné dans le texte : un chemin construit par une f-string, un dossier lu avec `glob`, un
paquet local ou un fichier exécutable sont vus comme les autres.

L'enregistrement du snippet garde ces lectures avec l'empreinte de ce qui a été lu ; `stale_reason` de
l'exécuteur les revérifie et nomme ce qui a changé. Ce module ne dépend que de la bibliothèque standard et de
`cache_key` (sans TensorFlow).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from cache_key import INSTALLED  # outils installés dans le dépôt : comptés par leur verrouillage

IGNORED_PARTS = {"__pycache__", ".git", "_freeze", "site"}
MAX_LISTED = 10_000  # noms d'un dossier listé gardés dans son empreinte


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def data_roots() -> list[Path]:
    """Les dossiers de données hors du dépôt dont un snippet dépend : le cache de Keras (Fashion-MNIST)."""
    home = Path(os.environ.get("KERAS_HOME", Path.home() / ".keras"))
    return [home / "datasets"]


class Observer:
    """Installé dans le processus du snippet, avant sa première ligne (un audit hook ne se retire pas : le
    processus meurt avec le snippet)."""

    def __init__(self, root: Path, snippet: str, path: str, workdir: str):
        self.root = Path(os.path.realpath(root))
        self.snippet = snippet  # le nom de fichier du code exécuté (tracebacks, co_filename)
        self.path = os.path.realpath(path)  # le fichier du snippet : son texte est déjà dans la clé
        self.workdir = os.path.realpath(workdir)
        self.files: set[str] = set()
        self.folders: set[str] = set()
        self.modules: set[str] = set()
        self.env: dict[str, str | None] = {}

    def install(self) -> None:
        sys.addaudithook(self._hook)
        observer = self

        class RecordingEnviron(type(os.environ)):
            def __getitem__(self, key):
                observer._env_read(key)
                return super().__getitem__(key)

        os.environ.__class__ = RecordingEnviron

    # --- dans le hook : rien de coûteux, aucune exception ------------------------------------------------
    def _hook(self, event: str, args: tuple) -> None:
        try:
            if event == "open":
                path, mode, flags = args
                if isinstance(path, int) or not self._reads(mode, flags):
                    return
                self._note(path, self.files)
            elif event in ("os.listdir", "os.scandir") and self._from_snippet():
                self._note(args[0] if args and args[0] is not None else ".", self.folders)
            elif event == "import":
                self.modules.add(str(args[0]).split(".")[0])
        except Exception:  # noqa: BLE001 — observer ne doit jamais changer ce que fait le snippet
            pass

    def _from_snippet(self) -> bool:
        """Vrai si le code du snippet a demandé ce listage (directement ou par glob, pathlib…), faux si c'est
        le mécanisme d'import (qui liste les dossiers de sys.path, dont celui du snippet)."""
        frame = sys._getframe(2)
        for _ in range(30):
            if frame is None:
                return False
            name = frame.f_code.co_filename
            if name.startswith("<frozen importlib"):
                return False
            if name == self.snippet:
                return True
            frame = frame.f_back
        return False

    @staticmethod
    def _reads(mode, flags) -> bool:
        if isinstance(mode, str):
            return "r" in mode or "+" in mode
        return isinstance(flags, int) and (flags & os.O_ACCMODE) != os.O_WRONLY

    def _note(self, path, into: set[str]) -> None:
        if isinstance(path, bytes):
            path = os.fsdecode(path)
        into.add(os.path.realpath(os.path.join(os.getcwd(), os.fspath(path))))

    def _env_read(self, key: str) -> None:
        frame = sys._getframe(2)
        for _ in range(3):  # os.environ[...], .get(), os.getenv() : le code du snippet est à 1 à 3 cadres
            if frame is None:
                return
            if frame.f_code.co_filename == self.snippet:
                self.env[key] = os.environ.get(key) if key != "COURS_RACINE" else "(racine du dépôt)"
                return
            frame = frame.f_back

    # --- à la fin du snippet -------------------------------------------------------------------------------
    def result(self, distributions) -> dict:
        """Les lectures à enregistrer : chemins relatifs au dépôt (ou `~keras/…` pour le cache de données),
        avec l'empreinte de leur contenu ; `distributions(noms)` donne les versions des modules importés."""
        env = named_in(self.env, Path(self.path))
        files, folders = {}, {}
        for path in sorted(self.files):
            name = self.relative(path)
            if name and os.path.isfile(path):
                files.update(self._file_entry(name, path))
        for path in sorted(self.folders):
            name = self.relative(path)
            if name and os.path.isdir(path) and name.split("/")[0] in INSTALLED:
                files.update(self._file_entry(name, path))  # un dossier d'un outil installé : son verrouillage
            elif name and os.path.isdir(path):
                folders[name] = listing(path)
        return {"fichiers": files, "dossiers": folders, "environnement": env,
                "bibliotheques": distributions(sorted(self.modules - set(sys.stdlib_module_names)))}

    def _file_entry(self, name: str, path: str) -> dict[str, str]:
        top = name.split("/")[0]
        if top in INSTALLED:  # un outil installé : sa version est celle de son verrouillage
            lock = self.root / INSTALLED[top]
            return {INSTALLED[top]: digest(lock.read_bytes())} if lock.is_file() else {}
        with open(path, "rb") as handle:
            return {name: digest(handle.read())}

    def relative(self, path: str) -> str | None:
        """Le nom d'un chemin observé, s'il compte : dans le dépôt (hors dossier de travail, snippet lui-même et
        sorties), ou dans le cache de données ; None sinon (bibliothèques, /proc, dossier temporaire)."""
        if path == self.workdir or path.startswith(self.workdir + os.sep) or path == self.path:
            return None
        for base, prefix in [(self.root, ""), *((Path(os.path.realpath(d)), "~keras/datasets/") for d in data_roots())]:
            try:
                rel = Path(path).relative_to(base)
            except ValueError:
                continue
            parts = rel.parts
            if prefix == "" and (not parts or IGNORED_PARTS & set(parts) or parts[0].startswith(".venv")
                                 and parts[0] not in INSTALLED):
                return None
            return prefix + rel.as_posix() if parts else (prefix.rstrip("/") or None)
        return None


def listing(path: str) -> str:
    """L'empreinte des noms d'un dossier (pas de leur contenu : un fichier lu a sa propre empreinte) ; un
    `__pycache__` que Python y aurait laissé n'en fait pas partie : il ne change rien à ce que lit le snippet."""
    try:
        names = sorted(n for n in os.listdir(path) if n not in IGNORED_PARTS)[:MAX_LISTED]
    except OSError:
        return "?"
    return digest("\n".join(names).encode("utf-8"))


def resolve(root: Path, name: str) -> Path:
    if name.startswith("~keras/datasets/"):
        return data_roots()[0] / name.removeprefix("~keras/datasets/")
    return root / name


def named_in(env: dict[str, str | None], snippet: Path) -> dict[str, str | None]:
    """Les variables lues que le texte du snippet nomme (`os.environ.get("X")`) : une copie de tout
    l'environnement (`dict(os.environ)`, passée à un sous-processus) lit chaque variable sans en dépendre."""
    try:
        text = snippet.read_text(encoding="utf-8")
    except OSError:
        return {}
    return {key: value for key, value in env.items() if f'"{key}"' in text or f"'{key}'" in text}


def changes(root: Path, observed: dict, version_of, snippet: Path) -> list[str]:
    """Ce qui a changé depuis l'exécution enregistrée, parmi ce qu'elle a lu : chaque élément nommé.
    `version_of(distribution)` : la version installée, ou None."""
    found = []
    for name, wanted in observed.get("fichiers", {}).items():
        path = resolve(root, name)
        if not path.is_file() and name.startswith("~keras/"):
            continue  # cache de données pas encore rempli (machine neuve) : rien à comparer, rien de changé
        if not path.is_file():
            found.append(f"fichier lu {name} : absent")
        elif digest(path.read_bytes()) != wanted:
            found.append(f"fichier lu {name} : modifié")
    for name, wanted in observed.get("dossiers", {}).items():
        path = resolve(root, name)
        if not path.is_dir() and name.startswith("~keras/"):
            continue
        if not path.is_dir():
            found.append(f"dossier listé {name} : absent")
        elif listing(str(path)) != wanted:
            found.append(f"dossier listé {name} : fichiers ajoutés ou retirés")
    for key, wanted in named_in(observed.get("environnement", {}), snippet).items():
        now = os.environ.get(key) if key != "COURS_RACINE" else "(racine du dépôt)"
        if now != wanted:
            found.append(f"variable d'environnement {key} : {wanted!r} → {now!r}")
    for name, version in observed.get("bibliotheques", {}).items():
        now = version_of(name)
        if now != version:
            found.append(f"bibliothèque {name} : {version} → {now or 'absente'}")
    return found
