"""La prose des pages : aucun nombre tapé à la main, une typographie française homogène, une orthographe juste.

1. **Nombres.** Tout nombre écrit dans la prose d'une page (hors blocs de code, lignes d'inclusion et formules
   `$…$`, mais code en ligne compris) qui a une partie décimale, vaut au moins 100, est un pourcentage ou porte
   une unité (« 14 s », « 19,3 Mo ») doit se trouver dans ce que la page inclut : le code et la sortie des
   cellules qu'elle montre (fragment, `meta.json`, fichier du snippet), la sortie des cellules qu'elle cite,
   les titres de figures, le pied « vérifié avec… ». Virgule décimale et espaces de milliers sont normalisés
   (0,884 ↔ 0.884, 1 000 ↔ 1000, 1,000, 1_000), et un arrondi honnête est accepté (« 0,88 » pour `0.884`,
   « 96 % » pour `0.9625`, « environ 62 000 » pour `61,706`). L'énoncé d'un TP (`tp-x.md`) peut aussi citer ce
   qu'inclut sa solution (`tp-x-solution.md`) : ses consignes doivent être celles que la solution exécute.
   Ne sont pas vérifiés : les années (1950 à 2100), les numéros de version (« Python 3.11 à 3.13 », `2.21.0`,
   « TensorFlow 2.x »), les renvois de section (« section 3.2 »), la puce « **Diapositive** : … » de l'errata
   (elle cite ce que dit la diapositive, faux par définition) et la courte liste ALLOWED ci-dessous, dont
   chaque entrée dit pourquoi.
2. **Typographie.** Espace insécable (U+00A0 ou U+202F) avant « : ; ! ? » quand ils suivent un mot, et à
   l'intérieur des guillemets « » ; apostrophe droite partout ; virgule décimale dans la prose ; chiffres
   groupés par une espace insécable (« 60 000 ») ; titres d'admonition compris, code, URL, attributs et
   formules exclus.
3. **Orthographe.** Chaque mot de la prose est connu de hunspell (dictionnaires Debian `hunspell-fr` et
   `hunspell-en-us`, pour les termes anglais donnés en italique) ou de la liste du projet, tests/mots.txt.

Chaque message donne la page, la ligne et ce qui ne va pas. Ce module ne lit que des fichiers : ni TensorFlow,
ni exécution.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path

import pytest

from pages import ADMONITION, FENCE, INCLUDE

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.glob("*.md"))

# Exceptions justifiées, par page : la chaîne exacte du nombre tel qu'il est écrit dans la prose.
ALLOWED: dict[str, dict[str, str]] = {}

# Typographie : passages en anglais cités tels quels (un titre d'article), où « : » suit le mot.
TYPOGRAPHY_ALLOWED = (
    "TensorFlow: Large-Scale Machine Learning",
)


# --- ce que la page montre comme prose ------------------------------------------------------------------

TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
LINK_DEFINITION = re.compile(r"^\s*\[[^\]]+\]:\s")
INLINE_CODE = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\$)(?:[^$\\]|\\.)+?\$")


@dataclass
class Line:
    number: int
    prose: str        # le texte lu : code en ligne, formules, URL, balises et attributs remplacés par « ⟨⟩ »
    code: list[str]   # le code en ligne de cette ligne
    slide_quote: bool = False  # puce « **Diapositive** : … » de l'errata : ce que dit la diapositive, cité
    source: str = ""           # la ligne telle qu'écrite dans la page


def mask(text: str, pattern: re.Pattern, keep: list[str] | None = None, group: int = 0) -> str:
    def replace(match):
        if keep is not None:
            keep.append(match.group(group))
        return "⟨⟩"
    return pattern.sub(replace, text)


def prose_lines(page: Path) -> tuple[list[Line], list[str]]:
    """Les lignes de prose de la page (numérotées comme dans le fichier) et les chemins qu'elle inclut."""
    lines = page.read_text(encoding="utf-8").split("\n")
    result, included = [], []
    fence, in_math, start, open_ticks, slide_quote = None, False, 0, None, False
    if lines and lines[0].strip() == "---":  # en-tête YAML
        start = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
    for index in range(start, len(lines)):
        raw, number = lines[index], index + 1
        if fence:
            if re.match(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$", raw):
                fence = None
            continue
        if opening := FENCE.match(raw):
            fence = opening["ticks"]
            continue
        if include := INCLUDE.match(raw):
            included.append(include["path"])
            continue
        if in_math:
            if "$$" in raw:
                in_math = False
            continue
        if raw.strip().startswith("$$") and raw.count("$$") == 1:
            in_math = True
            continue
        if TABLE_RULE.match(raw) or LINK_DEFINITION.match(raw):
            continue
        if admonition := ADMONITION.match(raw):
            raw = admonition["title"] or ""
        code: list[str] = []
        if not raw.strip():
            open_ticks = None
        if open_ticks:  # code en ligne commencé à la ligne précédente
            end = re.search(rf"(?<!`){open_ticks}(?!`)", raw)
            code.append(raw[: end.start()] if end else raw)
            raw = "⟨⟩" + (raw[end.end():] if end else "")
            open_ticks = None if end else open_ticks
        text = mask(raw, INLINE_CODE, code, group=2)
        if dangling := re.search(r"(?<!`)(`+)(?!`)", text):  # code en ligne qui continue à la ligne suivante
            open_ticks = dangling.group(1)
            code.append(text[dangling.end():])
            text = text[: dangling.start()] + "⟨⟩"
        if re.match(r"^\s*[-*+]\s+\*\*Diapositive\*\*", raw):
            slide_quote = True
        elif not raw.strip() or re.match(r"^\s*(?:[-*+]\s|#)", raw):
            slide_quote = False
        text = re.sub(r"\$\$.*?\$\$", "⟨⟩", text)
        text = mask(text, INLINE_MATH)
        text = re.sub(r"<!--.*?-->", "⟨⟩", text)
        text = re.sub(r"<(?:https?://|mailto:)[^>]*>", "⟨⟩", text)
        text = re.sub(r"</?[A-Za-z][^>]*>", "⟨⟩", text)                     # balises HTML et attributs
        text = re.sub(r"\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)", "]", text)  # cibles de liens
        text = re.sub(r"\]\[[^\]]*\]", "]", text)
        text = re.sub(r"https?://\S+", "⟨⟩", text)
        text = re.sub(r"\{\s*[#.:]?[\w-][^{}]*\}", "⟨⟩", text)               # attr_list, {#ancre}
        text = re.sub(r"&(?:#\d+|#x[0-9a-fA-F]+|\w+);", "⟨⟩", text)           # entités HTML
        text = re.sub(r":[a-z0-9_+-]+:", "⟨⟩", text)                          # :emoji:
        text = re.sub(r"!(?=\[)", "", text)                                   # image ![…](…)
        result.append(Line(number, text, code, slide_quote, lines[index]))
    return result, included


# --- ce que la page inclut -----------------------------------------------------------------------------

def evidence_text(page: Path, included: list[str]) -> str:
    """Tout ce que la page inclut : fragments, et pour chaque cellule sa sortie complète (meta.json),
    ses avertissements, les titres de ses figures ; pour une cellule montrée, le code de son snippet."""
    parts = []
    for path in included:
        fragment = ROOT / path
        if fragment.is_file():
            parts.append(fragment.read_text(encoding="utf-8"))
        cell = re.match(r"^_freeze/(?P<id>(?!pages/).+)/(?P<cell>[^/]+?)(?P<suffix>\.sortie\.md|\.md)$", path)
        if not cell:
            continue
        meta = ROOT / "_freeze" / cell["id"] / "meta.json"
        if meta.is_file():
            record = json.loads(meta.read_text(encoding="utf-8"))
            for entry in record.get("cells", []):
                if entry.get("name") == cell["cell"]:
                    parts.append(entry.get("stdout") or "")
                    parts.extend(entry.get("warnings") or [])
                    parts.extend(f.get("alt", "") for f in entry.get("figures") or [])
        snippet = ROOT / "snippets" / f"{cell['id']}.py"
        if cell["suffix"] == ".md" and snippet.is_file():
            # le code montré, sans les lignes `#>` (attentes et tolérances : la page ne les montre pas)
            parts.append("\n".join(line for line in snippet.read_text(encoding="utf-8").splitlines()
                                    if not line.lstrip().startswith("#>")))
    return "\n".join(parts)


GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,_ \u00a0\u202f]\d{3})+(?![\d])")
PLAIN = re.compile(r"(?<![\d])\d+(?:\.\d+)?")


