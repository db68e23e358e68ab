"""Construction du site : MkDocs strict, Zensical, et le comportement en cas d'erreur (build et serve)."""

import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, build_with_mkdocs, make_project
from freeze import Layout
from site_checks import missing_outputs

LAYOUT = Layout(ROOT)


def test_mkdocs_site_shows_every_output_and_figure(mkdocs_site):
    assert missing_outputs(LAYOUT, mkdocs_site) == []


def test_site_makes_no_request_outside(mkdocs_site):
    """Ni CDN ni Google Fonts : tout ce que charge une page est servi par le site lui-même."""
    for page in mkdocs_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for url in set(re.findall(r'(?:src|href)="(https?://[^"]+)"', text)):
            assert "fonts.googleapis" not in url and "cdn" not in url and "unpkg" not in url, (page, url)
    assert (mkdocs_site / "assets/katex/katex.min.js").is_file()


def test_zensical_builds_the_same_pages_with_outputs(tmp_path):
    for name in ("mkdocs.yml", "docs", "snippets", "_freeze"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, tmp_path / name)
    result = subprocess.run([str(ROOT / ".venv/bin/zensical"), "build"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    assert missing_outputs(Layout(tmp_path), tmp_path / "site") == []


FAILING = {"chap/casse.py": "print('avant')\n#> avant\n\n\nraise RuntimeError('oups')\n"}
PAGE = {"index.md": '# Essai\n\n```python\n--8<-- "snippets/chap/casse.py"\n```\n\n--8<-- "_freeze/chap/casse/script.md"\n'}


def test_failing_snippet_fails_strict_build_with_its_traceback(tmp_path):
    project = make_project(tmp_path / "projet", FAILING, PAGE)
    result = build_with_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "snippets/chap/casse.py:5: RuntimeError: oups" in output and "line 5" in output


def test_output_text_is_escaped(tmp_path):
    printer = "print('<script>alert(1)</script>')\nprint('```')\nprint('**gras**')\n#> <script>alert(1)</script>\n#> ```\n#> **gras**\n"
    page = {"index.md": '# Essai\n\n```python\n--8<-- "snippets/chap/html.py"\n```\n\n--8<-- "_freeze/chap/html/script.md"\n'}
    project = make_project(tmp_path / "projet", {"chap/html.py": printer}, page)
    result = build_with_mkdocs(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "site" / "index.html").read_text()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html
    assert "**gras**" in html and "<strong>gras</strong>" not in html


def test_missing_include_fails_strict_build(tmp_path):
    project = make_project(tmp_path / "projet", {}, {"index.md": '# Essai\n\n--8<-- "_freeze/rien/script.md"\n'})
    result = build_with_mkdocs(project, tmp_path / "site")
    assert result.returncode != 0 and "rien/script.md" in result.stdout + result.stderr


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, contains: str, seconds: float = 120) -> str:
    deadline, text = time.time() + seconds, ""
    while time.time() < deadline:
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode()
            if contains in text:
                return text
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError(f"{contains!r} jamais apparu dans {url} :\n{text[-2000:]}")


def test_serve_shows_the_error_in_the_page_and_keeps_running(tmp_path):
    project = make_project(tmp_path, FAILING, PAGE)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        page = wait_for(f"http://127.0.0.1:{port}/", "RuntimeError: oups")
        assert "Échec de" in page and "line 5" in page
        (project / "snippets/chap/casse.py").write_text("print('réparé')\n#> réparé\n")
        page = wait_for(f"http://127.0.0.1:{port}/", "réparé")
        assert "RuntimeError" not in page
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
