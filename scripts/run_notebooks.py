"""Chaque notebook exécuté de bout en bout, comme un apprenant le ferait : nbclient, un noyau Python neuf, dans
un dossier vide hors du dépôt, sans réseau (données du cache Keras et des bibliothèques).

- un chapitre ou la solution d'un TP : toutes ses cellules, c'est-à-dire les blocs de la page dans l'ordre de
  la page ;
- l'énoncé d'un TP : ses cellules qui ne sont pas des exercices (chargement des données), les cellules
  `exercice` étant vides.

Ce que chaque cellule venue d'un snippet affiche est comparé aux lignes `#>` de sa cellule, avec les mêmes
règles que pour le snippet seul : le notebook donne ce que montre la page, ou l'enregistrement le dit.

Une exécution par version des sources, comme pour les snippets : chaque notebook a son enregistrement versionné
`_freeze/notebooks/<nom>.json` (clé = empreinte du code de ses cellules et des versions de Python, TensorFlow,
Keras et NumPy ; date ; durée ; statut ; sortie de chaque cellule). Un notebook dont l'enregistrement a la clé de
son code actuel, le statut « ok » et des sorties qui satisfont encore les lignes `#>` n'est pas ré-exécuté.

    .venv/bin/python scripts/run_notebooks.py              # exécute ce qui est périmé, écrit les enregistrements
    .venv/bin/python scripts/run_notebooks.py --force      # tout, même à jour
    .venv/bin/python scripts/run_notebooks.py --check      # n'exécute rien ; échoue si un enregistrement est périmé
    .venv/bin/python scripts/run_notebooks.py --report     # durées enregistrées
    .venv/bin/python scripts/run_notebooks.py tp-rnn-solution

tests/test_notebooks.py n'écrit jamais dans l'arbre : il vérifie l'enregistrement, et n'exécute (dans un dossier
temporaire) qu'un notebook dont l'enregistrement est périmé, pour dire s'il marche, avant d'échouer en demandant
de rafraîchir l'enregistrement avec ce script.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from cache_key import versions
from cells import ANSI, SnippetFormatError, parse_cells
from expected import compare
from export_notebooks import EXERCISE_TAG
from freeze import NOTEBOOK_RUNS_DIR, write_if_changed

ROOT = Path(__file__).resolve().parents[1]
RECORDS = f"_freeze/{NOTEBOOK_RUNS_DIR}"
FORMAT = "2"  # 2 : tous les notebooks, sorties comparées aux lignes #> ; à incrémenter si la façon d'exécuter change (les enregistrements sont alors tous périmés)
DEFAULT_TIMEOUT = float(os.environ.get("COURS_TIMEOUT", 900))  # par cellule, comme le délai par snippet


@dataclass
class NotebookRecord:
    notebook: str  # docs/notebooks/<nom>.ipynb
    key: str
    status: str  # "ok" | "error"
    versions: dict[str, str]
    executed: str  # date ISO
    seconds: float
    cells: int  # cellules de code exécutées
    error: str = ""  # la cellule en cause (snippet:cellule) et la fin du traceback
    outputs: dict[str, str] = field(default_factory=dict)  # « snippets/x.py:cellule » → sa sortie standard
    schema: int = 2

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=1) + "\n"


@dataclass
class Run:
    status: str
    seconds: float
    cells: int
    error: str = ""
    outputs: dict[str, str] = field(default_factory=dict)


def runnable(root: Path = ROOT) -> list[Path]:
    """Tous les notebooks : chapitres, énoncés et solutions des TP."""
    return sorted((root / "docs" / "notebooks").glob("*.ipynb"))


def record_path(root: Path, notebook: Path) -> Path:
    return root / RECORDS / f"{notebook.stem}.json"


def read_record(path: Path) -> NotebookRecord | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return NotebookRecord(**data) if data.get("schema") == 2 else None
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def output_problems(root: Path, outputs: dict[str, str]) -> list[str]:
    """Les cellules dont la sortie dans le notebook ne satisfait pas les lignes `#>` de leur cellule de snippet
    (celles que vérifie la page) : fichier, ligne, attendu, obtenu."""
    problems = []
    for where, text in outputs.items():
        path, name = where.rsplit(":", 1)
        try:
            cell = next(c for c in parse_cells(root / path) if c.name == name)
        except (OSError, StopIteration, SnippetFormatError):
            problems.append(f"{where} : cellule introuvable")
            continue
        if cell.raises:
            continue  # le traceback d'IPython n'a pas la forme de celui de Python : l'exception est vérifiée à part
        mismatch = compare(cell.expected, text)
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


def stale_reason(root: Path, notebook: Path) -> str | None:
    record = read_record(record_path(root, notebook))
    if record is None:
        return f"aucun enregistrement lisible ({RECORDS}/{notebook.stem}.json)"
    if record.key != notebook_key(json.loads(notebook.read_text(encoding="utf-8"))):
        return "le code du notebook (ou une version) a changé depuis la dernière exécution"
    if record.status != "ok":
        return f"la dernière exécution a échoué : {record.error}"
    problems = output_problems(root, record.outputs)
    if problems:
        return "sa sortie ne satisfait plus les lignes #> de la page : " + problems[0]
    return None


def kernel_env(workdir: Path) -> dict[str, str]:
    """L'environnement du noyau : celui d'un apprenant (figures en ligne), profil IPython neuf."""
    env = {k: v for k, v in os.environ.items() if k not in ("MPLBACKEND", "PYTHONPATH")}
    env["COLUMNS"] = "80"  # la largeur des tableaux de model.summary() (rich), celle de la page
    env |= {"IPYTHONDIR": str(workdir / ".ipython"), "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONHASHSEED": "0",
            # comme pour l'exécuteur : les outils installés dans le dépôt (.venv-tfjs, node_modules) se
            # trouvent depuis le dossier vide du noyau (un lecteur lance le notebook depuis la racine)
            "COURS_RACINE": str(ROOT)}
    return env


def execute(notebook: Path, timeout: float = DEFAULT_TIMEOUT) -> Run:
    """Exécute le notebook dans un noyau neuf, dans un dossier temporaire (jamais dans l'arbre)."""
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
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"notebook-{notebook.stem}-") as scratch:
        workdir = Path(scratch)
        client = NotebookClient(executed, timeout=timeout, kernel_name="python3", allow_errors=False,
                                resources={"metadata": {"path": str(workdir)}})
        try:
            with client.setup_kernel(env=kernel_env(workdir), cwd=str(workdir)):  # noyau arrêté à la sortie
                for index, cell in enumerate(executed.cells):
                    if cell.cell_type == "code":
                        client.execute_cell(cell, index)
            status, error = "ok", ""
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as failure:
            status, error = "error", _describe(executed, failure)
    count = sum(1 for c in executed.cells if c.cell_type == "code")
    outputs = {}
    for cell in executed.cells:
        where = cell.get("metadata", {}).get("cours", {}).get("cellule")
        if cell.cell_type == "code" and where:
            outputs[where] = "".join(_text(o) for o in cell.get("outputs", []))
    if status == "ok":
        problems = output_problems(notebook.resolve().parents[2], outputs)
        if problems:
            status, error = "error", problems[0]
    return Run(status, round(time.perf_counter() - start, 1), count, error, outputs)


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


