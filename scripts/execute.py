"""Exécute les snippets dont la sortie versionnée manque ou est périmée, et écrit leurs fragments.

    python scripts/execute.py                 # ce qui est périmé (rien : TensorFlow n'est même pas importé)
    python scripts/execute.py --force cnn     # un chapitre, un dossier ou un fichier, même à jour
    python scripts/execute.py --check         # n'exécute rien ; échoue si une sortie est périmée
    python scripts/execute.py --report        # temps d'exécution enregistrés, par snippet

Code de sortie 1 si un snippet lève une exception non déclarée, dépasse son délai ou n'affiche pas ce que
déclarent ses lignes `#>` ; le message nomme le fichier et la ligne. Avec `--serve` (le hook de
`mkdocs serve`), l'erreur est écrite dans la page et le code de sortie reste 0 : le serveur continue.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cache_key import snippet_key, versions  # noqa: E402
from cells import Cell, SnippetFormatError, parse_cells  # noqa: E402
from expected import compare  # noqa: E402
from freeze import (  # noqa: E402
    Layout, page_snippet_ids, read_meta, render_cell, render_page_fragment, write_if_changed,
)
from export_notebooks import export_all, notebook_path  # noqa: E402
from workers import WorkerDied, WorkerProcess  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TIMEOUT = 900.0


@dataclass
class Outcome:
    snippet: Path
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def select(layout: Layout, targets: list[str]) -> list[Path]:
    """Les snippets désignés : fichiers, dossiers ou noms de chapitre ; tous si rien n'est donné."""
    every = layout.all_snippets()
    if not targets:
        return every
    chosen = []
    for target in targets:
        path = Path(target)
        candidates = [path, layout.root / path, layout.snippets_dir / path]
        found = next((c.resolve() for c in candidates if c.exists()), None)
        if found is None:
            raise SystemExit(f"execute: « {target} » ne désigne aucun snippet ni dossier de snippets/")
        chosen += [s for s in every if s.resolve() == found or found in s.resolve().parents]
    return list(dict.fromkeys(chosen))


def is_stale(layout: Layout, snippet: Path) -> bool:
    meta = read_meta(layout.meta_path(snippet))
    if not meta or meta.get("status") != "ok" or meta.get("key") != snippet_key(snippet, layout.root):
        return True
    out = layout.out_dir(snippet)
    figures = [layout.figure_dir(snippet) / f["file"] for c in meta["cells"] for f in c["figures"]]
    return not all((out / f"{c['name']}.md").is_file() for c in meta["cells"]) or not all(
        f.is_file() for f in figures
    )


def check_cells(snippet: Path, cells: list[Cell], results: list[dict]) -> list[str]:
    """Ce qui ne va pas : exception non déclarée, exception attendue absente, sortie différente."""
    rel = _rel(snippet)
    problems = []
    for cell, result in zip(cells, results):
        error = result["error"]
        if error and not cell.raises:
            problems.append(f"{rel}:{error['line']}: {error['message']}\n{error['traceback']}")
            break
        if cell.raises and not error:
            problems.append(
                f"{rel}:{cell.expected[0].line}: la cellule « {cell.name} » devait lever une exception "
                "et ne l'a pas fait"
            )
        actual = result["stdout"] + (error["traceback"] + "\n" if error else "")
        mismatch = compare(cell.expected, actual)
        if mismatch:
            problems.append(mismatch.describe(rel) + f"\n  (cellule « {cell.name} », sortie complète :)\n"
                            + _indent(actual))
    if len(results) < len(cells) and not problems:
        problems.append(f"{rel}: seules {len(results)} cellules sur {len(cells)} ont été exécutées")
    return problems


def run_one(layout: Layout, worker: WorkerProcess, snippet: Path, timeout: float, serve: bool) -> Outcome:
    outcome = Outcome(snippet)
    try:
        cells = parse_cells(snippet)
    except (SnippetFormatError, SyntaxError) as error:
        outcome.problems.append(str(error))
        return outcome
    with tempfile.TemporaryDirectory(prefix="figures-") as figure_tmp:
        start = time.perf_counter()
        reply = worker.run(snippet, Path(figure_tmp), snippet.stem, timeout)
        outcome.seconds = time.perf_counter() - start
        if isinstance(reply, WorkerDied):
            outcome.problems.append(_died_message(snippet, reply))
            results = []
        else:
            results = reply["cells"]
            outcome.problems += check_cells(snippet, cells, results)
        if outcome.problems and not serve:
            return outcome
        _record(layout, snippet, cells, results, Path(figure_tmp), outcome)
    return outcome


