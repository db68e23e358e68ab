"""Hooks MkDocs : des commodités, jamais du contenu.

- avant chaque construction, vérifie que chaque inclusion de page désigne une cellule qui existe (sinon :
  la page, sa ligne, la cellule manquante) et exécute les snippets périmés ; MkDocs n'importe jamais
  TensorFlow : les snippets tournent dans un processus worker ;
- `mkdocs build` échoue si un snippet échoue, avec fichier, ligne et traceback ;
- sous `mkdocs serve`, l'exécution se fait en arrière-plan : la page montre aussitôt le nouveau code avec
  « exécution en cours », le serveur répond pendant ce temps, et la page se recharge quand la sortie est
  écrite (ou l'erreur, dans la page) ; le worker reste en vie (TensorFlow déjà importé) ;
- sous `mkdocs serve --dirty` (`make serve`), MkDocs ne reconstruit que les pages modifiées : une page dont
  un fichier inclus a changé (une sortie écrite en arrière-plan, son pied de page) ou qui montre un snippet en
  cours d'exécution compte comme modifiée ;
- `COURS_EXECUTE=0` désactive tout (construction MkDocs seule, pour les mesures) ; `COURS_TIMEOUT` fixe le
  délai par snippet (900 s par défaut) ; `COURS_PRELOAD=0` évite d'importer TensorFlow au démarrage de
  `mkdocs serve` (il l'est alors au premier snippet qui l'utilise).

Zensical n'exécute pas les hooks : il construit le même site à partir des sorties versionnées.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import sys
import threading
from pathlib import Path

from mkdocs.exceptions import PluginError

import execute
from freeze import fence
from pages import INCLUDE, broken_includes, includes

log = logging.getLogger("mkdocs.hooks.cours")
_command = "build"
_dirty = False
_background: "_ServeExecutor | None" = None


def _enabled() -> bool:
    return os.environ.get("COURS_EXECUTE", "1") != "0"


def _layout(config) -> execute.Layout:
    return execute.Layout(Path(config.config_file_path).resolve().parent)


def on_startup(command: str, dirty: bool) -> None:
    global _command, _dirty
    _command, _dirty = command, dirty


def on_files(files, config):
    """Sous `mkdocs serve --dirty` : une page est à reconstruire si un fichier qu'elle inclut est plus récent
    que la page construite, ou si elle montre un snippet en cours d'exécution (« exécution en cours »)."""
    if _command != "serve" or not _dirty:
        return files
    global _shown_pending
    root = Path(config.config_file_path).resolve().parent
    running = set(_background.pending()) if _background is not None else set()
    shown, _shown_pending = _shown_pending, set()
    for file in files.documentation_pages():
        if file.src_uri.endswith(".md") and file.abs_src_path and (
                file.abs_src_path in shown  # construite avec « exécution en cours » : la sortie a pu arriver avant
                or _included_changed(root, Path(file.abs_src_path), Path(file.abs_dest_path), running)):
            file.is_modified = lambda: True  # noqa: E731 — pour ce fichier seulement, le temps de cette construction
    return files


_shown_pending: set[str] = set()  # pages construites avec un bloc « exécution en cours »


def _included_changed(root: Path, page: Path, built: Path, running: set[str]) -> bool:
    try:
        built_at = built.stat().st_mtime
        text = page.read_text(encoding="utf-8")
    except OSError:
        return True
    if any(include.snippet_id in running for include in includes(page, text)):
        return True
    for line in text.splitlines():
        match = INCLUDE.match(line)
        if match:
            try:
                if (root / match["path"]).stat().st_mtime > built_at:
                    return True
            except OSError:
                return True  # inclusion disparue : la page montrera l'erreur
    return False


def on_config(config):
    """Sous `mkdocs serve`, une inclusion manquante n'arrête pas la construction : l'échec d'un snippet (qui
    en contient une, voir freeze.render_failure) et une inclusion cassée (encadré d'erreur) restent lisibles
    dans la page. Toute autre construction garde check_paths et s'arrête."""
    if _command == "serve":
        config.mdx_configs.setdefault("pymdownx.snippets", {})["check_paths"] = False
    return config


