"""Découpe un snippet en cellules et lit ses sorties attendues (`#>`).

Les cellules sont les sections standard de pymdownx.snippets (`# --8<-- [start:nom]` … `[end:nom]`), celles
que les pages incluent avec `--8<-- "snippets/x.py:nom"` ; un fichier sans section est une seule cellule
nommée `script`. Ce module ne dépend de rien d'autre que la bibliothèque standard : il est lu à chaque
construction, sans importer TensorFlow.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

WHOLE_FILE = "script"
SECTION = re.compile(r"^\s*#\s*-{1,}8<-{1,}\s*\[\s*(start|end)\s*:\s*([^\]\s]*)\s*\]\s*$")
# Les noms que pymdownx.snippets accepte (RE_SNIPPET_SECTION) ; le cours s'en tient aux minuscules.
SECTION_NAME = re.compile(r"^[a-z][_0-9a-z]*$")
EXPECTED = re.compile(r"^\s*#>(?: (.*)|)$")
TRACEBACK_HEADER = "Traceback (most recent call last):"
# Ce qu'un terminal n'affiche pas : séquences ANSI (couleurs, titre de fenêtre) et caractères de contrôle.
ANSI = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SnippetFormatError(Exception):
    """Un snippet mal formé : le message nomme le fichier et la ligne."""

    def __init__(self, path: Path, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line = path, line


@dataclass(frozen=True)
class ExpectedLine:
    text: str
    line: int  # numéro de ligne (1 = première) dans le fichier du snippet


@dataclass
class Cell:
    name: str
    first_line: int  # première ligne de code de la cellule
    last_line: int
    expected: list[ExpectedLine] = field(default_factory=list)

    @property
    def raises(self) -> bool:
        """Vrai si la cellule déclare une exception, à la manière de doctest."""
        return any(e.text.strip() == TRACEBACK_HEADER for e in self.expected)

    def display_code(self, file_lines: list[str]) -> str:
        """Le code que montre la page : les lignes de la cellule sans ses lignes `#>` (la sortie est
        montrée une seule fois, dans l'encadré « Sortie »), sans lignes vides à la fin."""
        kept = [line for line in file_lines[self.first_line - 1 : self.last_line] if not EXPECTED.match(line)]
        while kept and not kept[-1].strip():
            kept.pop()
        return "\n".join(kept) + "\n" if kept else ""

    def source(self, file_lines: list[str]) -> str:
        """Le code du fichier où seules les lignes de la cellule restent : les numéros de ligne des
        tracebacks sont ceux du fichier."""
        kept = [
            line if self.first_line <= number <= self.last_line else ""
            for number, line in enumerate(file_lines, start=1)
        ]
        return "\n".join(kept) + "\n"


def parse_cells(path: Path, text: str | None = None) -> list[Cell]:
    """Les cellules du snippet, dans l'ordre du fichier."""
    text = path.read_text(encoding="utf-8") if text is None else text
    lines = text.splitlines()
    markers = [(n, m.group(1), m.group(2)) for n, line in enumerate(lines, 1) if (m := SECTION.match(line))]
    if not markers:
        cells = [Cell(WHOLE_FILE, 1, len(lines))]
    else:
        cells = _sections(path, lines, markers)
    for cell in cells:
        cell.expected = [
            ExpectedLine(m.group(1) or "", n)
            for n in range(cell.first_line, cell.last_line + 1)
            if (m := EXPECTED.match(lines[n - 1]))
        ]
    _check_traceback_is_last(path, cells)
    return cells


def _sections(path: Path, lines: list[str], markers: list[tuple[int, str, str]]) -> list[Cell]:
    cells: list[Cell] = []
    open_name, open_line = None, 0
    for number, kind, name in markers:
        if not SECTION_NAME.match(name):
            raise SnippetFormatError(
                path, number, f"nom de section « {name} » invalide : une lettre minuscule puis des minuscules, "
                "chiffres ou « _ » (ex. « donnees_1 ») ; pymdownx.snippets refuserait l'inclusion"
            )
        if kind == "start":
            if open_name is not None:
                raise SnippetFormatError(path, number, f"section « {name} » ouverte dans « {open_name} »")
            if any(c.name == name for c in cells):
                raise SnippetFormatError(path, number, f"section « {name} » définie deux fois")
            open_name, open_line = name, number
        else:
            if name != open_name:
                raise SnippetFormatError(path, number, f"fin de section « {name} » sans son début")
            cells.append(Cell(name, open_line + 1, number - 1))
            open_name = None
    if open_name is not None:
        raise SnippetFormatError(path, open_line, f"section « {open_name} » jamais fermée")
    inside = {n for c in cells for n in range(c.first_line - 1, c.last_line + 2)}
    for number, line in enumerate(lines, 1):
        if line.strip() and number not in inside:
            raise SnippetFormatError(
                path, number, "ligne hors de toute section : la page ne la montrerait pas"
            )
    return cells


def _check_traceback_is_last(path: Path, cells: list[Cell]) -> None:
    for cell in cells[:-1]:
        if cell.raises:
            raise SnippetFormatError(
                path, cell.expected[0].line,
                f"la cellule « {cell.name} » doit lever une exception : ce doit être la dernière du fichier",
            )


def cells_of(path: Path) -> tuple[list[str], list[Cell]]:
    """(lignes, cellules) du fichier, relu seulement s'il a changé (le hook de MkDocs les demande souvent)."""
    stat = path.stat()
    return _cells_of(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _cells_of(path: str, mtime_ns: int, size: int) -> tuple[list[str], list[Cell]]:
    text = Path(path).read_text(encoding="utf-8")
    return text.splitlines(), parse_cells(Path(path), text)