def evidence_numbers(text: str) -> set[Decimal]:
    """Chaque nombre du texte, lu de toutes les façons plausibles : `1,384,512`, `1 000`, `1_000` sont des
    milliers ; `0.884`, `(1,2)` et `0,884` donnent aussi leurs nombres séparés."""
    numbers = {Decimal(m) for m in PLAIN.findall(text)}
    numbers |= {Decimal(m) for m in PLAIN.findall(text.replace(",", "."))}
    numbers |= {Decimal(re.sub(r"[,_ \u00a0\u202f]", "", m)) for m in GROUPED.findall(text)}
    return numbers


# --- les nombres de la prose ---------------------------------------------------------------------------

VERSION_NAMES = (
    r"Python|TensorFlow|Keras|NumPy|SciPy|CUDA|cuDNN|Numpy|pip|Debian|Ubuntu|macOS|Windows|Node\.js|"
    r"Material|MkDocs|KaTeX|Chromium|Apache|version|versions|v"
)
VERSION = r"\d+(?:\.(?:\d+|x))+\+?"
VERSION_RUN = re.compile(
    rf"(?:\b(?:{VERSION_NAMES})|⟨⟩)\s*(?:≥|>=|<=|<|>|=)?\s*"
    rf"(?P<run>{VERSION}(?:\s*(?:à|et|ou|,|-|–|/)\s*{VERSION})*)"
)
MULTI_DOT = re.compile(r"(?<![\d.])(?:\d+(?:\.\d+){2,}|\d+\.x)(?![\d.])")  # 2.21.0, 0.x
SECTION_REF = re.compile(r"\b(?:section|§|étape|chapitre|partie)\s+\d+(?:\.\d+)+")
UNIT = r"(?:ms|s|Mo|Ko|Go|octets|MB|KB|GB|MiB|KiB|GiB|Mio|Kio|Gio)\b"
APPROX = re.compile(r"(?:environ|près de|presque|≈|~|de l'ordre de|quelque)\s*$", re.I)
PROSE_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}(?:[\u00a0\u202f ]\d{3})+|\d+(?:[.,]\d+)?)"
    rf"(?P<after>\s?%|\s?{UNIT})?"
)
CODE_NUMBER = re.compile(r"(?<![\w.])(?P<number>\d+(?:_\d{3})*(?:\.\d+)?)(?![\w.])")


