"""Processus qui exécute les snippets : un « zygote » qui importe TensorFlow une fois, puis un processus
enfant neuf (fork) par snippet.

Protocole : une requête JSON par ligne sur l'entrée standard, une réponse JSON par ligne sur le descripteur
de protocole (la sortie standard d'origine ; le descripteur 1 est ensuite redirigé vers 2 pour que rien
d'écrit en C ne corrompe le protocole).

Pourquoi un enfant par snippet : ce qu'un snippet change de l'état global (options d'affichage de NumPy,
`np.seterr`, `plt.rcParams`, `plt.style`, `tf.config.run_functions_eagerly`, `keras.config.set_floatx`,
`os.environ`, graines, dossier courant…) disparaît avec son processus. Chaque snippet voit ce que verrait
`python snippets/x.py`, quoi qu'on ait exécuté avant lui, et sans payer l'import de TensorFlow : le zygote
l'a importé avant le fork mais n'a jamais exécuté d'opération (ses fils de calcul naissent dans l'enfant).

Dans l'enfant, un snippet s'exécute comme `python snippets/x.py` : espace de noms `__main__` neuf,
`sys.path[0]` = dossier du snippet, aucun nom injecté, entrée standard vide (`input()` lève EOFError) ; seul
le dossier courant est un dossier jetable fourni par l'exécuteur. Le texte exécuté est celui que l'exécuteur
a lu, haché et envoyé : le fichier n'est pas relu ici.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import ctypes
import faulthandler
import io
import json
import linecache
import os
import re
import select
import signal
import sys
import time
import traceback
import warnings
from dataclasses import asdict
from pathlib import Path

from cache_key import distributions_of
from cells import ANSI, CONTROL, parse_cells
from observe import Observer
from records import (
    CellResult, ErrorInfo, Failure, FigureInfo, RunResult, cell_from_dict, run_from_dict,
)

# Fixés avant tout import de TensorFlow ou de matplotlib par un snippet.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Largeur fixe pour model.summary() (rich) : 76 colonnes de tableau, lisibles dans la colonne de la page
# quel que soit le terminal de celui qui construit le site.
os.environ["COLUMNS"] = "80"
FIGURE_DPI = 150  # net sur un écran haute densité ; la page réduit l'image à la largeur de sa colonne
# Importés par le zygote avant le fork quand le snippet les importe : l'enfant n'en paie pas l'import.
PRELOADABLE = ("numpy", "tensorflow", "keras", "matplotlib.pyplot")
MAX_OUTPUT_LINES = 400  # au-delà, la sortie versionnée et la page sont tronquées (avec un avis visible)
MAX_OUTPUT_CHARS = 60_000  # en tout, pour une cellule (sortie, sortie d'erreur, traceback : chacun)
MAX_LINE_CHARS = 2_000  # une ligne plus longue est coupée, avec le nombre de caractères retirés
MAX_FIGURE_PIXELS = 4_000  # côté d'une figure, en pixels au DPI de la page
KILL_GRACE = 10.0  # secondes laissées à faulthandler pour écrire la pile après SIGABRT


def main() -> None:
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
    _die_with_parent()
    with contextlib.suppress(Exception):  # les orphelins d'un snippet reviennent au zygote, qui les tue
        ctypes.CDLL(None, use_errno=True).prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
    if os.environ.get("COURS_WORKER_PRELOAD") == "1":
        # Sous `mkdocs serve`, le worker démarre avec le serveur et importe TensorFlow pendant que
        # l'enseignant écrit : la première modification n'attend pas cet import.
        _preload(PRELOADABLE)
    for line in sys.stdin:
        request = json.loads(line)
        protocol.write(json.dumps(asdict(run_request(**request))) + "\n")


def run_request(path: str, text: str, figure_dir: str, figure_prefix: str, workdir: str, log: str,
                timeout: float) -> RunResult:
    """Côté zygote : fork, attend la réponse de l'enfant au plus `timeout` secondes, rapporte tout."""
    _preload(_imported_modules(text))
    start = time.perf_counter()
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # l'enfant
        os.close(read_end)
        _child(write_end, path, text, figure_dir, figure_prefix, workdir, log, timeout)
    os.close(write_end)
    messages, status, timed_out = _collect(read_end, pid, timeout)
    seconds = time.perf_counter() - start
    done = next((m for m in messages if m.get("event") == "done"), None)
    if done is not None:
        result = run_from_dict(done["result"])
        result.seconds = seconds
        return result
    cells = [m for m in messages if m.get("event") == "cell"]
    partial = [cell_from_dict(m["result"]) for m in cells if "result" in m]
    current = next((m["name"] for m in reversed(cells) if "result" not in m), None)
    stderr = Path(log).read_text(encoding="utf-8", errors="replace") if Path(log).exists() else ""
    stderr = "\n".join(line for line in stderr.split("\n") if __file__ not in line)  # cadres du worker
    line = _stuck_line(stderr, display_path(path))
    if timed_out:
        failure = Failure("timeout", f"délai de {timeout:g} s dépassé", current, line, _tail(stderr))
    else:
        failure = Failure("crash", _describe_status(status), current, line, _tail(stderr))
    return RunResult(cells=partial, failure=failure, seconds=seconds)


