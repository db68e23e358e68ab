"""Une page → un notebook Jupyter : sa prose en cellules Markdown, ses blocs en cellules de code (le code de
la cellule du snippet, sans ses lignes `#>`), dans l'ordre de la page, **avec les sorties de l'exécution du
site** : celles que `scripts/execute.py` a enregistrées dans `_freeze/<chap>/<nom>/meta.json` (texte en
sortie `stream`, figures en `display_data` image/png lues dans docs/figures/, exception déclarée en sortie
`error`). Rien n'est ré-exécuté ; une cellule dont l'enregistrement manque, a échoué ou ne correspond plus au
code (clé différente) reste sans sortie, comme un notebook pas encore exécuté.

La prose est rendue lisible dans Jupyter et Colab, qui ne connaissent pas les extensions de Material : une
admonition (`!!! note "Titre"`) devient une citation titrée, un identifiant de titre (`{#id}`) une ancre
HTML, et un lien vers une page du site devient son adresse sur le site (`site_url`), ou du texte tant que
`site_url` n'est pas réglé : un notebook téléchargé ou ouvert dans Colab n'a aucun lien vers une source `.md`.

Dans l'énoncé d'un TP (`tp-x.md`, pas `tp-x-solution.md`), chaque consigne (sous-section de « Consignes »
ou « Travail demandé », et « Pour aller plus loin ») est suivie d'une cellule de code vide, marquée
`exercice` : c'est là que l'apprenant écrit ; les blocs de la page (chargement des données) gardent leur
code et leur sortie.

Les notebooks vont dans docs/notebooks/ et sont versionnés : le lien « Télécharger le notebook » marche
aussi dans un site construit par Zensical, qui n'exécute aucun hook. Le JSON est écrit comme le fait
`nbformat.writes` (nbformat 4.5, clés triées, identifiants de cellule stables), sans importer nbformat : le
hook de MkDocs le régénère à chaque construction.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

from cache_key import snippet_key, versions
from cells import cells_of
from freeze import Layout, write_if_changed
from pages import ADMONITION, FENCE, INCLUDE, blocks, included_lines
from records import CellResult
from preparation import HEADER_TAG, PREPARATION_TAG, header_markdown, needs, preparation_code
from site_config import colab_url, page_url

HEADING = re.compile(r"^(?P<hashes>#{1,6})[ ]+(?P<text>.*?)(?:[ ]*\{[ ]*#(?P<id>[\w-]+)[ ]*\})?[ ]*$")
LINK = re.compile(r"(?P<image>!?)\[(?P<text>[^\]]*)\]\((?P<target>(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)[^)\s#]+)"
                  r"(?P<anchor>#[^)\s]*)?\)")
EXERCISES = re.compile(r"^##[ ]+(?:Consignes|Travail demandé)\b")
FURTHER = re.compile(r"^##[ ]+Pour aller plus loin\b")
EXERCISE_TAG = "exercice"
# Les titres par défaut de Material en français, pour une admonition sans titre.
TITLES = {"note": "Note", "abstract": "Résumé", "info": "Info", "tip": "Astuce", "success": "Succès",
          "question": "Question", "warning": "Avertissement", "failure": "Échec", "danger": "Danger",
          "bug": "Bogue", "example": "Exemple", "quote": "Citation"}
EXERCISE = object()  # marque, dans la suite des lignes d'une page, la place d'une cellule d'exercice


def is_statement(page: Path) -> bool:
    """L'énoncé d'un TP : ses consignes reçoivent des cellules vides."""
    return page.stem.startswith("tp-") and not page.stem.endswith("-solution")


def has_notebook(page: Path) -> bool:
    """Une page a un notebook si elle montre du code, ou si c'est l'énoncé d'un TP (consignes et cellules
    vides à remplir, même quand la page ne montre aucun bloc)."""
    return bool(blocks(page)) or is_statement(page)


def render(layout: Layout, page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    wanted = {i.line: i for i in blocks(page, text)}
    items: list = []  # lignes de prose (str), blocs (Include), places d'exercice (EXERCISE)
    for number, line in enumerate(text.splitlines(), 1):
        if number in wanted:
            items.append(wanted[number])
        elif (included := included_lines(layout.root, line)) is not None:
            items.extend(included)  # le code de la démo, tel que la page le montre
        elif not ((m := INCLUDE.match(line)) and m["path"].startswith("_freeze/")):  # pied de page, sorties citées
            items.append(line)
    if is_statement(page):
        items = _with_exercise_cells(items)
    items = _for_jupyter(layout, text.splitlines(), items)

    codes: dict[str, tuple[list[str], dict]] = {}
    records: dict[str, dict[str, CellResult] | None] = {}
    cells, prose, count = [], [], 0
    for item in items:
        if isinstance(item, str):
            prose.append(item)
            continue
        _add_markdown(cells, prose)
        prose = []
        if item is EXERCISE:
            cells.append(_cell("code", "", {"tags": [EXERCISE_TAG]}))
            continue
        snippet_id = item.snippet_id
        if snippet_id not in codes:
            lines, cells_found = cells_of(layout.snippet_path(snippet_id))
            codes[snippet_id] = (lines, {c.name: c for c in cells_found})
            records[snippet_id] = _valid_results(layout, snippet_id)
        lines, by_name = codes[snippet_id]
        code = _cell("code", by_name[item.cell].display_code(lines).rstrip("\n"),
                     {"cours": {"cellule": f"snippets/{snippet_id}.py:{item.cell}"}})
        result = (records[snippet_id] or {}).get(item.cell)
        if result is not None:
            count += 1
            code["execution_count"] = count
            code["outputs"] = _outputs(layout, snippet_id, result, count)
        cells.append(code)
    _add_markdown(cells, prose)
    cells = _opening_cells(layout, page, text) + [_with_links(layout, c) for c in cells]
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


def _opening_cells(layout: Layout, page: Path, text: str) -> list[dict]:
    """L'en-tête (d'où vient le notebook, ses liens) et la cellule Préparation (installations, versions)."""
    title = next((m[1] for m in re.finditer(r"^#[ ]+(.+?)(?:[ ]*\{[^}]*\})?[ ]*$", text, re.M)), page.stem)
    notebook = f"notebooks/{page.stem}.ipynb"
    header = header_markdown(title, page_url(layout.root, page.name), colab_url(layout.root, notebook),
                             page_url(layout.root, notebook))
    ids = list(dict.fromkeys(i.snippet_id for i in blocks(page, text)))
    records = [r for r in (layout.record(layout.snippet_path(i)) for i in ids) if r]
    report = page_url(layout.root, "rapport.md")
    code = preparation_code(needs(layout, ids), records[0].versions if records else versions(),
                            f"{report}#matrice" if report else None)
    return [_cell("markdown", header, {"tags": [HEADER_TAG]}), _cell("code", code, {"tags": [PREPARATION_TAG]})]


# --- sorties : les enregistrements de l'exécution du site ---------------------------------------------

def _valid_results(layout: Layout, snippet_id: str) -> dict[str, CellResult] | None:
    """Les résultats par cellule, si l'enregistrement est celui du code actuel et a réussi."""
    path = layout.snippet_path(snippet_id)
    record = layout.record(path)
    if record is None or record.status != "ok" or record.key != snippet_key(path, layout.root):
        return None
    return {c.name: c for c in record.cells}


