"""Le site construit, servi sur localhost, ouvert dans Chromium headless (paquet Debian `chromium`)."""


import pytest

playwright = pytest.importorskip("playwright.sync_api")

# Le site servi (`served`), Chromium (`browser`) et l'onglet (`page`) : fixtures de conftest.py.


def test_chapter_shows_code_outputs_figure_and_formula(page, served):
    page.goto(f"{served}/gradients/", wait_until="networkidle")
    code_blocks = page.locator("div.language-python")
    outputs = page.locator("div.sortie")
    assert code_blocks.count() >= 5 and outputs.count() >= 5
    # le premier bloc visible (le code d'un schéma est replié sous sa figure)
    assert page.locator("div.language-python:visible").first.locator("code").inner_text().strip()
    figure = page.locator("img[src*='figures/']").first
    figure.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=figure.element_handle())
    assert page.locator(".arithmatex .katex").count() >= 1  # formule rendue par KaTeX, pas du LaTeX brut
    assert page.locator("button[data-md-type='copy']").count() >= code_blocks.count()  # boutons de copie
    leaving = [url for url in page.requests if not url.startswith(served) and not url.startswith("data:")]
    assert leaving == []


def test_search_finds_a_french_word(page, served):
    page.goto(f"{served}/", wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("dérivée", delay=30)  # comme au clavier
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15000)
    hrefs = [results.nth(k).locator("a").first.get_attribute("href") for k in range(results.count())]
    assert any("gradients" in href for href in hrefs), hrefs
    leaving = [url for url in page.requests if not url.startswith(served) and not url.startswith("data:")]
    assert leaving == []


def test_dark_mode_toggle(page, served):
    page.goto(f"{served}/tenseurs/", wait_until="networkidle")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("label.md-header__button[for^='__palette']:visible").first.click()
    after = page.locator("body").get_attribute("data-md-color-scheme")
    assert {before, after} == {"default", "slate"}
