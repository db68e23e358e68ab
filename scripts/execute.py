"""Exécute les snippets dont la sortie versionnée manque ou est périmée, et écrit leurs fragments.

    python scripts/execute.py                 # ce qui est périmé (rien : TensorFlow n'est même pas importé)
    python scripts/execute.py --force cnn     # un chapitre, un dossier ou un fichier, même à jour
    python scripts/execute.py --check         # n'exécute rien ; échoue si une sortie est périmée
    python scripts/execute.py --report        # temps d'exécution enregistrés, snippets et notebooks
    python scripts/execute.py --notebooks     # les notebooks périmés, exécutés de haut en bas (nbclient)
    python scripts/execute.py --notebooks --check cnn tp-rnn-solution

Code de sortie 1 si un snippet lève une exception non déclarée, plante, dépasse son délai (`--timeout` ou la
variable COURS_TIMEOUT, 900 s par défaut) ou n'affiche pas ce que déclarent ses lignes `#>`, ou si une page
inclut une cellule qui n'existe pas ; le message nomme le fichier et la ligne. Avec `--serve` (le hook de
`mkdocs serve`), l'erreur est écrite dans la page et le code de sortie reste 0 : le serveur continue.

Chaque snippet est lu une fois : ce texte est haché (la clé), envoyé au worker et montré dans la page.
Ses fichiers sont écrits atomiquement, `meta.json` en dernier, sous un verrou sur `_freeze/`.

Un notebook (`docs/notebooks/<page>.ipynb`, les blocs de la page dans l'ordre) est une autre source du même
moteur : même enregistrement (`Record`, dans `_freeze/notebooks/<page>.json`), même règle de péremption
(`stale_reason`), même `--check` et `--report`. Il n'est exécuté que sur demande (`--notebooks`) : un quart
d'heure pour les 22, que ni `mkdocs build` ni `mkdocs serve` ne paient.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cache_key import describe_change, installed_version, key_inputs, snippet_key, versions
from cells import Cell, SnippetFormatError, parse_cells
from expected import compare
from observe import changes as observed_changes
from export_notebooks import has_notebook, is_statement, render as render_notebook
from preparation import install_lines, programme
from site_config import load as load_site_config
from notebook_runs import notebook_key, output_problems as notebook_output_problems, run_notebook
from freeze import (
    LOCK_NAME, MATRIX_DIR, NOTEBOOK_RUNS_DIR, OUTPUT_SUFFIX, PUBLISHED_ROOT, REPORT_DIR, Layout, digest, freeze_lock,
    is_schematic, render_block, render_output, render_schematic, render_page_fragment, render_pending,
    render_statement_fragment, write_if_changed,
)
from pages import all_include_problems, include_problems, page_snippet_ids
from records import CellResult, Failure, Record, RunResult, read_record
from verification_report import render as render_report, report_path
from workers import PUBLISHED, WorkerProcess

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TIMEOUT = float(os.environ.get("COURS_TIMEOUT", "900"))


@dataclass
class Outcome:
    snippet: Path
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)
    run: RunResult | None = None
    key: str = ""  # la clé du texte exécuté


@dataclass
class Source:
    """Ce que le moteur exécute, lu une fois : un snippet (son texte, sa clé, ses cellules ou l'erreur de
    format) ou un notebook (son JSON ; sa clé couvre le code des cellules exécutées et les versions)."""

    path: Path
    text: str
    key: str
    cells: list[Cell]
    format_error: str | None = None

    @property
    def is_notebook(self) -> bool:
        return self.path.suffix == ".ipynb"

    @classmethod
    def read(cls, layout: Layout, snippet: Path) -> "Source":
        text = snippet.read_text(encoding="utf-8")
        if snippet.suffix == ".ipynb":
            try:
                return cls(snippet, text, notebook_key(json.loads(text)), [])
            except (ValueError, KeyError, TypeError) as error:
                return cls(snippet, text, "", [], f"{_rel(layout, snippet)} : notebook illisible ({error})")
        key = snippet_key(snippet, layout.root, text)
        try:
            return cls(snippet, text, key, parse_cells(snippet, text))
        except SnippetFormatError as error:
            return cls(snippet, text, key, [], _rel(layout, snippet) + str(error)[len(str(snippet)):])


def select_notebooks(layout: Layout, names: list[str]) -> list[Path]:
    """Les notebooks désignés par leur nom (cnn, tp-rnn-solution…) ou leur chemin ; tous si rien n'est donné."""
    every = layout.all_notebooks()
    wanted = {Path(n).stem for n in names}
    unknown = wanted - {n.stem for n in every}
    if unknown:
        raise SystemExit(f"execute: notebooks inconnus : {', '.join(sorted(unknown))} "
                         f"(choix : {', '.join(n.stem for n in every)})")
    return [n for n in every if not wanted or n.stem in wanted]


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


