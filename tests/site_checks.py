"""Ce qu'une page construite doit contenir : le code, les sorties et les figures de ses snippets."""

import html
import re
from pathlib import Path

from freeze import Layout
from pages import page_snippet_ids


def missing_outputs(layout: Layout, site: Path) -> list[str]:
    """Pour chaque page à snippets : chaque figure est une <img> présente dans le site, et la première
    ligne de chaque sortie texte figure dans le HTML."""
    problems = []
    for page in layout.pages():
        ids = page_snippet_ids(page)
        if not ids:
            continue
        built = site / page.stem / "index.html"
        if not built.is_file():
            problems.append(f"{page.name} : page absente du site ({built})")
            continue
        text = built.read_text(encoding="utf-8")
        plain = html.unescape(re.sub(r"<[^>]+>", "", text))
        for snippet_id in ids:
            record = layout.record(layout.snippet_path(snippet_id))
            if record is None:
                problems.append(f"{page.name} : enregistrement de {snippet_id} absent ou illisible")
                continue
            for cell in record.cells:
                first = next((line for line in cell.stdout.splitlines() if line.strip()), None)
                if first and first.strip() not in plain:
                    problems.append(f"{page.name} : sortie de {snippet_id}:{cell.name} absente ({first!r})")
                for figure in cell.figures:
                    link = f"figures/{Path(snippet_id).parent.as_posix()}/{figure.file}"
                    if link not in text or not (site / link).is_file():
                        problems.append(f"{page.name} : figure {link} absente")
    return problems