def _describe(notebook, failure: Exception) -> str:
    """La cellule en cause (le snippet et la cellule dont elle vient) et la fin du message."""
    where = ""
    for cell in notebook.cells:
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            where = cell.get("metadata", {}).get("cours", {}).get("cellule", "")
            break
    lines = [line for line in str(failure).strip().splitlines() if line.strip()]
    return (f"{where} : " if where else "") + " | ".join(lines[-3:])


def refresh(root: Path, notebook: Path, force: bool, timeout: float, progress=print) -> NotebookRecord:
    path = record_path(root, notebook)
    reason = "forcé" if force else stale_reason(root, notebook)
    if reason is None:
        return read_record(path)
    progress(f"  {notebook.stem} ({reason}) …", flush=True)
    key = notebook_key(json.loads(notebook.read_text(encoding="utf-8")))
    run = execute(notebook, timeout)
    record = NotebookRecord(notebook=notebook.relative_to(root).as_posix(), key=key, status=run.status,
                            versions=versions(), executed=date.today().isoformat(), seconds=run.seconds,
                            cells=run.cells, error=run.error, outputs=run.outputs)
    write_if_changed(path, record.to_json())
    progress(f"        {'ok' if run.status == 'ok' else 'ÉCHEC'} en {run.seconds:.1f} s"
             + (f" : {run.error}" if run.error else ""), flush=True)
    return record


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("names", nargs="*", help="notebooks (cnn, tp-rnn-solution…) ; défaut : tous")
    parser.add_argument("--force", action="store_true", help="ré-exécute même ce qui est à jour")
    parser.add_argument("--check", action="store_true", help="n'exécute rien ; échoue si c'est périmé")
    parser.add_argument("--report", action="store_true", help="affiche les durées enregistrées")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="délai par cellule (s)")
    args = parser.parse_args(argv)
    notebooks = runnable()
    if args.names:
        wanted = {Path(n).stem for n in args.names}
        unknown = wanted - {n.stem for n in notebooks}
        if unknown:
            raise SystemExit(f"run_notebooks: inconnus : {', '.join(sorted(unknown))} "
                             f"(choix : {', '.join(n.stem for n in notebooks)})")
        notebooks = [n for n in notebooks if n.stem in wanted]
    # Les enregistrements de notebooks disparus (page supprimée) sont retirés.
    for orphan in (ROOT / RECORDS).glob("*.json"):
        if not (ROOT / "docs" / "notebooks" / f"{orphan.stem}.ipynb").is_file() and not args.check:
            orphan.unlink()
    if args.report:
        total = 0.0
        for notebook in notebooks:
            record = read_record(record_path(ROOT, notebook))
            seconds = record.seconds if record else float("nan")
            total += seconds if record else 0
            print(f"{seconds:8.1f} s  {record.status if record else 'absent':6}  {notebook.stem}"
                  f"{'  (périmé)' if stale_reason(ROOT, notebook) else ''}")
        print(f"{total:8.1f} s  au total ({len(notebooks)} notebooks)")
        return 0
    if args.check:
        stale = [(n, stale_reason(ROOT, n)) for n in notebooks]
        stale = [(n, r) for n, r in stale if r]
        for notebook, reason in stale:
            print(f"{notebook.relative_to(ROOT)} : {reason}", file=sys.stderr)
        return 1 if stale else 0
    failed = [r for n in notebooks if (r := refresh(ROOT, n, args.force, args.timeout)).status != "ok"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
