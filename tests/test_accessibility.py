"""Chaque page du site — chapitres, TP, pages de notebooks, page d'impression, rapport — passe les règles
WCAG 2.1 A et AA d'axe-core (celles du RGAA que l'on peut vérifier automatiquement), dans les deux schémas de
couleurs. Ce qu'un outil ne juge pas (la pertinence d'un texte alternatif, l'ordre de lecture) est relu à la
main : voir « Comment ce site est fabriqué »."""

import re

import pytest

from accessibility import AXE, SCHEMES, audit, site_pages

pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(mkdocs_site) -> list[str]:
    found = site_pages(mkdocs_site)
    assert len(found) >= 50 and "print_page/" in found and "rapport/" in found
    assert sum(p.startswith("notebooks/") for p in found) >= 22
    return found


@pytest.mark.parametrize("scheme", SCHEMES.values(), ids=SCHEMES.keys())
def test_every_page_passes_axe_core(browser, served, pages, scheme):
    assert AXE.is_file(), "axe-core manque : lancez make setup (npm ci)"
    problems = []
    for address in pages:
        for violation in audit(browser, served, address, scheme):
            problems.append(f"/{address} : {violation['id']} ({violation['impact']}), "
                            f"{len(violation['nodes'])} élément(s), par exemple {violation['nodes'][0]}\n"
                            f"    {violation['summary'].splitlines()[-1].strip() if violation['summary'] else ''}")
    assert not problems, f"{len(problems)} violation(s) WCAG 2.1 AA :\n" + "\n".join(problems[:40])


def test_axe_finds_what_the_old_palette_did_wrong(browser, served):
    """Le test sait échouer : l'orange d'origine de Material (#ff6e42) sous du texte blanc est refusé."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(f"{served}/tenseurs/", wait_until="networkidle")
    tab.add_style_tag(content="[data-md-color-primary=deep-orange]{--md-primary-fg-color:#ff6e42}")
    tab.add_script_tag(path=str(AXE))
    found = tab.evaluate("() => axe.run(document, {runOnly: ['color-contrast']}).then(r => r.violations)")
    context.close()
    assert found and any(re.search(r"2\.7\d", n["failureSummary"]) for v in found for n in v["nodes"])
