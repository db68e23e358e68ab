"""Règles des pages : chaque bloc Python vient de snippets/, chaque snippet sert, chaque bloc est suivi
de sa sortie, une page montre toutes les cellules de ses snippets dans l'ordre (un lecteur qui les colle
dans un notebook exécute le fichier entier), et les sorties ne deviennent pas des pages."""

import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from cells import WHOLE_FILE, parse_cells
from conftest import ROOT
from freeze import Layout

LAYOUT = Layout(ROOT)
PAGES = sorted((ROOT / "docs").glob("*.md"))
FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=ticks)\s*$",
                   re.M | re.S)
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')
PYTHON = {"py", "python", "python3", ".py", ".python"}


def python_fences(text: str):
    for fence in FENCE.finditer(text):
        words = fence["info"].replace("{", " ").replace("}", " ").split()
        if words and words[0] in PYTHON:
            yield fence


def code_includes(page: Path) -> list[tuple[str, str, int]]:
    """(snippet, cellule, position dans la page) de chaque bloc Python inclus."""
    text = page.read_text(encoding="utf-8")
    found = []
    for fence in python_fences(text):
        for line in fence["body"].splitlines():
            match = INCLUDE.match(line)
            if match:
                path, _, cell = match[1].partition(":")
                found.append((path, cell or WHOLE_FILE, fence.start()))
    return found


def line_of(text: str, position: int) -> int:
    return text[:position].count("\n") + 1


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_python_blocks_come_from_snippets(page):
    text = page.read_text(encoding="utf-8")
    for fence in python_fences(text):
        lines = [line for line in fence["body"].splitlines() if line.strip()]
        assert lines and all(INCLUDE.match(line) and '"snippets/' in line for line in lines), (
            f"{page.relative_to(ROOT)}:{line_of(text, fence.start())}: bloc Python écrit dans la page ; "
            "mettez ce code dans un fichier de snippets/ et incluez-le"
        )


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_each_block_is_followed_by_its_output(page):
    text = page.read_text(encoding="utf-8")
    for path, cell, position in code_includes(page):
        end = text.index("\n", text.index("```", text.index("\n", position) + 1))
        following = text[end:].lstrip("\n").split("\n", 1)[0]
        output = "_freeze/" + str(Path(path).relative_to("snippets").with_suffix("")) + f"/{cell}.md"
        assert INCLUDE.match(following) and f'"{output}"' in following, (
            f"{page.relative_to(ROOT)}:{line_of(text, position)}: le bloc {path}:{cell} doit être suivi "
            f'de sa sortie : --8<-- "{output}"'
        )


def test_every_snippet_is_shown_whole_and_in_order_on_one_page():
    shown = defaultdict(list)
    for page in PAGES:
        for path, cell, _ in code_includes(page):
            shown[path].append((page.name, cell))
    for snippet in LAYOUT.all_snippets():
        rel = snippet.relative_to(ROOT).as_posix()
        assert rel in shown, f"{rel} n'est utilisé par aucune page"
        pages = {page for page, _ in shown[rel]}
        assert len(pages) == 1, f"{rel} est montré sur plusieurs pages : {sorted(pages)}"
        expected = [c.name for c in parse_cells(snippet)]
        assert [cell for _, cell in shown[rel]] == expected, (
            f"{rel} : la page {pages.pop()} doit montrer les cellules {expected} dans cet ordre, une fois chacune"
        )


def test_included_files_exist():
    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            match = INCLUDE.match(line)
            if match and not match[1].startswith("_freeze/"):
                assert (ROOT / match[1].partition(":")[0]).is_file(), f"{page.name}:{number}: {match[1]} absent"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_pages_with_snippets_state_their_verification(page):
    text = page.read_text(encoding="utf-8")
    if code_includes(page):
        assert f'--8<-- "_freeze/pages/{page.stem}.md"' in text, (
            f'{page.name} : ajoutez en fin de page --8<-- "_freeze/pages/{page.stem}.md"'
        )


def test_navigation_lists_every_page_and_only_existing_ones():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)

    def walk(items):
        for item in items:
            for value in item.values():
                yield from (walk(value) if isinstance(value, list) else [value])

    in_nav = set(walk(config["nav"]))
    on_disk = {p.name for p in PAGES}
    assert in_nav == on_disk


def test_outputs_are_not_pages():
    stray = [p for p in (ROOT / "docs").rglob("*.md") if p.parent != ROOT / "docs"]
    assert not stray, f"pas de Markdown dans les sous-dossiers de docs/ (ils deviendraient des pages) : {stray}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_notebook_of_the_page_is_up_to_date(page):
    from export_notebooks import notebook_path, render

    if not code_includes(page):
        return
    notebook = notebook_path(LAYOUT, page)
    assert notebook.is_file() and notebook.read_text(encoding="utf-8") == render(LAYOUT, page), (
        f"{notebook.relative_to(ROOT)} périmé : lancez .venv/bin/python scripts/execute.py"
    )


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_verification_footer_is_up_to_date(page):
    from execute import page_fragment_text

    text = page_fragment_text(LAYOUT, page)
    if text is not None:
        fragment = LAYOUT.page_fragment(page)
        assert fragment.is_file() and fragment.read_text(encoding="utf-8") == text, (
            f"{fragment.relative_to(ROOT)} périmé : lancez .venv/bin/python scripts/execute.py"
        )


def test_pages_as_read_are_collected_by_pytest_markdown_docs(request):
    """Les blocs des pages telles qu'un lecteur les voit (conftest.py) font bien partie de la session."""
    if request.config.args and not any(a.rstrip("/").endswith("tests") for a in request.config.args):
        pytest.skip("session restreinte à certains fichiers")
    collected = {item.nodeid.split("::")[0] for item in request.session.items}
    pages_with_code = {f"tests/lecteur/{p.name}" for p in PAGES if code_includes(p)}
    assert pages_with_code and pages_with_code <= collected
