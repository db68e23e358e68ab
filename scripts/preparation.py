"""Ce qu'un notebook doit apporter avec lui pour tourner hors de la machine du cours (Colab, un portable) :
la cellule « Préparation » et l'en-tête de liens que `export_notebooks.py` place en tête de chaque notebook.

Tout se déduit du code de la page, rien n'est listé à la main par page :
- les modules que ses snippets importent → les paquets pip qui les fournissent ici, à la version installée
  (celle des sorties), installés seulement s'ils manquent (Colab a déjà TensorFlow, matplotlib, scikit-learn…) ;
- les commandes qu'ils lancent et les données de paquets Debian qu'ils lisent (tables ci-dessous) ;
- les versions des sorties montrées : celles des enregistrements des snippets de la page.

Un snippet n'écrit aucun chemin propre à cette machine (test_prose le vérifie : `MACHINE_PATH`), sauf une
donnée Debian déclarée dans `DEBIAN_DATA`, que la cellule Préparation installe avec apt-get où il existe.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from freeze import Layout
from pages import page_snippet_ids

# Les bibliothèques dont viennent les sorties : vérifiées par la cellule, jamais réinstallées par elle.
CORE = {"tensorflow": "TensorFlow", "keras": "Keras", "numpy": "NumPy"}
# Commande lancée par un snippet → paquet pip qui la fournit (et fichier de verrouillage où lire sa version).
COMMANDS = {"tensorflowjs_converter": ("tensorflowjs", "requirements-tfjs.lock")}
# Donnée d'un paquet Debian lue par un snippet → ce paquet (Colab, Debian et Ubuntu l'installent avec apt-get).
DEBIAN_DATA = {"/usr/share/dict/french": "wfrench", "/usr/share/dict/american-english": "wamerican",
               "/usr/share/dict/ngerman": "wngerman", "/usr/share/dict/spanish": "wspanish",
               "/usr/share/dict/italian": "witalian"}
# Fonction appelée par un snippet → le paquet pip qu'elle importe elle-même, et le programme (paquet Debian)
# qu'elle lance : keras.utils.plot_model passe par pydot, qui lance `dot` de Graphviz.
INDIRECT = {"plot_model": ("pydot", ("dot", "graphviz"))}
# Où trouver un programme hors Debian et Ubuntu (le conseil que la Préparation affiche sans apt-get).
HOMEPAGE = {"graphviz": "https://graphviz.org"}
# Un chemin de cette machine : un programme ou une donnée du système, un outil installé dans le dépôt, un
# chemin construit à partir de l'interpréteur.
MACHINE_PATH = re.compile(r"/usr/(?:local/)?(?:bin|share|lib)/[\w./-]*|node_modules|\.venv[\w-]*|sys\.executable\)"
                          r"|dirname\(sys\.executable|COURS_RACINE")
HEADER_TAG = "en-tete"
PREPARATION_TAG = "preparation"


@lru_cache(maxsize=1)
def _distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


def imported_modules(text: str) -> set[str]:
    """Les modules de premier niveau qu'importe ce code (bibliothèque standard exclue ; rien pour un code qui
    ne s'analyse pas : l'exécuteur signale son erreur de syntaxe)."""
    found = set()
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and not m.startswith("_")}


def _locked_version(root: Path, lock: str, package: str) -> str | None:
    for line in (root / lock).read_text(encoding="utf-8").splitlines():
        name, _, version = line.partition("==")
        if name.strip().lower() == package:
            return version.strip()
    return None


def needs(layout: Layout, snippet_ids: list[str]) -> dict:
    """Ce que les snippets de la page demandent au-delà de Python : paquets pip (module → « nom==version »),
    données Debian (chemin → paquet), et s'il faut un Chromium pour Playwright."""
    paths = [layout.snippet_path(i) for i in snippet_ids]
    texts = [p.read_text(encoding="utf-8") for p in paths if p.is_file()]  # inclusion cassée : signalée ailleurs
    text = "\n".join(texts)
    packages = {}
    for module in sorted(set().union(*map(imported_modules, texts)) - set(CORE)):
        distributions = _distributions().get(module)
        if distributions:
            packages[module] = f"{distributions[0]}=={metadata.version(distributions[0])}"
    commands = {}
    for command, (package, lock) in COMMANDS.items():
        if command in text:
            version = _locked_version(layout.root, lock, package)
            commands[command] = f"{package}=={version}" if version else package
    debian = {path: package for path, package in DEBIAN_DATA.items() if path in text}
    programs = {}
    for call, (module, (program, package)) in INDIRECT.items():
        if call in text:
            packages[module] = f"{module}=={metadata.version(module)}"
            programs[program] = package
    return {"packages": dict(sorted(packages.items())), "commands": commands, "debian": debian,
            "programs": programs, "browser": "playwright" in packages}