def on_pre_build(config) -> None:
    layout = _layout(config)
    if _command != "serve":
        _release_build_lock()
    if not _enabled():
        if _command != "serve":
            _check_current(layout)
            _hold_build_lock(layout)
        return
    if _command == "serve":
        global _background
        if _background is None:
            _background = _ServeExecutor(layout)
        _background.submit()
        return
    outcomes = execute.execute(layout, [], False, execute.DEFAULT_TIMEOUT, False)
    failed = execute.report_failures(outcomes)
    broken = execute.all_include_problems(layout)
    if broken:
        raise PluginError("inclusion impossible :\n" + "\n".join(broken))
    if failed:
        raise PluginError(
            "l'exécution des snippets a échoué (fichier, ligne et traceback ci-dessus) ; "
            "corrigez le snippet puis relancez"
        )
    _hold_build_lock(layout)


_build_lock = None


def _hold_build_lock(layout: execute.Layout) -> None:
    """Jusqu'à la fin de la construction, aucun exécuteur n'écrit dans `_freeze/` (verrou partagé)."""
    global _build_lock
    _build_lock = contextlib.ExitStack()
    _build_lock.enter_context(execute.freeze_lock(layout, "mkdocs build", shared=True))


def _release_build_lock() -> None:
    global _build_lock
    if _build_lock is not None:
        _build_lock.close()
        _build_lock = None


def _check_current(layout: execute.Layout) -> None:
    """Sans exécution (COURS_EXECUTE=0), une construction n'en publie pas moins une sortie en échec ou
    périmée : elle s'arrête en la nommant."""
    stale = [f"{execute._rel(layout, s)} ({reason})" for s in layout.all_snippets()
             if (reason := execute.stale_reason(layout, s))]
    if stale:
        raise PluginError("sorties périmées ou en échec (COURS_EXECUTE=0 n'exécute rien) : " + " ; ".join(stale)
                          + " ; lancez : .venv/bin/python scripts/execute.py")


def on_post_build(config) -> None:
    _release_build_lock()


