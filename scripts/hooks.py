"""Hooks MkDocs : des commodités, jamais du contenu.

- avant chaque construction, exécute les snippets périmés (scripts/execute.py) ; MkDocs n'importe jamais
  TensorFlow : les snippets tournent dans un processus worker, et la progression s'affiche dans le terminal ;
- `mkdocs build` échoue si un snippet échoue ; sous `mkdocs serve`, l'erreur est écrite dans la page et
  le serveur continue ;
- sous `mkdocs serve`, le worker reste en vie d'une reconstruction à l'autre (TensorFlow déjà importé) :
  modifier un snippet ne ré-exécute que lui, en une ou deux secondes ; `snippets/` est surveillé ;
- `COURS_EXECUTE=0` désactive l'exécution (construction MkDocs seule, pour les mesures).

Zensical n'exécute pas les hooks : il construit le même site à partir des sorties versionnées.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

_command = "build"
_serve_worker = None  # WorkerProcess gardé entre deux reconstructions de `mkdocs serve`


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    if os.environ.get("COURS_EXECUTE", "1") == "0":
        return
    root = _root(config)
    if _command == "serve":
        _execute_in_serve(root)
        return
    result = subprocess.run([sys.executable, str(root / "scripts" / "execute.py"), "--root", str(root)], cwd=root)
    if result.returncode != 0:
        raise PluginError(
            "l'exécution des snippets a échoué (fichier, ligne et traceback ci-dessus) ; "
            "corrigez le snippet puis relancez"
        )


def _execute_in_serve(root: Path) -> None:
    global _serve_worker
    if str(root / "scripts") not in sys.path:
        sys.path.insert(0, str(root / "scripts"))
    import execute  # noqa: PLC0415 — outillage du projet servi, importé à la demande

    if _serve_worker is None:
        _serve_worker = execute.WorkerProcess(root, preload=True)
        _serve_worker.start()
    outcomes = execute.execute(execute.Layout(root), [], False, execute.DEFAULT_TIMEOUT, True, _serve_worker)
    execute.report_failures(outcomes)


def on_serve(server, config, builder):
    server.watch(str(_root(config) / "snippets"))
    return server


def on_shutdown() -> None:
    if _serve_worker is not None:
        _serve_worker.close()
