"""Le côté parent du worker : lance `worker.py`, lui envoie un snippet, attend sa réponse ou le tue.

Si le worker meurt ou dépasse le délai, on lit son journal : `faulthandler` y a écrit la pile de chaque
thread, avec le fichier et la ligne du snippet où il était bloqué.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

WORKER = Path(__file__).resolve().parent / "worker.py"
GRACE_SECONDS = 30  # le worker s'arrête lui-même au délai ; ceci rattrape un worker figé en C


@dataclass
class WorkerDied:
    reason: str
    log: str


class WorkerProcess:
    def __init__(self, root: Path, preload: bool = False):
        self.root = root
        self.preload = preload  # importer TensorFlow dès le démarrage (mkdocs serve)
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")

    def __enter__(self) -> "WorkerProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, PYTHONUNBUFFERED="1", PYTHONFAULTHANDLER="1",
                   COURS_WORKER_PRELOAD="1" if self.preload else "0")  # le reste : worker.py
        return subprocess.Popen(
            [sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=self.log, text=True, encoding="utf-8", env=env, cwd=self.root,
        )

    def start(self) -> None:
        if self.process is None or self.process.poll() is not None:
            self.process = self._start()

    def run(self, snippet: Path, figure_dir: Path, figure_prefix: str, timeout: float) -> dict | WorkerDied:
        self.start()
        self.log.seek(0)
        self.log.truncate()
        request = {"path": str(snippet), "figure_dir": str(figure_dir), "figure_prefix": figure_prefix,
                   "timeout": timeout}
        try:
            self.process.stdin.write(json.dumps(request) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            return self._died("le worker s'est arrêté avant de recevoir le snippet")
        ready, _, _ = select.select([self.process.stdout], [], [], timeout + GRACE_SECONDS)
        line = self.process.stdout.readline() if ready else ""
        if line:
            return json.loads(line)
        self.process.poll()
        code = self.process.returncode
        reason = (
            f"délai de {timeout:g} s dépassé" if code in (None, 1) else f"le worker est mort (code {code})"
        )
        return self._died(reason)

    def _died(self, reason: str) -> WorkerDied:
        self.close()
        self.log.seek(0)
        return WorkerDied(reason, self.log.read()[-20000:])

    def close(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            self.process = None