def preparation_code(wanted: dict, versions: dict[str, str], matrix_url: str | None = None) -> str:
    """La cellule Préparation : installe ce qui manque, puis compare les versions à celles des sorties."""
    published = {label: versions[name] for name, label in CORE.items() if name in versions}
    lines = [
        "# Préparation (cellule ajoutée au notebook, absente de la page) : installe ce qui manque à ce",
        "# notebook, puis compare les versions à celles qui ont produit les sorties montrées.",
        "import importlib.util",
        "import os",
        "import shutil",
        "import subprocess",
        "import sys",
    ]
    if wanted["packages"]:
        lines += ["", "# Module importé → paquet pip, à la version des sorties ; installé seulement s'il manque",
                  f"requis = {json.dumps(wanted['packages'], ensure_ascii=False)}",
                  "manquants = [p for module, p in requis.items() if importlib.util.find_spec(module) is None]",
                  "if manquants:",
                  '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", *manquants], check=True)']
    for command, package in wanted["commands"].items():
        lines += [f'if shutil.which("{command}") is None:  # commande lancée par le notebook',
                  f'    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "{package}"], check=True)']
    if wanted["browser"]:
        lines += ['if shutil.which("chromium") is None:  # sinon, le Chromium que Playwright télécharge',
                  '    subprocess.run([sys.executable, "-m", "playwright", "install", "--with-deps", "chromium"],',
                  "                   check=True)"]
    for program, package in wanted["programs"].items():
        lines += _apt(f'if shutil.which("{program}") is None:  # programme du paquet Debian {package}', package,
                      f"Installez {package} ({HOMEPAGE[package]}) : ce notebook lance {program}.")
    for path, package in wanted["debian"].items():
        lines += _apt(f'if not os.path.exists("{path}"):  # donnée du paquet Debian {package}', package,
                      f"Installez le paquet Debian/Ubuntu {package} : ce notebook lit {path}.")
    lines += [
        "",
        "import keras",
        "import numpy",
        "import tensorflow",
        "",
        f"sorties = {json.dumps(published, ensure_ascii=False)}",
        'ici = {"TensorFlow": tensorflow.__version__, "Keras": keras.__version__, "NumPy": numpy.__version__}',
        "ecarts = [f\"{nom} {ici[nom]} (sorties : {v})\" for nom, v in sorties.items() if ici[nom] != v]",
        "if ecarts:",
        '    print("Attention, versions différentes de celles des sorties montrées :", ", ".join(ecarts))',
        '    print("Les nombres affichés peuvent différer de ceux de la page.")',
        *([f'    print("Ce que chaque bloc donne sous d\'autres versions : {matrix_url}")'] if matrix_url else []),
        "else:",
        '    print("Versions des sorties montrées :", ", ".join(f"{nom} {v}" for nom, v in ici.items()))',
    ]
    return "\n".join(lines)