def decimals(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)


def rounds_to(candidate: Decimal, value: Decimal, places: int) -> bool:
    quantum = Decimal(1).scaleb(-places)
    return candidate.quantize(quantum, rounding=ROUND_HALF_UP) == value


def supported(value: Decimal, percent: bool, approximate: bool, known: set[Decimal]) -> bool:
    if value in known:
        return True
    places = decimals(value)
    if percent:
        scaled = {k * 100 for k in known}
        if value in scaled or any(decimals(k) >= places and rounds_to(k, value, places) for k in known):
            return True
        return any(decimals(k) >= places + 2 and rounds_to(k * 100, value, places) for k in known)
    if places:
        return any(decimals(k) >= places and rounds_to(k, value, places) for k in known)
    if approximate and value >= 100:
        # « environ 62 000 » : arrondi à la puissance de dix de ses zéros de fin
        zeros = len(str(value)) - len(str(value).rstrip("0"))
        step = Decimal(10) ** zeros
        return zeros > 0 and any((k / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step == value
                                 for k in known)
    return False


def exempt_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span("run") for m in VERSION_RUN.finditer(text)]
    spans += [m.span() for m in MULTI_DOT.finditer(text)]
    spans += [m.span() for m in SECTION_REF.finditer(text)]
    return spans


def is_year(number: str) -> bool:
    return re.fullmatch(r"\d{4}", number) is not None and 1950 <= int(number) <= 2100


