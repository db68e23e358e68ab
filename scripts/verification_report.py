"""Le « Rapport de vérification » : chaque snippet, son statut, sa durée, ses versions, sa page, sa date
d'exécution et ses lignes vérifiées avec une tolérance, d'après les enregistrements (`meta.json`) ; totaux par
chapitre. Écrit par l'exécuteur dans `_freeze/rapport/tableau.md`, que `docs/rapport.md` inclut : comme toute
sortie, c'est un fichier versionné (Zensical le construit sans rien exécuter)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from cells import SnippetFormatError, cells_of
from expected import TOLERANT, compare
from freeze import REPORT_DIR, Layout, french_date
from pages import page_snippet_ids
from site_config import nav_pages

SHOWN_VERSIONS = (("tensorflow", "TensorFlow"), ("keras", "Keras"), ("numpy", "NumPy"), ("python", "Python"))


def report_path(layout: Layout) -> Path:
    return layout.freeze_dir / REPORT_DIR / "tableau.md"


def nav_order(layout: Layout) -> list[str]:
    """Les pages dans l'ordre du menu de mkdocs.yml."""
    return nav_pages(layout.root)


def tolerance_lines(path: Path) -> list[tuple[int, str]]:
    try:
        _, cells = cells_of(path)
    except (SnippetFormatError, OSError):
        return []
    return [(e.line, e.text) for cell in cells for e in cell.expected if TOLERANT.search(e.text)]


def _seconds(value: float) -> str:
    return f"{value:.1f}\u00a0s".replace(".", ",")  # virgule décimale, comme la prose du site


def render(layout: Layout) -> str:
    order = {name: k for k, name in enumerate(nav_order(layout))}
    shown_on: dict[str, str] = {}
    for page in sorted(layout.pages(), key=lambda p: order.get(p.name, len(order))):
        for snippet_id in page_snippet_ids(page):
            shown_on.setdefault(snippet_id, page.name)
    chapters: dict[str, list[Path]] = defaultdict(list)
    for snippet in layout.all_snippets():
        chapters[layout.snippet_id(snippet).split("/")[0]].append(snippet)

    def chapter_rank(chapter: str) -> int:
        pages = [order.get(shown_on.get(layout.snippet_id(s), ""), len(order)) for s in chapters[chapter]]
        return min(pages)

    records = {s: layout.record(s) for snippets in chapters.values() for s in snippets}
    done = [r for r in records.values() if r]
    combos = sorted({tuple(r.versions.get(k, "?") for k, _ in SHOWN_VERSIONS) for r in done})
    total = sum(r.seconds for r in done)
    lines = [
        f"**{len(records)} snippets**, dont {sum(r.status == 'ok' for r in done)} exécutés sans erreur ; "
        f"durée totale enregistrée : **{_seconds(total)}**.",
        "",
        "Versions : " + " ; ".join(", ".join(f"{label} {v}" for (_, label), v in zip(SHOWN_VERSIONS, c))
                                   for c in combos) + ".",
        "",
        "| Chapitre | Snippets | Durée totale | Lignes à tolérance |",
        "|---|---:|---:|---:|",
    ]
    ordered = sorted(chapters, key=lambda c: (chapter_rank(c), c))
    for chapter in ordered:
        snippets = chapters[chapter]
        seconds = sum(records[s].seconds for s in snippets if records[s])
        tolerances = sum(len(tolerance_lines(s)) for s in snippets)
        lines.append(f"| [{chapter}](#chapitre-{chapter}) | {len(snippets)} | {_seconds(seconds)} | {tolerances} |")
    for chapter in ordered:
        lines += ["", f"## {chapter} {{#chapitre-{chapter}}}", "",
                  "| Snippet | Page | Statut | Durée | Exécuté le | Versions | Tolérances |",
                  "|---|---|---|---:|---|---|---:|"]
        listed = []
        for snippet in sorted(chapters[chapter], key=lambda s: records[s].seconds if records[s] else 0, reverse=True):
            record = records[snippet]
            snippet_id = layout.snippet_id(snippet)
            page = shown_on.get(snippet_id)
            where = f"[{Path(page).stem}]({page})" if page else "aucune"
            tolerances = tolerance_lines(snippet)
            listed += [f"snippets/{snippet_id}.py:{n}  {text.strip()}" for n, text in tolerances]
            if record is None:
                lines.append(f"| `{snippet_id}` | {where} | non exécuté | | | | {len(tolerances)} |")
                continue
            versions = ", ".join(f"{label} {record.versions.get(k, '?')}" for k, label in SHOWN_VERSIONS[:2])
            status = "ok" if record.status == "ok" else "**erreur**"
            lines.append(f"| `{snippet_id}` | {where} | {status} | {_seconds(record.seconds)} | "
                         f"{french_date(record.executed)} | {versions} | {len(tolerances)} |")
        if listed:
            lines += ["", f'??? note "Lignes vérifiées avec une tolérance ({len(listed)})"', "",
                      "    ```text", *(f"    {entry}" for entry in listed), "    ```"]
    return "\n".join(lines + matrix_lines(layout, order_of=[s for c in ordered for s in chapters[c]])) + "\n"


