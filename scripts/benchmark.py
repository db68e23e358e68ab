"""Mesure ce que promet la README et affiche les chiffres (rien n'est vérifié ici : ce sont des mesures).

    .venv/bin/python scripts/benchmark.py            # tout, exécution à froid comprise (≈ durée des snippets)
    .venv/bin/python scripts/benchmark.py --no-cold  # sans l'exécution à froid

1. à froid : copie du projet sans aucune sortie versionnée → exécution de tous les snippets + mkdocs build ;
2. clone neuf : `git clone` puis mkdocs build (sorties versionnées, rien à exécuter) ;
3. à chaud : mkdocs build quand rien n'a changé, contre mkdocs build avec exécution désactivée ;
4. sous `mkdocs serve` : délai entre la modification d'un snippet et la page servie qui montre sa sortie.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EDITED = Path("snippets/tenseurs/creation.py")
EDITED_PAGE = "tenseurs/"


def timed(command: list[str], cwd: Path, **env) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                   env={**os.environ, **env})
    return time.perf_counter() - start


def mkdocs_build(cwd: Path, **env) -> float:
    return timed([PY, "-m", "mkdocs", "build", "--strict", "-d", str(cwd / "site")], cwd, **env)


def copy_project(target: Path, with_outputs: bool) -> Path:
    ignore = ["site", "build", ".venv", ".git", "__pycache__", ".pytest_cache"]
    if not with_outputs:
        ignore += ["_freeze", "figures", "notebooks"]
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*ignore))
    return target


def serve_edit_latency(project: Path) -> float:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{EDITED_PAGE}"
    try:
        _wait(url, "<html")
        time.sleep(10)  # régime établi : le worker a fini d'importer TensorFlow, comme pour un enseignant
        marker = f"mesure-{int(time.time())}"
        snippet = project / EDITED
        edited = _append_to_last_cell(snippet.read_text(), f"print('{marker}')\n#> {marker}")
        start = time.perf_counter()
        snippet.write_text(edited)
        _wait(url, marker)
        return time.perf_counter() - start
    finally:
        server.terminate()
        server.wait()


def _append_to_last_cell(text: str, code: str) -> str:
    """Ajoute du code à la fin de la dernière cellule (avant son marqueur de fin s'il y en a un)."""
    lines = text.rstrip("\n").split("\n")
    ends = [i for i, line in enumerate(lines) if "--8<-- [end:" in line]
    at = ends[-1] if ends else len(lines)
    return "\n".join(lines[:at] + code.split("\n") + lines[at:]) + "\n"


def _wait(url: str, text: str, seconds: float = 300) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if text in urllib.request.urlopen(url, timeout=5).read().decode():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{text!r} n'est jamais apparu dans {url}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-cold", action="store_true", help="sauter l'exécution à froid")
    args = parser.parse_args()
    figures = []
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        if not args.no_cold:
            cold = copy_project(tmp / "froid", with_outputs=False)
            figures.append(("construction à froid (tous les snippets exécutés + mkdocs build)", mkdocs_build(cold)))
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            figures.append(("  mémoire maximale d'un processus enfant (Mio)", peak))
        clone = tmp / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        figures.append(("clone neuf : mkdocs build (sorties versionnées)", mkdocs_build(clone)))
        warm = copy_project(tmp / "chaud", with_outputs=True)
        mkdocs_build(warm)
        figures.append(("à chaud, rien n'a changé : mkdocs build", min(mkdocs_build(warm) for _ in range(3))))
        figures.append(("MkDocs seul, exécution désactivée (COURS_EXECUTE=0)",
                        min(mkdocs_build(warm, COURS_EXECUTE="0") for _ in range(3))))
        figures.append((f"mkdocs serve : {EDITED} modifié → page à jour", serve_edit_latency(warm)))
    width = max(len(label) for label, _ in figures)
    for label, value in figures:
        unit = "" if "Mio" in label else " s"
        print(f"{label:<{width}}  {value:8.1f}{unit}")


if __name__ == "__main__":
    main()
