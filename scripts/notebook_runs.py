"""Un notebook exécuté de haut en bas, comme un apprenant le ferait : nbclient, un noyau Python neuf, dans un
dossier vide hors du dépôt, sans réseau (données du cache Keras et des bibliothèques).

- un chapitre ou la solution d'un TP : toutes ses cellules, c'est-à-dire les blocs de la page dans l'ordre de
  la page ;
- l'énoncé d'un TP : ses cellules qui ne sont pas des exercices (chargement des données), les cellules
  `exercice` étant vides.

Le résultat est un `RunResult` comme celui d'un snippet (une cellule par cellule de code, nommée
`snippets/<chap>/<nom>.py:<cellule>`) ; l'exécuteur (`execute.py --notebooks`) l'enregistre dans un `Record`
(`_freeze/notebooks/<nom>.json`) et le juge avec la même règle de péremption que les snippets : ce que chaque
cellule affiche est comparé aux lignes `#>` de sa cellule de snippet.
"""

from __future__ import annotations

import copy
import hashlib
import os
import re
import tempfile
import time
from pathlib import Path

from cache_key import versions
from cells import ANSI, SnippetFormatError, parse_cells
from expected import compare
from export_notebooks import EXERCISE_TAG
from records import CellResult, ErrorInfo, Failure, RunResult
from workers import tools_path

ROOT = Path(__file__).resolve().parents[1]
FORMAT = "3"  # 3 : exécuté comme chez un lecteur (HOME neuf, aucune variable COURS_*, cellule Préparation) ; à incrémenter si la façon d'exécuter change (les enregistrements sont alors tous périmés)


def output_problems(root: Path, cells: list[CellResult]) -> list[str]:
    """Les cellules dont la sortie dans le notebook ne satisfait pas les lignes `#>` de leur cellule de snippet
    (celles que vérifie la page) : fichier, ligne, attendu, obtenu. Une exception est un problème."""
    problems = []
    for result in cells:
        if result.error:
            problems.append(f"{result.name} : {result.error.message}")
            continue
        if ":" not in result.name:
            continue  # une cellule qui ne vient pas d'un snippet : rien à comparer
        path, name = result.name.rsplit(":", 1)
        try:
            cell = next(c for c in parse_cells(root / path) if c.name == name)
        except (OSError, StopIteration, SnippetFormatError):
            problems.append(f"{result.name} : cellule introuvable")
            continue
        if cell.raises:
            continue  # le traceback d'IPython n'a pas la forme de celui de Python : l'exception est vérifiée à part
        mismatch = compare(cell.expected, result.stdout)
        if mismatch:
            problems.append(mismatch.describe(path).replace(": sortie différente", " : dans le notebook, sortie différente"))
    return problems


def code_cells(notebook: dict) -> list[dict]:
    """Les cellules à exécuter : toutes les cellules de code, sauf les exercices (vides) d'un énoncé."""
    return [c for c in notebook["cells"]
            if c["cell_type"] == "code" and EXERCISE_TAG not in c.get("metadata", {}).get("tags", [])]


def notebook_key(notebook: dict) -> str:
    """Ce dont dépend l'exécution : le code des cellules exécutées, dans l'ordre, et les versions."""
    digest = hashlib.sha256(f"format={FORMAT}\n".encode())
    for label, version in sorted(versions().items()):
        digest.update(f"{label}={version}\n".encode())
    for cell in code_cells(notebook):
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        digest.update(source.encode("utf-8") + b"\0")
    return digest.hexdigest()[:16]


def kernel_env(home: Path) -> dict[str, str]:
    """L'environnement du noyau : celui d'un lecteur (figures en ligne), profil IPython neuf, aucune variable
    du cours ; les commandes des outils installés dans le dépôt sont sur le PATH, comme après un pip install."""
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "PYTHONPATH") and not k.startswith("COURS_")}
    env["COLUMNS"] = "80"  # la largeur des tableaux de model.summary() (rich), celle de la page
    # Un HOME neuf ; KERAS_HOME ne garde que ce que Keras aurait téléchargé (jeux de données, tf.min.js).
    keras_home = os.environ.get("KERAS_HOME") or str(Path.home() / ".keras")
    env |= {"HOME": str(home), "KERAS_HOME": keras_home, "IPYTHONDIR": str(home / ".ipython"),
            "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONHASHSEED": "0", "PATH": tools_path(ROOT)}
    return env


