"""Le cours en PDF : la page « Tout le cours sur une page » (plugin print-site), imprimée par Chromium headless.

    .venv/bin/python scripts/pdf.py                    # construit le site (MkDocs, strict) puis site/cours.pdf
    .venv/bin/python scripts/pdf.py --site site        # à partir d'un site déjà construit (make pdf)
    .venv/bin/python scripts/pdf.py -o /tmp/cours.pdf

Le site est servi sur 127.0.0.1 le temps de l'impression ; toute requête qui voudrait sortir de localhost est
bloquée et fait échouer l'impression (le PDF montre ce que montre le site hors ligne). Les encadrés repliés
(solutions des exercices) sont dépliés, les formules rendues par KaTeX et les figures chargées avant
l'impression. Le script affiche le nombre de pages, le nombre d'images et la durée.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Sans ces options, Chromium tente de joindre les serveurs de Google au démarrage.
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps"]
PRINT_PAGE = "print_page/"
READY = """() => {
    if (document.readyState !== 'complete') return false;  // la longue page s'analyse encore
    const formulas = [...document.querySelectorAll('.arithmatex')];
    const images = [...document.querySelectorAll('#print-site-page img')];
    return formulas.every(f => f.querySelector('.katex')) && images.every(i => i.complete && i.naturalWidth > 0);
}"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(site: Path):
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build_site(target: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(target)], cwd=ROOT,
                            capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"pdf: la construction du site a échoué\n{result.stdout}{result.stderr}")


def print_pdf(site: Path, output: Path, timeout_ms: int = 180_000) -> dict:
    """Imprime la page d'impression de `site` dans `output` ; renvoie ce qui a été mesuré."""
    from playwright.sync_api import sync_playwright

    if not (site / PRINT_PAGE / "index.html").is_file():
        raise SystemExit(f"pdf: {site / PRINT_PAGE} absent : le site a-t-il été construit avec le plugin print-site ?")
    start = time.perf_counter()
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page()
            outside: list[str] = []

            def route(request):
                if request.request.url.startswith(base) or request.request.url.startswith("data:"):
                    return request.continue_()
                outside.append(request.request.url)
                return request.abort()

            page.route("**/*", route)
            page.goto(f"{base}/{PRINT_PAGE}", wait_until="load", timeout=timeout_ms)
            loaded = time.perf_counter()
            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
            page.evaluate("document.querySelectorAll('#print-site-page img').forEach(i => i.loading = 'eager')")
            page.wait_for_function(READY, timeout=timeout_ms)
            ready = time.perf_counter()
            if outside:
                raise SystemExit("pdf: requêtes hors de localhost (bloquées) :\n" + "\n".join(sorted(set(outside))))
            output.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(output), prefer_css_page_size=True, print_background=True)
        finally:
            browser.close()
    seconds = time.perf_counter() - start
    return {"pages": page_count(output), "images": image_count(output), "seconds": seconds,
            "bytes": output.stat().st_size, "load": loaded - start, "render": ready - loaded,
            "print": time.perf_counter() - ready}


def page_count(pdf: Path) -> int:
    from pypdf import PdfReader

    return len(PdfReader(pdf).pages)


def image_count(pdf: Path) -> int:
    """Les images dessinées dans le PDF (une par page où elle apparaît)."""
    from pypdf import PdfReader

    count = 0
    for page in PdfReader(pdf).pages:
        resources = page.get("/Resources")
        objects = resources.get_object().get("/XObject") if resources else None
        if objects:
            count += sum(1 for ref in objects.get_object().values() if ref.get_object().get("/Subtype") == "/Image")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, help="site déjà construit (défaut : le construire)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "site" / "cours.pdf")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="cours-pdf-") as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            print("pdf: construction du site (mkdocs build --strict)…", flush=True)
            build_site(site)
        measured = print_pdf(site.resolve(), args.output.resolve())
    print(f"pdf: {args.output} : {measured['pages']} pages, {measured['images']} images, "
          f"{measured['bytes'] / 1e6:.1f} Mo ; impression {measured['seconds']:.1f} s, "
          f"en tout {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    sys.exit(main())
