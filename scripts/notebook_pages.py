"""Hooks MkDocs des notebooks rendus en pages (mkdocs-jupyter) et de la page d'impression (print-site).

Chaque notebook de docs/notebooks/ (écrit par export_notebooks.py, avec les sorties de l'exécution du site)
est à la fois :

- un fichier servi tel quel, `notebooks/<page>.ipynb` : le lien « Télécharger le notebook » du pied de page
  et des pages de notebook, et le fichier qu'ouvre Colab ;
- une page rendue par mkdocs-jupyter (`execute: false` : rien n'est exécuté), `notebooks/<page>/`, listée
  sur une page « Notebooks » générée ici (`notebooks/`), seule entrée qu'ils ajoutent à la navigation : la
  barre latérale ne double pas la liste des chapitres (ces pages ne sont pas des pages de docs/, que
  tests/test_pages.py compare à la navigation de mkdocs.yml).

Sur chaque page de notebook, ce module ajoute les liens « Télécharger le notebook », « Ouvrir dans Colab »
(d'après `repo_url`, absent tant qu'il n'est pas réglé) et « Page du cours » ; il retire ce que nbconvert
ferait charger hors du site (MathJax, Mermaid : les formules sont rendues par la copie locale de KaTeX,
javascripts/katex-init.js), rétablit les liens vers les pages du cours et donne à chaque figure son
titre comme texte alternatif. La page d'impression (print-site) ne reprend pas les notebooks : leurs
chapitres y sont déjà.

Zensical n'exécute ni les hooks ni ces deux plugins : il sert les notebooks comme fichiers (le pied de page
garde ses liens) et construit le reste du site à l'identique.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
import os
import re
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from site_config import colab_url

SECTION = "Notebooks"
FOLDER = "notebooks"
INDEX = f"{FOLDER}/index.md"  # la page générée qui liste les notebooks
BEFORE = "Annexes"  # la section « Notebooks » vient juste avant celle-ci (à la fin si elle manque)
REMOVED = (  # ce que le gabarit de nbconvert ferait charger hors du site
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.S | re.I),
    re.compile(r'<script type="module">(?:(?!</script>).)*?mermaid(?:(?!</script>).)*</script>', re.S),
    re.compile(r'<script src="[^"]*require[^"]*">\s*</script>'),
)
NO_ALT = 'alt="No description has been provided for this image"'
STYLE = re.compile(r"<style[^>]*>(?P<css>.*?)</style>", re.S)
STYLES = "assets/notebooks"  # les feuilles de style de nbconvert, écrites une fois au lieu d'une par page
PAGE_LINK = re.compile(r'href="\.\./(?P<page>[^"#/]+\.md)(?P<anchor>#[^"]*)?"')


class _NoMissingAlt(logging.Filter):
    """nbconvert signale les figures sans texte alternatif ; ce module leur donne leur titre."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "Alternative text is missing" not in record.getMessage()


logging.getLogger("traitlets").addFilter(_NoMissingAlt())


_command = "build"
_styles: dict[str, str] = {}


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def _enabled(config) -> bool:
    return "mkdocs-jupyter" in config.plugins


def _page_source(stem: str) -> str:
    return f"{FOLDER}/{stem}/index.ipynb"


def _stem(file: File) -> str | None:
    """`x` pour la page du notebook x (notebooks/x/index.ipynb), None pour tout autre fichier."""
    match = re.fullmatch(rf"{FOLDER}/([^/]+)/index\.ipynb", file.src_uri)
    return match[1] if match else None


@event_priority(100)  # avant print-site, qu'il peut mettre en veille
def on_config(config):
    """La section « Notebooks » : un notebook par page qui en a un, dans l'ordre de la navigation. Sous
    `mkdocs serve`, la page d'impression n'est pas construite (plusieurs secondes à chaque reconstruction),
    sauf avec COURS_IMPRESSION=1."""
    printer = config.plugins.get("print-site")
    if printer is not None and _command == "serve" and os.environ.get("COURS_IMPRESSION") != "1":
        printer.config["enabled"] = False
    if not _enabled(config) or not config.nav:
        return config
    global _entries
    docs = Path(config.docs_dir)
    titled = list(_nav_pages(config.nav))
    titles = dict(titled)
    _entries = []
    for page, title in titled:
        stem = Path(page).stem
        if not (docs / FOLDER / f"{stem}.ipynb").is_file():
            continue
        if stem.endswith("-solution") and f"{stem[:-len('-solution')]}.md" in titles:
            title = f"{titles[stem[:-len('-solution')] + '.md']} — solution"
        _entries.append((title, stem))
    if _entries:
        names = [next(iter(item)) if isinstance(item, dict) else None for item in config.nav]
        where = names.index(BEFORE) if BEFORE in names else len(config.nav)
        config.nav.insert(where, {SECTION: INDEX})
    return config


_entries: list[tuple[str, str]] = []  # (titre, page) de chaque notebook, dans l'ordre de la navigation


