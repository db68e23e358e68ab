"""Les notebooks : ils portent les sorties de l'exécution du site, les énoncés gardent leurs exercices vides,
tous s'exécutent de bout en bout (une fois par version de leur code), et le site les rend en pages avec
leurs liens « Télécharger le notebook » et « Ouvrir dans Colab », sans rien charger hors de localhost ; chaque
notebook, exécuté de haut en bas, donne ce que montre sa page.

Rien n'est écrit dans l'arbre : un notebook dont l'enregistrement est périmé est exécuté dans un dossier
temporaire, et le site avec un `repo_url` est construit dans une copie."""

import base64
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, build_with_mkdocs, copy_site_sources
from export_notebooks import EXERCISE_TAG, has_notebook, is_statement
from freeze import Layout
from pages import blocks, page_snippet_ids
from execute import DEFAULT_TIMEOUT, stale_reason
from notebook_runs import output_problems, run_notebook

LAYOUT = Layout(ROOT)
NOTEBOOK_PAGES = [p for p in LAYOUT.pages() if has_notebook(p)]
RUNNABLE = LAYOUT.all_notebooks()
COLAB = "https://colab.research.google.com/github/exemple-org/cours-tf/blob/principale/docs/notebooks/{}.ipynb"


def notebook_of(page: Path) -> dict:
    return json.loads(LAYOUT.notebook(page).read_text(encoding="utf-8"))


# --- les sorties sont celles de l'exécution du site ---------------------------------------------------------

@pytest.mark.parametrize("page", NOTEBOOK_PAGES, ids=lambda p: p.stem)
def test_notebook_carries_the_outputs_of_the_build(page):
    """Chaque cellule venue d'un snippet porte ce que l'exécution enregistrée a produit : son texte, ses figures
    (les PNG de docs/figures/, octet pour octet), son exception déclarée. Rien n'a été ré-exécuté pour cela."""
    cells = [c for c in notebook_of(page)["cells"] if c["cell_type"] == "code" and "cours" in c["metadata"]]
    assert len(cells) == len(blocks(page))
    for cell in cells:
        snippet, name = cell["metadata"]["cours"]["cellule"].removeprefix("snippets/").rsplit(":", 1)
        record = LAYOUT.record(LAYOUT.snippet_path(snippet.removesuffix(".py")))
        assert record is not None and record.status == "ok", f"{snippet} : pas d'enregistrement réussi"
        result = next(c for c in record.cells if c.name == name)
        outputs = cell["outputs"]
        text = "".join("".join(o["text"]) for o in outputs if o["output_type"] == "stream" and o["name"] == "stdout")
        assert text.startswith(result.stdout), f"{snippet}:{name} : sortie texte différente de l'enregistrement"
        pngs = [base64.b64decode(o["data"]["image/png"]) for o in outputs if o["output_type"] == "display_data"]
        figures = [(LAYOUT.figure_dir(LAYOUT.snippet_path(snippet[:-3])) / f.file).read_bytes() for f in result.figures]
        assert pngs == figures, f"{snippet}:{name} : figures différentes de docs/figures/"
        assert [o["ename"] for o in outputs if o["output_type"] == "error"] == (
            [result.error.type] if result.error else [])
        assert cell["execution_count"] is not None


@pytest.mark.parametrize("page", [p for p in NOTEBOOK_PAGES if is_statement(p)], ids=lambda p: p.stem)
def test_statement_notebook_keeps_exercise_cells_empty(page):
    """L'énoncé : ses blocs (les données) avec leur sortie, puis une cellule vide après chaque consigne ; aucun
    code de la solution."""
    cells = notebook_of(page)["cells"]
    exercises = [c for c in cells if EXERCISE_TAG in c["metadata"].get("tags", [])]
    assert exercises, f"{page.name} : aucune cellule d'exercice"
    assert all(c["cell_type"] == "code" and not c["source"] and not c["outputs"] for c in exercises)
    shown = {c["metadata"]["cours"]["cellule"].split(":")[0] for c in cells if "cours" in c["metadata"]}
    assert shown == {f"snippets/{i}.py" for i in page_snippet_ids(page)}
    solution = LAYOUT.docs_dir / f"{page.stem}-solution.md"
    if solution.is_file():
        assert not shown & {f"snippets/{i}.py" for i in page_snippet_ids(solution)}
    consignes = [c for c in cells if c["cell_type"] == "markdown" and re.match(r"#{2,3} ", "".join(c["source"]))]
    assert consignes, f"{page.name} : consignes absentes du notebook"


# --- les notebooks des TP s'exécutent (une fois par version de leur code) -----------------------------------