# --- fragments : ce que la page montre, calculé à partir de l'enregistrement ----------------------------

def fragments(layout: Layout, source: Source, cells: list[CellResult], failure: str | None = None,
              failing_cell: str | None = None) -> dict[str, str]:
    """Nom de fichier → contenu, pour chaque cellule : le bloc (code + sortie) et la sortie seule."""
    lines = source.text.splitlines()
    by_name = {c.name: c for c in cells}
    title = _rel(layout, source.path)
    files = {}
    for cell in source.cells:
        result = by_name.get(cell.name, CellResult(cell.name))
        links = [layout.figure_link(source.path, f.file) for f in result.figures]
        output = render_output(result, links, failure if cell.name == failing_cell else None)
        render = render_schematic if is_schematic(source.path) and output else render_block
        files[f"{cell.name}.md"] = render(title, cell.display_code(lines), output)
        files[f"{cell.name}{OUTPUT_SUFFIX}"] = output
    return files


def stale_reason(layout: Layout, path: Path, source: Source | None = None, variant: str | None = None) -> str | None:
    """Pourquoi l'enregistrement n'est pas celui de ce snippet ou de ce notebook (None : il est à jour).
    Une seule règle : enregistrement lisible et réussi, même clé, mêmes lectures, fichiers qu'il liste intacts,
    sortie qui satisfait toujours les lignes `#>`. Pour une version de la matrice (`variant`), l'exécution est
    enregistrée telle quelle, réussie ou non : seules comptent la clé et les lectures."""
    source = source or Source.read(layout, path)
    record = layout.record(path, variant)
    if record is None:
        return "aucun enregistrement lisible"
    if record.status != "ok" and not variant:
        return "la dernière exécution a échoué"
    if record.key != (matrix_key(layout, source.key, variant) if variant else source.key):
        if record.inputs and not variant:
            return describe_change(record.inputs, key_inputs(path, layout.root, source.text))
        return "le code (ou ce qu'il lit, ou une version) a changé depuis la dernière exécution"
    observed = observed_changes(layout.root, record.observed, installed_version, path)
    if observed:
        return "ce qu'il a lu en s'exécutant a changé : " + " ; ".join(observed)
    if variant:
        return None
    altered = altered_files(layout, source, record)
    if altered:
        return altered
    if source.is_notebook:
        problems = notebook_output_problems(layout.root, record.cells)
        return "sa sortie ne satisfait plus les lignes #> de la page : " + problems[0] if problems else None
    if check_run(layout, source, RunResult(cells=record.cells)):
        return "la sortie enregistrée ne satisfait plus les lignes #>"
    return None


def matrix_key(layout: Layout, key: str, version: str) -> str:
    """La clé d'un snippet sous une version de la matrice : sa clé et le verrouillage de cet environnement."""
    lock = layout.matrix_lock(version)
    return digest(f"{key}\n{version}\n{digest(lock.read_bytes()) if lock.is_file() else '?'}\n")