def _record(layout: Layout, snippet: Path, cells: list[Cell], results: list[dict], figure_tmp: Path,
            outcome: Outcome) -> None:
    """Écrit fragments, figures et meta.json ; en cas d'échec (mode serve), l'erreur va dans la page."""
    out_dir, figure_dir = layout.out_dir(snippet), layout.figure_dir(snippet)
    for old in figure_dir.glob(f"{snippet.stem}-*.png"):
        if not (figure_tmp / old.name).exists():
            old.unlink()
    for new in sorted(figure_tmp.glob("*.png")):
        write_if_changed(figure_dir / new.name, new.read_bytes())
    by_name = {r["name"]: r for r in results}
    error = _error_for_page(snippet, outcome) if outcome.problems else None
    failing_cell = (results[-1]["name"] if results else cells[0].name) if error else None
    for cell in cells:
        result = by_name.get(cell.name, {"stdout": "", "warnings": [], "figures": [], "error": None})
        links = [(layout.figure_link(snippet, f["file"]), f["alt"]) for f in result["figures"]]
        shown = error if cell.name == failing_cell else None
        write_if_changed(out_dir / f"{cell.name}.md", render_cell(result, links, shown))
    meta = {
        "snippet": _rel(snippet),
        "key": snippet_key(snippet, layout.root),
        "status": "error" if outcome.problems else "ok",
        "versions": versions(),
        "executed": date.today().isoformat(),
        "seconds": round(outcome.seconds, 2),
        "cells": [
            {k: r[k] for k in ("name", "stdout", "warnings", "figures", "seconds")}
            | {"error": r["error"]["traceback"] if r["error"] else None}
            for r in results
        ],
    }
    old = read_meta(layout.meta_path(snippet))
    if old and old.get("key") == meta["key"] and _same_outputs(old, meta):
        meta["executed"], meta["seconds"] = old["executed"], old["seconds"]  # rien de neuf à versionner
    write_if_changed(layout.meta_path(snippet), json.dumps(meta, ensure_ascii=False, indent=1) + "\n")


def _same_outputs(old: dict, new: dict) -> bool:
    strip = lambda m: [{k: v for k, v in c.items() if k != "seconds"} for c in m["cells"]]  # noqa: E731
    return old.get("status") == new["status"] and strip(old) == strip(new)


def _error_for_page(snippet: Path, outcome: Outcome) -> dict:
    first = outcome.problems[0]
    summary, _, details = first.partition("\n")
    return {"where": _rel(snippet), "summary": summary.replace("`", "'"), "details": details or summary}


def _died_message(snippet: Path, died: WorkerDied) -> str:
    """Pour un délai dépassé : la pile écrite par faulthandler, réduite aux lignes utiles."""
    lines = died.log.splitlines()
    trace = [line for line in lines if line.startswith(("Thread", "Current thread", "  File", "Timeout"))]
    here = [line for line in trace if str(snippet.resolve()) in line]
    where = here[0].strip() if here else "position inconnue"
    details = "\n".join(trace[-40:] or lines[-40:])
    return f"{_rel(snippet)}: {died.reason} ({where})\n{details}"


def page_fragment_text(layout: Layout, page: Path) -> str | None:
    """Le pied « vérifié avec… » d'une page qui montre du code ; None pour les autres pages."""
    ids = page_snippet_ids(page.read_text(encoding="utf-8"))
    if not ids:
        return None
    metas = [read_meta(layout.freeze_dir / i / "meta.json") for i in ids]
    notebook = notebook_path(layout, page).relative_to(layout.docs_dir).as_posix()
    return render_page_fragment(metas, notebook)


