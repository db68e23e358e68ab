"""La matrice des versions : chaque snippet exécuté sous les versions de TensorFlow qu'un lecteur a
probablement (Colab : 2.19 et sa Keras 3.10 ; 2.20), chacune dans son environnement `.venv-tf<version>`
construit depuis son propre verrouillage `requirements-tf<version>.lock` (`make matrice` le crée).

    make matrice                                    # environnements si besoin, puis ce qui est périmé
    .venv/bin/python scripts/matrix.py --check      # n'exécute rien ; échoue si un enregistrement est périmé
    .venv/bin/python scripts/matrix.py --version 2.19 cnn

Même moteur que le reste : un `Record` par snippet et par version (`_freeze/matrice/<version>/<chap>/<nom>.json`),
dont la clé couvre la clé du snippet et le verrouillage de l'environnement ; même règle de péremption
(`execute.stale_reason(…, variant=version)`). L'exécution est enregistrée telle quelle, réussie ou non ; le
verdict (même sortie, dans la tolérance, différente, en échec) se déduit au rendu du rapport de vérification.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from execute import DEFAULT_TIMEOUT, ROOT, Source, _rel, finish, matrix_key, select, stale_reason
from freeze import Layout, freeze_lock, write_if_changed
from records import CellResult, ErrorInfo, Failure, Record
from workers import WorkerProcess

VERSIONS_OF = ("from importlib import metadata; import json, platform; "
               "print(json.dumps({'python': platform.python_version(), "
               "**{n: metadata.version(d) for n, d in (('tensorflow', 'tensorflow-cpu'), ('keras', 'keras'), "
               "('numpy', 'numpy'))}}))")


def interpreter(root: Path, version: str) -> Path:
    return root / f".venv-tf{version}" / "bin" / "python"


def run_version(layout: Layout, version: str, snippets: list[Path], force: bool, timeout: float) -> int:
    """Exécute sous `version` les snippets dont l'enregistrement est périmé ; renvoie leur nombre."""
    python = interpreter(layout.root, version)
    todo = [s for s in snippets if force or stale_reason(layout, s, variant=version)]
    if not todo:
        return 0
    if not python.is_file():
        raise SystemExit(f"matrix: {python.parent.parent.name} manque ; lancez make matrice")
    versions = json.loads(subprocess.run([str(python), "-c", VERSIONS_OF], capture_output=True, text=True,
                                         check=True).stdout)
    print(f"matrix: TensorFlow {versions['tensorflow']}, Keras {versions['keras']} : "
          f"{len(todo)} snippet(s) sur {len(snippets)}", flush=True)
    # Sans le verrou de _freeze/ : chaque enregistrement de la matrice est écrit atomiquement, dans son propre
    # dossier ; une construction ou une exécution des notebooks peut avancer pendant ce temps.
    with WorkerProcess(layout.root, python=str(python)) as worker:
        for number, snippet in enumerate(todo, start=1):
            source = Source.read(layout, snippet)
            with tempfile.TemporaryDirectory(prefix="matrice-") as scratch:
                run = worker.run(snippet, source.text, Path(scratch), snippet.stem, timeout)
            declared = {c.name for c in source.cells if c.raises}
            failed = run.failure is not None or any(c.error and c.name not in declared for c in run.cells)
            record = Record(source=_rel(layout, snippet), key=matrix_key(layout, source.key, version),
                            status="error" if failed else "ok", versions=versions,
                            executed=date.today().isoformat(), seconds=round(run.seconds, 2), cells=run.cells,
                            state_changes=run.state_changes,
                            # les bibliothèques de cet environnement : couvertes par son verrouillage (la clé)
                            observed={k: v for k, v in run.observed.items() if k != "bibliotheques"})
            if run.failure:
                record.cells.append(failure_cell(run.failure))
            write_if_changed(layout.record_path(snippet, version), record.to_json())
            print(f"  [{number}/{len(todo)}] {record.source} : {'ÉCHEC' if failed else 'ok'} "
                  f"en {run.seconds:.1f} s", flush=True)
    return len(todo)


def failure_cell(failure: Failure) -> CellResult:
    """Un plantage ou un délai dépassé, gardé comme une cellule en erreur (le rapport le montre)."""
    message = f"{failure.kind}: {failure.message}"
    return CellResult(failure.cell or "(processus)", error=ErrorInfo(failure.kind, message, failure.log, failure.line))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("targets", nargs="*", help="snippets, dossiers ou chapitres (défaut : tous)")
    parser.add_argument("--version", action="append", help="une version de la matrice (défaut : toutes)")
    parser.add_argument("--force", action="store_true", help="ré-exécute même ce qui est à jour")
    parser.add_argument("--check", action="store_true", help="n'exécute rien ; échoue si c'est périmé")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="délai par snippet (s)")
    args = parser.parse_args(argv)
    layout = Layout(ROOT)
    versions = args.version or layout.matrix_versions()
    unknown = set(versions) - set(layout.matrix_versions())
    if unknown:
        raise SystemExit(f"matrix: versions inconnues : {', '.join(sorted(unknown))} "
                         f"(choix : {', '.join(layout.matrix_versions())})")
    snippets = select(layout, args.targets)
    if args.check:
        stale = [(v, s, r) for v in versions for s in snippets if (r := stale_reason(layout, s, variant=v))]
        for version, snippet, reason in stale:
            print(f"périmé : TensorFlow {version}, {_rel(layout, snippet)} ({reason}) ; lancez : make matrice")
        return 1 if stale else 0
    done = sum(run_version(layout, v, snippets, args.force, args.timeout) for v in versions)
    if done:
        with freeze_lock(layout, "matrix.py (rapport)"):
            finish(layout)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    sys.exit(main())
