"""Ce qu'une page inclut, vérifié avant toute construction, avec le fichier et la ligne de la page.

Une page montre un bloc par une seule ligne, qui inclut le code de la cellule et sa sortie :

    --8<-- "_freeze/tenseurs/creation/scalaire.md"

cite la sortie seule d'une cellule montrée ailleurs (errata) par `…/scalaire.sortie.md`, et finit par son
pied `--8<-- "_freeze/pages/<page>.md"`. Ce module ne dépend que de la bibliothèque standard et de `cells` :
le hook de MkDocs l'utilise à chaque construction, sans importer TensorFlow.

Il dit aussi ce qu'une exécution page par page prouverait, sans la payer : les blocs d'une page collés dans
l'ordre dans un notebook neuf exécutent chaque snippet en entier, dans l'ordre (`blocks_in_order`) ; un
snippet y verrait pourtant les noms définis par ceux d'au-dessus : `notebook_conflicts` signale ceux qui
liraient un nom d'un autre snippet au lieu d'un nom de Python (ou un nom qui n'existe pas dans un notebook,
comme `__file__`). L'état global laissé modifié par un snippet est, lui, mesuré par le worker.
"""

from __future__ import annotations

import ast
import builtins
import re
import symtable
import textwrap
from dataclasses import dataclass
from pathlib import Path

from cells import SnippetFormatError, cells_of
from freeze import OUTPUT_SUFFIX, REPORT_DIR, Layout

# La syntaxe des pages, définie ici seulement : inclusion de pymdownx.snippets, bloc de code, admonition
INCLUDE = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+"(?P<path>[^"]+)"[ \t]*$')
FENCE = re.compile(r"^(?P<indent>[ ]*)(?P<ticks>`{3,}|~{3,})")
ADMONITION = re.compile(r'^(?P<indent>[ ]*)(?:!!!|\?\?\?\+?)[ ]+(?P<kind>[\w-]+)(?:[ ]+inline(?:[ ]+end)?)?[ ]*'
                        r'(?:"(?P<title>[^"]*)")?[ ]*$')
# _freeze/pages/ (pieds de page) et _freeze/rapport/ (rapport de vérification) ne sont pas des cellules
FREEZE_CELL = re.compile(
    rf"^_freeze/(?P<id>(?!pages/|{REPORT_DIR}/)[^\"]+)/(?P<cell>[^/\"]+?)(?P<suffix>\.sortie\.md|\.md)$"
)
NOTEBOOK_NAMES = set(dir(builtins)) - {"__file__"}


@dataclass(frozen=True)
class Include:
    page: Path
    line: int
    snippet_id: str
    cell: str
    block: bool  # True : code + sortie ; False : sortie seule (citation)

    @property
    def where(self) -> str:
        return f"docs/{self.page.name}:{self.line}"


def includes(page: Path, text: str | None = None) -> list[Include]:
    """Les inclusions de cellules de la page, dans l'ordre."""
    text = page.read_text(encoding="utf-8") if text is None else text
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        match = INCLUDE.match(line)
        cell = FREEZE_CELL.match(match["path"]) if match else None
        if cell:
            found.append(Include(page, number, cell["id"], cell["cell"], cell["suffix"] == ".md"))
    return found


def included_lines(root: Path, line: str) -> list[str] | None:
    """Ce qu'insère une inclusion d'un autre fichier du dépôt que _freeze/ (le code de la démo TensorFlow.js),
    section `fichier:nom` comprise, comme le fait pymdownx.snippets ; None pour toute autre ligne."""
    match = INCLUDE.match(line)
    if not match or match["path"].startswith("_freeze/"):
        return None
    path, _, section = match["path"].partition(":")
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    if section:
        start = next(k for k, text in enumerate(lines) if f"--8<-- [start:{section}]" in text)
        end = next(k for k, text in enumerate(lines) if f"--8<-- [end:{section}]" in text)
        lines = textwrap.dedent("\n".join(lines[start + 1 : end])).splitlines()  # dedent_subsections
    return [match["indent"] + text if text else text for text in lines]


def blocks(page: Path, text: str | None = None) -> list[Include]:
    return [i for i in includes(page, text) if i.block]


def page_snippet_ids(page: Path, text: str | None = None) -> list[str]:
    """Les snippets dont la page montre le code (pas ceux dont elle cite seulement une sortie)."""
    return list(dict.fromkeys(i.snippet_id for i in blocks(page, text)))


def broken_includes(layout: Layout, page: Path, text: str | None = None) -> dict[int, str]:
    """Ligne de la page → ce qui ne va pas, pour chaque inclusion qui ne désigne pas une cellule existante."""
    problems = {}
    for inc in includes(page, text):
        snippet = layout.snippet_path(inc.snippet_id)
        shown = f"_freeze/{inc.snippet_id}/{inc.cell}{'.md' if inc.block else OUTPUT_SUFFIX}"
        if not snippet.is_file():
            problems[inc.line] = f"{inc.where}: « {shown} » : le snippet snippets/{inc.snippet_id}.py n'existe pas"
            continue
        try:
            names = [c.name for c in cells_of(snippet)[1]]
        except (SnippetFormatError, UnicodeDecodeError) as error:
            problems[inc.line] = f"{inc.where}: « {shown} » : {error}"
            continue
        if inc.cell not in names:
            problems[inc.line] = (
                f"{inc.where}: « {shown} » : la cellule « {inc.cell} » n'existe pas dans "
                f"snippets/{inc.snippet_id}.py (cellules : {', '.join(names)})"
            )
    return problems


