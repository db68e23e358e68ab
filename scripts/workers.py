"""Le côté parent du worker : lance `worker.py`, lui envoie un snippet (son texte déjà lu), attend la réponse.

Le délai d'un snippet est tenu par le zygote (il tue l'enfant et rapporte la pile écrite par faulthandler) ;
ici, on ne rattrape que la mort du zygote lui-même, rapportée comme un plantage avec sa sortie d'erreur.
Les dossiers de travail des snippets vivent sous un dossier `cours-worker-<pid>-…` supprimé à la fermeture ;
ceux qu'un exécuteur tué (SIGKILL) aurait laissés sont supprimés au démarrage suivant.
"""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from records import Failure, RunResult, run_from_dict

WORKER = Path(__file__).resolve().parent / "worker.py"
GRACE_SECONDS = 40  # au-delà du délai : le zygote a déjà tué l'enfant et répondu
TEMP_PREFIX = "cours-worker-"
PUBLISHED = "publie"  # dossier (relatif au dossier courant du snippet) dont le contenu est publié sur le site


TOOL_DIRS = [".venv-tfjs/bin"]  # le convertisseur TensorFlow.js (son propre environnement : requirements-tfjs.lock)


def tools_path(root: Path) -> str:
    """Le PATH d'un snippet ou d'un notebook exécuté ici : celui de la machine, puis les commandes des outils
    installés dans le dépôt. Un snippet les trouve avec shutil.which, comme dans Colab après un pip install."""
    extra = [str(root.resolve() / d) for d in TOOL_DIRS if (root / d).is_dir()]
    return os.pathsep.join([os.environ.get("PATH", os.defpath), *extra])


class WorkerProcess:
    def __init__(self, root: Path, preload: bool = False, env: dict[str, str] | None = None,
                 python: str = sys.executable):
        self.root = root
        self.python = python  # l'interpréteur du zygote : celui d'un autre environnement pour la matrice
        self.preload = preload  # importer TensorFlow dès le démarrage (mkdocs serve)
        self.extra_env = env or {}
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        self.tmp: Path | None = None

    def __enter__(self) -> "WorkerProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        remove_abandoned_dirs()
        self.tmp = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-"))
        self.log.seek(0)
        self.log.truncate()
        # COURS_RACINE : la racine du dépôt, pour l'observation des lectures (observe.py), jamais pour un
        # snippet ; PATH : les commandes des outils installés dans le dépôt (tools_path).
        env = dict(os.environ, PYTHONUNBUFFERED="1", COURS_WORKER_PRELOAD="1" if self.preload else "0",
                   COURS_RACINE=str(self.root.resolve()), PATH=tools_path(self.root), **self.extra_env)
        self.process = subprocess.Popen(
            [self.python, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, text=True, encoding="utf-8", env=env, cwd=self.root,
        )

    def run(self, snippet: Path, text: str, figure_dir: Path, figure_prefix: str, timeout: float) -> RunResult:
        """Exécute `text` (le contenu de `snippet` tel qu'il a été lu et haché) ; ne lève jamais. Ce que le
        snippet a écrit sous `publie/` dans son dossier courant est recopié dans `figure_dir/publie/`."""
        self.start()
        workdir = Path(tempfile.mkdtemp(prefix="snippet-", dir=self.tmp))
        request = {"path": str(snippet.resolve()), "text": text, "figure_dir": str(figure_dir),
                   "figure_prefix": figure_prefix, "workdir": str(workdir), "log": str(self.tmp / "stderr.log"),
                   "timeout": timeout}
        try:
            try:
                self.process.stdin.write(json.dumps(request) + "\n")
                self.process.stdin.flush()
            except (BrokenPipeError, OSError):
                return self._died()  # mort avant même de recevoir le snippet
            ready, _, _ = select.select([self.process.stdout], [], [], timeout + GRACE_SECONDS)
            if not ready:
                return self._died(frozen=True)
            line = self.process.stdout.readline()
            if not line:  # fin du tube : le zygote s'est arrêté
                return self._died()
            result = run_from_dict(json.loads(line))
            published = workdir / PUBLISHED
            if published.is_dir() and not published.is_symlink():
                shutil.copytree(published, figure_dir / PUBLISHED, symlinks=True)
            return result
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    def _died(self, frozen: bool = False) -> RunResult:
        """Le zygote lui-même est mort (ou figé) : un plantage, avec sa sortie d'erreur."""
        try:
            code = None if frozen else self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            code = None
        self.close()
        self.log.seek(0)
        log = self.log.read()[-20000:]
        reason = ("le worker ne répond plus (figé)" if code is None
                  else f"le worker s'est arrêté (code de sortie {code})")
        return RunResult(failure=Failure("crash", reason, log=log))

    def close(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None


def remove_abandoned_dirs() -> None:
    """Supprime les dossiers de travail laissés par un exécuteur mort sans pouvoir nettoyer."""
    for folder in Path(tempfile.gettempdir()).glob(f"{TEMP_PREFIX}*"):
        match = re.match(rf"{TEMP_PREFIX}(\d+)-", folder.name)
        if match and not _alive(int(match[1])):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
