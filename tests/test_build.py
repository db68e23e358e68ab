"""Construction du site : MkDocs strict, Zensical, et le comportement en cas d'erreur (build et serve)."""

import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, build_with_mkdocs, copy_site_sources, make_project
from freeze import Layout
from site_checks import missing_outputs

LAYOUT = Layout(ROOT)


def test_mkdocs_site_shows_every_output_and_figure(mkdocs_site):
    assert missing_outputs(LAYOUT, mkdocs_site) == []


def test_code_blocks_show_no_expected_lines(mkdocs_site):
    """La sortie n'apparaît qu'une fois, dans l'encadré « Sortie » : jamais de `#>` dans le code affiché."""
    for page in mkdocs_site.rglob("index.html"):
        code = re.findall(r'<div class="language-python highlight">(.*?)</div>', page.read_text(encoding="utf-8"),
                          re.S)
        for block in code:
            text = html.unescape(re.sub(r"<[^>]+>", "", block))
            assert not re.search(r"^\s*#>", text, re.M), (page, text[:200])


def test_site_makes_no_request_outside(mkdocs_site):
    """Ni CDN ni Google Fonts : tout ce que charge une page est servi par le site lui-même."""
    for page in mkdocs_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in set(re.findall(r'(?:src|href)="(https?://[^"]+)"', text)):
            assert "fonts.googleapis" not in url and "cdn" not in url and "unpkg" not in url, (page, url)
    assert (mkdocs_site / "assets/katex/katex.min.js").is_file()