def include_problems(layout: Layout, page: Path, text: str | None = None) -> list[str]:
    """Chaque inclusion désigne une cellule qui existe : sinon, la page, sa ligne et ce qui manque."""
    return list(broken_includes(layout, page, text).values())


def all_include_problems(layout: Layout) -> list[str]:
    return [p for page in layout.pages() for p in include_problems(layout, page)]


# --- la page lue comme un notebook ----------------------------------------------------------------------

def _scope_names(table: symtable.SymbolTable) -> tuple[set[str], set[str]]:
    """(noms liés au niveau du module, noms globaux lus dans n'importe quelle portée)."""
    bound, read = set(), set()
    for symbol in table.get_symbols():
        if symbol.is_assigned() or symbol.is_imported() or symbol.is_namespace():
            bound.add(symbol.get_name())
        if symbol.is_referenced():
            read.add(symbol.get_name())
    for child in table.get_children():
        read |= _global_reads(child)
    return bound, read


def _global_reads(table: symtable.SymbolTable) -> set[str]:
    read = {s.get_name() for s in table.get_symbols() if s.is_referenced() and s.is_global()}
    for child in table.get_children():
        read |= _global_reads(child)
    return read


def free_and_bound(path: Path) -> tuple[set[str], set[str]]:
    """(noms que le snippet lit sans les définir, noms qu'il définit au niveau du module)."""
    text = path.read_text(encoding="utf-8")
    bound, read = _scope_names(symtable.symtable(text, str(path), "exec"))
    return read - bound, bound


def notebook_conflicts(layout: Layout, page: Path) -> list[str]:
    """Ce qui rendrait la page, collée bloc par bloc dans un notebook, différente de ses snippets seuls."""
    problems, defined = [], {}
    for snippet_id in page_snippet_ids(page):
        path = layout.snippet_path(snippet_id)
        try:
            free, bound = free_and_bound(path)
        except (SyntaxError, OSError):
            continue  # l'exécution le signale avec la ligne
        first = next(i for i in blocks(page) if i.snippet_id == snippet_id)
        for name in sorted(free):
            if name in defined:
                problems.append(
                    f"{first.where}: dans un notebook, snippets/{snippet_id}.py lirait « {name} » défini par "
                    f"snippets/{defined[name]}.py plus haut, au lieu du nom de Python ; renommez-le"
                )
            elif name not in NOTEBOOK_NAMES:
                problems.append(
                    f"{first.where}: snippets/{snippet_id}.py utilise « {name} », qui n'existe pas dans un notebook"
                )
        for name in bound:
            defined.setdefault(name, snippet_id)
    return problems + rebinding_conflicts(layout, page)


def _cell_names(path: Path) -> dict[str, tuple[set[str], dict[str, str | None]]]:
    """Cellule → (noms qu'elle lit sans les lier elle-même, noms qu'elle lie au niveau du module → l'import
    qui les lie, ou None pour toute autre liaison)."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = {}
    for cell in cells_of(path)[1]:
        source = cell.source(lines)
        bound, read = _scope_names(symtable.symtable(source, str(path), "exec"))
        kinds: dict[str, str | None] = {name: None for name in bound}
        for node in ast.parse(source).body:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else None
                for alias in node.names:
                    name = alias.asname or alias.name.split(".")[0]
                    if kinds.get(name, "") is None:
                        kinds[name] = f"{module}:{alias.name}" if module else alias.name
            elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                # `digits = load_digits()` des deux côtés : la même valeur, si l'expression ne lit que des noms
                # importés par la cellule elle-même
                used = {n.id for n in ast.walk(node.value) if isinstance(n, ast.Name)}
                if all(kinds.get(n) and not kinds[n].startswith("valeur:") for n in used):
                    kinds[node.targets[0].id] = "valeur:" + ast.dump(node.value)
        found[cell.name] = (read - bound, kinds)
    return found


def rebinding_conflicts(layout: Layout, page: Path) -> list[str]:
    """Dans un notebook, un bloc d'un autre snippet placé entre deux blocs d'un snippet peut relier un nom
    que ce snippet a lié plus haut et relit ensuite : le notebook afficherait alors autre chose que la page
    (`t` de l'introduction, relié par un exercice entre deux cellules de `concepts.py`). Le même import des
    deux côtés (`import numpy as np`) ne change rien."""
    problems, names, seen = [], {}, []
    for block in blocks(page):
        try:
            cells = names.setdefault(block.snippet_id, _cell_names(layout.snippet_path(block.snippet_id)))
        except (SyntaxError, OSError, SnippetFormatError):
            continue
        free, _ = cells.get(block.cell, (set(), {}))
        own: dict[str, str | None] = {}
        start = None
        for index, earlier in enumerate(seen):
            if earlier.snippet_id == block.snippet_id:
                start = index if start is None else start
                own.update(cells.get(earlier.cell, (set(), {}))[1])
        if start is None:
            seen.append(block)
            continue
        for other in seen[start + 1 :]:
            if other.snippet_id == block.snippet_id:
                continue
            theirs = names.get(other.snippet_id, {}).get(other.cell, (set(), {}))[1]
            for name in sorted(free & set(own) & set(theirs)):
                if own[name] is None or theirs[name] != own[name]:
                    problems.append(
                        f"{block.where}: dans un notebook, « {name} » lu par cette cellule de snippets/"
                        f"{block.snippet_id}.py aurait été relié par snippets/{other.snippet_id}.py "
                        f"({other.where}) ; renommez-le dans l'un des deux"
                    )
        seen.append(block)
    return list(dict.fromkeys(problems))