@pytest.mark.parametrize("notebook", RUNNABLE, ids=lambda p: p.stem)
def test_notebook_runs_end_to_end_and_gives_what_the_page_shows(notebook):
    """À jour : l'enregistrement dit qu'il a tourné de haut en bas (noyau neuf, dossier vide), avec ce code et
    ces versions, et que chaque cellule y a affiché ce que vérifient les lignes `#>` de la page. Périmé : on
    l'exécute (dossier temporaire) pour dire s'il marche, puis on échoue en demandant d'enregistrer l'exécution."""
    reason = stale_reason(LAYOUT, notebook)
    if reason is None:
        return
    run = run_notebook(notebook, DEFAULT_TIMEOUT)
    problems = ([f"{run.failure.message} ({run.failure.cell})"] if run.failure else []) + output_problems(ROOT, run.cells)
    assert not problems, f"{notebook.relative_to(ROOT)} échoue de bout en bout : " + "\n".join(problems)
    pytest.fail(f"{notebook.relative_to(ROOT)} : {reason} ; il s'exécute ({run.seconds:.0f} s ici) : enregistrez "
                f"cette exécution avec .venv/bin/python scripts/execute.py --notebooks {notebook.stem}")


def test_every_notebook_is_run():
    names = {p.stem for p in RUNNABLE}
    assert {LAYOUT.notebook(p).stem for p in NOTEBOOK_PAGES} == names
    assert {p.stem for p in (ROOT / "_freeze/notebooks").glob("*.json")} <= names


def test_a_notebook_that_differs_from_its_page_is_stale(tmp_path):
    """L'enregistrement garde la sortie de chaque cellule : si elle ne satisfait plus les lignes `#>` de la page,
    l'enregistrement est périmé, même quand le code n'a pas changé."""
    from records import CellResult

    snippet = tmp_path / "snippets/chap/a.py"
    snippet.parent.mkdir(parents=True)
    snippet.write_text("# --8<-- [start:somme]\nprint(21.0)\n#> 21.0\n# --8<-- [end:somme]\n")
    assert output_problems(tmp_path, [CellResult("snippets/chap/a.py:somme", "21.0\n")]) == []
    problems = output_problems(tmp_path, [CellResult("snippets/chap/a.py:somme", "21\n")])
    assert problems and problems[0].startswith("snippets/chap/a.py:3 : dans le notebook, sortie différente")


def test_a_notebook_is_recorded_and_judged_like_a_snippet(tmp_path):
    """Un seul moteur : le notebook d'une page s'exécute (noyau neuf), son enregistrement est un `Record` comme
    celui d'un snippet, et la même règle le dit à jour, puis périmé quand la page attend autre chose ou quand
    son code change ; un notebook qui lève n'est pas enregistré ; un enregistrement orphelin est retiré."""
    import execute
    from conftest import make_project

    snippet = "# --8<-- [start:somme]\nprint(21.0 * 2)\n#> 42.0\n# --8<-- [end:somme]\n"
    project = make_project(tmp_path, {"chap/a.py": snippet}, {"a.md": '# A\n\n--8<-- "_freeze/chap/a/somme.md"\n'})
    layout = Layout(project)
    execute.execute(layout, [], False, 120, False, progress=lambda *a, **k: None)  # le snippet, puis son notebook
    notebook = project / "docs/notebooks/a.ipynb"
    assert notebook.is_file()
    assert execute.stale_reason(layout, notebook) == "aucun enregistrement lisible"
    outcomes = execute.execute(layout, ["a"], False, 120, False, progress=lambda *a, **k: None, notebooks=True)
    assert [o.problems for o in outcomes] == [[]]
    record = layout.record(notebook)
    assert record.source == "docs/notebooks/a.ipynb" and record.status == "ok"
    preparation, *cells = record.cells  # la cellule Préparation d'abord, puis celles de la page
    assert preparation.stdout.startswith("Versions des sorties montrées : TensorFlow")
    assert [(c.name, c.stdout) for c in cells] == [("snippets/chap/a.py:somme", "42.0\n")]
    assert execute.stale_reason(layout, notebook) is None
    (project / "snippets/chap/a.py").write_text(snippet.replace("#> 42.0", "#> 43.0"))
    assert "ne satisfait plus les lignes #>" in execute.stale_reason(layout, notebook)
    (project / "snippets/chap/a.py").write_text(snippet.replace("21.0 * 2", "1 / 0"))
    execute.execute(layout, [], False, 120, True, progress=lambda *a, **k: None)  # serve : la page montre l'erreur
    assert execute.stale_reason(layout, notebook).startswith("le code")
    outcomes = execute.execute(layout, ["a"], False, 120, False, progress=lambda *a, **k: None, notebooks=True)
    assert "ZeroDivisionError" in outcomes[0].problems[0] and layout.record(notebook).key == record.key
    (project / "_freeze/notebooks/disparu.json").write_text(record.to_json())
    (project / "_freeze/notebooks/.DS_Store").write_text("")
    notices = execute.prune_orphans(layout)
    assert not (project / "_freeze/notebooks/disparu.json").exists() and layout.record(notebook)
    assert any(".DS_Store" in n for n in notices)