def test_zensical_builds_the_same_pages_with_outputs(tmp_path):
    copy_site_sources(tmp_path)
    result = subprocess.run([str(ROOT / ".venv/bin/zensical"), "build"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert missing_outputs(Layout(tmp_path), tmp_path / "site") == []


FAILING = {"chap/casse.py": "print('avant')\n#> avant\n\n\nraise RuntimeError('oups')\n"}
PAGE = {"index.md": '# Essai\n\n--8<-- "_freeze/chap/casse/script.md"\n'}


def test_failing_snippet_fails_strict_build_with_its_traceback(tmp_path):
    project = make_project(tmp_path / "projet", FAILING, PAGE)
    result = build_with_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "snippets/chap/casse.py:5: RuntimeError: oups" in output and "line 5" in output


HOSTILE = (
    "import matplotlib.pyplot as plt\n"
    "print('--8<-- \"mkdocs.yml\"')\n"
    "print('-8<- \"mkdocs.yml\"')\n"
    "print(';--8<-- \"mkdocs.yml\"')\n"
    "print('--8<--')\n"
    "print('texte --8<-- [start:x] fin')\n"
    "print('<script>alert(1)</script>')\n"
    "print('```')\n"
    "print('**gras** [lien](http://exemple.org) <tf.Tensor: shape=(), dtype=int32>')\n"
    "fig, ax = plt.subplots()\n"
    "ax.set_title('titre [piège] *x* <b> & \\\\')\n"
    "plt.show()\n"
    "#> ...\n"
)
HOSTILE_LINES = ['--8<-- "mkdocs.yml"', '-8<- "mkdocs.yml"', ';--8<-- "mkdocs.yml"', "--8<--",
                 "texte --8<-- [start:x] fin", "<script>alert(1)</script>", "```",
                 "**gras** [lien](http://exemple.org) <tf.Tensor: shape=(), dtype=int32>"]


def test_every_byte_of_the_output_is_shown_as_text(tmp_path):
    """Inclusions (toutes les formes), HTML, Markdown, clôtures, titre de figure finissant par « \\ » :
    la page montre exactement ce que le snippet a affiché, et rien d'autre."""
    page = {"index.md": '# Essai\n\n--8<-- "_freeze/chap/hostile/script.md"\n'}
    project = make_project(tmp_path / "projet", {"chap/hostile.py": HOSTILE}, page)
    result = build_with_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    built = (tmp_path / "site" / "index.html").read_text()
    outputs = re.findall(r'<div class="sortie[^"]*"[^>]*>.*?<code>(.*?)</code>', built, re.S)
    shown = html.unescape(re.sub(r"<[^>]+>", "", outputs[0])).rstrip("\n").split("\n")
    assert shown == HOSTILE_LINES
    assert "site_name" not in built and "<script>alert(1)" not in built and "<strong>gras" not in built
    image = re.search(r'<img alt="([^"]*)" src="(figures/chap/hostile-script-1.png)"', built)
    assert image and html.unescape(image[1]) == "titre [piège] *x* <b> & \\", built[-3000:]


def test_renamed_cell_fails_the_build_naming_page_line_and_cell(tmp_path):
    snippet = "# --8<-- [start:un]\nprint(1)\n#> 1\n# --8<-- [end:un]\n"
    page = {"index.md": '# Essai\n\nTexte.\n\n--8<-- "_freeze/chap/a/un.md"\n'}
    project = make_project(tmp_path / "projet", {"chap/a.py": snippet}, page)
    assert build_with_mkdocs(project, tmp_path / "site").returncode == 0
    (project / "snippets/chap/a.py").write_text(snippet.replace(":un]", ":deux]"))
    result = build_with_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    assert "docs/index.md:5:" in result.stderr and "« un » n'existe pas" in result.stderr and "deux" in result.stderr
    assert not (project / "_freeze/chap/a/un.md").exists()  # le fragment de l'ancienne cellule est supprimé


def test_missing_include_fails_strict_build(tmp_path):
    project = make_project(tmp_path / "projet", {}, {"index.md": '# Essai\n\n--8<-- "_freeze/rien/script.md"\n'})
    result = build_with_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0 and "docs/index.md:3:" in result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    return urllib.request.urlopen(url, timeout=timeout).read().decode()


def plain(page: str) -> str:
    """Le texte d'une page HTML, sans balises (le surligneur découpe le code en <span>)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def wait_for(url: str, contains: str, seconds: float = 120) -> str:
    """Attend que le texte de la page contienne `contains` ; renvoie ce texte (sans balises)."""
    deadline, text = time.time() + seconds, ""
    while time.time() < deadline:
        try:
            text = plain(fetch(url))
            if contains in text:
                return text
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{contains!r} jamais apparu dans {url} :\n{text[-2000:]}")


class Served:
    def __init__(self, project):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{self.port}"],  # make serve
            cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env={**os.environ, "COURS_PRELOAD": "0"},  # ces snippets n'importent pas TensorFlow
        )

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=30)


def test_serve_shows_the_error_as_text_in_the_page_and_keeps_running(tmp_path):
    hostile = {"chap/casse.py": "print('avant')\n#> avant\n\n\nraise RuntimeError('<script>x</script> **gras** <tf.Tensor: shape=()>')\n"}
    project = make_project(tmp_path, hostile, PAGE)
    with Served(project) as server:
        page = wait_for(server.url, "Échec de l")
        assert "line 5" in page
        assert "<script>x</script> **gras** <tf.Tensor: shape=()>" in page  # tout le message, en texte
        raw = fetch(server.url)
        assert "<script>x" not in raw and "<strong>gras" not in raw
        (project / "snippets/chap/casse.py").write_text("print('ré' + 'paré')\n#> réparé\n")
        page = wait_for(server.url, "réparé")
        assert "RuntimeError" not in page
        assert server.process.poll() is None


def test_serve_answers_while_a_snippet_runs_and_shows_broken_includes(tmp_path):
    slow = {"chap/lent.py": "import time\n\ntime.sleep(1)\nprint('fi' + 'ni')\n#> fini\n"}
    pages = {"index.md": '# Essai\n\n--8<-- "_freeze/chap/lent/script.md"\n', "autre.md": "# Autre\n"}
    project = make_project(tmp_path, slow, pages)
    go = tmp_path / "continue"
    with Served(project) as server:
        wait_for(server.url, "fini")
        # le snippet attend que le test l'y autorise : la page est vue pendant l'exécution, sans course
        (project / "snippets/chap/lent.py").write_text(
            f"import os, time\n\nlimite = time.monotonic() + 120\nwhile not os.path.exists({str(go)!r}) and "
            "time.monotonic() < limite:\n    time.sleep(0.02)\nprint('en' + 'fin')\n#> enfin\n")
        page = wait_for(server.url, "time.monotonic() + 120", 30)  # le nouveau code, tout de suite…
        assert "Exécution en cours" in page  # … annoncé comme en cours d'exécution
        fetch(server.url + "autre/", timeout=30)
        assert "Exécution en cours" in plain(fetch(server.url))  # le serveur a répondu pendant l'exécution
        assert not any("Exécution en cours" in f.read_text() for f in (project / "_freeze").rglob("*.md"))
        go.touch()
        wait_for(server.url, "enfin", 120)
        (project / "docs/index.md").write_text('# Essai\n\n--8<-- "_freeze/chap/lent/renommee.md"\n')
        page = wait_for(server.url, "Inclusion impossible", 60)
        assert "docs/index.md:3:" in page and "renommee" in page
        assert server.process.poll() is None
