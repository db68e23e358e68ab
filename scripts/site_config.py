"""mkdocs.yml lu par PyYAML, une fois : la navigation et de quoi construire le lien « Ouvrir dans Colab ».

Les balises propres à MkDocs (`!!python/name:…`, `!ENV`) sont lues comme des valeurs vides : ce module n'a
besoin que de `nav`, `repo_url`, `edit_uri` et `docs_dir`, et ne dépend que de PyYAML (aucun import de MkDocs).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

GITHUB = re.compile(r"^https?://github\.com/(?P<owner>[^/]+)/(?P<repo>[^/]+?)(?:\.git)?/?$")


class _Loader(yaml.SafeLoader):
    """Comme SafeLoader, mais une balise inconnue donne None au lieu d'une erreur."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load(root: Path) -> dict:
    path = root / "mkdocs.yml"
    return _load(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _load(path: Path, _mtime: int) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader) or {}


def nav_pages(root: Path) -> list[str]:
    """Les fichiers Markdown de la navigation, dans l'ordre du menu."""
    found: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str) and item.endswith(".md"):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(load(root).get("nav", []))
    return found


def colab_url(root: Path, notebook: str) -> str | None:
    """Le lien « Ouvrir dans Colab » du notebook `notebook` (chemin relatif à docs/, « notebooks/x.ipynb »),
    d'après `repo_url` (un dépôt GitHub) et la branche de `edit_uri` (`main` par défaut) de mkdocs.yml ;
    None tant que `repo_url` n'est pas réglé (ou ne désigne pas GitHub)."""
    config = load(root)
    github = GITHUB.match(str(config.get("repo_url") or ""))
    if not github:
        return None
    branch = re.match(r"(?:edit|blob|tree)/([^/]+)/", str(config.get("edit_uri") or ""))
    docs = str(config.get("docs_dir") or "docs").strip("/")
    return (f"https://colab.research.google.com/github/{github['owner']}/{github['repo']}/blob/"
            f"{branch[1] if branch else 'main'}/{docs}/{notebook}")


def site_url(root: Path) -> str | None:
    """`site_url` de mkdocs.yml, terminé par « / » ; None tant qu'il n'est pas réglé."""
    url = str(load(root).get("site_url") or "").strip()
    return url.rstrip("/") + "/" if url else None


def page_url(root: Path, target: str) -> str | None:
    """L'adresse publiée d'un fichier de docs/ (`keras.md` → `<site_url>keras/`, `figures/x.png` tel quel),
    d'après `site_url` et `use_directory_urls` ; None tant que `site_url` n'est pas réglé."""
    base = site_url(root)
    if base is None:
        return None
    if target.endswith(".md"):
        stem = target[:-3]
        directory = load(root).get("use_directory_urls", True) is not False
        if stem == "index" or stem.endswith("/index"):
            target = stem[:-5]
        else:
            target = f"{stem}/" if directory else f"{stem}.html"
    return base + target