def _index_markdown() -> str:
    """La page « Notebooks » : chaque notebook, dans l'ordre du cours, avec le lien de sa page rendue."""
    rows = "".join(f"- [{title}]({stem}/index.ipynb)\n" for title, stem in _entries)
    return ("# Notebooks\n\nChaque page qui montre du code existe aussi en notebook Jupyter\u00a0: ses blocs dans "
            "l'ordre de la page, avec les sorties de l'exécution qui a construit ce site. Chaque notebook "
            "s'ouvre sur une cellule «\u00a0Préparation\u00a0» qui installe ce qui manque (dans Colab ou sur "
            "votre machine) et compare vos versions à celles des sorties.\n\n" + rows)


def _nav_pages(items):
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, list):
                    yield from _nav_pages(value)
                elif isinstance(value, str) and value.endswith(".md"):
                    yield value, title


@event_priority(-100)  # après mkdocs-jupyter, qui a fait de chaque .ipynb une page
def on_files(files, config):
    if not _enabled(config):
        return files
    from mkdocs_jupyter.plugin import NotebookFile

    if _entries:
        files.append(File.generated(config, INDEX, content=_index_markdown()))
    for file in list(files):
        if re.fullmatch(rf"{FOLDER}/[^/]+\.ipynb", file.src_uri):
            original = getattr(file, "file", file)  # le fichier tel quel, à télécharger
            files.remove(file)
            files.append(original)
            page = File.generated(config, _page_source(Path(file.src_uri).stem), abs_src_path=original.abs_src_path)
            wrapped = NotebookFile(page, **config)
            wrapped.abs_src_path = original.abs_src_path  # sinon déduit d'un src_dir que ce fichier n'a pas
            files.append(wrapped)
    return files


@event_priority(-100)  # après print-site, qui a gardé la navigation à imprimer
def on_nav(nav, config, files):
    printer = config.plugins.get("print-site")
    renderer = getattr(printer, "renderer", None)
    if renderer is not None:
        renderer.items = [i for i in renderer.items if i.title != SECTION]
    return nav


def on_page_context(context, page, config, nav):
    if _stem(page.file):
        page.edit_url = None  # le notebook est généré : on ne le modifie pas sur GitHub
    return context


@event_priority(-100)  # après mkdocs-jupyter et print-site : la page d'impression n'a pas ces liens
def on_page_content(content, page, config, files):
    stem = _stem(page.file)
    if stem is None:
        return content
    page.meta["search"] = {"exclude": True}  # la recherche mène au chapitre, qui a la même prose
    for pattern in REMOVED:
        content = pattern.sub("", content)
    content = _alt_texts(content, Path(page.file.abs_src_path))

    def page_url(match: re.Match) -> str:
        target = files.get_file_from_path(match["page"])
        if target is None:
            return match.group(0)
        return f'href="{get_relative_url(target.url, page.url)}{match["anchor"] or ""}"'

    content = PAGE_LINK.sub(page_url, content)
    content = STYLE.sub(lambda m: _shared_style(m["css"], page), content)
    return _links_bar(config, files, page, stem) + content


def _shared_style(css: str, page) -> str:
    """Une feuille de style de nbconvert (la même pour chaque notebook) devient un fichier partagé."""
    name = f"{STYLES}/{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    _styles[name] = css
    return f'<link rel="stylesheet" href="{get_relative_url(name, page.url)}">'


def on_post_build(config):
    for name, css in _styles.items():
        target = Path(config.site_dir) / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != css:
            target.write_text(css, encoding="utf-8")


def _alt_texts(content: str, notebook: Path) -> str:
    """Les figures dans l'ordre du notebook : leur titre (text/plain de la sortie) comme texte alternatif."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    titles = iter([
        "".join(output["data"].get("text/plain", []))
        for cell in cells if cell["cell_type"] == "code"
        for output in cell.get("outputs", []) if "image/png" in output.get("data", {})
    ])
    return re.sub(re.escape(NO_ALT), lambda _: f'alt="{html.escape(next(titles, ""), quote=True)}"', content)


def _links_bar(config, files, page, stem: str) -> str:
    root = Path(config.config_file_path).resolve().parent
    notebook = files.get_file_from_path(f"{FOLDER}/{stem}.ipynb")
    links = [f'<a class="md-button md-button--primary" href="{get_relative_url(notebook.url, page.url)}" '
             f'download="{stem}.ipynb">Télécharger le notebook</a>']
    colab = colab_url(root, f"{FOLDER}/{stem}.ipynb")
    if colab:
        links.append(f'<a class="md-button" href="{html.escape(colab, quote=True)}">Ouvrir dans Colab</a>')
    chapter = files.get_file_from_path(f"{stem}.md")
    if chapter is not None:
        links.append(f'<a class="md-button" href="{get_relative_url(chapter.url, page.url)}">Page du cours</a>')
    return ('<p class="notebook-liens">' + " ".join(links) + "</p>\n"
            '<p class="notebook-note">Les sorties sont celles de l\'exécution qui a construit ce site ; '
            "rien n'est ré-exécuté pour cette page.</p>\n")
