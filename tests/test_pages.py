"""Règles des pages : aucun code écrit à la main, chaque snippet montré en entier, dans l'ordre, sur une seule
page ; chaque inclusion désigne une cellule qui existe ; notebooks et pieds de page à jour ; et ce qu'une
exécution page par page prouverait (les blocs collés dans un notebook neuf), vérifié sans la payer."""

import json
import shutil
import tempfile
from pathlib import Path
import re
from collections import defaultdict

import pytest

from cells import EXPECTED, parse_cells
from conftest import ROOT
from freeze import Layout
from export_notebooks import has_notebook
from pages import INCLUDE, blocks, include_problems, included_lines, notebook_conflicts
from site_config import nav_pages

LAYOUT = Layout(ROOT)
PAGES = LAYOUT.pages()
FENCE = re.compile(r"^(?P<indent> *)(?P<ticks>`{3,}|~{3,})(?P<info>[^\n]*)\n(?P<body>.*?)^(?P=indent)(?P=ticks)\s*$",
                   re.M | re.S)
PYTHON = {"py", "python", "python3", ".py", ".python", "pycon"}


def line_of(text: str, position: int) -> int:
    return text[:position].count("\n") + 1


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_no_python_written_in_pages(page):
    text = page.read_text(encoding="utf-8")
    for fence in FENCE.finditer(text):
        words = fence["info"].replace("{", " ").replace("}", " ").split()
        assert not (words and words[0] in PYTHON), (
            f"docs/{page.name}:{line_of(text, fence.start())}: bloc Python écrit dans la page ; mettez ce code "
            'dans une cellule d\'un fichier de snippets/ et incluez-la : --8<-- "_freeze/<chap>/<nom>/<cellule>.md"'
        )


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_includes_name_existing_cells(page):
    assert include_problems(LAYOUT, page) == []


def test_every_snippet_is_shown_whole_and_in_order_on_one_page():
    shown = defaultdict(list)
    for page in PAGES:
        for block in blocks(page):
            shown[block.snippet_id].append((page.name, block.cell))
    for snippet in LAYOUT.all_snippets():
        snippet_id = LAYOUT.snippet_id(snippet)
        assert snippet_id in shown, f"snippets/{snippet_id}.py n'est montré par aucune page"
        pages = {page for page, _ in shown[snippet_id]}
        assert len(pages) == 1, f"snippets/{snippet_id}.py est montré sur plusieurs pages : {sorted(pages)}"
        expected = [c.name for c in parse_cells(snippet)]
        assert [cell for _, cell in shown[snippet_id]] == expected, (
            f"snippets/{snippet_id}.py : la page {pages.pop()} doit montrer les cellules {expected} "
            "dans cet ordre, une fois chacune"
        )


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p)], ids=lambda p: p.name)
def test_page_pasted_into_a_notebook_runs_like_its_snippets(page):
    """Les blocs collés dans l'ordre dans un notebook neuf exécutent chaque snippet en entier (test
    précédent) ; aucun n'y lirait un nom défini par un autre au lieu d'un nom de Python, ni un nom absent
    d'un notebook (`__file__`). L'état global laissé par un snippet : test_snippets."""
    assert notebook_conflicts(LAYOUT, page) == []


def test_a_name_rebound_between_two_cells_of_a_snippet_is_reported(tmp_path):
    """Le cas de l'introduction : `concepts.py` lie `t`, un exercice montré entre deux de ses cellules lie
    aussi `t`, et la cellule suivante de `concepts.py` relit `t` : le notebook affiche un autre résultat."""
    from conftest import make_project

    concepts = ("# --8<-- [start:un]\nimport numpy as np\ndigits = np.arange(3)\nt = 1.0\n# --8<-- [end:un]\n"
                "# --8<-- [start:deux]\nprint(t, digits, np.pi)\n# --8<-- [end:deux]\n")
    exercice = "import numpy as np\ndigits = np.arange(3)\nt = 2\n"
    page = ('--8<-- "_freeze/chap/concepts/un.md"\n\n--8<-- "_freeze/chap/exercice/script.md"\n\n'
            '--8<-- "_freeze/chap/concepts/deux.md"\n')
    project = make_project(tmp_path, {"chap/concepts.py": concepts, "chap/exercice.py": exercice}, {"p.md": page})
    problems = notebook_conflicts(Layout(project), project / "docs/p.md")
    assert problems == ["docs/p.md:5: dans un notebook, « t » lu par cette cellule de snippets/chap/concepts.py "
                        "aurait été relié par snippets/chap/exercice.py (docs/p.md:3) ; renommez-le dans l'un des deux"]
    # le même import et la même valeur (`digits = np.arange(3)`) de part et d'autre ne changent rien
    (project / "snippets/chap/exercice.py").write_text(exercice.replace("t = 2", "cube = 2"))
    assert notebook_conflicts(Layout(project), project / "docs/p.md") == []


