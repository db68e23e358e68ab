"""Réglages communs : chemins du projet, projets jetables, site construit dans une copie (jamais dans l'arbre)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Ce qu'il faut copier pour construire le site ailleurs que dans l'arbre versionné.
# Les fichiers de verrouillage en font partie : la clé d'un snippet qui lit un outil installé (node_modules/,
# .venv-tfjs/) est celle de son verrouillage.
SITE_SOURCES = ("mkdocs.yml", "docs", "snippets", "_freeze", "scripts", "package-lock.json", "requirements.lock",
                "requirements-tfjs.lock")


def make_project(tmp_path: Path, snippets: dict[str, str], pages: dict[str, str] | None = None) -> Path:
    """Un petit projet jetable : snippets/, docs/, et le mkdocs.yml du vrai projet réduit à ces pages."""
    for name, text in snippets.items():
        target = tmp_path / "snippets" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    (tmp_path / "docs").mkdir(parents=True, exist_ok=True)
    for name, text in (pages or {}).items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    # L'outillage du vrai projet, copié : le hook du projet jetable l'utilise comme celui du vrai.
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts", ignore=shutil.ignore_patterns("__pycache__"),
                    dirs_exist_ok=True)
    nav = "".join(f"  - {name}\n" for name in (pages or {}))
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: essai\n"
        "theme:\n  name: material\n  language: fr\n  font: false\n"
        "hooks:\n  - scripts/hooks.py\n"
        "markdown_extensions:\n  - admonition\n  - attr_list\n  - pymdownx.superfences\n"
        "  - pymdownx.highlight\n"
        "  - pymdownx.snippets:\n      base_path: ['.']\n      check_paths: true\n"
        f"nav:\n{nav}",
        encoding="utf-8",
    )
    return tmp_path


def copy_site_sources(target: Path) -> Path:
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".verrou"))
        else:
            shutil.copy(source, target / name)
    if (ROOT / "node_modules").is_dir():  # lu par des snippets (tf.min.js) : dans leur clé de cache
        (target / "node_modules").symlink_to(ROOT / "node_modules")
    return target


def build_with_mkdocs(project: Path, site_dir: Path, **env):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project, capture_output=True, text=True, timeout=900, env={**os.environ, **env},
    )


@pytest.fixture(scope="session")
def mkdocs_site(tmp_path_factory) -> Path:
    """Le vrai site, construit une fois, dans une copie, à partir des sorties versionnées telles quelles
    (COURS_EXECUTE=0 : rien n'est exécuté ni réécrit ; leur fraîcheur est vérifiée par test_snippets)."""
    project = copy_site_sources(tmp_path_factory.mktemp("projet"))
    site = tmp_path_factory.mktemp("site")
    result = build_with_mkdocs(project, site, COURS_EXECUTE="0")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


# --- le site servi sur localhost et Chromium headless (test_browser, test_tfjs, test_notebooks) ---------------

@pytest.fixture(scope="session")
def served(mkdocs_site):
    """Le site construit, servi sur 127.0.0.1 (le serveur de scripts/pdf.py) ; l'adresse de base."""
    from pdf import served as serve

    with serve(mkdocs_site) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    """Chromium du paquet Debian, sans écran, avec les options qui l'empêchent de joindre Google."""
    playwright = pytest.importorskip("playwright.sync_api")
    from pdf import CHROMIUM, FLAGS

    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, served):
    """Un onglet neuf ; `tab.requests` : les adresses demandées, `tab.errors` : les erreurs JavaScript."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.requests, tab.errors = [], []
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    context.close()

