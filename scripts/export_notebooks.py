"""Une page → un notebook Jupyter : sa prose en cellules Markdown, ses blocs en cellules de code (le code de
la cellule du snippet, sans ses lignes `#>`), dans l'ordre de la page, sans les sorties (on les obtient en
exécutant le notebook).

Les notebooks vont dans docs/notebooks/ et sont versionnés : le lien « télécharger le notebook » marche
aussi dans un site construit par Zensical, qui n'exécute aucun hook. Le JSON est écrit comme le fait
`nbformat.writes` (nbformat 4.5, clés triées, identifiants de cellule stables), sans importer nbformat : le
hook de MkDocs le régénère à chaque construction.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cells import cells_of  # noqa: E402
from freeze import Layout, write_if_changed  # noqa: E402
from pages import blocks  # noqa: E402

PAGE_FRAGMENT = re.compile(r'^\s*-{1,}8<-{1,}\s+"_freeze/[^"]+"\s*$')


def render(layout: Layout, page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    wanted = {i.line: i for i in blocks(page, text)}
    codes: dict[str, tuple[list[str], dict]] = {}
    cells, prose = [], []
    for number, line in enumerate(text.splitlines(), 1):
        include = wanted.get(number)
        if include is None:
            if not PAGE_FRAGMENT.match(line):  # pied de page et citations de sorties : pas dans le notebook
                prose.append(line)
            continue
        _add_markdown(cells, prose)
        prose = []
        if include.snippet_id not in codes:
            lines, cells_found = cells_of(layout.snippet_path(include.snippet_id))
            codes[include.snippet_id] = (lines, {c.name: c for c in cells_found})
        lines, by_name = codes[include.snippet_id]
        cells.append(_cell("code", by_name[include.cell].display_code(lines).rstrip("\n")))
    _add_markdown(cells, prose)
    for number, cell in enumerate(cells):
        cell["id"] = f"cellule-{number}"  # identifiants stables : pas de diff git inutile
    notebook = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def _cell(kind: str, source: str) -> dict:
    cell = {"cell_type": kind, "metadata": {}, "source": source.splitlines(keepends=True)}
    if kind == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell


def _add_markdown(cells: list, lines: list[str]) -> None:
    text = "\n".join(lines).strip("\n")
    if text.strip():
        cells.append(_cell("markdown", text))


def export_all(layout: Layout, skip: set[Path] = frozenset()) -> list[Path]:
    """Écrit le notebook de chaque page qui montre du code (sauf `skip` : pages aux inclusions cassées)."""
    written = []
    for page in layout.pages():
        if page not in skip and blocks(page):
            target = layout.notebook(page)
            write_if_changed(target, render(layout, page))
            written.append(target)
    return written


if __name__ == "__main__":
    for path in export_all(Layout(Path(__file__).resolve().parents[1])):
        print(path)