def prose_numbers(line: Line):
    """(texte tel qu'écrit, valeur, pourcentage ?, approximation ?) pour chaque nombre à vérifier."""
    text = line.prose.replace("*", "")
    spans = exempt_spans(text)
    for m in PROSE_NUMBER.finditer(text):
        if any(a <= m.start("number") < b for a, b in spans):
            continue
        number, after = m["number"], (m["after"] or "")
        percent, unit = "%" in after, bool(after) and "%" not in after
        value = Decimal(re.sub(r"[\u00a0\u202f ]", "", number).replace(",", "."))
        if is_year(number) and not after:
            continue
        if not (percent or unit or decimals(value) or value >= 100):
            continue
        approximate = bool(APPROX.search(text[: m.start()]))
        yield (number + after).strip(), value, percent, approximate
    for code in line.code:  # un nombre de code (`2.21.0` n'en est pas un : CODE_NUMBER l'écarte)
        for m in CODE_NUMBER.finditer(code):
            value = Decimal(m["number"].replace("_", ""))
            if not is_year(m["number"]) and (decimals(value) or value >= 100):
                yield m["number"], value, False, False


def statement_of(page: Path) -> Path | None:
    """L'énoncé d'un TP prescrit ce que fait sa solution : il peut citer ce que la solution inclut."""
    solution = page.with_name(f"{page.stem}-solution.md")
    return solution if page.stem.startswith("tp-") and solution.is_file() else None


# Une quantité mesurée écrite en toutes lettres (« douze exécutions de mesure », « jusqu'à deux points »,
# « une demi-minute ») échappe à la comparaison avec les sorties : elle s'écrit avec le nombre d'une sortie,
# ou pas du tout. Les mots de nombre ordinaires (« deux couches », « une seconde API ») restent libres.
SEVERAL = (r"trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|"
           r"quarante|cinquante|soixante|cent|mille")
SPELLED_MEASURE = re.compile(
    rf"(?:\b(?:jusqu'à|de|d'environ|environ|près de|à peine)\s+(?:un|deux|{SEVERAL})\s+points?\b"  # de justesse
    rf"|(?<![\w-])(?:deux|{SEVERAL})[- ](?:secondes?|minutes?|heures?)\b"                          # une durée
    rf"|\bdemi-(?:seconde|minute|heure)s?\b"
    rf"|(?<![\w-])(?:{SEVERAL})\s+exécutions\b)",                                                # un décompte
    re.I)


def spelled_measures(line: Line) -> list[str]:
    return [m.group() for m in SPELLED_MEASURE.finditer(line.prose.replace("*", ""))]


def number_problems(page: Path) -> list[str]:
    lines, included = prose_lines(page)
    if solution := statement_of(page):
        included = included + prose_lines(solution)[1]
    known = evidence_numbers(evidence_text(page, included))
    allowed = ALLOWED.get(page.name, {})
    problems = []
    for line in lines:
        if line.slide_quote:
            continue
        for written in spelled_measures(line):
            if written not in allowed:
                problems.append(f"docs/{page.name}:{line.number}: « {written} » : une quantité mesurée écrite en "
                                "toutes lettres ne se vérifie pas ; donnez le nombre d'une sortie, ou rien")
        for written, value, percent, approximate in prose_numbers(line):
            if written in allowed or written.replace("\u00a0", " ").replace("\u202f", " ") in allowed:
                continue
            if not supported(value, percent, approximate, known):
                problems.append(
                    f"docs/{page.name}:{line.number}: « {written} » ne figure dans aucune sortie, aucun code ni "
                    "aucune figure que la page inclut : renvoyez à la sortie affichée au lieu de le taper"
                )
    return problems


# --- typographie ---------------------------------------------------------------------------------------

WORD_BEFORE = r"[\wÀ-ÿœŒ)\]»…*_'\"%°⟩]"  # ⟩ : fin de code en ligne, de formule