def altered_files(layout: Layout, source: Source, record: Record) -> str | None:
    """Les fichiers que l'enregistrement liste (fragments, figures, fichiers publiés) : absents ou altérés."""
    if source.is_notebook:
        return None  # l'enregistrement d'un notebook ne liste aucun fichier
    snippet = source.path
    out = layout.out_dir(snippet)
    for name, wanted in record.fragments.items():
        path = out / name
        if not path.is_file() or digest(path.read_bytes()) != wanted:
            return f"fragment {name} absent ou altéré"
    if set(record.fragments) != {f"{c.name}{suffix}" for c in source.cells for suffix in (".md", OUTPUT_SUFFIX)}:
        return "cellules renommées"
    for cell in record.cells:
        for figure in cell.figures:
            path = layout.figure_dir(snippet) / figure.file
            if not path.is_file():
                return f"figure {figure.file} absente"
            if digest(path.read_bytes()) != figure.sha256:
                return f"figure {figure.file} altérée (son empreinte n'est pas celle de l'exécution enregistrée)"
    if published_files(layout.published_dir(snippet)) != record.published:
        return f"fichiers publiés ({PUBLISHED_ROOT}/{layout.snippet_id(snippet)}/) absents ou altérés"
    return None


def is_stale(layout: Layout, snippet: Path) -> bool:
    return stale_reason(layout, snippet) is not None


# --- vérification d'une exécution -------------------------------------------------------------------

def check_run(layout: Layout, source: Source, run: RunResult) -> list[str]:
    """Ce qui ne va pas : plantage, délai, exception non déclarée, exception attendue absente, sortie
    différente de ses lignes `#>`."""
    rel = _rel(layout, source.path)
    if run.failure:
        return [describe_failure(rel, source.cells, run.failure)]
    problems = []
    for cell, result in zip(source.cells, run.cells):
        if result.error and not cell.raises:
            where = result.error.line or cell.first_line
            problems.append(f"{rel}:{where}: {result.error.message}\n{result.error.traceback}"
                            + hint(result.error.traceback))
            break
        if cell.raises and not result.error:
            problems.append(
                f"{rel}:{cell.expected[0].line}: la cellule « {cell.name} » devait lever une exception "
                "et ne l'a pas fait"
            )
        mismatch = compare(cell.expected, result.shown_text)
        if mismatch:
            note = f" ; {result.truncated} lignes tronquées" if result.truncated else ""
            problems.append(mismatch.describe(rel) + f"\n  (cellule « {cell.name} », sortie complète{note} :)\n"
                            + _indent(result.shown_text))
    if len(run.cells) < len(source.cells) and not problems:
        stop = "le script s'est arrêté par sys.exit() : " if run.exited else ""
        problems.append(f"{rel}: {stop}seules {len(run.cells)} cellules sur {len(source.cells)} ont été exécutées")
    if run.leftovers:
        problems.append(f"{rel}: le snippet laisse derrière lui {', '.join(run.leftovers)} ; arrêtez-les avant la "
                        "fin (join()/terminate(), wait(), server.shutdown() et server_close()) : ils ont été tués")
    return problems


OFFLINE_HINT = (
    "\n\nIndice : Keras a voulu télécharger un jeu de données, et cette machine est hors ligne (ou son cache "
    "est vide : KERAS_HOME={home}). Lancez : .venv/bin/python scripts/provision_data.py (ou make setup), "
    "qui copie Fashion-MNIST depuis le paquet Debian dataset-fashion-mnist."
)


def hint(traceback: str) -> str:
    """Une piste pour les erreurs qu'un nouveau venu rencontre (jeu de données absent du cache)."""
    if "URL fetch failure" in traceback or "fashion-mnist" in traceback and "EOFError" in traceback:
        return OFFLINE_HINT.format(home=os.environ.get("KERAS_HOME", "~/.keras"))
    return ""


