"""Processus qui exécute des snippets, un par requête, et renvoie ce que chaque cellule a produit.

Protocole : une requête JSON par ligne sur l'entrée standard, une réponse JSON par ligne sur le descripteur
de protocole (la sortie standard d'origine ; le descripteur 1 est ensuite redirigé vers 2 pour que rien
d'écrit en C ne corrompe le protocole). Un même worker sert plusieurs snippets : TensorFlow n'est importé
qu'une fois, et l'état Keras est remis à zéro entre deux snippets.

Lancé seul, un snippet s'exécute comme `python snippets/x.py` : espace de noms `__main__` neuf, `sys.path[0]`
= dossier du snippet, aucun nom injecté ; seul le dossier courant est un dossier temporaire jetable.
"""

from __future__ import annotations

import builtins
import contextlib
import faulthandler
import gc
import io
import json
import os
import sys
import tempfile
import time
import traceback
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cells import parse_cells  # noqa: E402

# Fixés avant tout import de TensorFlow ou de matplotlib par un snippet.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Largeur fixe pour model.summary() (rich) : 76 colonnes de tableau, lisibles dans la colonne de la page
# quel que soit le terminal de celui qui construit le site.
os.environ["COLUMNS"] = "80"
FIGURE_DPI = 100


def main() -> None:
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
    if os.environ.get("COURS_WORKER_PRELOAD") == "1":
        # Sous `mkdocs serve`, le worker démarre avec le serveur et importe TensorFlow pendant que
        # l'enseignant écrit : la première modification n'attend pas cet import.
        import keras  # noqa: F401
        import matplotlib.pyplot  # noqa: F401
        import tensorflow  # noqa: F401
    for line in sys.stdin:
        request = json.loads(line)
        response = run_snippet(**request)
        protocol.write(json.dumps(response) + "\n")


def run_snippet(path: str, figure_dir: str, figure_prefix: str, timeout: float) -> dict:
    """Exécute toutes les cellules du snippet ; s'arrête à la première exception non déclarée."""
    path = str(Path(path).resolve())
    file_lines = Path(path).read_text(encoding="utf-8").splitlines()
    namespace = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
    results = []
    faulthandler.dump_traceback_later(timeout, exit=True, file=sys.stderr)
    try:
        with tempfile.TemporaryDirectory(prefix="snippet-") as workdir, _script_context(path, workdir):
            for cell in parse_cells(Path(path)):
                result = _run_cell(cell.source(file_lines), path, namespace)
                result["name"] = cell.name
                result["figures"] = _save_figures(Path(figure_dir), f"{figure_prefix}-{cell.name}")
                results.append(result)
                if result["error"] and not cell.raises:
                    break
    finally:
        faulthandler.cancel_dump_traceback_later()
        _reset_state(path)
    return {"cells": results}


@contextlib.contextmanager
def _script_context(path: str, workdir: str):
    """Ce que Python fait pour `python path` : argv, sys.path[0] ; plus un dossier courant jetable."""
    saved = (os.getcwd(), sys.argv, list(sys.path))
    os.chdir(workdir)
    sys.argv = [path]
    sys.path.insert(0, str(Path(path).parent))
    try:
        yield
    finally:
        os.chdir(saved[0])
        sys.argv, sys.path[:] = saved[1], saved[2]


def _run_cell(source: str, path: str, namespace: dict) -> dict:
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        warnings.filterwarnings("ignore", message=".*non-interactive.*cannot be shown")  # plt.show() sous Agg
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                exec(compile(source, path, "exec"), namespace)
            except BaseException as exc:  # noqa: BLE001 — tout est rapporté, SystemExit compris
                error = _describe_error(exc, path)
    return {
        "stdout": stdout.getvalue(),
        "stderr": stderr.getvalue(),
        "warnings": _unique(f"{w.category.__name__}: {w.message}" for w in caught),
        "error": error,
        "seconds": round(time.perf_counter() - start, 3),
    }


def _describe_error(exc: BaseException, path: str) -> dict:
    """Le traceback à partir du snippet (les cadres du worker ne disent rien au lecteur)."""
    frames = traceback.extract_tb(exc.__traceback__)
    while frames and frames[0].filename != path:
        frames.pop(0)
    summary = traceback.StackSummary.from_list(frames)
    last = "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
    line = next((f.lineno for f in reversed(frames) if f.filename == path), None)
    text = "Traceback (most recent call last):\n" + "".join(summary.format()) + last
    return {"type": type(exc).__name__, "message": last, "traceback": text, "line": line}


def _unique(items) -> list[str]:
    return list(dict.fromkeys(items))


def _save_figures(directory: Path, prefix: str) -> list[dict]:
    """Enregistre (PNG compressé) puis ferme chaque figure matplotlib encore ouverte."""
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import matplotlib.pyplot as plt
    from PIL import Image

    saved = []
    for k, number in enumerate(plt.get_fignums(), start=1):
        figure = plt.figure(number)
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{prefix}-{k}.png"
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
        buffer.seek(0)
        # 256 couleurs suffisent à des graphiques et divisent la taille par 3 environ.
        Image.open(buffer).convert("RGB").quantize(colors=256).save(target, optimize=True)
        saved.append({"file": target.name, "alt": _figure_title(figure)})
        plt.close(figure)
    return saved


def _figure_title(figure) -> str:
    if figure._suptitle is not None and figure._suptitle.get_text():
        return figure._suptitle.get_text()
    titles = [ax.get_title() for ax in figure.axes if ax.get_title()]
    return " ; ".join(titles[:3])


def _reset_state(path: str) -> None:
    """Un snippet ne doit rien laisser au suivant : session Keras, figures, modules locaux."""
    if "keras" in sys.modules:
        sys.modules["keras"].utils.clear_session(free_memory=True)
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")
    local = str(Path(path).parents[1])
    for name, module in list(sys.modules.items()):
        if (getattr(module, "__file__", None) or "").startswith(local):
            del sys.modules[name]
    gc.collect()


if __name__ == "__main__":
    main()
