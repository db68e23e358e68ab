"""Les sorties versionnées (« freeze ») : où elles vivent et le Markdown que les pages incluent.

    snippets/<chap>/<nom>.py  →  _freeze/<chap>/<nom>/meta.json        clé, versions, date, sorties brutes
                                 _freeze/<chap>/<nom>/<cellule>.md     inclus sous le bloc de code
                                 docs/figures/<chap>/<nom>-<cellule>-<k>.png
    docs/<page>.md            →  _freeze/pages/<page>.md               « vérifié avec… le … »

Les fragments sont du Markdown ordinaire inclus par pymdownx.snippets : MkDocs et Zensical les lisent de la
même façon, sans plugin. Les pages sont à la racine de docs/, d'où les chemins d'images `figures/...`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()
CODE_INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"snippets/([^":]+)\.py(?::[^"]*)?"\s*$', re.M)


@dataclass(frozen=True)
class Layout:
    root: Path

    @property
    def snippets_dir(self) -> Path:
        return self.root / "snippets"

    @property
    def freeze_dir(self) -> Path:
        return self.root / "_freeze"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    def all_snippets(self) -> list[Path]:
        """Les fichiers `_*.py` sont des modules locaux, pas des snippets."""
        return sorted(
            p for p in self.snippets_dir.rglob("*.py")
            if not p.name.startswith("_") and "__pycache__" not in p.parts
        )

    def snippet_id(self, snippet: Path) -> str:
        return snippet.resolve().relative_to(self.snippets_dir.resolve()).with_suffix("").as_posix()

    def out_dir(self, snippet: Path) -> Path:
        return self.freeze_dir / self.snippet_id(snippet)

    def meta_path(self, snippet: Path) -> Path:
        return self.out_dir(snippet) / "meta.json"

    def figure_dir(self, snippet: Path) -> Path:
        return self.docs_dir / "figures" / Path(self.snippet_id(snippet)).parent

    def figure_link(self, snippet: Path, file: str) -> str:
        return (Path("figures") / Path(self.snippet_id(snippet)).parent / file).as_posix()

    def page_fragment(self, page: Path) -> Path:
        return self.freeze_dir / "pages" / f"{page.stem}.md"


def read_meta(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def write_if_changed(path: Path, content: str | bytes) -> bool:
    """N'écrit que si le contenu change : `mkdocs serve` ne reconstruit pas pour rien."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def fence(text: str, title: str) -> str:
    """Un bloc de code dont la clôture est plus longue que toute suite de ` du texte : la sortie est
    affichée telle quelle, échappée par le surligneur, jamais interprétée comme du Markdown."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    # Une ligne « --8<-- » dans une sortie serait prise pour une inclusion par pymdownx.snippets.
    text = text.replace("--8<--", "--8\u200b<--")
    classes = ".sortie" if title == "Sortie" else ".sortie .sortie-secondaire"
    return f'{ticks}{{ .text {classes} title="{title}" }}\n{text.rstrip()}\n{ticks}\n'


def render_cell(cell: dict, figure_links: list[tuple[str, str]], shown_error: dict | None = None) -> str:
    """Le fragment Markdown d'une cellule : sortie texte, avertissements, figures, erreur éventuelle."""
    parts = []
    text = cell["stdout"]
    if cell.get("error") and not shown_error:
        text += cell["error"]["traceback"] + "\n"  # exception déclarée : elle fait partie de la leçon
    if text.strip():
        parts.append(fence(text, "Sortie"))
    if cell.get("warnings"):
        parts.append(fence("\n".join(cell["warnings"]), "Avertissements"))
    for link, alt in figure_links:
        alt = alt.replace("[", "(").replace("]", ")") or "Figure produite par le snippet"
        parts.append(f"![{alt}]({link})\n")
    if shown_error:
        parts.append(render_error(shown_error))
    return "\n".join(parts)


def render_error(error: dict) -> str:
    """Affiché dans la page sous `mkdocs serve` quand un snippet échoue (le serveur continue)."""
    body = fence(error["details"], "Traceback")
    indented = "".join(f"    {line}\n" if line.strip() else "\n" for line in body.splitlines())
    return f'!!! failure "Échec de {error["where"]}"\n\n    {error["summary"]}\n\n{indented}'


def french_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def page_snippet_ids(page_text: str) -> list[str]:
    """Les snippets dont la page montre le code (pas ceux dont elle cite seulement une sortie)."""
    return list(dict.fromkeys(CODE_INCLUDE.findall(page_text)))


def render_page_fragment(metas: list[dict], notebook: str) -> str:
    """« Vérifié avec… » : les versions et les dates d'exécution des snippets de la page."""
    done = [m for m in metas if m and m.get("status") == "ok"]
    if not done:
        return '!!! warning "Sorties non vérifiées"\n\n    Aucun snippet de cette page n\'a encore été exécuté.\n'
    days = sorted({m["executed"] for m in done})
    when = f"le {french_date(days[0])}" if len(days) == 1 else (
        f"entre le {french_date(days[0])} et le {french_date(days[-1])}"
    )
    shown = ("tensorflow", "keras", "python")
    combos = sorted({tuple(m["versions"].get(k, "?") for k in shown) for m in done})
    described = " ; ".join(
        ", ".join(f"{_label(k)} {v}" for k, v in zip(shown, combo)) for combo in combos
    )
    pending = len(metas) - len(done)
    extra = f" {pending} snippet(s) restent à exécuter." if pending else ""
    return (
        '!!! success "Exemples exécutés et vérifiés"\n\n'
        f"    Les {len(done)} snippets de cette page ont été exécutés {when} avec {described}, "
        f"sur processeur (CPU).{extra} Chaque sortie affichée est celle qu'ils ont réellement produite.\n\n"
        f"    [Télécharger cette page en notebook Jupyter]({notebook}){{ download }} : mêmes blocs, même ordre.\n"
    )


def _label(key: str) -> str:
    return {"python": "Python", "tensorflow": "TensorFlow", "keras": "Keras"}.get(key, key)