VERDICTS = ("identique", "dans la tolérance", "différente", "en échec")


def verdict(layout: Layout, snippet: Path, version: str) -> tuple[str, str]:
    """Ce que donne le snippet sous `version`, comparé à ses lignes `#>` et à la sortie publiée : le verdict
    et, pour une sortie différente ou un échec, la première ligne en cause."""
    record = layout.record(snippet, version)
    if record is None:
        return "non exécuté", ""
    failing = next((c for c in record.cells if c.error), None)
    try:
        cells = {c.name: c for c in cells_of(snippet)[1]}
    except (SnippetFormatError, OSError):
        cells = {}
    if record.status != "ok" and failing:
        return "en échec", failing.error.message.strip().splitlines()[-1] if failing.error.message.strip() else ""
    for result in record.cells:
        cell = cells.get(result.name)
        mismatch = compare(cell.expected, result.shown_text) if cell else None
        if mismatch:
            return "différente", f"ligne {mismatch.line} : « {mismatch.expected.strip()} » → « {mismatch.actual.strip()} »"
    published = layout.record(snippet)
    if published and [c.stdout for c in published.cells] == [c.stdout for c in record.cells]:
        return "identique", ""
    return "dans la tolérance", ""


def _cell_text(text: str, width: int = 110) -> str:
    text = text.replace("|", "\\|").replace("`", "'").replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def matrix_lines(layout: Layout, order_of: list[Path]) -> list[str]:
    """La matrice des versions (scripts/matrix.py) : les totaux par version, puis chaque snippet qui ne donne
    pas la même sortie partout."""
    versions = layout.matrix_versions()
    if not versions:
        return []
    found = {(s, v): verdict(layout, s, v) for s in order_of for v in versions}
    reference = next((r.versions for s in order_of if (r := layout.record(s))), {})
    seen = {v: next((r.versions for s in order_of if (r := layout.record(s, v))), {}) for v in versions}
    label = {v: f"TensorFlow {seen[v].get('tensorflow', v)} / Keras {seen[v].get('keras', '?')}" for v in versions}
    lines = ["", "## Matrice des versions {#matrice}", "",
             f"Chaque snippet exécuté aussi sous d'autres versions de TensorFlow que celle des sorties publiées "
             f"(TensorFlow {reference.get('tensorflow', '?')} / Keras {reference.get('keras', '?')}), chacune "
             "dans son propre environnement, et comparé à ses lignes `#>` : sortie **identique** à celle de la "
             "page, **dans la tolérance** des lignes `#>`, **différente** (première ligne en cause) ou **en "
             "échec** (exception).", "",
             "| Version | " + " | ".join(VERDICTS) + " |", "|---|" + "---:|" * len(VERDICTS)]
    for v in versions:
        counts = [sum(found[(s, v)][0] == name for s in order_of) for name in VERDICTS]
        lines.append(f"| {label[v]} | " + " | ".join(str(n) for n in counts) + " |")
    odd = [s for s in order_of if any(found[(s, v)][0] not in ("identique", "dans la tolérance") for v in versions)]
    if odd:
        lines += ["", f'??? note "Snippets différents ou en échec sur une version ({len(odd)})"', "",
                  "    | Snippet | " + " | ".join(f"TF {v}" for v in versions) + " |",
                  "    |---|" + "---|" * len(versions)]
        for snippet in odd:
            row = [_cell_text(f"{found[(snippet, v)][0]} : {found[(snippet, v)][1]}" if found[(snippet, v)][1]
                              else found[(snippet, v)][0]) for v in versions]
            lines.append(f"    | `{layout.snippet_id(snippet)}` | " + " | ".join(row) + " |")
    return lines
