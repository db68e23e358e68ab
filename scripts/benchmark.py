"""Mesure ce que promet la README et affiche les chiffres (rien n'est vérifié ici : ce sont des mesures).

    .venv/bin/python scripts/benchmark.py               # tout, sauf --test-ratio
    .venv/bin/python scripts/benchmark.py --no-cold     # sans l'exécution à froid
    .venv/bin/python scripts/benchmark.py --test-ratio  # en plus : make test ÷ execute.py --force (long)

1. à froid : copie du projet sans aucune sortie versionnée → exécution de tous les snippets + mkdocs build ;
2. clone neuf : `git clone` puis mkdocs build (sorties versionnées, rien à exécuter) ;
3. à chaud : mkdocs build quand rien n'a changé, contre MkDocs seul (exécution désactivée), en paires
   alternées (médiane des rapports) : les deux mesures d'une paire voient la même machine ;
4. un entraînement dans le worker contre le même script lancé seul (`python` + runpy), en paires alternées,
   l'import de TensorFlow exclu des deux côtés (objectif : rapport ≤ 1,05) ;
5. sous `mkdocs serve --dirty` (comme `make serve`) : délai entre la modification de la prose d'une page et la
   page servie qui la montre (médiane de 4 modifications ; objectif ≤ 1,5 s), puis entre la modification d'un
   snippet et la page servie qui montre sa sortie ;
6. (--test-ratio) dans un clone neuf : `execute.py --force` puis `pytest`, et leur rapport (objectif ≤ 1,3).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from execute import Source
from freeze import Layout
from workers import WorkerProcess

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
EDITED = Path("snippets/tenseurs/creation.py")
TRAINING = Path("snippets/keras/entrainement.py")
# Lancé seul, hors worker : importe d'abord ce que le zygote importe, puis chronomètre le seul snippet.
STANDALONE = """
import json, runpy, sys, time
import numpy, tensorflow, keras, matplotlib.pyplot
start = time.perf_counter()
runpy.run_path(sys.argv[1], run_name="__main__")
sys.stdout = sys.__stdout__
print(json.dumps(time.perf_counter() - start))
"""
EDITED_PAGE = "tenseurs/"
EDITED_PROSE = Path("docs/tenseurs.md")
SERVE_FLAGS = ["--dirty"]  # ceux de `make serve`


def timed(command: list[str], cwd: Path, **env) -> float:
    """Durée de la commande ; si elle échoue, sa sortie est affichée (la mesure n'a alors pas de sens)."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, **env})
    if result.returncode != 0:
        raise SystemExit(f"benchmark : échec de {' '.join(command)} :\n{result.stdout[-6000:]}")
    return time.perf_counter() - start


def mkdocs_build(cwd: Path, **env) -> float:
    return timed([PY, "-m", "mkdocs", "build", "--strict", "-d", str(cwd / "site")], cwd, **env)


def copy_project(target: Path, with_outputs: bool) -> Path:
    ignore = ["site", "build", ".venv*", ".git", "__pycache__", ".pytest_cache", "node_modules", ".cache"]
    if not with_outputs:
        ignore += ["_freeze", "figures", "notebooks"]
    shutil.copytree(ROOT, target, ignore=shutil.ignore_patterns(*ignore))
    for tool in (".venv-tfjs", "node_modules"):  # outils installés : lus, jamais écrits par une construction
        if (ROOT / tool).is_dir():
            (target / tool).symlink_to(ROOT / tool)
    return target


def serve_edit_latency(project: Path, flags: list[str] = SERVE_FLAGS) -> tuple[list[float], float]:
    """Sous `mkdocs serve` : les délais de 4 modifications de prose, puis celui d'une modification de snippet
    (ré-exécution comprise)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([PY, "-m", "mkdocs", "serve", *flags, "-a", f"127.0.0.1:{port}"], cwd=project,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/{EDITED_PAGE}"
    try:
        _wait(url, "<html")
        time.sleep(10)  # régime établi : le worker a fini d'importer TensorFlow, comme pour un enseignant
        prose = []
        page = project / EDITED_PROSE
        for k in range(4):
            marker = f"mesureprose{k}x{int(time.time())}"
            text = page.read_text(encoding="utf-8")
            start = time.perf_counter()
            page.write_text(text.rstrip("\n") + f"\n\nUne phrase ajoutée : {marker}.\n", encoding="utf-8")
            _wait(url, marker)
            prose.append(time.perf_counter() - start)
            time.sleep(1)
        marker = f"mesure-{int(time.time())}"
        snippet = project / EDITED
        edited = _append_to_last_cell(snippet.read_text(), f"print('{marker}')\n#> {marker}")
        start = time.perf_counter()
        snippet.write_text(edited)
        _wait(url, marker)
        return prose, time.perf_counter() - start
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


def worker_vs_script(snippet: Path, pairs: int) -> list[tuple[float, float]]:
    """(secondes dans le worker, secondes lancé seul) pour chaque paire, dans un ordre alterné."""
    source = Source.read(Layout(ROOT), ROOT / snippet)
    env = {**os.environ, "MPLBACKEND": "Agg", "TF_CPP_MIN_LOG_LEVEL": "2", "COLUMNS": "80"}
    results = []
    for k in range(pairs):
        times = {}
        for side in (("worker", "seul") if k % 2 == 0 else ("seul", "worker")):
            if side == "worker":
                with WorkerProcess(ROOT) as worker, tempfile.TemporaryDirectory() as figures:
                    run = worker.run(ROOT / snippet, source.text, Path(figures), "mesure", 3600)
                    times[side] = run.seconds
            else:
                with tempfile.TemporaryDirectory() as workdir:
                    out = subprocess.run([PY, "-c", STANDALONE, str(ROOT / snippet)], cwd=workdir, env=env,
                                         capture_output=True, text=True, check=True).stdout
                    times[side] = json.loads(out.strip().split("\n")[-1])
        results.append((times["worker"], times["seul"]))
    return results


def test_ratio(clone: Path) -> tuple[float, float]:
    """(execute.py --force, pytest) dans un clone neuf, l'un après l'autre."""
    venv = clone / ".venv"
    venv.symlink_to(ROOT / ".venv")
    shutil.copytree(ROOT / "docs/assets/katex", clone / "docs/assets/katex")  # fourni par setup.sh
    execute = timed([PY, "scripts/execute.py", "--force", "--root", str(clone)], clone)
    tests = timed([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider"], clone)
    venv.unlink()
    return execute, tests


class Figures(list):
    """Chaque mesure est affichée dès qu'elle est prise : une étape qui échoue n'efface pas les autres."""

    def append(self, item: tuple[str, float]) -> None:
        super().append(item)
        label, value = item
        if "rapport" in label:
            print(f"{label:<60}  {value:8.2f}", flush=True)
        else:
            print(f"{label:<60}  {value:8.1f}{'' if 'Mio' in label else ' s'}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-cold", action="store_true", help="sauter l'exécution à froid")
    parser.add_argument("--test-ratio", action="store_true", help="mesurer make test ÷ execute.py --force")
    parser.add_argument("--training", type=Path, default=TRAINING, help="snippet d'entraînement mesuré")
    parser.add_argument("--pairs", type=int, default=2, help="paires worker / script seul")
    parser.add_argument("--serve-only", action="store_true",
                        help="seulement les délais sous mkdocs serve, avec et sans --dirty, l'un après l'autre")
    args = parser.parse_args()
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        tmp = Path(tmp)
        if args.serve_only:
            for flags in ([], SERVE_FLAGS):
                prose, snippet_edit = serve_edit_latency(copy_project(tmp / f"serve{len(flags)}", True), flags)
                name = " ".join(["mkdocs serve", *flags])
                figures.append((f"{name} : prose modifiée → page à jour (médiane de 4)", statistics.median(prose)))
                figures.append((f"{name} : snippet modifié → page à jour", snippet_edit))
            return
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
        pairs = []
        for k in range(5):
            hooked = lambda: mkdocs_build(warm)  # noqa: E731
            plain = lambda: mkdocs_build(warm, COURS_EXECUTE="0")  # noqa: E731
            first, second = (hooked, plain) if k % 2 == 0 else (plain, hooked)
            a, b = first(), second()
            pairs.append((a, b) if k % 2 == 0 else (b, a))
        figures.append(("à chaud, rien n'a changé : mkdocs build (médiane)", statistics.median(p[0] for p in pairs)))
        figures.append(("MkDocs seul, exécution désactivée (médiane)", statistics.median(p[1] for p in pairs)))
        figures.append(("  rapport à chaud ÷ MkDocs seul (médiane de 5 paires)",
                        statistics.median(p[0] / p[1] for p in pairs)))
        training = worker_vs_script(args.training, args.pairs)
        figures.append((f"{args.training.name} dans le worker (médiane)", statistics.median(t[0] for t in training)))
        figures.append((f"{args.training.name} lancé seul (médiane)", statistics.median(t[1] for t in training)))
        figures.append((f"  rapport worker ÷ script seul ({len(training)} paires)",
                        statistics.median(t[0] / t[1] for t in training)))
        prose, snippet_edit = serve_edit_latency(warm)
        figures.append((f"mkdocs serve --dirty : {EDITED_PROSE} modifié → page à jour (médiane de 4)",
                        statistics.median(prose)))
        figures.append((f"mkdocs serve --dirty : {EDITED} modifié → page à jour", snippet_edit))
        if args.test_ratio:
            ratio_clone = tmp / "clone-tests"
            subprocess.run(["git", "clone", "-q", str(ROOT), str(ratio_clone)], check=True)
            execute_s, tests_s = test_ratio(ratio_clone)
            figures.append(("clone neuf : execute.py --force", execute_s))
            figures.append(("clone neuf : pytest (toute la suite)", tests_s))
            figures.append(("  rapport pytest ÷ execute.py --force", tests_s / execute_s))


if __name__ == "__main__":
    main()
