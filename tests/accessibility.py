"""axe-core (paquet npm épinglé par package-lock.json) dans Chromium : les règles WCAG 2.1 A et AA, celles du
RGAA, sur une page servie, dans un schéma de couleurs donné."""

from pathlib import Path

from conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCHEMES = {"clair": "light", "sombre": "dark"}


def site_pages(site: Path) -> list[str]:
    """Les adresses (relatives) de toutes les pages HTML du site construit."""
    return sorted(p.parent.relative_to(site).as_posix() + "/" if p.parent != site else ""
                  for p in site.rglob("index.html") if "assets" not in p.parts)


def audit(browser, base: str, address: str, scheme: str) -> list[dict]:
    """Les violations trouvées par axe-core sur la page, dans le schéma `scheme` (« light » ou « dark » :
    la préférence du système, que la palette de Material suit)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                                  reduced_motion="reduce")
    tab = context.new_page()
    try:
        # « load » d'abord : sur la page imprimable (plus de 16 000 lignes), le réseau se tait alors que
        # l'analyseur HTML n'a pas fini, et les scripts de fin de page n'ont pas encore tourné
        tab.goto(f"{base}/{address}", wait_until="load")
        tab.wait_for_load_state("networkidle")
        tab.add_script_tag(path=str(AXE))
        result = tab.evaluate("""tags => axe.run(document, {runOnly: {type: 'tag', values: tags},
                                                           resultTypes: ['violations']})""", TAGS)
        return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                 "nodes": [n["target"][0] if n["target"] else "?" for n in v["nodes"]],
                 "summary": v["nodes"][0].get("failureSummary", "") if v["nodes"] else ""}
                for v in result["violations"]]
    finally:
        context.close()