def test_code_shown_is_the_snippet_code_without_expected_lines():
    """Le bloc versionné montre le code de la cellule, à l'octet près, moins ses lignes `#>` (et les lignes
    vides de fin)."""
    for snippet in LAYOUT.all_snippets():
        lines = snippet.read_text(encoding="utf-8").splitlines()
        for cell in parse_cells(snippet):
            block = (LAYOUT.out_dir(snippet) / f"{cell.name}.md").read_text(encoding="utf-8")
            fence = re.search(r"^( *)(`{3,})python title=.*\n", block, re.M)  # replié (schéma) : indenté
            indent, ticks = fence[1], fence[2]
            body = block[fence.end():].split(f"\n{indent}{ticks}\n", 1)[0]
            shown = "\n".join(line.removeprefix(indent) for line in body.split("\n"))
            kept = [line for line in lines[cell.first_line - 1 : cell.last_line] if not EXPECTED.match(line)]
            while kept and not kept[-1].strip():
                kept.pop()
            assert shown == "\n".join(kept).rstrip(), f"snippets/{LAYOUT.snippet_id(snippet)}.py:{cell.name}"


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_pages_with_snippets_state_their_verification(page):
    text = page.read_text(encoding="utf-8")
    if has_notebook(page):  # pied « vérifié avec… », ou liens du notebook d'un énoncé de TP
        assert f'--8<-- "_freeze/pages/{page.stem}.md"' in text, (
            f'{page.name} : ajoutez en fin de page --8<-- "_freeze/pages/{page.stem}.md"'
        )


def test_navigation_lists_every_page_and_only_existing_ones():
    assert set(nav_pages(ROOT)) == {p.name for p in PAGES}


def test_outputs_are_not_pages():
    stray = [p for p in (ROOT / "docs").rglob("*.md") if p.parent != ROOT / "docs"]
    assert not stray, f"pas de Markdown dans les sous-dossiers de docs/ (ils deviendraient des pages) : {stray}"