def run_notebook(notebook: Path, timeout: float) -> RunResult:
    """Exécute le notebook dans un noyau neuf, dans un dossier temporaire (jamais dans l'arbre). Chaque cellule
    de code exécutée donne un `CellResult` : sa sortie texte et, si elle a levé, son exception."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    source = nbformat.read(notebook, as_version=4)
    run_cells = {id(c) for c in code_cells(source)}
    executed = copy.deepcopy(source)
    executed.cells = [c for c in source.cells if c.cell_type != "code" or id(c) in run_cells]
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    start, current, failure = time.perf_counter(), None, None
    with tempfile.TemporaryDirectory(prefix=f"notebook-{notebook.stem}-") as scratch:
        workdir, home = Path(scratch) / "notebook", Path(scratch) / "home"  # le dossier vide ; un HOME neuf
        workdir.mkdir()
        home.mkdir()
        client = NotebookClient(executed, timeout=timeout, kernel_name="python3", allow_errors=False,
                                resources={"metadata": {"path": str(workdir)}})
        try:
            with client.setup_kernel(env=kernel_env(home), cwd=str(workdir)):  # noyau arrêté à la sortie
                for index, cell in enumerate(executed.cells):
                    if cell.cell_type == "code":
                        current = cell_name(cell, index)
                        client.execute_cell(cell, index)
        except CellExecutionError:
            pass  # l'exception est dans les sorties de sa cellule
        except CellTimeoutError:
            failure = Failure("timeout", f"délai de {timeout:.0f} s dépassé", current)
        except DeadKernelError as error:
            failure = Failure("crash", f"le noyau s'est arrêté : {error}", current)
    cells = []
    for index, cell in enumerate(executed.cells):
        if cell.cell_type != "code" or cell.execution_count is None:
            continue
        outputs = cell.get("outputs", [])
        result = CellResult(cell_name(cell, index), stdout="".join(_text(o) for o in outputs))
        error = next((o for o in outputs if o.get("output_type") == "error"), None)
        if error:
            trace = ANSI.sub("", "\n".join(error.get("traceback", [])))
            result.error = ErrorInfo(error["ename"], f"{error['ename']}: {error['evalue']}", trace, None)
        cells.append(result)
    return RunResult(cells=cells, failure=failure, seconds=round(time.perf_counter() - start, 1))


def cell_name(cell, index: int) -> str:
    """`snippets/<chap>/<nom>.py:<cellule>` pour une cellule venue d'un snippet, `#<rang>` pour une autre."""
    return cell.get("metadata", {}).get("cours", {}).get("cellule") or f"#{index}"


TF_LOG = re.compile(r"^(?:WARNING|INFO|ERROR|DEBUG|CRITICAL):(?:tensorflow|absl):")


def _text(output: dict) -> str:
    """Ce qu'une sortie de cellule montre en texte, comme la sortie standard du snippet : le flux stdout, et
    le texte d'un affichage riche qui n'est pas une image (model.summary() passe par rich, qui dans un noyau
    Jupyter affiche au lieu d'écrire sur stdout)."""
    if output.get("output_type") == "stream":
        if output.get("name") != "stdout":
            return ""
        # Dans un noyau interactif, le journal de TensorFlow écrit sur stdout (dans un script, sur stderr :
        # la page le montre à part, non vérifié) : ses lignes ne sont pas comparées aux lignes #>.
        return "".join(line for line in output.get("text", "").splitlines(keepends=True) if not TF_LOG.match(line))
    data = output.get("data", {})
    if output.get("output_type") == "display_data" and "text/plain" in data and not any(
            kind.startswith("image/") for kind in data):
        text = ANSI.sub("", data["text/plain"])  # rich colore son texte brut
        if not text.strip():
            return ""  # un affichage vide (rich en émet un avec print_fn) n'est pas une ligne de sortie
        return text if text.endswith("\n") else text + "\n"
    return ""
