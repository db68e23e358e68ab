"""Hooks MkDocs : des commodités, jamais du contenu.

- avant chaque construction, lance `scripts/execute.py` dans un sous-processus (MkDocs n'importe jamais
  TensorFlow) : seuls les snippets modifiés s'exécutent, et la progression s'affiche dans le terminal ;
- `mkdocs build` échoue si un snippet échoue ; sous `mkdocs serve`, l'erreur est écrite dans la page et
  le serveur continue ;
- `mkdocs serve` surveille aussi `snippets/` ;
- `COURS_EXECUTE=0` désactive l'exécution (construction MkDocs seule, pour les mesures).

Zensical n'exécute pas les hooks : il construit le même site à partir des sorties versionnées.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

log = logging.getLogger("mkdocs.hooks.execute")
_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command


def on_pre_build(config) -> None:
    if os.environ.get("COURS_EXECUTE", "1") == "0":  # construction « MkDocs seul », pour comparer
        return
    root = Path(config.config_file_path).resolve().parent
    arguments = [sys.executable, str(root / "scripts" / "execute.py"), "--root", str(root)]
    if _command == "serve":
        arguments.append("--serve")
    result = subprocess.run(arguments, cwd=root)
    if result.returncode != 0:
        raise PluginError(
            "l'exécution des snippets a échoué (fichier, ligne et traceback ci-dessus) ; "
            "corrigez le snippet puis relancez"
        )


def on_serve(server, config, builder):
    root = Path(config.config_file_path).resolve().parent
    server.watch(str(root / "snippets"))
    return server