def on_build_error(error) -> None:
    _release_build_lock()


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Sous `mkdocs serve`, une inclusion cassée devient un encadré d'erreur dans la page (en `build`,
    `on_pre_build` a déjà échoué avec le même message)."""
    if not _enabled() or _command != "serve" or page.file.abs_src_path is None:  # page générée : rien d'inclus
        return markdown
    source = Path(page.file.abs_src_path)
    layout = _layout(config)
    problems = broken_includes(layout, source, markdown)
    running = _background.pending() if _background is not None else {}
    lines = markdown.split("\n")
    for include in includes(source, markdown):
        if include.snippet_id in running and include.line not in problems:
            _shown_pending.add(page.file.abs_src_path)
            indent = lines[include.line - 1][: len(lines[include.line - 1]) - len(lines[include.line - 1].lstrip())]
            text = execute.pending_markdown(layout, running[include.snippet_id], include.cell, include.block)
            lines[include.line - 1] = "\n".join(indent + line if line else line for line in text.splitlines())
    for number, problem in problems.items():
        indent = lines[number - 1][: len(lines[number - 1]) - len(lines[number - 1].lstrip())]
        box = '!!! failure "Inclusion impossible"\n\n' + "".join(
            f"    {line}\n" for line in fence(problem, '{ .text title="Erreur" }').splitlines())
        lines[number - 1] = "\n".join(indent + line for line in box.splitlines())
    return "\n".join(lines)


def on_serve(server, config, builder):
    global _server
    root = Path(config.config_file_path).resolve().parent
    server.watch(str(root / "snippets"))
    server.watch(str(root / "_freeze"))  # une sortie écrite en arrière-plan recharge la page
    with _rebuild_lock:
        _server = server
        if _rebuild_missed:  # une exécution a fini avant que le serveur ne surveille les fichiers
            _request_rebuild()
    return server


_server = None
_rebuild_lock = threading.Lock()
_rebuild_missed = False


def _request_rebuild() -> None:
    """Demande une reconstruction à `mkdocs serve` (sa surveillance des fichiers ne démarre qu'après la
    première construction : une sortie écrite avant serait sinon ignorée jusqu'à la modification suivante)."""
    global _rebuild_missed
    condition = getattr(_server, "_rebuild_cond", None)
    if condition is None:
        _rebuild_missed = True
        return
    with condition:
        _server._want_rebuild = True
        condition.notify_all()


def on_shutdown() -> None:
    if _background is not None:
        _background.stop()


class _ServeExecutor:
    """Un fil d'exécution qui possède le worker (TensorFlow importé une fois) et exécute ce qui est périmé
    pendant que le serveur continue de répondre."""

    def __init__(self, layout: execute.Layout):
        self.layout = layout
        self.requests: queue.Queue = queue.Queue()
        self.failed: dict[Path, str] = {}  # snippet → clé en échec : pas ré-exécuté tant qu'il ne change pas
        self.running: set[Path] = set()
        self.sources: dict[str, execute.Source] = {}
        self.lock = threading.Lock()
        self.worker = None
        self.checked: tuple | None = None  # l'état des fichiers lors de la dernière vérification sans rien de périmé
        self.thread = threading.Thread(target=self._loop, name="cours-execution", daemon=True)
        self.thread.start()

    def submit(self) -> None:
        """Appelé à chaque reconstruction : repère ce qui est périmé (sans TensorFlow), montre le nouveau
        code tout de suite, et confie l'exécution au fil."""
        for broken in execute.all_include_problems(self.layout):
            log.error(broken)
        signature = self._signature()
        if signature == self.checked:
            return  # ni snippet, ni module, ni donnée, ni enregistrement n'a changé : rien n'est périmé
        todo = []
        for snippet in self.layout.all_snippets():
            source = execute.Source.read(self.layout, snippet)
            with self.lock:
                if snippet in self.running or self.failed.get(snippet) == source.key:
                    continue
            if execute.stale_reason(self.layout, snippet, source):
                todo.append((snippet, source))
        if not todo:
            self.checked = signature
            return
        with self.lock:
            self.running |= {s for s, _ in todo}
            self.sources |= {self.layout.snippet_id(s): source for s, source in todo if not source.format_error}
        self.requests.put(todo)

    def _signature(self) -> tuple:
        """Date et taille de chaque fichier sous snippets/ et de chaque enregistrement : quelques millisecondes,
        contre une seconde pour revérifier la clé de chaque snippet quand seule la prose a changé."""
        paths = [*self.layout.snippets_dir.rglob("*"), *self.layout.freeze_dir.glob("*/*/meta.json")]
        found = []
        for path in paths:
            with contextlib.suppress(OSError):
                stat = path.stat()
                found.append((str(path), stat.st_mtime_ns, stat.st_size))
        return tuple(sorted(found))

    def pending(self) -> dict[str, "execute.Source"]:
        """Les snippets en cours d'exécution (identifiant → texte lu) : leurs blocs montrent le nouveau code."""
        with self.lock:
            return dict(self.sources)

    def _loop(self) -> None:
        # COURS_PRELOAD=0 : ne pas importer TensorFlow d'avance (les tests du serveur n'en ont pas besoin).
        self.worker = execute.WorkerProcess(self.layout.root, preload=os.environ.get("COURS_PRELOAD", "1") != "0")
        self.worker.start()
        while True:
            todo = self.requests.get()
            if todo is None:
                break
            try:
                targets = [str(s) for s, _ in todo]
                outcomes = execute.execute(self.layout, targets, True, execute.DEFAULT_TIMEOUT, True, self.worker,
                                           progress=lambda *a, **k: print(*a, **k, file=sys.stderr))
                with self.lock:
                    for outcome in outcomes:
                        if outcome.problems:
                            self.failed[outcome.snippet] = outcome.key
                        else:
                            self.failed.pop(outcome.snippet, None)
                execute.report_failures(outcomes)
            except Exception:  # noqa: BLE001 — le serveur doit continuer, l'erreur est affichée
                log.exception("l'exécution en arrière-plan a échoué")
            finally:
                with self.lock:
                    self.running -= {s for s, _ in todo}
                    for snippet, _ in todo:
                        self.sources.pop(self.layout.snippet_id(snippet), None)
                with _rebuild_lock:
                    _request_rebuild()

    def stop(self) -> None:
        self.requests.put(None)
        if self.worker is not None:
            self.worker.close()