def describe_failure(rel: str, cells: list[Cell], failure: Failure) -> str:
    cell = next((c for c in cells if c.name == failure.cell), None)
    line = failure.line or (cell.first_line if cell else None)
    where = f"{rel}:{line}" if line else rel
    during = f", pendant la cellule « {cell.name} » (lignes {cell.first_line}–{cell.last_line})" if cell else ""
    stuck = f", bloqué ligne {failure.line}" if failure.kind == "timeout" and failure.line else ""
    log = failure.log.strip() or "(rien sur la sortie d'erreur)"
    return f"{where}: {failure.message}{during}{stuck}\n{log}"


# --- exécution -----------------------------------------------------------------------------------------

def run_one(layout: Layout, worker: WorkerProcess, snippet: Path, timeout: float, serve: bool,
            source: Source | None = None) -> Outcome:
    source = source or Source.read(layout, snippet)
    outcome = Outcome(snippet, key=source.key)
    if source.format_error:
        outcome.problems.append(source.format_error)
        return outcome
    with tempfile.TemporaryDirectory(prefix="figures-") as figure_tmp:
        run = worker.run(snippet, source.text, Path(figure_tmp), snippet.stem, timeout)
        outcome.run, outcome.seconds = run, run.seconds
        outcome.problems = check_run(layout, source, run) + published_problems(
            _rel(layout, snippet), Path(figure_tmp) / PUBLISHED)
        if outcome.problems and not serve:
            return outcome  # rien de faux n'est versionné
        record_run(layout, source, run, Path(figure_tmp), outcome.problems)
    return outcome


def run_notebook_source(layout: Layout, source: Source, timeout: float) -> Outcome:
    """Le notebook exécuté de haut en bas ; enregistré seulement s'il réussit et donne ce que montre sa page."""
    outcome = Outcome(source.path, key=source.key)
    if source.format_error:
        outcome.problems.append(source.format_error)
        return outcome
    rel = _rel(layout, source.path)
    run = run_notebook(source.path, timeout)
    outcome.run, outcome.seconds = run, run.seconds
    if run.failure:
        outcome.problems.append(f"{rel} : {run.failure.message}, pendant la cellule {run.failure.cell}")
    outcome.problems += [f"{rel} : {problem}" for problem in notebook_output_problems(layout.root, run.cells)]
    if not outcome.problems:
        record = Record(source=rel, key=source.key, status="ok", versions=versions(),
                        executed=date.today().isoformat(), seconds=run.seconds, cells=run.cells)
        write_if_changed(layout.record_path(source.path), record.to_json())
    return outcome


PUBLISHED_MAX_BYTES = 20 * 2**20  # tout est versionné : ce qui est publié reste petit


