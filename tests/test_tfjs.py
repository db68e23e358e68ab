"""La démo de la page TensorFlow.js, dans le site construit (fixture `mkdocs_site`, partagée avec test_build et
test_browser : rien n'est construit ni exécuté ici de plus), servie sur localhost et ouverte dans Chromium
headless. Le modèle converti que publie snippets/tfjs/conversion.py doit y donner, pour les images de test
publiées avec lui, les probabilités que Keras a calculées pour les mêmes images (images.json)."""

import json

import pytest

playwright = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.browser

PUBLISHED = "fichiers/tfjs/conversion"
# Écart maximal mesuré entre le navigateur (Chromium headless, backend webgl rendu par SwiftShader) et Keras,
# sur les 6 exécutions de scripts/tolerances.py (graines, oneDNN, fils) de la cellule « navigateur » : de
# 1.8e-07 à 4.2e-07 (backend cpu : au plus 3.3e-07) ; la démo de la page, mesurée ici : 3.7e-07. images.json
# arrondit les probabilités de Keras à 7 chiffres significatifs (au plus 5e-08 de plus). Tolérance : le double
# du plus grand écart, arrondi vers le haut à un chiffre significatif (règle de CONTRIBUTING.md).
TOLERANCE = 9e-7


# Le site servi (`served`), Chromium (`browser`) et l'onglet (`page`, requêtes et erreurs JavaScript
# enregistrées) : fixtures de conftest.py.


def open_demo(page, served):
    page.goto(f"{served}/tfjs/", wait_until="load")
    demo = page.locator("#demo-tfjs")
    page.wait_for_function("() => ['pret', 'erreur'].includes(document.getElementById('demo-tfjs').dataset.etat)",
                           timeout=60_000)
    return demo


def leaving(page, served):
    return [url for url in page.requests if not url.startswith(served) and not url.startswith(("data:", "blob:"))]


def test_demo_predicts_like_keras_offline(page, served, mkdocs_site):
    demo = open_demo(page, served)
    assert demo.get_attribute("data-etat") == "pret", demo.locator(".demo-tfjs-etat").inner_text()
    published = json.loads((mkdocs_site / PUBLISHED / "images.json").read_text(encoding="utf-8"))
    figures = demo.locator("figure.demo-tfjs-image")
    assert figures.count() == len(published["keras"]) == 10
    gaps = []
    for i, keras_row in enumerate(published["keras"]):
        figure = figures.nth(i)
        assert int(figure.get_attribute("data-index")) == published["indices"][i]
        browser_row = json.loads(figure.get_attribute("data-probas"))
        assert len(browser_row) == 10 and abs(sum(browser_row) - 1) < 1e-4
        gaps.append(max(abs(a - b) for a, b in zip(browser_row, keras_row)))
        assert browser_row.index(max(browser_row)) == keras_row.index(max(keras_row))
    assert max(gaps) < TOLERANCE, gaps
    assert float(demo.get_attribute("data-ecart")) == pytest.approx(max(gaps), abs=1e-7)
    print(f"\nbackend : {demo.get_attribute('data-backend')} ; écart maximal avec Keras : {max(gaps):.1e}")
    assert demo.get_attribute("data-backend") in {"webgl", "cpu", "wasm", "webgpu"}
    # TensorFlow.js, le modèle et les images viennent du site lui-même
    assert any(url.endswith("/assets/tfjs/tf.min.js") for url in page.requests)
    assert any(url.endswith(f"/{PUBLISHED}/modele/model.json") for url in page.requests)
    assert any(url.endswith(f"/{PUBLISHED}/modele/group1-shard1of1.bin") for url in page.requests)
    assert leaving(page, served) == []
    assert page.errors == []


def test_drawing_and_copying_a_test_image(page, served):
    demo = open_demo(page, served)
    board = demo.locator(".demo-tfjs-dessin canvas")
    board.scroll_into_view_if_needed()
    box = board.bounding_box()
    # un trait vertical au milieu de la zone de dessin, à la souris
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] * 0.15)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] * (0.15 + 0.07 * step))
    page.mouse.up()
    page.wait_for_function("el => el.dataset.probas", arg=board.element_handle(), timeout=15_000)
    drawn = json.loads(board.get_attribute("data-probas"))
    assert len(drawn) == 10 and abs(sum(drawn) - 1) < 1e-4
    assert demo.locator(".demo-tfjs-dessin-probas li").count() == 3
    # Effacer, puis copier une image de test dans la zone de dessin : réduite de nouveau à 28 × 28, elle
    # donne la même classe que l'image elle-même.
    demo.locator(".demo-tfjs-effacer").click()
    assert board.get_attribute("data-probas") is None
    figure = demo.locator("figure.demo-tfjs-image").nth(1)  # pantalon : la classe la plus nette
    figure.click()
    page.wait_for_function("el => el.dataset.probas", arg=board.element_handle(), timeout=15_000)
    copied = json.loads(board.get_attribute("data-probas"))
    original = json.loads(figure.get_attribute("data-probas"))
    assert copied.index(max(copied)) == original.index(max(original))
    assert leaving(page, served) == []
    assert page.errors == []


def test_test_images_are_usable_with_the_keyboard(page, served):
    """Sans souris : Tab atteint chaque image de test, Entrée la copie dans la zone de dessin, qui est classée
    comme l'image elle-même (l'équivalent au clavier du dessin à la main)."""
    demo = open_demo(page, served)
    board = demo.locator(".demo-tfjs-dessin canvas")
    figure = demo.locator("figure.demo-tfjs-image").nth(1)
    assert figure.get_attribute("role") == "button" and "pantalon" in figure.inner_text()
    page.keyboard.press("Tab")
    for _ in range(200):  # jusqu'à la deuxième image, comme le ferait un lecteur au clavier
        if page.evaluate("() => document.activeElement.dataset.index") == figure.get_attribute("data-index"):
            break
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_function("el => el.dataset.probas", arg=board.element_handle(), timeout=15_000)
    copied = json.loads(board.get_attribute("data-probas"))
    original = json.loads(figure.get_attribute("data-probas"))
    assert copied.index(max(copied)) == original.index(max(original))
    assert page.errors == []


def test_missing_model_is_reported_in_the_page(page, served):
    """Le test voit une démo cassée : sans model.json, la page le dit au lieu de rester muette."""
    page.route("**/modele/model.json", lambda route: route.fulfill(status=404, body="absent"))
    demo = open_demo(page, served)
    assert demo.get_attribute("data-etat") == "erreur"
    assert "n'a pas pu démarrer" in demo.locator(".demo-tfjs-etat").inner_text()
    assert leaving(page, served) == []
