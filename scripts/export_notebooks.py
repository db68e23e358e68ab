"""Une page → un notebook Jupyter : sa prose en cellules Markdown, ses blocs de code en cellules de code,
dans l'ordre de la page (sans les sorties : on les obtient en exécutant le notebook).

Les notebooks vont dans docs/notebooks/ et sont versionnés : le lien « télécharger le notebook » marche
aussi dans un site construit par Zensical, qui n'exécute aucun hook.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent))
from freeze import Layout, page_snippet_ids, write_if_changed  # noqa: E402
from reader_view import expand_text  # noqa: E402

FENCE = re.compile(r"^(`{3,})python[^\n]*\n(.*?)^\1\s*$", re.M | re.S)
PAGE_FRAGMENT = re.compile(r'^\s*-{1,}8<-{1,}\s+"_freeze/pages/[^"]+"\s*$', re.M)


def notebook_path(layout: Layout, page: Path) -> Path:
    return layout.docs_dir / "notebooks" / f"{page.stem}.ipynb"


def render(layout: Layout, page: Path) -> str:
    text = PAGE_FRAGMENT.sub("", page.read_text(encoding="utf-8"))  # sans le pied « vérifié avec… »
    text = expand_text(text, layout.root, with_outputs=False)
    cells, last = [], 0
    for fence in FENCE.finditer(text):
        _add_markdown(cells, text[last : fence.start()])
        cells.append(nbformat.v4.new_code_cell(fence[2].rstrip("\n")))
        last = fence.end()
    _add_markdown(cells, text[last:])
    for number, cell in enumerate(cells):
        cell["id"] = f"cellule-{number}"  # identifiants stables : pas de diff git inutile
    notebook = nbformat.v4.new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
    })
    return nbformat.writes(notebook) + "\n"


def _add_markdown(cells: list, text: str) -> None:
    if text.strip():
        cells.append(nbformat.v4.new_markdown_cell(text.strip("\n")))


def export_all(layout: Layout) -> list[Path]:
    written = []
    for page in sorted(layout.docs_dir.glob("*.md")):
        if page_snippet_ids(page.read_text(encoding="utf-8")):
            target = notebook_path(layout, page)
            write_if_changed(target, render(layout, page))
            written.append(target)
    return written


if __name__ == "__main__":
    for path in export_all(Layout(Path(__file__).resolve().parents[1])):
        print(path)