def _outputs(layout: Layout, snippet_id: str, result: CellResult, count: int) -> list[dict]:
    outputs = []
    text = result.stdout
    if result.truncated:
        text += f"[… sortie tronquée : {result.truncated} ligne(s) de plus non montrées]\n"
    if text:
        outputs.append({"name": "stdout", "output_type": "stream", "text": text.splitlines(keepends=True)})
    if result.warnings or result.stderr:
        warnings = result.stderr + "".join(w if w.endswith("\n") else w + "\n" for w in result.warnings)
        outputs.append({"name": "stderr", "output_type": "stream", "text": warnings.splitlines(keepends=True)})
    for figure in result.figures:
        png = (layout.figure_dir(layout.snippet_path(snippet_id)) / figure.file).read_bytes()
        outputs.append({
            "data": {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": [figure.alt]},
            "metadata": {}, "output_type": "display_data",
        })
    if result.error:
        prefix = f"{result.error.type}: "
        message = result.error.message
        outputs.append({
            "ename": result.error.type,
            "evalue": message[len(prefix):] if message.startswith(prefix) else message,
            "output_type": "error",
            "traceback": result.error.traceback.rstrip("\n").split("\n"),
        })
    return outputs


# --- la prose, lisible dans Jupyter et Colab --------------------------------------------------------------

def _with_exercise_cells(items: list) -> list:
    """Une place d'exercice à la fin de chaque consigne : sous-section `###` de « Consignes » (ou de
    « Travail demandé »), cette section entière si aucune sous-section ne la découpe, « Pour aller plus loin »."""
    out, in_exercises, open_exercise, fence = [], False, None, None
    for item in items:
        if isinstance(item, str):
            fence = _fence_state(item, fence)
            heading = HEADING.match(item) if fence is None else None
            if heading and len(heading["hashes"]) <= 3:
                level = len(heading["hashes"])
                if open_exercise == "section" and level == 3:
                    open_exercise = None  # l'introduction des consignes n'en est pas une
                elif open_exercise:
                    _end_exercise(out)
                    open_exercise = None
                if level <= 2:
                    in_exercises = bool(EXERCISES.match(item))
                    open_exercise = "section" if in_exercises else ("plus loin" if FURTHER.match(item) else None)
                elif in_exercises:
                    open_exercise = "consigne"
        out.append(item)
    if open_exercise:
        _end_exercise(out)
    return out


def _end_exercise(out: list) -> None:
    blank = []
    while out and isinstance(out[-1], str) and not out[-1].strip():
        blank.append(out.pop())
    out.append(EXERCISE)
    out.extend(blank)


def _fence_state(line: str, fence: str | None) -> str | None:
    match = FENCE.match(line)
    if fence is None:
        return match["ticks"] if match else None
    if match and match["ticks"][0] == fence[0] and len(match["ticks"]) >= len(fence) and \
            not line.strip()[len(match["ticks"]):].strip():
        return None
    return fence


def _for_jupyter(layout: Layout, page_lines: list[str], items: list) -> list:
    """Admonitions en citations titrées, `{#id}` des titres en ancres, liens relatifs à docs/notebooks/."""
    indents = {n: len(line) - len(line.lstrip(" ")) for n, line in enumerate(page_lines, 1)}
    out: list = []
    stack: list[int] = []  # colonne où commence chaque admonition ouverte
    fence, blanks = None, 0  # lignes vides en attente : citées selon la ligne qui les suit
    for item in items:
        if not isinstance(item, str):
            indent = indents.get(item.line, 0) if item is not EXERCISE else 0
            while stack and indent < stack[-1] + 4:
                stack.pop()
            out.extend([""] * blanks)
            blanks = 0
            out.append(item)
            continue
        line = item
        if not line.strip() and fence is None:
            blanks += 1
            continue
        if fence is None:
            indent = len(line) - len(line.lstrip(" "))
            while stack and indent < stack[-1] + 4:
                stack.pop()
        out.extend([_quoted(stack, "", blank=True)] * blanks)
        blanks = 0
        admonition = ADMONITION.match(line) if fence is None else None
        if admonition:
            kind = admonition["kind"]
            title = admonition["title"] if admonition["title"] is not None else TITLES.get(kind, kind.capitalize())
            column = len(admonition["indent"])
            out.append(_quoted(stack, " " * column + (f"> **{title}**" if title else ">"), blank=False))
            stack.append(column)
            continue
        fence = _fence_state(line, fence)
        body = line
        if fence is None and (heading := HEADING.match(_strip_quote_indent(stack, line))) and heading["id"]:
            out.append(_quoted(stack, " " * _depth(stack) + f'<a id="{heading["id"]}"></a>', blank=False))
            out.append(_quoted(stack, "", blank=True))
            body = " " * _depth(stack) + f'{heading["hashes"]} {heading["text"]}'
        out.append(_quoted(stack, body, blank=not line.strip()))
    out.extend([""] * blanks)
    return out


def _depth(stack: list[int]) -> int:
    return stack[-1] + 4 if stack else 0


def _strip_quote_indent(stack: list[int], line: str) -> str:
    return line[_depth(stack):] if stack else line


def _quoted(stack: list[int], line: str, blank: bool) -> str:
    """La ligne dans les citations des admonitions ouvertes (une par niveau)."""
    if not stack:
        return line
    prefix, column = "", 0
    for start in stack:
        prefix += " " * (start - column) + ">"
        column = start + 4
    if blank:
        return prefix
    return prefix + " " + line[column:]


def _links(layout: Layout, line: str) -> str:
    """Un lien vers un fichier de docs/ doit marcher hors du site (notebook téléchargé, Colab) : adresse absolue
    sur le site quand `site_url` est réglé ; sinon, une page (`keras.md#x`) n'est pas un lien (le texte reste,
    jamais un lien vers une source Markdown) et une image garde un chemin relatif à docs/notebooks/."""
    def rewrite(match: re.Match) -> str:
        target, anchor = match["target"], match["anchor"] or ""
        if not (layout.docs_dir / target).is_file():
            return match.group(0)
        url = page_url(layout.root, target)
        if url:
            return f"{match['image']}[{match['text']}]({url}{anchor})"
        if target.endswith(".md"):
            return match["text"]
        return f"{match['image']}[{match['text']}](../{target}{anchor})"

    return LINK.sub(rewrite, line)


def _with_links(layout: Layout, cell: dict) -> dict:
    """Les liens d'une cellule Markdown, réécrits sur toute la cellule (le texte d'un lien peut couper une ligne)."""
    if cell["cell_type"] == "markdown":
        cell["source"] = _links(layout, "".join(cell["source"])).splitlines(keepends=True)
    return cell


def _cell(kind: str, source: str, metadata: dict | None = None) -> dict:
    cell = {"cell_type": kind, "metadata": metadata or {}, "source": source.splitlines(keepends=True)}
    if kind == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell


def _add_markdown(cells: list, lines: list[str]) -> None:
    text = "\n".join(lines).strip("\n")
    if text.strip() and text.strip(">").strip():
        cells.append(_cell("markdown", text))


# --- liens : Colab ----------------------------------------------------------------------------------------

def export_all(layout: Layout, skip: set[Path] = frozenset()) -> list[Path]:
    """Écrit le notebook de chaque page qui en a un (sauf `skip` : pages aux inclusions cassées)."""
    written = []
    for page in layout.pages():
        if page not in skip and has_notebook(page):
            target = layout.notebook(page)
            write_if_changed(target, render(layout, page))
            written.append(target)
    return written


if __name__ == "__main__":
    for path in export_all(Layout(Path(__file__).resolve().parents[1])):
        print(path)