def write_page_fragments(layout: Layout) -> None:
    for page in sorted(layout.docs_dir.glob("*.md")):
        text = page_fragment_text(layout, page)
        if text is not None:
            write_if_changed(layout.page_fragment(page), text)


def prune_orphans(layout: Layout) -> None:
    """Supprime les sorties des snippets qui n'existent plus."""
    alive = {layout.snippet_id(s) for s in layout.all_snippets()}
    for meta in list(layout.freeze_dir.glob("**/meta.json")):
        snippet_id = meta.parent.relative_to(layout.freeze_dir).as_posix()
        if snippet_id not in alive:
            shutil.rmtree(meta.parent)
            for figure in (layout.docs_dir / "figures" / Path(snippet_id).parent).glob(
                f"{Path(snippet_id).name}-*.png"
            ):
                figure.unlink()


def report(layout: Layout) -> None:
    rows = []
    for snippet in layout.all_snippets():
        meta = read_meta(layout.meta_path(snippet)) or {}
        rows.append((meta.get("seconds", float("nan")), _rel(snippet), meta.get("status", "absent")))
    for seconds, name, status in sorted(rows, reverse=True):
        print(f"{seconds:8.1f} s  {status:6}  {name}")
    print(f"{sum(r[0] for r in rows if r[0] == r[0]):8.1f} s  au total ({len(rows)} snippets)")


def execute(layout: Layout, targets: list[str], force: bool, timeout: float, serve: bool,
            worker: WorkerProcess | None = None) -> list[Outcome]:
    """Exécute ce qui est périmé. `worker` : un worker déjà lancé, gardé entre deux appels (mkdocs serve)."""
    snippets = select(layout, targets)
    todo = [s for s in snippets if force or is_stale(layout, s)]
    outcomes = []
    if todo:
        print(f"execute: {len(todo)} snippet(s) à exécuter sur {len(snippets)}", flush=True)
        with contextlib.nullcontext(worker) if worker else WorkerProcess(layout.root) as worker:
            for number, snippet in enumerate(todo, start=1):
                print(f"  [{number}/{len(todo)}] {_rel(snippet)} …", flush=True)
                outcome = run_one(layout, worker, snippet, timeout, serve)
                status = "ÉCHEC" if outcome.problems else "ok"
                print(f"        {status} en {outcome.seconds:.1f} s", flush=True)
                outcomes.append(outcome)
    prune_orphans(layout)
    write_page_fragments(layout)
    export_all(layout)
    return outcomes


def report_failures(outcomes: list[Outcome]) -> list[Outcome]:
    """Affiche sur stderr les problèmes des snippets en échec (fichier, ligne, traceback) et les renvoie."""
    failures = [o for o in outcomes if o.problems]
    for outcome in failures:
        print("\n".join(outcome.problems), file=sys.stderr)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="fichiers, dossiers ou chapitres (défaut : tous)")
    parser.add_argument("--force", action="store_true", help="ré-exécute même ce qui est à jour")
    parser.add_argument("--check", action="store_true", help="n'exécute rien ; échoue si c'est périmé")
    parser.add_argument("--report", action="store_true", help="affiche les temps enregistrés")
    parser.add_argument("--serve", action="store_true", help="erreurs écrites dans les pages, code 0")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="délai par snippet (s)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    layout = Layout(args.root.resolve())
    if args.report:
        report(layout)
        return 0
    if args.check:
        stale = [s for s in select(layout, args.targets) if is_stale(layout, s)]
        for snippet in stale:
            print(f"périmé : {_rel(snippet)}  (lancez : python scripts/execute.py {_rel(snippet)})")
        return 1 if stale else 0
    start = time.perf_counter()
    outcomes = execute(layout, args.targets, args.force, args.timeout, args.serve)
    failures = report_failures(outcomes)
    if outcomes:
        print(f"execute: {len(outcomes)} exécuté(s), {len(failures)} en échec, "
              f"{time.perf_counter() - start:.1f} s", flush=True)
    return 1 if failures and not args.serve else 0


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _indent(text: str) -> str:
    return "".join(f"    | {line}\n" for line in text.rstrip("\n").split("\n"))


if __name__ == "__main__":
    sys.exit(main())