def typography_problems(page: Path) -> list[str]:
    """Les fautes de typographie de la page, avec leur ligne."""
    lines = prose_lines(page)[0]
    problems = []

    def report(line: Line, what: str):
        problems.append(f"docs/{page.name}:{line.number}: {what}")

    for line in lines:
        text = line.prose.replace("*", "")
        for allowed in TYPOGRAPHY_ALLOWED:
            text = text.replace(allowed, "⟨⟩")
        for m in re.finditer(r"[:;!?]", text):
            before, after = text[: m.start()], text[m.end():]
            sign = m.group()
            if sign == ":" and re.search(r"\d$", before) and re.match(r"\d", after):
                continue  # 10:30, 3:2
            if sign in "!?" and re.search(r"[!?]$", before):
                continue  # « ?! »
            if re.search(rf"{WORD_BEFORE}$", before):
                report(line, f"espace insécable manquante avant « {sign} » (…{before[-20:]}{sign})")
            elif re.search(rf"{WORD_BEFORE} +$", before):
                report(line, f"espace ordinaire avant « {sign} » : mettez une espace insécable (U+00A0) "
                             f"(…{before.rstrip()[-20:]} {sign})")
        for m in re.finditer(r"«(?![\u00a0\u202f])", text):
            report(line, f"« doit être suivi d'une espace insécable ({text[m.start():m.start() + 20]}…)")
        for m in re.finditer(r"(?<![\u00a0\u202f])»", text):
            report(line, f"» doit être précédé d'une espace insécable (…{text[max(0, m.start() - 20):m.end()]})")
        if "’" in text:
            report(line, "apostrophe typographique ’ : le site emploie l'apostrophe droite '")
        if re.search(r"[\"“”]", text.replace("⟨⟩", "")):
            report(line, "guillemets anglais dans la prose : employez « »")
        spans = exempt_spans(text)
        for m in re.finditer(r"(?<![\w.,])\d+\.\d+(?![\w.])", text):
            if not any(a <= m.start() < b for a, b in spans):
                report(line, f"« {m.group()} » : virgule décimale dans la prose ({m.group().replace('.', ',')})")
        for m in re.finditer(r"(?<![\w.,\u00a0\u202f])\d{1,3}(?: \d{3})+(?![\w])", text):
            report(line, f"« {m.group()} » : séparez les milliers par une espace insécable (U+00A0 ou U+202F)")
        for m in re.finditer(r"(?<![\w.,\u00a0\u202f])\d{5,}(?![\w.,])", text):
            if not any(a <= m.start() < b for a, b in spans):
                report(line, f"« {m.group()} » : groupez les chiffres par trois avec une espace insécable")
        for m in re.finditer(r"(?<![\w.,\u00a0\u202f])\d{4}(?![\w.,\u00a0\u202f])", text):
            if not is_year(m.group()) and not any(a <= m.start() < b for a, b in spans):
                report(line, f"« {m.group()} » : écrivez {m.group()[0]}\u00a0{m.group()[1:]} (espace insécable)")
    return problems


# --- orthographe ---------------------------------------------------------------------------------------

HUNSPELL = shutil.which("hunspell")
DICTIONARIES = "fr_FR,en_US"
WORD_LIST = Path(__file__).with_name("mots.txt")
WORD = re.compile(r"\w(?:[\w-]*\w)?")


def project_words() -> set[str]:
    lines = WORD_LIST.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def spelled(text: str) -> str:
    """Le texte tel que hunspell le lit : sans les marques de code, apostrophes droites."""
    text = text.replace("⟨⟩", " ").replace("’", "'")
    return re.sub(r"(?<!\w)'|'(?!\w)", " ", text)  # 'valid' cité : guillemets simples, pas une élision


@lru_cache(maxsize=None)
def unknown_words(text: str) -> frozenset[str]:
    result = subprocess.run([HUNSPELL, "-i", "utf-8", "-d", DICTIONARIES, "-l"], input=spelled(text),
                            capture_output=True, text=True, encoding="utf-8", check=True)
    return frozenset(word.rstrip(".,;:!?…") for word in result.stdout.split())  # « gRPC. » : abréviation ?


def spelling_problems(page: Path) -> list[str]:
    lines, _ = prose_lines(page)
    unknown = unknown_words("\n".join(line.prose for line in lines))
    known = project_words()
    problems = []
    for line in lines:
        for word in WORD.findall(spelled(line.prose).replace("'", " ")):
            if word in unknown and word not in known and word.lower() not in known:
                problems.append(f"docs/{page.name}:{line.number}: « {word} » : inconnu de hunspell ({DICTIONARIES}) "
                                "et de tests/mots.txt ; corrigez-le, ou ajoutez-le à tests/mots.txt s'il est juste")
    return problems


def hunspell_ready() -> bool:
    if not HUNSPELL:
        return False
    listed = subprocess.run([HUNSPELL, "-D"], input="", capture_output=True, text=True).stderr
    return all(f"/{name}" in listed for name in DICTIONARIES.split(","))


needs_hunspell = pytest.mark.skipif(
    not hunspell_ready(), reason="hunspell et ses dictionnaires fr_FR, en_US absents : lancez scripts/setup.sh "
    "(paquets Debian hunspell, hunspell-fr, hunspell-en-us)")