# --- les pages des notebooks sur le site --------------------------------------------------------------------

def test_every_notebook_is_a_page_listed_once_in_the_navigation(mkdocs_site):
    """Une seule entrée « Notebooks » dans la navigation, vers la page qui les liste tous : la barre latérale
    ne double pas la liste des chapitres."""
    chapter = (mkdocs_site / "cnn" / "index.html").read_text(encoding="utf-8")
    index = (mkdocs_site / "notebooks" / "index.html").read_text(encoding="utf-8")
    assert 'href="../notebooks/"' in chapter
    for page in NOTEBOOK_PAGES:
        stem = page.stem
        rendered = mkdocs_site / "notebooks" / stem / "index.html"
        assert rendered.is_file(), f"page du notebook {stem} absente"
        assert f'href="{stem}/"' in index, f"{stem} absent de la page Notebooks"
        assert f'href="../notebooks/{stem}/"' not in chapter, f"{stem} double la navigation"
        assert (mkdocs_site / "notebooks" / f"{stem}.ipynb").read_bytes() == LAYOUT.notebook(page).read_bytes()
        text = rendered.read_text(encoding="utf-8")
        assert "Ouvrir dans Colab" not in text  # repo_url n'est pas réglé
        assert f'href="../{stem}.ipynb" download' in text


def test_rendered_notebook_shows_outputs_and_figures(mkdocs_site):
    for page in NOTEBOOK_PAGES:
        text = (mkdocs_site / "notebooks" / page.stem / "index.html").read_text(encoding="utf-8")
        plain = html.unescape(re.sub(r"<[^>]+>", "", text))
        for snippet_id in page_snippet_ids(page):
            for cell in LAYOUT.record(LAYOUT.snippet_path(snippet_id)).cells:
                first = next((line for line in cell.stdout.splitlines() if line.strip()), None)
                assert first is None or first.strip() in plain, f"{page.stem} : sortie de {snippet_id} absente"
                for figure in cell.figures:
                    assert f'alt="{html.escape(figure.alt, quote=True)}"' in text, f"{page.stem} : {figure.file}"
        assert "No description has been provided" not in text
        assert not re.search(r'<script[^>]+src="https?://', text) and "mathjax" not in text.lower()


