"""Le cours imprimable : la page « Tout le cours sur une page » (print-site, construite en mode strict avec le
site) et le PDF qu'en tire Chromium headless (scripts/pdf.py), hors ligne, avec les sorties et les figures."""

import html
import re
from pathlib import Path

import pytest

from conftest import ROOT
from freeze import Layout
from pages import page_snippet_ids
from site_config import nav_pages

LAYOUT = Layout(ROOT)
# Pas plus de pages que ce que le contenu justifie (une mise en page qui déraille fait exploser le compte).
MAX_PAGES_PER_SOURCE_LINE = 0.25


def printed_pages() -> list[Path]:
    """Les pages du cours, dans l'ordre de la navigation (les notebooks n'y sont pas : leurs chapitres y sont)."""
    return [LAYOUT.docs_dir / name for name in nav_pages(ROOT)]


def figures_of(page: Path) -> list[str]:
    found = []
    for snippet_id in page_snippet_ids(page):
        record = LAYOUT.record(LAYOUT.snippet_path(snippet_id))
        for cell in record.cells if record else []:
            found += [f"figures/{Path(snippet_id).parent.as_posix()}/{f.file}" for f in cell.figures]
    return found


def test_print_page_has_every_page_output_and_figure(mkdocs_site):
    built = (mkdocs_site / "print_page" / "index.html").read_text(encoding="utf-8")
    plain = html.unescape(re.sub(r"<[^>]+>", "", built))
    for page in printed_pages():
        title = re.search(r"^# (.+)$", page.read_text(encoding="utf-8"), re.M)
        assert title and html.unescape(title[1]).strip() in plain, f"{page.name} absente de la page d'impression"
        for snippet_id in page_snippet_ids(page):
            for cell in LAYOUT.record(LAYOUT.snippet_path(snippet_id)).cells:
                first = next((line for line in cell.stdout.splitlines() if line.strip()), None)
                assert first is None or first.strip() in plain, f"{page.name} : sortie de {snippet_id} absente"
        for figure in figures_of(page):
            assert f'src="../{figure}"' in built, f"{page.name} : figure {figure} absente"
    assert "jupyter-wrapper" not in built  # pas les notebooks : leurs chapitres y sont déjà


@pytest.mark.browser
def test_pdf_of_the_course_has_its_pages_and_figures(mkdocs_site, tmp_path):
    """Chromium imprime la page d'impression, servie sur localhost (toute requête sortante fait échouer
    scripts/pdf.py) ; le PDF a un nombre de pages plausible et contient les figures."""
    pytest.importorskip("playwright.sync_api")
    from pypdf import PdfReader

    from pdf import print_pdf

    measured = print_pdf(mkdocs_site, tmp_path / "cours.pdf")
    pages = printed_pages()
    source_lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in pages)
    assert len(pages) <= measured["pages"] <= source_lines * MAX_PAGES_PER_SOURCE_LINE + 50, measured
    figures = {f for p in pages for f in figures_of(p)}
    assert measured["images"] >= len(figures), (measured, len(figures))
    assert len(PdfReader(tmp_path / "cours.pdf").pages) == measured["pages"]