# --- les tests -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_numbers_in_prose_come_from_what_the_page_includes(page):
    problems = number_problems(page)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_french_typography(page):
    problems = typography_problems(page)
    assert not problems, "\n".join(problems)


@needs_hunspell
@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_spelling(page):
    problems = spelling_problems(page)
    assert not problems, "\n".join(problems)


@needs_hunspell
def test_word_list_is_still_needed():
    """Un mot de tests/mots.txt qu'aucune page n'emploie plus, ou que hunspell connaît, en sort."""
    prose = "\n".join(line.prose for page in PAGES for line in prose_lines(page)[0])
    used = set(WORD.findall(spelled(prose).replace("'", " ")))
    unknown = unknown_words(prose)
    stale = sorted(w for w in project_words()
                   if not ({w, w.capitalize()} & used and {w, w.capitalize()} & unknown))
    assert not stale, f"tests/mots.txt : mots à retirer (inutilisés ou connus de hunspell) : {stale}"


def test_allow_list_is_still_needed():
    """Une exception qui ne sert plus est retirée : la liste reste courte et vraie."""
    for name, entries in ALLOWED.items():
        page = DOCS / name
        assert page.is_file(), f"ALLOWED : la page {name} n'existe plus"
        lines, _ = prose_lines(page)
        written = {w.replace("\u00a0", " ").replace("\u202f", " ") for line in lines
                   for w, *_ in prose_numbers(line)}
        for entry in entries:
            assert entry in written, f"ALLOWED[{name!r}] : « {entry} » n'apparaît plus dans la page"


BROKEN_PAGE = """# Essai

La justesse vaut 0,884 et l'époque dure 14 s : c'est rapide ! Il faut une demi-minute, douze exécutions.
Un mot «\u00a0bien cité\u00a0» et un autre «mal cité».
Python 3.11 à 3.13, en 2015, à 10:30, voir [la page](https://exemple.org/a:b) et `x = 123.456`.
Une valeur de 0.5 avec un point, un 1000 sans espace, l’apostrophe, un mot mal ortographié.
Après du code `f()` : il faut aussi une espace insécable.

!!! note "Titre\u00a0: bien"

    Dans l'encadré\u00a0: bien, sauf ceci: mal.

```text
rien : ici 999.999 n'est pas lu
```
"""


def test_the_checks_catch_a_broken_page(tmp_path):
    """Chaque règle attrape la faute qu'elle vise, et rien d'autre, sur une page fautive."""
    page = tmp_path / "essai.md"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    numbers = [re.search(r"« [^»]+ »", p).group() for p in number_problems(page)]
    assert numbers == ["« demi-minute »", "« douze exécutions »", "« 0,884 »", "« 14 s »", "« 123.456 »",
                       "« 0.5 »", "« 1000 »"], numbers
    expected = [
        (3, "espace ordinaire avant « : »"),
        (3, "espace ordinaire avant « ! »"),
        (4, "« doit être suivi d'une espace insécable"),
        (4, "» doit être précédé d'une espace insécable"),
        (6, "apostrophe typographique"),
        (6, "« 0.5 » : virgule décimale"),
        (6, "« 1000 » : écrivez 1"),
        (7, "espace ordinaire avant « : »"),
        (11, "espace insécable manquante avant « : »"),
    ]
    found = typography_problems(page)
    assert len(found) == len(expected), "\n".join(found)
    for problem, (line, what) in zip(found, expected):
        assert problem.startswith(f"docs/essai.md:{line}: ") and what in problem, (problem, line, what)


@needs_hunspell
def test_spelling_catches_a_broken_page(tmp_path):
    page = tmp_path / "essai.md"
    page.write_text(BROKEN_PAGE, encoding="utf-8")
    assert [p.split(": ")[1].strip() for p in spelling_problems(page)] == ["« ortographié »"]


def test_navigation_titles_follow_french_typography():
    """Les titres de la navigation (mkdocs.yml) : une espace insécable avant « : ; ! ? », comme la prose."""
    from site_config import load

    titles = []

    def walk(item):
        if isinstance(item, dict):
            for title, value in item.items():
                titles.append(title)
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(load(ROOT)["nav"])
    wrong = [t for t in titles if re.search(r"\w ?[:;!?]", t)]
    assert len(titles) > 20 and not wrong, f"espace insécable manquante : {wrong}"