def _apt(test: str, package: str, advice: str) -> list[str]:
    """Sous la ligne `test` : le paquet Debian installé par apt-get (Colab, Debian, Ubuntu), sinon un conseil."""
    return [test,
            '    if shutil.which("apt-get") is None:',
            f'        print("{advice}")',
            "    else:",
            f'        subprocess.run("apt-get update -qq && apt-get install -y -qq {package}", shell=True,',
            "                       check=True)"]


def header_markdown(title: str, page_url: str | None, colab: str | None, download: str | None) -> str:
    """L'en-tête du notebook : d'où il vient, et les liens qui existent (adresses absolues)."""
    links = [f"[{label}]({url})" for label, url in (("Page du cours", page_url), ("Ouvrir dans Colab", colab),
                                                   ("Télécharger le notebook", download)) if url]
    text = (f"*Ce notebook reprend la page «\u00a0{title}\u00a0» du cours «\u00a0TensorFlow et Intelligence "
            "Artificielle\u00a0»\u00a0: ses blocs de code, dans l'ordre de la page, avec les sorties de l'exécution "
            "vérifiée du site. Exécutez d'abord la cellule «\u00a0Préparation\u00a0».*")
    return text + ("\n\n" + " · ".join(links) if links else "")


# --- la page d'accueil : ce que chaque partie demande, et la ligne d'installation de tout le cours ----------

def distribution_names(wanted: dict) -> list[str]:
    """Les paquets pip de `wanted` (ce que renvoie `needs`), hors TensorFlow, Keras et NumPy (installés avec lui ;
    tensorboard n'en fait plus partie depuis TensorFlow 2.21 : il est listé s'il est importé)."""
    return sorted({spec.split("==")[0] for spec in wanted["packages"].values()})


def install_lines(layout: Layout) -> str:
    """Les commandes qui installent tout ce que les pages emploient : paquets pip importés, puis paquets Debian (programmes, données) et commandes d'un environnement à part."""
    every = [layout.snippet_id(s) for s in layout.all_snippets()]
    wanted = needs(layout, every)
    lines = ["pip install tensorflow " + " ".join(distribution_names(wanted))]
    debian = sorted({*wanted["debian"].values(), *wanted["programs"].values()})
    if debian:
        lines.append("sudo apt-get install " + " ".join(debian) + "   # Debian, Ubuntu (Colab : déjà là ou par !apt-get)")
    for command, package in wanted["commands"].items():
        lines.append(f"pip install {package.split('==')[0]}   # {command}, dans un environnement à part (page TensorFlow.js)")
    return "\n".join(lines)


def programme(layout: Layout, nav: list, records: dict[str, object]) -> str:
    """Le tableau « Le programme » de l'accueil : chaque partie de la navigation, ses pages, l'état de leurs
    snippets d'après les enregistrements, et les paquets qu'elles importent en plus de TensorFlow."""
    lines = ["| Partie | Pages | Snippets vérifiés | En plus de TensorFlow |", "|---|---|---:|---|"]
    for item in nav:
        title, value = next(iter(item.items())) if isinstance(item, dict) else (None, item)
        entries = value if isinstance(value, list) else [{title: value}]
        pages = [next(iter(e.items())) for e in entries if isinstance(e, dict)]
        pages = [(t, p) for t, p in pages if isinstance(p, str) and p.endswith(".md")]
        ids = [i for _, p in pages for i in page_snippet_ids(layout.docs_dir / p)]
        if not ids:
            continue
        ok = sum(1 for i in dict.fromkeys(ids) if getattr(records.get(i), "status", None) == "ok")
        links = ", ".join(f"[{t}]({p})" for t, p in pages)
        extra = ", ".join(f"`{d}`" for d in distribution_names(needs(layout, list(dict.fromkeys(ids))))) or "rien"
        lines.append(f"| {title} | {links} | {ok} sur {len(set(ids))} | {extra} |")
    return "\n".join(lines) + "\n"