@pytest.mark.parametrize("page", [p for p in PAGES if has_notebook(p)], ids=lambda p: p.name)
def test_notebook_of_the_page_is_up_to_date_and_valid(page):
    import nbformat

    from export_notebooks import render

    notebook = LAYOUT.notebook(page)
    assert notebook.is_file() and notebook.read_text(encoding="utf-8") == render(LAYOUT, page), (
        f"{notebook.relative_to(ROOT)} périmé : lancez .venv/bin/python scripts/execute.py"
    )
    nbformat.validate(nbformat.reads(notebook.read_text(encoding="utf-8"), as_version=4))
    code = [c for c in json.loads(notebook.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code"
            and not {"exercice", "preparation"} & set(c["metadata"].get("tags", []))]  # énoncés : cellules vides
    assert len(code) == len(blocks(page))


def test_no_stale_notebook_or_footer_is_left():
    wanted = {LAYOUT.notebook(p).name for p in PAGES if has_notebook(p)}
    assert {p.name for p in (ROOT / "docs/notebooks").glob("*.ipynb")} == wanted
    assert {p.name for p in (ROOT / "_freeze/pages").glob("*.md")} == {f"{p.stem}.md" for p in PAGES if has_notebook(p)}


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_verification_footer_is_up_to_date(page):
    from execute import page_fragment_text

    text = page_fragment_text(LAYOUT, page)
    if text is not None:
        fragment = LAYOUT.page_fragment(page)
        assert fragment.is_file() and fragment.read_text(encoding="utf-8") == text, (
            f"{fragment.relative_to(ROOT)} périmé : lancez .venv/bin/python scripts/execute.py"
        )


def test_verification_report_is_up_to_date_and_lists_every_snippet():
    from verification_report import render, report_path

    text = render(LAYOUT)
    path = report_path(LAYOUT)
    assert path.is_file() and path.read_text(encoding="utf-8") == text, (
        f"{path.relative_to(ROOT)} périmé : lancez .venv/bin/python scripts/execute.py"
    )
    for snippet in LAYOUT.all_snippets():
        assert f"`{LAYOUT.snippet_id(snippet)}`" in text, f"{snippet} absent du rapport de vérification"
    assert '--8<-- "_freeze/rapport/tableau.md"' in (ROOT / "docs/rapport.md").read_text(encoding="utf-8")


def test_front_page_is_derived_from_records_and_code():
    """L'accueil ne porte aucun état écrit à la main : le programme et la ligne d'installation sont des
    fragments régénérés par l'exécuteur, à jour."""
    from execute import write_front_page

    index = (ROOT / "docs/index.md").read_text(encoding="utf-8")
    assert '--8<-- "_freeze/rapport/programme.md"' in index and '--8<-- "_freeze/rapport/installation.md"' in index
    assert "en préparation" not in index
    before = {n: (ROOT / "_freeze/rapport" / n).read_text(encoding="utf-8") for n in ("programme.md", "installation.md")}
    scratch = Layout(ROOT, out=Path(tempfile.mkdtemp()))
    shutil.copytree(ROOT / "_freeze", scratch.freeze_dir)
    write_front_page(scratch)
    for name, text in before.items():
        assert (scratch.freeze_dir / "rapport" / name).read_text(encoding="utf-8") == text, (
            f"_freeze/rapport/{name} périmé : lancez .venv/bin/python scripts/execute.py")


def test_install_line_installs_every_module_the_snippets_import(tmp_path):
    """La ligne `pip install` de l'accueil, résolue par pip (sans rien installer) : chaque module importé par
    un snippet y est fourni par un paquet."""
    import subprocess
    import sys

    from preparation import CORE, _distributions, imported_modules

    line = (ROOT / "_freeze/rapport/installation.md").read_text(encoding="utf-8").splitlines()[1]
    packages = line.split("pip install ", 1)[1].split()
    report = tmp_path / "rapport.json"
    result = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                             "--report", str(report), *packages], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    resolved = {item["metadata"]["name"].lower().replace("_", "-") for item in json.loads(report.read_text())["install"]}
    modules = set().union(*(imported_modules(s.read_text(encoding="utf-8")) for s in LAYOUT.all_snippets()))
    for module in sorted(modules - set(CORE) - {"tensorflow"}):
        wanted = {d.lower().replace("_", "-") for d in _distributions().get(module, [])}
        assert wanted & resolved, f"{module} (paquet {wanted}) n'est pas installé par : {line}"


def test_demo_code_shown_is_the_code_the_page_runs():
    """La page TensorFlow.js montre des sections du script que le site sert (extra_javascript) : rien n'est
    recopié à la main, et le notebook de la page montre les mêmes lignes."""
    import yaml

    served = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["extra_javascript"]
    page = ROOT / "docs/tfjs.md"
    shown = [m["path"] for line in page.read_text(encoding="utf-8").splitlines()
             if (m := INCLUDE.match(line)) and not m["path"].startswith("_freeze/")]
    assert len(shown) >= 3, shown
    notebook = (ROOT / "docs/notebooks/tfjs.ipynb").read_text(encoding="utf-8")
    for path in shown:
        script, _, section = path.partition(":")
        assert script.removeprefix("docs/") in served, f"{script} n'est pas servi par le site"
        lines = included_lines(ROOT, f'--8<-- "{path}"')
        assert lines and all(line in (ROOT / script).read_text(encoding="utf-8") for line in lines if line), path
        assert json.dumps(lines[1], ensure_ascii=False)[1:-1] in notebook, f"{path} : absent du notebook"