def _collect(read_end: int, pid: int, timeout: float) -> tuple[list[dict], int, bool]:
    """Lit les messages de l'enfant jusqu'à sa fin ; au délai, SIGABRT (faulthandler écrit la pile) puis
    SIGKILL."""
    deadline = time.monotonic() + timeout
    buffer, messages, timed_out = b"", [], False
    with os.fdopen(read_end, "rb", buffering=0) as pipe:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 and not timed_out:
                timed_out = True
                _signal(pid, signal.SIGABRT)
                deadline = time.monotonic() + KILL_GRACE
                continue
            if remaining <= 0:
                _signal(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([pipe], [], [], remaining)
            if not ready:
                continue
            chunk = pipe.read(1 << 16)
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            messages += [json.loads(line) for line in lines if line.strip()]
            if messages and messages[-1].get("event") == "done":
                break  # la réponse est là : un processus que le snippet a laissé ne la retarde pas
    _, status = os.waitpid(pid, 0)
    _kill_leftovers(pid)
    return messages, status, timed_out


def _kill_leftovers(pid: int) -> None:
    """Tout ce que le snippet a lancé meurt avec lui : son groupe de processus, et les orphelins qui se sont
    rattachés au zygote (PR_SET_CHILD_SUBREAPER), même s'ils ont changé de groupe ou de session."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        left = _descendants(os.getpid())
        for child in left:
            _signal(child, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            while os.waitpid(-1, os.WNOHANG)[0]:
                pass
        if not left:
            break
        time.sleep(0.05)


def _processes() -> dict[int, tuple[int, int, str]]:
    """PID → (PID du parent, groupe de processus, nom), d'après /proc."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        if fields[0] in ("Z", "X"):  # déjà mort, en attente d'être ramassé
            continue
        table[int(entry.name)] = (int(fields[1]), int(fields[2]), name)
    return table


def _descendants(root: int, table: dict | None = None) -> list[int]:
    table = table if table is not None else _processes()
    found, frontier = [], [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, (ppid, _, _) in table.items() if ppid == parent]
        found += children
        frontier += children
    return found


def _signal(pid: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, number)


def _describe_status(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        return f"le processus du snippet a été tué par le signal {signal.Signals(number).name}"
    return f"le processus du snippet s'est arrêté brutalement (code de sortie {os.waitstatus_to_exitcode(status)})"


def _stuck_line(stderr: str, path: str) -> int | None:
    """La ligne du snippet dans la pile écrite par faulthandler (le cadre le plus profond du snippet)."""
    found = re.findall(rf'File "{re.escape(path)}", line (\d+)', stderr)
    return int(found[0]) if found else None  # faulthandler écrit le cadre le plus récent en premier


def _tail(text: str, lines: int = 60) -> str:
    return "\n".join(text.rstrip("\n").split("\n")[-lines:])


# --- dans l'enfant -------------------------------------------------------------------------------------

def _child(channel_fd: int, path: str, text: str, figure_dir: str, figure_prefix: str, workdir: str,
           log: str, timeout: float) -> None:
    channel = os.fdopen(channel_fd, "w", buffering=1, encoding="utf-8")
    code = 0
    try:
        _die_with_parent()
        os.setpgid(0, 0)  # un groupe de processus à lui : tout ce qu'il lance meurt avec lui
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _isolate_io(log)
        faulthandler.enable(file=sys.__stderr__, all_threads=True)  # SIGABRT, SIGSEGV… : la pile dans le journal
        result = _run_snippet(channel, path, text, Path(figure_dir), figure_prefix, workdir)
        channel.write(json.dumps({"event": "done", "result": asdict(result)}) + "\n")
        channel.flush()
    except BaseException:  # noqa: BLE001 — l'enfant ne doit jamais revenir dans la boucle du zygote
        traceback.print_exc()
        code = 70
    finally:
        os._exit(code)


def _isolate_io(log: str) -> None:
    """Entrée vide (comme `python x.py < /dev/null`), sortie d'erreur C dans le journal du snippet."""
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115
    err = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(err, 2)
    os.dup2(err, 1)
    os.close(err)


class CellStream(io.TextIOBase):
    """`sys.stdout` ou `sys.stderr` pendant tout le snippet (comme sous `python x.py`, un même objet d'une
    cellule à l'autre) : l'exécuteur relève ce qui a été écrit à chaque fin de cellule.

    Le texte y est rangé comme un terminal l'afficherait (`\\r` revient en début de ligne, `\\b` recule,
    séquences ANSI et caractères de contrôle retirés : barre de progression de `fit(verbose=1)`, couleurs), et
    borné en écrivant : une ligne garde MAX_LINE_CHARS caractères (le reste est compté), la cellule
    4 × MAX_OUTPUT_CHARS (le reste est compté en lignes). Une sortie géante ne coûte ni mémoire ni temps."""

    def __init__(self, name: str):
        self.name = name
        self._reset()

    def _reset(self) -> None:
        self.lines: list[str] = []
        self.size = self.lost_lines = self.teed = 0
        self.line: list[str] = []
        self.cursor = self.overflow = 0
        self.rewound = False

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        if self.teed < 4 * MAX_OUTPUT_CHARS:  # aussi dans le journal : si le processus meurt, rien n'est perdu
            with contextlib.suppress(OSError):
                os.write(2, text[: 4 * MAX_OUTPUT_CHARS - self.teed].encode("utf-8", "replace"))
            self.teed += len(text)
        for k, segment in enumerate(ANSI.sub("", text).split("\n")):
            if k:
                self._end_line()
            if "\r" not in segment and "\b" not in segment:
                self._put(CONTROL.sub("", segment))
                continue
            self.rewound = True
            for piece in re.split(r"([\r\b])", segment):
                if piece == "\r":
                    self.cursor = 0
                elif piece == "\b":
                    self.cursor = max(0, self.cursor - 1)
                else:
                    self._put(CONTROL.sub("", piece))
        return len(text)

    def _put(self, chars: str) -> None:
        if not chars:
            return
        end = self.cursor + len(chars)
        if self.cursor < MAX_LINE_CHARS:
            kept = chars[: MAX_LINE_CHARS - self.cursor]
            if self.cursor > len(self.line):
                self.line += [" "] * (self.cursor - len(self.line))
            self.line[self.cursor : self.cursor + len(kept)] = kept
        self.overflow = max(self.overflow, end - MAX_LINE_CHARS)
        self.cursor = end

    def _current(self) -> str:
        text = "".join(self.line)
        if self.rewound:
            text = text.rstrip()
        if self.overflow > 0:
            text += f" [… {self.overflow} caractères de plus non montrés]"
        return text

    def _end_line(self) -> None:
        text = self._current()
        if self.size < 4 * MAX_OUTPUT_CHARS:
            self.lines.append(text)
            self.size += len(text) + 1
        else:
            self.lost_lines += 1
        self.line, self.cursor, self.overflow, self.rewound = [], 0, 0, False

    def take(self) -> tuple[str, int]:
        """Ce qui a été écrit depuis la fin de la cellule précédente, et le nombre de lignes non gardées."""
        text = "".join(line + "\n" for line in self.lines) + (self._current() if self.line or self.overflow else "")
        lost = self.lost_lines
        self._reset()
        return text, lost


def _run_snippet(channel, path: str, text: str, figure_dir: Path, figure_prefix: str, workdir: str) -> RunResult:
    """Exécute toutes les cellules comme un seul script : mêmes filtres d'avertissements, même `sys.stdout`
    d'une cellule à l'autre ; s'arrête à la première exception non déclarée ou à `sys.exit()`."""
    file_lines = text.splitlines()
    shown = display_path(path)
    # Les lignes des tracebacks viennent du texte exécuté (le dossier courant n'est pas la racine du dépôt)
    linecache.cache[shown] = (len(text), None, text.splitlines(keepends=True), shown)
    namespace = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
    cells = parse_cells(Path(path), text)
    os.chdir(workdir)
    sys.argv = [path]
    sys.path[0] = str(Path(path).parent)  # comme `python x.py` : le dossier du script, pas celui de l'exécuteur
    before = _global_state()
    try:  # comme `python x.py` : une erreur de syntaxe arrête tout avant la première ligne
        compile(text, shown, "exec")
    except SyntaxError as exc:
        return RunResult(cells=[CellResult(cells[0].name, error=_describe_error(exc, shown))])
    observer = Observer(Path(os.environ.get("COURS_RACINE", Path(path).parents[2])), shown, path, workdir)
    observer.install()  # ce que le snippet lit vraiment : fichiers, dossiers, variables, bibliothèques
    results, exited = [], False
    out, err = CellStream("<stdout>"), CellStream("<stderr>")
    sys.stdout, sys.stderr = out, err
    with warnings.catch_warnings(record=True) as caught:
        # Les filtres sont ceux de Python (comme pour `python x.py`), valables d'une cellule à l'autre ; seul
        # l'avis de plt.show() sous Agg (aucune fenêtre ici, une figure dans la page) est tu.
        warnings.filterwarnings("ignore", message=".*non-interactive.*cannot be shown")
        for cell in cells:
            channel.write(json.dumps({"event": "cell", "name": cell.name}) + "\n")
            seen = len(caught)
            result, exited = _run_cell(cell.name, cell.source(file_lines), shown, namespace)
            streams = [(s, s.take()) for s in (out, err)]
            if sys.stdout is not out and hasattr(sys.stdout, "flush"):  # le snippet a remplacé sys.stdout
                with contextlib.suppress(Exception):
                    sys.stdout.flush()
            (stdout, lost_out), (stderr, lost_err) = streams[0][1], streams[1][1]
            result.stdout, result.truncated = _truncate(stdout, lost_out, cap=False)
            result.stderr, _ = _truncate(stderr, lost_err, cap=False)
            result.warnings = [_cap(w) for w in dict.fromkeys(
                f"{w.category.__name__}: {w.message}" for w in caught[seen:])]
            result.figures, problem = _save_figures(figure_dir, f"{figure_prefix}-{cell.name}")
            if problem and not result.error:
                result.error = problem
            results.append(result)
            channel.write(json.dumps({"event": "cell", "name": cell.name, "result": asdict(result)}) + "\n")
            if exited or result.error and not cell.raises:
                break
    sys.stdout, sys.stderr = sys.__stdout__, sys.__stderr__
    return RunResult(cells=results, state_changes=_changes(before, _global_state()), exited=exited,
                     leftovers=_leftovers(), observed=observer.result(distributions_of))


def display_path(path: str) -> str:
    """Le nom du fichier dans les tracebacks : relatif à la racine du dépôt, comme sous
    `python snippets/x.py` lancé depuis la racine (jamais le chemin absolu du clone)."""
    root = os.environ.get("COURS_RACINE")
    with contextlib.suppress(ValueError, TypeError):
        return Path(path).resolve().relative_to(Path(root).resolve()).as_posix()
    return path


def _run_cell(name: str, source: str, path: str, namespace: dict) -> tuple[CellResult, bool]:
    """Une cellule ; `True` en second si elle a terminé le script par `sys.exit()` sans erreur (code 0 ou
    None : `python x.py` s'arrête là et réussit)."""
    error, exited = None, False
    start = time.perf_counter()
    try:
        exec(compile(source, path, "exec"), namespace)
    except SystemExit as exc:
        if exc.code in (None, 0):
            exited = True
        else:
            error = _describe_error(exc, path)
    except BaseException as exc:  # noqa: BLE001 — tout est rapporté
        error = _describe_error(exc, path)
    return CellResult(name=name, error=error, seconds=round(time.perf_counter() - start, 3)), exited


def _leftovers() -> list[str]:
    """Ce que le snippet laisse derrière lui à sa fin : des processus (PID et nom) et des sockets à l'écoute.
    `python x.py` attendrait ou abandonnerait les premiers ; ici ils feraient attendre la construction."""
    table = _processes()
    me = os.getpid()
    orphans = [pid for pid, (parent, _, _) in table.items() if parent == os.getppid() and pid != me]
    mine = set(_descendants(me, table)) | {pid for pid, (_, group, _) in table.items() if group == me}
    for orphan in orphans:  # rattachés au zygote (subreaper) quand leur parent est mort avant eux
        mine |= {orphan, *_descendants(orphan, table)}
    mine = sorted(mine - {me})
    found = [f"processus {pid} ({table[pid][2]})" for pid in mine if pid in table]
    found += [f"socket à l'écoute sur le port {port}" for port in _listening_ports()]
    return found


def _listening_ports() -> list[int]:
    """Les ports TCP sur lesquels ce processus écoute encore (serveur jamais arrêté)."""
    inodes = set()
    with contextlib.suppress(OSError):
        for fd in os.listdir("/proc/self/fd"):
            with contextlib.suppress(OSError):
                target = os.readlink(f"/proc/self/fd/{fd}")
                if target.startswith("socket:["):
                    inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        with contextlib.suppress(OSError):
            for row in Path(table).read_text(encoding="utf-8").splitlines()[1:]:
                fields = row.split()
                if len(fields) > 9 and fields[3] == "0A" and fields[9] in inodes:  # 0A : LISTEN
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return sorted(ports)




def _cap(line: str) -> str:
    """Une ligne d'au plus MAX_LINE_CHARS caractères, avec ce qui a été retiré."""
    if len(line) <= MAX_LINE_CHARS:
        return line
    return line[:MAX_LINE_CHARS] + f" [… {len(line) - MAX_LINE_CHARS} caractères de plus non montrés]"


def _truncate(text: str, lost: int = 0, cap: bool = True) -> tuple[str, int]:
    """Le texte montré (lignes coupées à MAX_LINE_CHARS, sauf `cap=False` : déjà fait par CellStream ; au plus
    MAX_OUTPUT_LINES lignes et MAX_OUTPUT_CHARS caractères) et le nombre de lignes retirées."""
    lines = [_cap(line) if cap else line for line in text.split("\n")]
    kept, size = [], 0
    for line in lines[:MAX_OUTPUT_LINES]:
        if size + len(line) + 1 > MAX_OUTPUT_CHARS and kept:
            break
        kept.append(line)
        size += len(line) + 1
    dropped = len(lines) - len(kept) - (1 if len(kept) < len(lines) and lines[-1] == "" else 0)
    dropped += lost
    if not dropped and kept == text.split("\n"):
        return text, 0
    result = "\n".join(kept)
    return (result if result.endswith("\n") or not dropped else result + "\n"), dropped


def _describe_error(exc: BaseException, path: str) -> ErrorInfo:
    """Le traceback à partir du snippet (les cadres du worker ne disent rien au lecteur)."""
    frames = traceback.extract_tb(exc.__traceback__)
    while frames and frames[0].filename != path:
        frames.pop(0)
    summary = traceback.StackSummary.from_list(frames)
    last = "".join(traceback.format_exception_only(type(exc), exc)).rstrip("\n")
    line = next((f.lineno for f in reversed(frames) if f.filename == path), None)
    if line is None and isinstance(exc, SyntaxError) and exc.filename == path:
        line = exc.lineno
    text = "Traceback (most recent call last):\n" + "".join(summary.format()) + last
    text, _ = _truncate(text)
    return ErrorInfo(type(exc).__name__, _cap(last.split("\n")[-1]), text.rstrip("\n"), line)


def _save_figures(directory: Path, prefix: str) -> tuple[list[FigureInfo], ErrorInfo | None]:
    """Enregistre (PNG compressé) puis ferme chaque figure matplotlib encore ouverte ; une figure plus grande
    que MAX_FIGURE_PIXELS de côté n'est pas rendue (des centaines de Mo de mémoire) : c'est une erreur."""
    if "matplotlib.pyplot" not in sys.modules:
        return [], None
    import matplotlib.pyplot as plt
    from PIL import Image

    saved, problem = [], None
    for k, number in enumerate(plt.get_fignums(), start=1):
        figure = plt.figure(number)
        width, height = (figure.get_size_inches() * FIGURE_DPI).round().astype(int)
        if max(width, height) > MAX_FIGURE_PIXELS:
            message = (f"ValueError: figure {k} de {width}×{height} pixels : au plus {MAX_FIGURE_PIXELS} de côté "
                       f"à {FIGURE_DPI} dpi (réduisez figsize)")
            problem = problem or ErrorInfo("ValueError", message, message, None)
            plt.close(figure)
            continue
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{prefix}-{k}.png"
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
        buffer.seek(0)
        # 256 couleurs suffisent à des graphiques et divisent la taille par 3 environ.
        Image.open(buffer).convert("RGB").quantize(colors=256).save(target, optimize=True)
        saved.append(FigureInfo(target.name, _figure_alt(figure)))
        plt.close(figure)
    return saved, problem


def _figure_alt(figure) -> str:
    """Le texte alternatif : l'étiquette de la figure (`fig.set_label(...)`, là où matplotlib propose de la
    mettre), qui dit ce qu'elle montre ; à défaut, son titre (test_snippets exige l'étiquette)."""
    if figure.get_label():
        return figure.get_label()
    if figure.get_suptitle():
        return figure.get_suptitle()
    titles = [ax.get_title() for ax in figure.axes if ax.get_title()]
    return " ; ".join(titles[:3])


# --- état global : ce qu'un lecteur verrait fuir d'un bloc au suivant dans un notebook -------------------

def _global_state() -> dict[str, str]:
    """L'état global qu'un snippet peut changer et qui survivrait dans un notebook (le processus enfant,
    lui, disparaît : rien ne passe au snippet suivant)."""
    state = {"dossier courant": os.getcwd()}
    state |= {f"os.environ[{k!r}]": v for k, v in os.environ.items()}
    if "numpy" in sys.modules:
        np = sys.modules["numpy"]
        state |= {f"np.get_printoptions()[{k!r}]": repr(v) for k, v in np.get_printoptions().items()}
        state |= {f"np.geterr()[{k!r}]": repr(v) for k, v in np.geterr().items()}
    if "matplotlib" in sys.modules:
        params = sys.modules["matplotlib"].rcParams
        state |= {f"plt.rcParams[{k!r}]": repr(params[k]) for k in params if k != "backend"}
    if "keras" in sys.modules:
        config = sys.modules["keras"].config
        for name in ("floatx", "epsilon", "image_data_format", "backend", "dtype_policy"):
            with contextlib.suppress(Exception):
                state[f"keras.config.{name}()"] = str(getattr(config, name)())
    if "tensorflow" in sys.modules:
        with contextlib.suppress(Exception):
            state["tf.config.functions_run_eagerly()"] = str(sys.modules["tensorflow"].config.functions_run_eagerly())
    return state


def _changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    changed = []
    for key in sorted(set(before) | set(after)):
        if key == "dossier courant":
            continue
        old, new = before.get(key, "(absent)"), after.get(key, "(absent)")
        if old != new and not (key.startswith("os.environ") and key[12:-2] in _RUNTIME_ENV):
            changed.append(f"{key} : {old} → {new}")
    return changed


_RUNTIME_ENV = {"KMP_DUPLICATE_LIB_OK", "KMP_INIT_AT_FORK", "TF2_BEHAVIOR"}  # posées par les bibliothèques


# --- outillage du zygote --------------------------------------------------------------------------------

def _imported_modules(text: str) -> list[str]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    wanted = [m for m in PRELOADABLE if any(n == m or n.startswith(m + ".") or m.startswith(n + ".")
                                             for n in names)]
    if any(m in wanted for m in ("tensorflow", "keras")):
        wanted = list(dict.fromkeys(["numpy", "tensorflow", "keras", *wanted]))
    return wanted


def _preload(modules) -> None:
    for name in modules:
        if name not in sys.modules:
            with contextlib.suppress(Exception):
                __import__(name)


def _die_with_parent() -> None:
    """Linux : ce processus reçoit SIGKILL si son parent meurt (exécuteur tué, Ctrl-C, SIGTERM)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


if __name__ == "__main__":
    main()
