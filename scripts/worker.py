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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cells import parse_cells  # noqa: E402
from records import (  # noqa: E402
    CellResult, ErrorInfo, Failure, FigureInfo, RunResult, cell_from_dict, run_from_dict,
)

# Fixés avant tout import de TensorFlow ou de matplotlib par un snippet.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# Largeur fixe pour model.summary() (rich) : 76 colonnes de tableau, lisibles dans la colonne de la page
# quel que soit le terminal de celui qui construit le site.
os.environ["COLUMNS"] = "80"
FIGURE_DPI = 100
# Importés par le zygote avant le fork quand le snippet les importe : l'enfant n'en paie pas l'import.
PRELOADABLE = ("numpy", "tensorflow", "keras", "matplotlib.pyplot")
MAX_OUTPUT_LINES = 400  # au-delà, la sortie versionnée et la page sont tronquées (avec un avis visible)
MAX_OUTPUT_CHARS = 60_000
KILL_GRACE = 10.0  # secondes laissées à faulthandler pour écrire la pile après SIGABRT


def main() -> None:
    protocol = os.fdopen(os.dup(1), "w", buffering=1, encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = io.TextIOWrapper(os.fdopen(1, "wb", buffering=0), write_through=True)
    _die_with_parent()
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
    done = next((m for m in messages if m.get("event") == "fin"), None)
    if done is not None:
        result = run_from_dict(done["result"])
        result.seconds = seconds
        return result
    cells = [m for m in messages if m.get("event") == "cellule"]
    partial = [cell_from_dict(m["result"]) for m in cells if "result" in m]
    current = next((m["name"] for m in reversed(cells) if "result" not in m), None)
    stderr = Path(log).read_text(encoding="utf-8", errors="replace") if Path(log).exists() else ""
    stderr = "\n".join(line for line in stderr.split("\n") if __file__ not in line)  # cadres du worker
    line = _stuck_line(stderr, path)
    if timed_out:
        failure = Failure("délai", f"délai de {timeout:g} s dépassé", current, line, _tail(stderr))
    else:
        failure = Failure("plantage", _describe_status(status), current, line, _tail(stderr))
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
    _, status = os.waitpid(pid, 0)
    return messages, status, timed_out


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
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _isolate_io(log)
        faulthandler.enable(file=sys.__stderr__, all_threads=True)  # SIGABRT, SIGSEGV… : la pile dans le journal
        result = _run_snippet(channel, path, text, Path(figure_dir), figure_prefix, workdir)
        channel.write(json.dumps({"event": "fin", "result": asdict(result)}) + "\n")
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


def _run_snippet(channel, path: str, text: str, figure_dir: Path, figure_prefix: str, workdir: str) -> RunResult:
    """Exécute toutes les cellules ; s'arrête à la première exception non déclarée."""
    file_lines = text.splitlines()
    namespace = {"__name__": "__main__", "__file__": path, "__builtins__": builtins}
    cells = parse_cells(Path(path), text)
    os.chdir(workdir)
    sys.argv = [path]
    sys.path.insert(0, str(Path(path).parent))
    before = _global_state()
    try:  # comme `python x.py` : une erreur de syntaxe arrête tout avant la première ligne
        compile(text, path, "exec")
    except SyntaxError as exc:
        return RunResult(cells=[CellResult(cells[0].name, error=_describe_error(exc, path))])
    results = []
    for cell in cells:
        channel.write(json.dumps({"event": "cellule", "name": cell.name}) + "\n")
        result = _run_cell(cell.name, cell.source(file_lines), path, namespace)
        result.figures = _save_figures(figure_dir, f"{figure_prefix}-{cell.name}")
        results.append(result)
        channel.write(json.dumps({"event": "cellule", "name": cell.name, "result": asdict(result)}) + "\n")
        if result.error and not cell.raises:
            break
    return RunResult(cells=results, state_changes=_changes(before, _global_state()))


def _run_cell(name: str, source: str, path: str, namespace: dict) -> CellResult:
    stdout, stderr = io.StringIO(), io.StringIO()
    error = None
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        # Les filtres restent ceux de Python (comme pour `python x.py`) : on enregistre, sans rien forcer.
        warnings.filterwarnings("ignore", message=".*non-interactive.*cannot be shown")  # plt.show() sous Agg
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            try:
                exec(compile(source, path, "exec"), namespace)
            except BaseException as exc:  # noqa: BLE001 — tout est rapporté, SystemExit compris
                error = _describe_error(exc, path)
    text, dropped = _truncate(terminal_text(stdout.getvalue()))
    return CellResult(
        name=name,
        stdout=text,
        warnings=list(dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in caught)),
        error=error,
        seconds=round(time.perf_counter() - start, 3),
        truncated=dropped,
    )


ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def terminal_text(raw: str) -> str:
    """Ce qu'un terminal afficherait : `\\r` revient en début de ligne, `\\b` efface, séquences ANSI et autres
    caractères de contrôle retirés (barre de progression de `fit(verbose=1)`, couleurs)."""
    raw = ANSI.sub("", raw)
    lines = []
    for line in raw.split("\n"):
        if "\r" not in line and "\b" not in line:
            lines.append(CONTROL.sub("", line))
            continue
        chars: list[str] = []
        cursor = 0
        for char in line:
            if char == "\r":
                cursor = 0
            elif char == "\b":
                cursor = max(0, cursor - 1)
            elif char == "\t" or char >= " " and char != "\x7f":
                if cursor < len(chars):
                    chars[cursor] = char
                else:
                    chars.append(char)
                cursor += 1
        lines.append("".join(chars).rstrip())
    return "\n".join(lines)


def _truncate(text: str) -> tuple[str, int]:
    lines = text.split("\n")
    kept = lines[:MAX_OUTPUT_LINES]
    while len("\n".join(kept)) > MAX_OUTPUT_CHARS and len(kept) > 1:
        kept = kept[: len(kept) // 2]
    if len(kept) == len(lines):
        return text, 0
    return "\n".join(kept) + "\n", len(lines) - len(kept) - (1 if lines[-1] == "" else 0)


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
    return ErrorInfo(type(exc).__name__, last.split("\n")[-1], text, line)


def _save_figures(directory: Path, prefix: str) -> list[FigureInfo]:
    """Enregistre (PNG compressé) puis ferme chaque figure matplotlib encore ouverte."""
    if "matplotlib.pyplot" not in sys.modules:
        return []
    import matplotlib.pyplot as plt
    from PIL import Image

    saved = []
    for k, number in enumerate(plt.get_fignums(), start=1):
        figure = plt.figure(number)
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{prefix}-{k}.png"
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
        buffer.seek(0)
        # 256 couleurs suffisent à des graphiques et divisent la taille par 3 environ.
        Image.open(buffer).convert("RGB").quantize(colors=256).save(target, optimize=True)
        saved.append(FigureInfo(target.name, _figure_title(figure)))
        plt.close(figure)
    return saved


def _figure_title(figure) -> str:
    if figure._suptitle is not None and figure._suptitle.get_text():
        return figure._suptitle.get_text()
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
