"""Compare ce qu'une cellule a affiché à ses lignes `#>`, à la manière de doctest.

- `...` dans une ligne remplace n'importe quel texte ; une ligne `...` seule, n'importe quel nombre de lignes ;
- `0.873±0.004` : ce nombre-là peut s'écarter de 0,004 (`12±10%` : écart relatif) ; un nombre écrit sans `±`
  doit être identique. La tolérance s'attache au nombre qui varie d'une machine à l'autre, pas à la ligne
  (`scripts/tolerances.py` la mesure) ; sur la page, les lignes `#>` ne sont pas montrées.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from cells import ExpectedLine

ELLIPSIS = "..."
FINITE = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
# nan et inf seulement en mots entiers : le « inf » de « tensor_info » n'est pas un nombre
NUMBER = re.compile(rf"{FINITE}|(?<!\w)(?:nan|inf)(?!\w)")  # \w : lettres accentuées comprises
# Un nombre suivi de sa tolérance, sans espace : « 0.873±0.004 », « 12±10% ».
TOLERANT = re.compile(rf"(?P<number>{FINITE})±(?P<limit>\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)(?P<percent>%?)")


@dataclass(frozen=True)
class Mismatch:
    """Premier écart : la ligne attendue (et sa ligne dans le snippet) face à la ligne obtenue."""

    line: int | None  # ligne du snippet ; None si la sortie est plus longue que l'attendu
    expected: str
    actual: str

    def describe(self, path: str) -> str:
        where = f"{path}:{self.line}" if self.line else path
        return f"{where}: sortie différente de l'attendu\n  attendu : {self.expected!r}\n  obtenu  : {self.actual!r}"


def output_lines(text: str) -> list[str]:
    text = text.rstrip("\n")
    return [line.rstrip() for line in text.split("\n")] if text else []


def compare(expected: list[ExpectedLine], actual_text: str) -> Mismatch | None:
    """None si la sortie correspond, sinon le premier écart trouvé (au plus loin de l'attendu)."""
    actual = output_lines(actual_text)
    furthest: list[tuple[int, int]] = [(0, 0)]  # (i, -j) : l'attendu le plus avancé, au plus tôt

    @lru_cache(maxsize=None)
    def match(i: int, j: int) -> bool:
        furthest[0] = max(furthest[0], (i, -j))
        if i == len(expected):
            return j == len(actual)
        if expected[i].text.strip() == ELLIPSIS:
            return any(match(i + 1, k) for k in range(j, len(actual) + 1))
        return j < len(actual) and line_matches(expected[i].text, actual[j]) and match(i + 1, j + 1)

    if match(0, 0):
        return None
    i, j = furthest[0][0], -furthest[0][1]
    got = actual[j] if j < len(actual) else "(fin de la sortie)"
    if i == len(expected):
        return Mismatch(None, "(fin de l'attendu)", got)
    return Mismatch(expected[i].line, expected[i].text, got)


def line_matches(pattern: str, actual: str) -> bool:
    regex, tolerances = _compile(pattern)
    found = regex.fullmatch(actual.rstrip())
    if not found:
        return False
    return all(_close(want, float(got), limit, relative)
               for (want, limit, relative), got in zip(tolerances, found.groups()))


def strip_tolerances(pattern: str) -> str:
    """La ligne telle que la sortie l'affiche : « 0.873±0.004 » → « 0.873 »."""
    return TOLERANT.sub(lambda m: m["number"], pattern)


def _regex(numbers: re.Pattern, pattern: str) -> tuple[re.Pattern, list[re.Match]]:
    """L'expression qui reconnaît la ligne : `...` pour n'importe quel texte, chaque nombre que trouve
    `numbers` pour n'importe quel nombre (capturé), le reste tel quel."""
    parts, found = [], []
    for k, chunk in enumerate(pattern.rstrip().split(ELLIPSIS)):
        if k:
            parts.append(".*?")
        last = 0
        for number in numbers.finditer(chunk):
            parts += [re.escape(chunk[last : number.start()]), f"({NUMBER.pattern})"]
            found.append(number)
            last = number.end()
        parts.append(re.escape(chunk[last:]))
    return re.compile("".join(parts), re.S), found


@lru_cache(maxsize=4096)
def _compile(pattern: str) -> tuple[re.Pattern, tuple[tuple[float, float, bool], ...]]:
    """La ligne telle qu'elle se vérifie (un nombre sans `±` est du texte exact), et pour chaque nombre à
    tolérance : (valeur, écart permis, relatif)."""
    regex, found = _regex(TOLERANT, pattern)
    return regex, tuple((float(m["number"]), float(m["limit"]), m["percent"] == "%") for m in found)


@lru_cache(maxsize=4096)
def loose(pattern: str) -> tuple[re.Pattern, tuple[str, ...]]:
    """L'expression qui reconnaît la ligne quels que soient ses nombres, et ces nombres tels qu'écrits
    (pour aligner une sortie sur les lignes `#>` et mesurer l'écart de chaque nombre)."""
    regex, found = _regex(NUMBER, strip_tolerances(pattern))
    return regex, tuple(m.group() for m in found)


def _close(want: float, got: float, limit: float, relative: bool) -> bool:
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    allowed = limit / 100 * abs(want) if relative else limit
    return abs(want - got) <= allowed + 1e-12