def published_files(folder: Path) -> dict[str, str]:
    """Les fichiers ordinaires sous `folder` (chemin relatif → sha256), triés."""
    if not folder.is_dir():
        return {}
    return {p.relative_to(folder).as_posix(): digest(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


def published_problems(rel: str, folder: Path) -> list[str]:
    """Ce que le snippet a écrit sous `publie/` : des fichiers ordinaires, de taille raisonnable."""
    if not folder.is_dir():
        return []
    odd = [p.relative_to(folder).as_posix() for p in folder.rglob("*")
           if p.is_symlink() or not (p.is_file() or p.is_dir())]
    if odd:
        return [f"{rel}: {PUBLISHED}/ ne doit contenir que des fichiers ordinaires : {', '.join(sorted(odd))}"]
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    if size > PUBLISHED_MAX_BYTES:
        return [f"{rel}: {PUBLISHED}/ pèse {size / 2**20:.1f} Mo (au plus {PUBLISHED_MAX_BYTES // 2**20} Mo, "
                "tout est versionné)"]
    return []


def sync_published(target: Path, source_dir: Path) -> dict[str, str]:
    """docs/fichiers/<chap>/<nom>/ devient exactement le `publie/` de cette exécution."""
    wanted = published_files(source_dir)
    if target.is_dir():
        for old in sorted(target.rglob("*"), reverse=True):
            rel = old.relative_to(target).as_posix()
            if old.is_file() and rel not in wanted:
                old.unlink()
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
    for rel in wanted:
        write_if_changed(target / rel, (source_dir / rel).read_bytes())
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    return wanted


def record_run(layout: Layout, source: Source, run: RunResult, figure_tmp: Path, problems: list[str]) -> None:
    """Figures, puis fragments, puis meta.json (atomiquement, en dernier) ; en cas d'échec (mode serve),
    l'erreur va dans la page, sous le bloc de la cellule en cause."""
    snippet = source.path
    out_dir, figure_dir = layout.out_dir(snippet), layout.figure_dir(snippet)
    previous = layout.record(snippet)
    for old in recorded_figures(previous):  # celles de l'exécution précédente, pas un motif de nom
        if not (figure_tmp / old).exists():
            (figure_dir / old).unlink(missing_ok=True)
    for new in sorted(figure_tmp.glob("*.png")):
        write_if_changed(figure_dir / new.name, new.read_bytes())
    for cell in run.cells:
        for figure in cell.figures:
            figure.sha256 = digest((figure_dir / figure.file).read_bytes())
    published = sync_published(layout.published_dir(snippet), figure_tmp / PUBLISHED)
    failing = None
    if problems:
        failing = run.failure.cell if run.failure and run.failure.cell else (
            run.cells[-1].name if run.cells else source.cells[0].name)
    files = fragments(layout, source, run.cells, "\n".join(problems) if problems else None, failing)
    write_fragments(out_dir, files)
    record = Record(
        source=_rel(layout, snippet), key=source.key, status="error" if problems else "ok",
        versions=versions(), executed=date.today().isoformat(), seconds=round(run.seconds, 2),
        cells=run.cells, fragments={name: digest(text) for name, text in files.items()},
        state_changes=run.state_changes, published=published, observed=run.observed,
        inputs=key_inputs(snippet, layout.root, source.text),
    )
    old = previous
    if old and old.key == record.key and old.status == record.status and _strip(old) == _strip(record):
        record.executed, record.seconds = old.executed, old.seconds  # rien de neuf à versionner
        record.cells = [CellResult(**{**vars(new), "seconds": prev.seconds}) for new, prev in zip(record.cells, old.cells)]
    write_if_changed(layout.meta_path(snippet), record.to_json())


def write_fragments(out_dir: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        write_if_changed(out_dir / name, text)
    for stale in out_dir.glob("*.md"):  # cellules renommées ou supprimées
        if stale.name not in files:
            stale.unlink()


def _strip(record: Record) -> list:
    return [{k: v for k, v in vars(c).items() if k != "seconds"} for c in record.cells]


def pending_markdown(layout: Layout, source: Source, cell_name: str, block: bool) -> str:
    """Sous `mkdocs serve`, à la place d'une inclusion d'une cellule en cours d'exécution : le nouveau code
    avec « exécution en cours ». Rien n'est écrit dans `_freeze/` : une construction ne peut jamais publier
    ce texte d'attente."""
    cell = next((c for c in source.cells if c.name == cell_name), None)
    if cell is None or not block:
        return '!!! info "Exécution en cours…"\n\n    La page se mettra à jour d\'elle-même quand ce snippet aura fini.\n'
    return render_pending(_rel(layout, source.path), cell.display_code(source.text.splitlines()))


def page_fragment_text(layout: Layout, page: Path) -> str | None:
    """Le pied « vérifié avec… » d'une page qui montre du code ; les liens du notebook d'un énoncé de TP sans
    code ; None pour les autres pages."""
    ids = page_snippet_ids(page)
    if not ids and is_statement(page):
        notebook = layout.notebook(page).relative_to(layout.out_root / "docs").as_posix()
        return render_statement_fragment(notebook)
    if not ids:
        return None
    records = [layout.record(layout.snippet_path(i)) for i in ids]
    notebook = layout.notebook(page).relative_to(layout.out_root / "docs").as_posix()
    return render_page_fragment(records, notebook)


def recorded_figures(record: Record | None) -> list[str]:
    return [f.file for cell in record.cells for f in cell.figures] if record else []


def prune_orphans(layout: Layout) -> list[str]:
    """Supprime ce que l'exécuteur a enregistré pour un snippet qui n'existe plus : les fichiers que liste
    son `meta.json` (fragments, figures, fichiers publiés), puis ce `meta.json`. Rien d'autre n'est supprimé :
    un fichier inconnu sous `_freeze/` (un .DS_Store, une copie de travail) est signalé, jamais effacé.
    Renvoie ces signalements."""
    alive = {layout.snippet_id(s) for s in layout.all_snippets()}
    notices = []
    for meta in sorted(layout.freeze_dir.glob("*/*/meta.json")):
        snippet_id = meta.parent.relative_to(layout.freeze_dir).as_posix()
        if snippet_id in alive or snippet_id.split("/")[0] in ("pages", REPORT_DIR, NOTEBOOK_RUNS_DIR):
            continue
        record = read_record(meta)
        if record is None or record.source != f"snippets/{snippet_id}.py":
            notices.append(f"{meta.relative_to(layout.out_root)} : enregistrement illisible ou d'un autre "
                           "snippet ; laissé en place")
            continue
        snippet = layout.snippet_path(snippet_id)
        for name in record.fragments:
            (meta.parent / name).unlink(missing_ok=True)
        for name in recorded_figures(record):
            (layout.figure_dir(snippet) / name).unlink(missing_ok=True)
        published = layout.published_dir(snippet)
        for name in record.published:
            (published / name).unlink(missing_ok=True)
        meta.unlink()
        for folder in [*sorted((p for p in published.rglob("*") if p.is_dir()), reverse=True), published,
                       meta.parent]:
            with contextlib.suppress(OSError):
                folder.rmdir()  # seulement s'il est vide
    notebooks = {n.stem for n in layout.all_notebooks()}
    for record_file in sorted((layout.freeze_dir / NOTEBOOK_RUNS_DIR).glob("*.json")):
        if record_file.stem not in notebooks and read_record(record_file):
            record_file.unlink()  # le notebook (sa page) n'existe plus
    versions_kept = set(layout.matrix_versions())
    for record_file in sorted((layout.freeze_dir / MATRIX_DIR).glob("*/**/*.json")):
        version, snippet_id = record_file.relative_to(layout.freeze_dir / MATRIX_DIR).with_suffix("").as_posix().split("/", 1)
        if (version not in versions_kept or snippet_id not in alive) and read_record(record_file):
            record_file.unlink()  # snippet supprimé, ou version retirée de la matrice
    notices += unexpected_files(layout, alive, notebooks)
    return notices


def unexpected_files(layout: Layout, alive: set[str], notebooks: set[str]) -> list[str]:
    """Ce qui, sous `_freeze/`, n'a été écrit par aucun enregistrement : signalé, pas supprimé."""
    expected = {LOCK_NAME, *(f"{NOTEBOOK_RUNS_DIR}/{stem}.json" for stem in notebooks),
                *(f"{MATRIX_DIR}/{v}/{i}.json" for v in layout.matrix_versions() for i in alive)}
    for snippet_id in alive:
        record = layout.record(layout.snippet_path(snippet_id))
        if record:
            expected |= {f"{snippet_id}/{name}" for name in [*record.fragments, "meta.json"]}
    found = []
    for path in sorted(layout.freeze_dir.rglob("*")):
        rel = path.relative_to(layout.freeze_dir).as_posix()
        if path.is_dir() or rel.split("/")[0] in ("pages", REPORT_DIR) or rel in expected:
            continue
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            continue  # écriture atomique en cours (un autre processus)
        snippet_id = rel.rsplit("/", 1)[0]
        if snippet_id in alive and layout.record(layout.snippet_path(snippet_id)) is None:
            continue  # un snippet vivant dont l'enregistrement est illisible : il sera ré-exécuté, pas signalé
        found.append(f"_freeze/{rel} : fichier inconnu de l'exécuteur (aucun enregistrement ne le liste) ; "
                     "laissé en place, supprimez-le s'il n'a rien à faire là")
    return found


def report(layout: Layout) -> None:
    """Durées enregistrées : les snippets, puis les notebooks, chacun avec son état."""
    for kind, sources in (("snippets", layout.all_snippets()), ("notebooks", layout.all_notebooks())):
        rows = []
        for path in sources:
            record, reason = layout.record(path), stale_reason(layout, path)
            rows.append((record.seconds if record else float("nan"), _rel(layout, path),
                         "périmé" if reason else "à jour"))
        for seconds, name, state in sorted(rows, reverse=True):
            print(f"{seconds:8.1f} s  {state:7}  {name}")
        print(f"{sum(r[0] for r in rows if r[0] == r[0]):8.1f} s  au total ({len(rows)} {kind})\n")


def execute(layout: Layout, targets: list[str], force: bool, timeout: float, serve: bool,
            worker: WorkerProcess | None = None, progress=print, notebooks: bool = False) -> list[Outcome]:
    """Exécute ce qui est périmé : les snippets désignés, ou (`notebooks`) les notebooks désignés.
    `worker` : un worker déjà lancé, gardé entre deux appels (mkdocs serve)."""
    command = ["execute.py", *(["--notebooks"] if notebooks else []), *(["--force"] if force else []), *targets]
    with freeze_lock(layout, " ".join(command), lambda text: progress(text, flush=True)):
        paths = select_notebooks(layout, targets) if notebooks else select(layout, targets)
        sources = {s: Source.read(layout, s) for s in paths}
        todo = [s for s in paths if force or stale_reason(layout, s, sources[s])]
        outcomes = []
        if todo:
            progress(f"execute: {len(todo)} {'notebook' if notebooks else 'snippet'}(s) à exécuter sur {len(paths)}",
                     flush=True)
            own = worker is None and not notebooks
            worker = WorkerProcess(layout.root) if own else worker
            try:
                for number, path in enumerate(todo, start=1):
                    progress(f"  [{number}/{len(todo)}] {_rel(layout, path)} …", flush=True)
                    outcome = (run_notebook_source(layout, sources[path], timeout) if notebooks
                               else run_one(layout, worker, path, timeout, serve, sources[path]))
                    status = "ÉCHEC" if outcome.problems else "ok"
                    progress(f"        {status} en {outcome.seconds:.1f} s", flush=True)
                    outcomes.append(outcome)
            finally:
                if own:
                    worker.close()
        finish(layout)
    return outcomes


def finish(layout: Layout) -> None:
    """Ce qui se déduit des enregistrements : ménage, pieds de page, notebooks, rapport de vérification."""
    for notice in prune_orphans(layout):
        print(f"execute: {notice}", file=sys.stderr)
    for path, text in derived_files(layout).items():
        write_if_changed(path, text)
    showing = {p.stem for p in layout.pages() if has_notebook(p)}
    for stale in [*layout.freeze_dir.glob("pages/*.md"), *(layout.out_root / "docs/notebooks").glob("*.ipynb")]:
        if stale.stem not in showing:
            stale.unlink()  # page supprimée, ou qui ne montre plus de code


def derived_files(layout: Layout) -> dict[Path, str]:
    """Chaque fichier qui se déduit des enregistrements et du code, avec son contenu : pieds de page, rapport,
    accueil, notebooks (sauf ceux des pages aux inclusions cassées). `finish` les écrit ; `--check` les
    compare au disque (une tolérance élargie ou une page modifiée sans relancer l'exécuteur les laisse en
    retard)."""
    wanted = front_page(layout)
    wanted[report_path(layout)] = render_report(layout)
    for page in layout.pages():
        text = page_fragment_text(layout, page)
        if text is not None:
            wanted[layout.page_fragment(page)] = text
        if has_notebook(page) and not include_problems(layout, page):
            wanted[layout.notebook(page)] = render_notebook(layout, page)
    return wanted


def front_page(layout: Layout) -> dict[Path, str]:
    """Les deux fragments de l'accueil, déduits des enregistrements et du code : le programme (état de chaque
    partie, paquets importés) et la ligne d'installation de tout le cours."""
    records = {layout.snippet_id(s): layout.record(s) for s in layout.all_snippets()}
    nav = load_site_config(layout.root).get("nav") or []
    folder = layout.freeze_dir / REPORT_DIR
    return {folder / "programme.md": programme(layout, nav, records),
            folder / "installation.md": f"```bash\n{install_lines(layout)}\n```\n"}


def write_front_page(layout: Layout) -> None:
    for path, text in front_page(layout).items():
        write_if_changed(path, text)


def stale_derived(layout: Layout) -> list[Path]:
    """Les fichiers déduits que `finish` réécrirait."""
    return [path for path, text in derived_files(layout).items()
            if not path.is_file() or path.read_bytes() != text.encode("utf-8")]


def report_failures(outcomes: list[Outcome]) -> list[Outcome]:
    """Affiche sur stderr les problèmes des snippets en échec (fichier, ligne, traceback) et les renvoie."""
    failures = [o for o in outcomes if o.problems]
    for outcome in failures:
        print("\n".join(outcome.problems), file=sys.stderr)
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="fichiers, dossiers ou chapitres (défaut : tous) ; avec "
                        "--notebooks, noms de notebooks (cnn, tp-rnn-solution…)")
    parser.add_argument("--notebooks", action="store_true",
                        help="les notebooks, exécutés de haut en bas, au lieu des snippets")
    parser.add_argument("--force", action="store_true", help="ré-exécute même ce qui est à jour")
    parser.add_argument("--check", action="store_true", help="n'exécute rien ; échoue si c'est périmé")
    parser.add_argument("--report", action="store_true", help="affiche les temps enregistrés")
    parser.add_argument("--serve", action="store_true", help="erreurs écrites dans les pages, code 0")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="délai par snippet, en secondes (défaut : $COURS_TIMEOUT ou 900)")
    parser.add_argument("--root", type=Path, default=ROOT, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    layout = Layout(args.root.resolve())
    if args.report:
        report(layout)
        return 0
    broken = all_include_problems(layout)
    for problem in broken:
        print(problem, file=sys.stderr)
    if args.check:
        paths = select_notebooks(layout, args.targets) if args.notebooks else select(layout, args.targets)
        stale = [(s, r) for s in paths if (r := stale_reason(layout, s))]
        for path, reason in stale:
            again = f"--notebooks {path.stem}" if args.notebooks else _rel(layout, path)
            print(f"périmé : {_rel(layout, path)} ({reason}) ; lancez : python scripts/execute.py {again}")
        derived = [] if args.notebooks or args.targets else stale_derived(layout)
        for path in derived:
            print(f"périmé : {_rel(layout, path)} (déduit des enregistrements et du code, pas réécrit) ; "
                  "lancez : python scripts/execute.py")
        return 1 if stale or broken or derived else 0
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _terminate) if main_thread else None
    try:
        start = time.perf_counter()
        outcomes = execute(layout, args.targets, args.force, args.timeout, args.serve, notebooks=args.notebooks)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)
    failures = report_failures(outcomes)
    if outcomes:
        print(f"execute: {len(outcomes)} exécuté(s), {len(failures)} en échec, "
              f"{time.perf_counter() - start:.1f} s", flush=True)
    return 1 if (failures or broken) and not args.serve else 0


def _terminate(signum, frame) -> None:
    raise SystemExit(128 + signum)  # le worker est tué et le verrou rendu en sortant des `with`


def _rel(layout: Layout, path: Path) -> str:
    try:
        return path.resolve().relative_to(layout.root.resolve()).as_posix()
    except ValueError:
        return str(path)


def _indent(text: str) -> str:
    return "".join(f"    | {line}\n" for line in text.rstrip("\n").split("\n"))


if __name__ == "__main__":
    sys.exit(main())