def test_colab_and_download_links_follow_repo_url(tmp_path):
    """Avec un `repo_url` (dans une copie) : le pied de chaque page à notebook et chaque page de notebook ont
    « Télécharger le notebook » (le fichier servi, identique à docs/notebooks/) et « Ouvrir dans Colab », dont
    l'adresse désigne docs/notebooks/<page>.ipynb dans le dépôt, à la branche de `edit_uri`."""
    (tmp_path / "projet").mkdir()
    project = copy_site_sources(tmp_path / "projet")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("site_name:", "repo_url: https://github.com/exemple-org/cours-tf\n"
                                          f"site_url: {SITE_URL}\n"
                                          "edit_uri: edit/principale/docs/\nsite_name:", 1)
    config = config.replace("  - print-site:\n", "  - print-site:\n      enabled: false\n", 1)  # plus rapide
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    finish = ("import execute; "
              "execute.finish(execute.Layout(execute.Path('.').resolve()))")
    subprocess.run([sys.executable, "-c", finish], cwd=project, check=True, timeout=300,
                   env={**os.environ, "PYTHONPATH": str(project / "scripts")})
    site = tmp_path / "site"
    result = build_with_mkdocs(project, site, COURS_EXECUTE="0")
    assert result.returncode == 0, result.stdout + result.stderr
    for page in NOTEBOOK_PAGES:
        stem, colab = page.stem, COLAB.format(page.stem)
        assert (project / "docs" / "notebooks" / f"{stem}.ipynb").is_file()  # le fichier qu'ouvre Colab
        for built, base in ((site / stem / "index.html", site / stem),
                            (site / "notebooks" / stem / "index.html", site / "notebooks" / stem)):
            text = built.read_text(encoding="utf-8")
            assert f'href="{colab}"' in text and "Ouvrir dans Colab" in text, built
            download = re.search(r'<a (?:[^>]*\s)?(?:download(?:="[^"]*")?\s[^>]*href="([^"]+)"|href="([^"]+)"'
                                 r'[^>]*\sdownload)', text)
            assert download, f"{built} : lien de téléchargement absent"
            target = (base / (download[1] or download[2])).resolve()
            assert target.read_bytes() == (project / "docs/notebooks" / f"{stem}.ipynb").read_bytes(), built
    # Chaque lien de chaque notebook mène quelque part : une page du site construit (et son ancre), Colab.
    for notebook in sorted((project / "docs/notebooks").glob("*.ipynb")):
        links = notebook_links(notebook)
        assert f"{SITE_URL}notebooks/{notebook.name}" in links and COLAB.format(notebook.stem) in links
        for url in links:
            assert not url.endswith(".md") and ".md#" not in url, f"{notebook.name} : {url}"
            if url.startswith(SITE_URL):
                address, _, anchor = url[len(SITE_URL):].partition("#")
                built = site / address / "index.html" if not address or address.endswith("/") else site / address
                assert built.is_file(), f"{notebook.name} : {url} ne mène à aucune page"
                if anchor:
                    assert f'id="{anchor}"' in built.read_text(encoding="utf-8"), f"{notebook.name} : {url}"
            elif url.startswith("#"):  # une ancre du notebook lui-même
                assert f'<a id=\\"{url[1:]}\\"></a>' in notebook.read_text(encoding="utf-8"), f"{notebook.name} : {url}"
            elif not re.match(r"https?://", url):  # une adresse d'un autre site ne se vérifie pas hors ligne
                assert (notebook.parent / url).resolve().is_file(), f"{notebook.name} : {url}"


SITE_URL = "https://exemple-org.github.io/cours-tf/"
MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def notebook_links(notebook: Path) -> list[str]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [url for c in cells if c["cell_type"] == "markdown" for url in MARKDOWN_LINK.findall("".join(c["source"]))]


@pytest.mark.parametrize("notebook", RUNNABLE, ids=lambda p: p.stem)
def test_downloaded_notebook_links_no_markdown_source(notebook):
    """Sans `site_url` (le cas d'aujourd'hui), un notebook téléchargé ou ouvert dans Colab n'a aucun lien vers
    un fichier `.md` : la page citée reste du texte."""
    assert [u for u in notebook_links(notebook) if re.search(r"\.md(?:#|$)", u)] == []


@pytest.mark.parametrize("notebook", RUNNABLE, ids=lambda p: p.stem)
def test_notebook_opens_with_its_header_and_preparation(notebook):
    """En tête : d'où vient le notebook, puis la cellule Préparation, qui compare les versions à celles des
    sorties montrées (et installe ce qui manque)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    assert cells[0]["cell_type"] == "markdown" and "en-tete" in cells[0]["metadata"]["tags"]
    assert cells[1]["cell_type"] == "code" and "preparation" in cells[1]["metadata"]["tags"]
    code = "".join(cells[1]["source"])
    assert code.startswith("# Préparation") and '"TensorFlow": "2.' in code


# --- hors ligne, formules KaTeX : le navigateur --------------------------------------------------------------

playwright = pytest.importorskip("playwright.sync_api")


# Le site servi (`served`) et Chromium (`browser`) : fixtures de conftest.py.


@pytest.mark.browser
@pytest.mark.parametrize("stem", ["gradients", "tp-mnist"])
def test_notebook_page_in_the_browser_is_offline_with_katex(browser, served, stem):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests = []
    tab.on("request", lambda request: requests.append(request.url))
    tab.goto(f"{served}/notebooks/{stem}/", wait_until="networkidle")
    assert tab.locator(".jupyter-wrapper .jp-CodeCell").count() >= 2
    assert tab.locator(".jupyter-wrapper .jp-OutputArea-output").count() >= 1
    if stem == "gradients":
        assert tab.locator(".jupyter-wrapper .jp-RenderedMarkdown .katex").count() >= 1  # formules rendues
        figure = tab.locator(".jupyter-wrapper img").first
        figure.scroll_into_view_if_needed()
        tab.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    else:
        assert tab.locator(".jupyter-wrapper .celltag_exercice").count() >= 1
    assert tab.locator("a.md-button", has_text="Télécharger le notebook").count() == 1
    leaving = [url for url in requests if not url.startswith(served) and not url.startswith("data:")]
    assert leaving == []
    context.close()
