"""Compare ce qu'une cellule a affiché à ses lignes `#>`, à la manière de doctest.

- `...` dans une ligne remplace n'importe quel texte ; une ligne `...` seule, n'importe quel nombre de lignes ;
- `±0.02` en fin de ligne : chaque nombre de la ligne peut s'écarter de 0,02 ; `±1%` : écart relatif.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from cells import ExpectedLine

ELLIPSIS = "..."
TOLERANCE = re.compile(r"\s+±\s*(\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*(%?)\s*$")
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf")


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
    tolerance = TOLERANCE.search(pattern)
    if tolerance:
        pattern = pattern[: tolerance.start()]
    pattern = pattern.rstrip()
    regex, numbers = _compile(pattern, with_numbers=bool(tolerance))
    found = regex.fullmatch(actual.rstrip())
    if not found:
        return False
    if not tolerance:
        return True
    limit, relative = float(tolerance.group(1)), tolerance.group(2) == "%"
    return all(
        _close(float(want), float(got), limit, relative) for want, got in zip(numbers, found.groups())
    )


@lru_cache(maxsize=4096)
def _compile(pattern: str, with_numbers: bool) -> tuple[re.Pattern, tuple[str, ...]]:
    parts, numbers = [], []
    for k, chunk in enumerate(pattern.split(ELLIPSIS)):
        if k:
            parts.append(".*?")
        if not with_numbers:
            parts.append(re.escape(chunk))
            continue
        last = 0
        for number in NUMBER.finditer(chunk):
            parts.append(re.escape(chunk[last : number.start()]))
            parts.append(f"({NUMBER.pattern})")
            numbers.append(number.group())
            last = number.end()
        parts.append(re.escape(chunk[last:]))
    return re.compile("".join(parts), re.S), tuple(numbers)


def _close(want: float, got: float, limit: float, relative: bool) -> bool:
    if math.isnan(want) or math.isnan(got):
        return math.isnan(want) and math.isnan(got)
    allowed = limit / 100 * abs(want) if relative else limit
    return abs(want - got) <= allowed + 1e-12
