"""Les sorties versionnées (« freeze ») : où elles vivent, le Markdown que les pages incluent, et comment on
les écrit (atomiquement, sous verrou).

    snippets/<chap>/<nom>.py  →  _freeze/<chap>/<nom>/<cellule>.md        le bloc : code (sans `#>`) + sa sortie
                                 _freeze/<chap>/<nom>/<cellule>.sortie.md la sortie seule (pour la citer ailleurs)
                                 _freeze/<chap>/<nom>/meta.json           l'enregistrement (écrit en dernier)
                                 docs/figures/<chap>/<nom>-<cellule>-<k>.png
    docs/<page>.md            →  _freeze/pages/<page>.md                  « vérifié avec… le … »

Les fragments sont du Markdown ordinaire inclus par pymdownx.snippets : MkDocs et Zensical les lisent de la
même façon, sans plugin. Tout texte venu d'un snippet (code, sortie, traceback) y est mis dans un bloc de
code dont la clôture est plus longue que toute suite de ` du texte, et ses lignes que pymdownx.snippets
prendrait pour une inclusion sont échappées : il s'affiche tel quel, jamais interprété.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import re
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from records import CellResult, Record, read_record
from site_config import colab_url

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
OUTPUT_SUFFIX = ".sortie.md"
UNVERIFIED_INCLUDE = "_freeze/ECHEC-sortie-non-verifiee.md"  # n'existe jamais : voir render_failure
LOCK_NAME = ".verrou"
PUBLISHED_ROOT = "fichiers"  # docs/fichiers/<chap>/<nom>/ : fichiers publiés par les snippets
NOTEBOOK_RUNS_DIR = "notebooks"  # _freeze/notebooks/<nom>.json : les notebooks exécutés de haut en bas
REPORT_DIR = "rapport"  # _freeze/rapport/ : le rapport de vérification, jamais un chapitre de snippets
MATRIX_DIR = "matrice"  # _freeze/matrice/<version>/<chap>/<nom>.json : les snippets sous une autre version


@dataclass(frozen=True)
class Layout:
    """Où lire (snippets/, docs/) et où écrire (_freeze/, docs/figures/). `out` : un autre dossier où écrire
    les sorties (les tests exécutent ainsi tout le cours sans toucher à l'arbre versionné)."""

    root: Path
    out: Path | None = None

    @property
    def out_root(self) -> Path:
        return self.out or self.root

    @property
    def snippets_dir(self) -> Path:
        return self.root / "snippets"

    @property
    def freeze_dir(self) -> Path:
        return self.out_root / "_freeze"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def pages(self) -> list[Path]:
        return sorted(self.docs_dir.glob("*.md"))

    def all_snippets(self) -> list[Path]:
        """Les fichiers `_*.py` sont des modules locaux, pas des snippets."""
        return sorted(
            p for p in self.snippets_dir.rglob("*.py")
            if not p.name.startswith("_") and "__pycache__" not in p.parts
        )

    def snippet_id(self, snippet: Path) -> str:
        return snippet.resolve().relative_to(self.snippets_dir.resolve()).with_suffix("").as_posix()

    def snippet_path(self, snippet_id: str) -> Path:
        return self.snippets_dir / f"{snippet_id}.py"

    def out_dir(self, snippet: Path) -> Path:
        return self.freeze_dir / self.snippet_id(snippet)

    def meta_path(self, snippet: Path) -> Path:
        return self.out_dir(snippet) / "meta.json"

    def record_path(self, source: Path, variant: str | None = None) -> Path:
        """L'enregistrement d'un snippet (`.py`), d'un notebook exécuté de haut en bas (`.ipynb`), ou d'un
        snippet exécuté sous une autre version de TensorFlow (`variant` : « 2.19 »)."""
        if variant:
            return self.freeze_dir / MATRIX_DIR / variant / f"{self.snippet_id(source)}.json"
        if source.suffix == ".ipynb":
            return self.freeze_dir / NOTEBOOK_RUNS_DIR / f"{source.stem}.json"
        return self.meta_path(source)

    def record(self, source: Path, variant: str | None = None) -> Record | None:
        return read_record(self.record_path(source, variant))

    def matrix_versions(self) -> list[str]:
        """Les versions de TensorFlow de la matrice : une par verrouillage `requirements-tf<version>.lock`."""
        found = [m[1] for p in self.root.glob("requirements-tf*.lock")
                 if (m := re.fullmatch(r"requirements-tf(\d+\.\d+)\.lock", p.name))]
        return sorted(found, key=lambda v: [int(x) for x in v.split(".")])

    def matrix_lock(self, version: str) -> Path:
        return self.root / f"requirements-tf{version}.lock"

    def all_notebooks(self) -> list[Path]:
        """Les notebooks : chapitres, énoncés et solutions des TP."""
        return sorted((self.out_root / "docs" / "notebooks").glob("*.ipynb"))

    def figure_dir(self, snippet: Path) -> Path:
        return self.out_root / "docs" / "figures" / Path(self.snippet_id(snippet)).parent

    def figure_link(self, snippet: Path, file: str) -> str:
        return (Path("figures") / Path(self.snippet_id(snippet)).parent / file).as_posix()

    def published_dir(self, snippet: Path) -> Path:
        """docs/fichiers/<chap>/<nom>/ : ce que le snippet a écrit sous `publie/`, servi par le site."""
        return self.out_root / "docs" / PUBLISHED_ROOT / self.snippet_id(snippet)

    def page_fragment(self, page: Path) -> Path:
        return self.freeze_dir / "pages" / f"{page.stem}.md"

    def notebook(self, page: Path) -> Path:
        return self.out_root / "docs" / "notebooks" / f"{page.stem}.ipynb"


# --- écriture sûre ---------------------------------------------------------------------------------------

def digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()[:16]


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """Écrit atomiquement (fichier temporaire puis rename), et seulement si le contenu change :
    `mkdocs serve` ne reconstruit pas pour rien, et un processus tué ne laisse jamais un fichier à moitié écrit."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
    return True


@contextlib.contextmanager
def freeze_lock(layout: Layout, what: str, wait_message=print, shared: bool = False):
    """Un seul exécuteur à la fois sur un arbre : un second attend, en disant qui tient le verrou.
    `shared` : le verrou d'une construction, qui lit les sorties ; plusieurs lecteurs à la fois, mais aucun
    exécuteur pendant ce temps (la page, la page du notebook et le .ipynb montrent la même exécution)."""
    layout.freeze_dir.mkdir(parents=True, exist_ok=True)
    path = layout.freeze_dir / LOCK_NAME
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    with open(path, "a+", encoding="utf-8") as handle:
        if shared:
            fcntl.flock(handle, mode)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "un autre processus"
            wait_message(f"execute: _freeze/ est verrouillé par {holder} ; en attente…")
            start = time.monotonic()
            fcntl.flock(handle, fcntl.LOCK_EX)
            wait_message(f"execute: verrou obtenu après {time.monotonic() - start:.1f} s")
        handle.seek(0)
        handle.truncate()
        handle.write(f"PID {os.getpid()} ({what})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- Markdown des fragments ------------------------------------------------------------------------------

def neutralize(text: str) -> str:
    """Échappe (à la manière de pymdownx.snippets, par un « ; » qu'il retire) chaque ligne qu'il prendrait
    pour une inclusion ou une borne de section : le lecteur voit le texte exact."""
    from pymdownx.snippets import SnippetPreprocessor as Snippets

    lines = []
    for line in text.split("\n"):
        whole = Snippets.RE_ALL_SNIPPETS.match(line)
        section = Snippets.RE_SNIPPET_SECTION.match(line)
        if whole:
            at = whole.start("escape")
            line = line[:at] + ";" + line[at:]
        elif section:
            at = section.start("escape")
            line = line[:at] + ";" + line[at:]
        lines.append(line)
    return "\n".join(lines)


def fence(text: str, info: str) -> str:
    """Un bloc de code dont la clôture est plus longue que toute suite de ` du texte."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{info}\n{neutralize(text.rstrip())}\n{ticks}\n"


def output_fence(text: str, title: str) -> str:
    classes = ".sortie" if title == "Sortie" else ".sortie .sortie-secondaire"
    title = title.replace('"', "&quot;")
    return fence(text, f'{{ .text {classes} title="{title}" }}')


def markdown_alt(text: str) -> str:
    """Un titre de figure comme texte alternatif sûr et lisible : une ligne, sans les `$` de la notation
    mathtext de matplotlib ni les ` (que l'attribut alt ne rend pas), barres obliques inverses et crochets
    échappés, HTML neutralisé. Les parenthèses restent telles quelles : échappées en `\\(`, arithmatex y
    verrait une formule."""
    text = " ".join(re.sub(r"[$`]", "", text).split()) or "Figure produite par le snippet"
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"([\\\[\]])", r"\\\1", text)


def render_output(cell: CellResult, figure_links: list[str], failure: str | None = None) -> str:
    """La sortie d'une cellule : texte (exception déclarée comprise), avertissements, figures, échec."""
    parts = []
    text = cell.stdout if failure else cell.shown_text
    if cell.truncated:
        text += f"[… sortie tronquée : {cell.truncated} ligne(s) de plus non montrées]\n"
    if text.strip():
        parts.append(output_fence(text, "Sortie"))
    if cell.stderr.strip():
        parts.append(output_fence(cell.stderr, "Sortie d'erreur (non vérifiée)"))
    if cell.warnings:
        parts.append(output_fence("\n".join(cell.warnings), "Avertissements"))
    for link, figure in zip(figure_links, cell.figures):
        parts.append(f"![{markdown_alt(figure.alt)}]({link})\n")
    if failure:
        parts.append(render_failure(failure))
    return "\n".join(parts)


def render_block(title: str, code: str, output: str) -> str:
    """Le bloc tel que la page le montre : le code de la cellule, puis sa sortie."""
    return fence(code, f'python title="{title}"') + ("\n" + output if output else "")


def is_schematic(snippet: Path) -> bool:
    """Un snippet de schémas (`schemas.py`, `schemas_*.py`) : la page montre d'abord la figure, le code qui la
    dessine vient ensuite, replié (le notebook, lui, garde le code en clair)."""
    return re.fullmatch(r"schemas(_\w+)?", snippet.stem) is not None


def render_schematic(title: str, code: str, output: str) -> str:
    """Le bloc d'un schéma : sa sortie (la figure, et ce que le code vérifie), puis son code, replié."""
    folded = _indented(fence(code, f'python title="{title}"'))
    return (output + "\n" if output else "") + f'??? note "Code du schéma"\n\n{folded}'


def _indented(text: str) -> str:
    """Le texte décalé de quatre espaces : le corps d'un encadré (admonition) de Material."""
    return "".join(f"    {line}\n" if line.strip() else "\n" for line in text.splitlines())


def render_failure(details: str) -> str:
    """Sous `mkdocs serve`, l'échec d'un snippet dans la page (le serveur continue) : tout en texte."""
    body = output_fence(details, "Traceback")
    # Une inclusion d'un fichier qui n'existe pas : toute construction (MkDocs comme Zensical, qui n'exécute
    # pas les hooks) s'arrête sur cette page au lieu de publier l'échec ; sous `mkdocs serve`, le hook
    # désactive check_paths et l'échec reste lisible dans la page.
    body += f'\n--8<-- "{UNVERIFIED_INCLUDE}"\n'
    return f'!!! failure "Échec de l\'exécution"\n\n{_indented(body)}'


def render_pending(code_title: str, code: str) -> str:
    return render_block(code_title, code, '!!! info "Exécution en cours…"\n\n'
                        "    La page se mettra à jour d'elle-même quand ce snippet aura fini.\n")


def french_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def notebook_links(notebook: str, root: Path | None = None) -> str:
    """« Télécharger le notebook » (`notebook`, relatif à docs/) et « Ouvrir dans Colab » (d'après `repo_url`
    dans le mkdocs.yml de `root`, par défaut ce projet ; aucun tant qu'il n'est pas réglé)."""
    colab = colab_url(root or Path(__file__).resolve().parents[1], notebook)
    download = f"[Télécharger le notebook]({notebook}){{ download }}"
    return download + (f" · [Ouvrir dans Colab]({colab})" if colab else "")


def render_statement_fragment(notebook: str, root: Path | None = None) -> str:
    """Le pied d'un énoncé de TP qui ne montre pas de code : les liens de son notebook (consignes, cellules vides)."""
    return (
        '!!! tip "Ce TP en notebook"\n\n'
        "    Les consignes de cette page en notebook Jupyter, avec une cellule de code vide sous chaque "
        f"question\u00a0: {notebook_links(notebook, root)}.\n"
    )


def render_page_fragment(records: list[Record | None], notebook: str, root: Path | None = None) -> str:
    """« Vérifié avec… » : les versions et les dates d'exécution des snippets de la page (des « exemples »
    pour le lecteur), puis les liens de son
    notebook (`notebook_links`)."""
    done = [r for r in records if r and r.status == "ok"]
    if not done:
        return '!!! warning "Sorties non vérifiées"\n\n    Aucun exemple de cette page n\'a encore été exécuté.\n'
    days = sorted({r.executed for r in done})
    when = f"le {french_date(days[0])}" if len(days) == 1 else (
        f"entre le {french_date(days[0])} et le {french_date(days[-1])}"
    )
    shown = ("tensorflow", "keras", "python")
    combos = sorted({tuple(r.versions.get(k, "?") for k in shown) for r in done})
    described = " ; ".join(
        ", ".join(f"{_label(k)} {v}" for k, v in zip(shown, combo)) for combo in combos
    )
    pending = len(records) - len(done)
    extra = f" {pending} exemple(s) restent à exécuter." if pending else ""
    subject, produced = (("L'exemple de cette page a été exécuté", "il a") if len(done) == 1 else
                         (f"Les {len(done)} exemples de cette page ont été exécutés", "ils ont"))
    return (
        '!!! success "Exemples exécutés et vérifiés"\n\n'
        f"    {subject} {when} avec {described}, sur processeur (CPU).{extra} "
        f"Chaque sortie affichée est celle qu'{produced} réellement produite.\n\n"
        "    Cette page en notebook Jupyter (mêmes blocs, même ordre, avec ces sorties)\u00a0: "
        f"{notebook_links(notebook, root)}.\n"
    )


def _label(key: str) -> str:
    return {"python": "Python", "tensorflow": "TensorFlow", "keras": "Keras"}.get(key, key)
