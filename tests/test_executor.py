"""L'exécuteur sur de petits projets jetables : cache, erreurs, délais, figures, mode serve, et l'exécuteur
quand on le malmène (état global, enregistrements abîmés, exécutions simultanées, processus tués)."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import execute
from conftest import ROOT, make_project
from freeze import neutralize

PRINTS = "print(6 * 7)\n#> 42\n"
FIGURE = (
    "import matplotlib.pyplot as plt\n"
    "fig, ax = plt.subplots()\nax.plot([0, 1], [1, 0])\nax.set_title('Une diagonale')\nplt.show()\n"
)


def run(project, *args):
    return execute.main(["--root", str(project), *args])


@pytest.fixture(scope="module")
def tf_worker():
    """Un zygote qui a déjà importé TensorFlow, partagé par les tests qui en ont besoin (l'import coûte
    plusieurs secondes) : c'est aussi la situation de `mkdocs serve`, où un même worker sert tout."""
    with execute.WorkerProcess(ROOT, preload=True) as worker:
        yield worker


def run_with(worker, project) -> int:
    outcomes = execute.execute(execute.Layout(project), [], False, 120, False, worker=worker)
    return 1 if execute.report_failures(outcomes) else 0


def run_cli(project, *args, **env):
    return subprocess.run([sys.executable, str(project / "scripts/execute.py"), *args], cwd=project,
                          capture_output=True, text=True, timeout=300, env={**os.environ, **env})


def meta(project, snippet_id):
    return json.loads((project / f"_freeze/{snippet_id}/meta.json").read_text())


def test_outputs_are_written_as_fragments(tmp_path):
    project = make_project(tmp_path, {"chap/calcul.py": PRINTS, "chap/dessin.py": FIGURE})
    assert run(project) == 0
    block = (project / "_freeze/chap/calcul/script.md").read_text()
    assert block.startswith('```python title="snippets/chap/calcul.py"\nprint(6 * 7)\n```\n') and "42" in block
    assert "#>" not in block  # la sortie n'est montrée qu'une fois, dans l'encadré
    assert (project / "_freeze/chap/calcul/script.sortie.md").read_text().startswith("```{ .text .sortie")
    record = meta(project, "chap/calcul")
    assert record["status"] == "ok" and record["cells"][0]["stdout"] == "42\n"
    assert set(record["versions"]) == {"python", "tensorflow", "keras", "numpy"}
    figure = project / "docs/figures/chap/dessin-script-1.png"
    assert figure.read_bytes().startswith(b"\x89PNG")
    assert "![Une diagonale](figures/chap/dessin-script-1.png)" in (project / "_freeze/chap/dessin/script.md").read_text()


def test_second_run_executes_nothing_and_imports_no_tensorflow(tmp_path, tf_worker):
    project = make_project(tmp_path, {"chap/tf.py": "import tensorflow as tf\nprint(int(tf.constant(2)))\n#> 2\n"})
    assert run_with(tf_worker, project) == 0
    probe = (
        "import sys, execute\n"
        f"outcomes = execute.execute(execute.Layout(__import__('pathlib').Path({str(project)!r})), [], False, 60, False)\n"
        "print(len(outcomes), 'tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})
    assert result.stdout.split()[-3:] == ["0", "False", "False"]


def test_key_follows_snippet_local_module_and_data_file(tmp_path):
    project = make_project(tmp_path, {
        "chap/lecture.py": "from outils import double\nprint(double(open('" + str(tmp_path / "n.txt") + "').read()))\n#> ...\n",
        "chap/outils.py": "def double(s):\n    return s * 2\n",
    })
    (tmp_path / "n.txt").write_text("ab")
    layout = execute.Layout(project)
    snippet = project / "snippets/chap/lecture.py"
    assert run(project, "snippets/chap/lecture.py") == 0
    assert not execute.is_stale(layout, snippet)
    (tmp_path / "n.txt").write_text("abc")
    assert execute.is_stale(layout, snippet)
    assert run(project, "snippets/chap/lecture.py") == 0
    (project / "snippets/chap/outils.py").write_text("def double(s):\n    return s + s\n")
    assert execute.is_stale(layout, snippet)


def test_key_ignores_programs_and_files_a_snippet_writes_at_the_root(tmp_path):
    """Ni un exécutable nommé (navigateur, interpréteur d'un autre environnement : la clé deviendrait propre
    à la machine), ni un fichier au nom nu laissé à la racine par un snippet lancé depuis la racine
    (`vetements.keras`) ne changent la clé ; un fichier de données d'un dossier du dépôt, si."""
    project = make_project(tmp_path, {"chap/outils.py": (
        "import subprocess\n"
        "subprocess.run(['outils/convertir', '--version'], check=False)\n"
        "open('modele.keras', 'w').write('poids')\n"
        "print(open('donnees/table.csv').read())\n#> ...\n")})
    (project / "outils").mkdir()
    program = project / "outils/convertir"
    program.write_text("#!/bin/sh\necho 1.0\n")
    program.chmod(0o755)
    (project / "donnees").mkdir()
    (project / "donnees/table.csv").write_text("a,b\n")
    snippet = project / "snippets/chap/outils.py"
    key = execute.snippet_key(snippet, project)
    program.write_text("#!/bin/sh\necho 2.0\n")
    (project / "modele.keras").write_text("laissé par une exécution depuis la racine")
    assert execute.snippet_key(snippet, project) == key
    (project / "donnees/table.csv").write_text("a,b,c\n")
    assert execute.snippet_key(snippet, project) != key
    # le même dossier de données atteint par un lien (node_modules d'un clone de travail) : même clé
    key = execute.snippet_key(snippet, project)
    (project / "donnees").rename(tmp_path / "ailleurs")
    (project / "donnees").symlink_to(tmp_path / "ailleurs")
    assert execute.snippet_key(snippet, project) == key


def test_only_the_edited_snippet_is_executed_again(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/a.py": PRINTS, "chap/b.py": "print('b')\n#> b\n"})
    assert run(project) == 0
    (project / "snippets/chap/b.py").write_text("print('bb')\n#> bb\n")
    capsys.readouterr()
    assert run(project) == 0
    out = capsys.readouterr().out
    assert "1 snippet(s) à exécuter sur 2" in out and "chap/b.py" in out and "chap/a.py" not in out


def test_check_sees_what_finish_would_rewrite(tmp_path, capsys):
    """Une tolérance élargie ne ré-exécute rien, mais le rapport compte les tolérances : `--check` le voit."""
    project = make_project(tmp_path, {"chap/a.py": "print(0.5)\n#> 0.5\n"})
    assert run(project) == 0 and run(project, "--check") == 0
    snippet = project / "snippets/chap/a.py"
    snippet.write_text("print(0.5)\n#> 0.5±0.01\n")
    capsys.readouterr()
    assert run(project, "--check") == 1
    assert "périmé : _freeze/rapport/tableau.md" in capsys.readouterr().out
    assert run(project) == 0  # rien à exécuter : seul le rapport est réécrit
    assert run(project, "--check") == 0


def test_force_and_check(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/a.py": PRINTS})
    assert run(project, "--check") == 1
    assert "périmé" in capsys.readouterr().out
    assert run(project) == 0
    assert run(project, "--check") == 0
    capsys.readouterr()
    assert run(project, "--force", "chap") == 0
    assert "1 snippet(s) à exécuter sur 1" in capsys.readouterr().out


def test_failing_snippet_reports_file_line_and_traceback(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/casse.py": "x = 1\n\n\ny = x / 0\n"})
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "snippets/chap/casse.py:4: ZeroDivisionError: division by zero" in err
    assert 'line 4, in <module>' in err and "y = x / 0" in err
    assert not (project / "_freeze/chap/casse/meta.json").exists()  # rien de faux n'est versionné


def test_syntax_error_names_its_line_once(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/syntaxe.py": "print(1)\nx = (\n"})
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "snippets/chap/syntaxe.py:2: SyntaxError: '(' was never closed" in err
    assert "None" not in err and err.count("was never closed") == 2  # le résumé, puis le traceback


def test_wrong_output_is_reported_with_the_expected_line(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/faux.py": "print(6 * 7)\n#> 41\n"})
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "chap/faux.py:2: sortie différente de l'attendu" in err and "'41'" in err and "'42'" in err


def test_hanging_snippet_times_out_with_its_position(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/lent.py": "import time\n\ntime.sleep(600)\n"})
    assert run(project, "--timeout", "3") == 1
    err = capsys.readouterr().err
    assert "snippets/chap/lent.py:3: délai de 3 s dépassé" in err and "bloqué ligne 3" in err
    assert 'lent.py", line 3' in err


def test_timeout_can_be_set_for_build_and_serve(tmp_path):
    project = make_project(tmp_path, {"chap/lent.py": "import time\n\ntime.sleep(600)\n"})
    result = run_cli(project, COURS_TIMEOUT="2")
    assert result.returncode == 1 and "délai de 2 s dépassé" in result.stderr


def test_crash_is_a_crash_naming_the_cell(tmp_path, capsys):
    killer = ("# --8<-- [start:avant]\nprint('a')\n#> a\n# --8<-- [end:avant]\n"
              "# --8<-- [start:tueur]\nimport os, signal\nos.kill(os.getpid(), signal.SIGKILL)\n# --8<-- [end:tueur]\n")
    project = make_project(tmp_path, {"chap/tue.py": killer, "chap/apres.py": PRINTS})
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "tué par le signal SIGKILL, pendant la cellule « tueur » (lignes 6–7)" in err
    assert "délai" not in err
    assert meta(project, "chap/apres")["status"] == "ok"  # le worker a survécu : le snippet suivant passe


def test_worker_dying_at_start_is_reported_as_a_crash_with_its_stderr(tmp_path, monkeypatch, capsys):
    dead = tmp_path / "mort.py"
    dead.write_text("import sys\nsys.stderr.write('ImportError: bibliothèque introuvable\\n')\nsys.exit(1)\n")
    import workers
    monkeypatch.setattr(workers, "WORKER", dead)
    project = make_project(tmp_path / "p", {"chap/a.py": PRINTS})
    start = time.perf_counter()
    assert run(project) == 1
    err = capsys.readouterr().err
    assert time.perf_counter() - start < 30
    assert "le worker s'est arrêté (code de sortie 1)" in err and "bibliothèque introuvable" in err
    assert "délai" not in err


def test_input_gets_end_of_file_at_once(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/saisie.py": "nom = input('Nom ? ')\n"})
    start = time.perf_counter()
    assert run(project, "--timeout", "60") == 1
    assert time.perf_counter() - start < 20
    assert "EOFError" in capsys.readouterr().err


def test_declared_exception_is_output_and_must_keep_raising(tmp_path, capsys):
    raising = (
        "import math\nmath.sqrt(-1)\n"
        "#> Traceback (most recent call last):\n#> ...\n#> ValueError: math domain error\n"
    )
    project = make_project(tmp_path, {"chap/erreur.py": raising})
    assert run(project) == 0
    assert "ValueError: math domain error" in (project / "_freeze/chap/erreur/script.md").read_text()
    (project / "snippets/chap/erreur.py").write_text(raising.replace("-1", "4"))
    assert run(project) == 1
    assert "devait lever une exception" in capsys.readouterr().err


def test_serve_mode_writes_the_error_into_the_page(tmp_path):
    project = make_project(tmp_path, {"chap/casse.py": "print('avant')\n#> avant\nraise RuntimeError('oups')\n"})
    assert run(project, "--serve") == 0
    fragment = (project / "_freeze/chap/casse/script.md").read_text()
    assert '!!! failure "Échec de l' in fragment and "RuntimeError: oups" in fragment and "line 3" in fragment
    assert meta(project, "chap/casse")["status"] == "error"
    assert execute.is_stale(execute.Layout(project), project / "snippets/chap/casse.py")


def test_snippet_runs_like_a_script(tmp_path):
    code = (
        "import os, sys\nfrom pathlib import Path\n"
        "print(__name__, Path(sys.argv[0]).name, Path(sys.path[0]).name, 'tf' in dir())\n"
        "#> __main__ script.py chap False\n"
    )
    project = make_project(tmp_path, {"chap/script.py": code})
    assert run(project) == 0
    standalone = subprocess.run([sys.executable, "snippets/chap/script.py"], cwd=project,
                                capture_output=True, text=True, check=True)
    assert standalone.stdout == "__main__ script.py chap False\n"


CHANGES_STATE = """\
import os
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

np.set_printoptions(precision=2)
np.seterr(all="raise")
plt.rcParams["figure.figsize"] = [1.0, 1.0]
plt.style.use("ggplot")
tf.config.run_functions_eagerly(True)
keras.config.set_floatx("float64")
os.environ["COURS_ESSAI"] = "1"
print(keras.layers.Dense(1).name)
#> dense
"""
READS_STATE = """\
import os
import keras
import matplotlib.pyplot as plt
import numpy as np
import tensorflow as tf

print(np.array([1 / 3]))
print(np.geterr()["divide"])
print(plt.rcParams["figure.figsize"], plt.rcParams["axes.facecolor"])
print(tf.config.functions_run_eagerly())
print(keras.config.floatx())
print(os.environ.get("COURS_ESSAI"))
print(keras.layers.Dense(1).name)
#> [0.33333333]
#> warn
#> [6.4, 4.8] white
#> False
#> float32
#> None
#> dense
"""


def test_no_state_leaks_from_one_snippet_to_the_next(tmp_path, tf_worker):
    """Chaque snippet voit ce que verrait `python fichier.py` (les valeurs par défaut que déclarent les `#>`
    de b_lit), quoi qu'on ait exécuté avant lui dans le même worker ; et ce qu'il laisse modifié est mesuré
    (un notebook, lui, le garderait)."""
    project = make_project(tmp_path, {"chap/a_change.py": CHANGES_STATE, "chap/b_lit.py": READS_STATE})
    assert run_with(tf_worker, project) == 0  # a_change puis b_lit, dans le même worker
    changes = "\n".join(meta(project, "chap/a_change")["state_changes"])
    for item in ("np.get_printoptions()['precision'] : 8 → 2", "np.geterr()['divide'] : 'warn' → 'raise'",
                 "plt.rcParams['figure.figsize']", "plt.rcParams['axes.facecolor']",
                 "tf.config.functions_run_eagerly() : False → True", "keras.config.floatx() : float32 → float64",
                 "os.environ['COURS_ESSAI'] : (absent) → 1"):
        assert item in changes, changes
    assert meta(project, "chap/b_lit")["state_changes"] == []


def test_unknown_target_is_a_clear_error(tmp_path):
    project = make_project(tmp_path, {"chap/a.py": PRINTS})
    with pytest.raises(SystemExit, match="ne désigne aucun snippet"):
        run(project, "chapitre-inexistant")


def test_outputs_of_deleted_snippets_and_renamed_cells_are_removed(tmp_path):
    cells = "# --8<-- [start:un]\nprint(1)\n#> 1\n# --8<-- [end:un]\n"
    project = make_project(tmp_path, {"chap/a.py": cells, "chap/dessin.py": FIGURE})
    assert run(project) == 0
    (project / "snippets/chap/dessin.py").unlink()
    (project / "snippets/chap/a.py").write_text(cells.replace(":un]", ":deux]"))
    assert run(project) == 0
    assert not (project / "_freeze/chap/dessin").exists()
    assert not list((project / "docs/figures/chap").glob("dessin-*"))
    assert sorted(p.name for p in (project / "_freeze/chap/a").iterdir()) == ["deux.md", "deux.sortie.md", "meta.json"]


def test_broken_page_include_names_page_line_and_cell(tmp_path, capsys):
    page = {"index.md": '# Essai\n\n--8<-- "_freeze/chap/a/absente.md"\n'}
    project = make_project(tmp_path, {"chap/a.py": PRINTS}, page)
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "docs/index.md:3: « _freeze/chap/a/absente.md » : la cellule « absente » n'existe pas" in err
    assert "cellules : script" in err


# --- enregistrements abîmés, exécutions simultanées ------------------------------------------------------

def test_damaged_records_are_stale_and_repaired(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/a.py": "print('é' * 3)\n#> ééé\n"})
    assert run(project) == 0
    layout, snippet = execute.Layout(project), project / "snippets/chap/a.py"
    fragment = project / "_freeze/chap/a/script.md"
    fragment.write_bytes(b"")  # exécuteur tué pendant l'écriture d'un fragment
    assert execute.stale_reason(layout, snippet) == "fragment script.md absent ou altéré"
    assert run(project, "--check") == 1
    assert run(project) == 0 and "ééé" in fragment.read_text()
    meta_path = project / "_freeze/chap/a/meta.json"
    data = meta_path.read_bytes()
    cut = data.index("é".encode()) + 1
    meta_path.write_bytes(data[:cut])  # coupé au milieu de « é »
    assert execute.stale_reason(layout, snippet) == "aucun enregistrement lisible"
    capsys.readouterr()
    assert run(project, "--check") == 1 and "périmé : snippets/chap/a.py" in capsys.readouterr().out
    assert run(project, "--report") == 0
    assert run(project, "--force") == 0 and json.loads(meta_path.read_text())["status"] == "ok"


def test_two_executors_on_one_tree_take_turns(tmp_path):
    snippets = {f"chap/s{k}.py": f"import time\nfor i in range(3):\n    print('{k}', i)\n    time.sleep(0.2)\n#> ...\n"
                for k in range(4)}
    project = make_project(tmp_path, snippets)
    first = subprocess.Popen([sys.executable, "scripts/execute.py", "--force"], cwd=project,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    head = first.stdout.readline()  # « execute: 4 snippet(s) à exécuter… » : le premier tient le verrou
    assert "à exécuter" in head, head
    second = run_cli(project, "--force")
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0 and second.returncode == 0, err + second.stderr
    assert "verrouillé par PID" in second.stdout and "en attente" in second.stdout
    layout = execute.Layout(project)
    for k in range(4):
        assert execute.stale_reason(layout, project / f"snippets/chap/s{k}.py") is None
        assert meta(project, f"chap/s{k}")["cells"][0]["stdout"] == "".join(f"{k} {i}\n" for i in range(3))


def _gate(tmp_path: Path) -> tuple[Path, Path, str]:
    """Deux fichiers qui servent d'événements entre le test et un snippet : le snippet crée `started`, puis
    attend que le test crée `go` (au plus 120 s). Aucune course contre l'horloge."""
    started, go = tmp_path / "commence", tmp_path / "continue"
    code = (f"import os, time\nopen({str(started)!r}, 'w').close()\nlimite = time.monotonic() + 120\n"
            f"while not os.path.exists({str(go)!r}) and time.monotonic() < limite:\n    time.sleep(0.02)\n")
    return started, go, code


def _wait_for(path: Path, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} n'est jamais apparu"
        time.sleep(0.02)


def test_key_is_the_key_of_the_text_that_ran(tmp_path):
    """Un snippet modifié pendant son exécution n'est pas enregistré sous la clé du nouveau texte."""
    started, go, gate = _gate(tmp_path)
    project = make_project(tmp_path / "p", {"chap/a.py": gate + "print('v1')\n#> v1\n"})
    worker = threading.Thread(target=run, args=(project,))
    worker.start()
    _wait_for(started)  # il s'exécute : le texte est lu, haché et envoyé
    (project / "snippets/chap/a.py").write_text(gate + "print('v2')\n#> v2\n")
    go.touch()
    worker.join()
    assert meta(project, "chap/a")["cells"][0]["stdout"] == "v1\n"
    assert execute.is_stale(execute.Layout(project), project / "snippets/chap/a.py")


def _worker_processes(*folders: Path) -> list[int]:
    """Les processus worker (zygote et enfants) dont le dossier courant est sous l'un de ces dossiers."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if "scripts/worker.py" not in (proc / "cmdline").read_text(errors="ignore"):
                continue
            cwd = (proc / "cwd").resolve()
        except OSError:
            continue
        if any(cwd == f or f in cwd.parents for f in folders):
            found.append(int(proc.name))
    return found


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL], ids=["SIGTERM", "SIGKILL"])
def test_killed_executor_leaves_no_process_and_no_temporary_files(tmp_path, sig):
    project = make_project(tmp_path / "p", {"chap/lent.py": "import time\ntime.sleep(120)\n"})
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    env = {**os.environ, "TMPDIR": str(tmpdir)}
    process = subprocess.Popen([sys.executable, "scripts/execute.py"], cwd=project, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    while "lent.py" not in process.stdout.readline():
        pass
    deadline = time.time() + 20
    while len(_worker_processes(project, tmpdir)) < 2 and time.time() < deadline:
        time.sleep(0.2)
    assert len(_worker_processes(project, tmpdir)) == 2  # le zygote et l'enfant qui exécute le snippet
    process.send_signal(sig)
    process.wait(timeout=30)
    deadline = time.time() + 10
    while _worker_processes(project, tmpdir) and time.time() < deadline:
        time.sleep(0.2)
    assert _worker_processes(project, tmpdir) == []
    if sig == signal.SIGKILL:  # l'exécuteur n'a pas pu nettoyer : le suivant le fait en démarrant un worker
        assert [p for p in tmpdir.iterdir() if p.name.startswith("cours-worker-")]
        subprocess.run([sys.executable, "-c", "import workers; "
                        "workers.remove_abandoned_dirs()"], cwd=project, check=True,
                       env={**env, "PYTHONPATH": str(project / "scripts")})
    assert not [p for p in tmpdir.iterdir() if p.name.startswith("cours-worker-")]


# --- sorties qui ne doivent pas déborder -----------------------------------------------------------------

def test_huge_output_is_truncated_with_a_visible_notice(tmp_path):
    project = make_project(tmp_path, {"chap/bavard.py": "for i in range(100_000):\n    print('x' * 50, i)\n#> ...\n"})
    assert run(project) == 0
    fragment = (project / "_freeze/chap/bavard/script.md").read_text()
    assert len(fragment) < 100_000 and "sortie tronquée" in fragment
    assert len((project / "_freeze/chap/bavard/meta.json").read_text()) < 100_000


def test_progress_bar_leaves_no_control_characters(tmp_path, tf_worker):
    fit = ("import keras, numpy as np\nkeras.utils.set_random_seed(0)\n"
           "model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])\n"
           "model.compile(loss='mse')\nmodel.fit(np.zeros((64, 2)), np.zeros(64), epochs=2, batch_size=8)\n#> ...\n")
    project = make_project(tmp_path, {"chap/fit.py": fit})
    assert run_with(tf_worker, project) == 0
    stdout = meta(project, "chap/fit")["cells"][0]["stdout"]
    assert "Epoch 2/2" in stdout and "8/8" in stdout
    assert not any(c in stdout for c in "\b\r\x1b")


def test_missing_dataset_cache_gives_the_command_to_run(tmp_path, capsys):
    code = "import keras\nkeras.datasets.fashion_mnist.load_data()\n"
    project = make_project(tmp_path / "p", {"chap/donnees.py": code})
    empty = tmp_path / "keras-vide"
    empty.mkdir()
    result = run_cli(project, KERAS_HOME=str(empty))
    assert result.returncode == 1
    assert "scripts/provision_data.py" in result.stderr


def test_neutralize_escapes_only_include_lines():
    text = 'a --8<-- b\n--8<-- "x"\n  -8<- \'y\'\nz --8<-- [end:w]\n--8<--\n'
    assert neutralize(text) == 'a --8<-- b\n;--8<-- "x"\n  ;-8<- \'y\'\nz ;--8<-- [end:w]\n;--8<--\n'


PUBLISHES = (
    "import os\nfrom pathlib import Path\n"
    "Path('publie/modele').mkdir(parents=True)\n"
    "Path('publie/modele/model.json').write_text('{\"format\": \"graph-model\"}')\n"
    "Path('publie/images.json').write_text('[1, 2]')\n"
    "print(Path(os.environ['COURS_RACINE'], 'snippets/chap/publie.py').is_file())\n#> True\n"
)


def test_published_files_are_copied_recorded_checked_and_pruned(tmp_path, capsys):
    """`publie/` dans le dossier courant du snippet → docs/fichiers/<chap>/<nom>/, listé dans meta.json ;
    un fichier publié altéré rend le snippet périmé ; un fichier que le snippet ne publie plus disparaît, et
    tout disparaît avec le snippet. COURS_RACINE désigne la racine du projet."""
    project = make_project(tmp_path, {"chap/publie.py": PUBLISHES, "chap/autre.py": PRINTS})
    assert run(project) == 0
    published = project / "docs/fichiers/chap/publie"
    assert (published / "modele/model.json").read_text() == '{"format": "graph-model"}'
    assert set(meta(project, "chap/publie")["published"]) == {"modele/model.json", "images.json"}
    assert meta(project, "chap/autre")["published"] == {}
    assert run(project, "--check") == 0

    (published / "images.json").write_text("[1, 3]")  # altéré à la main
    assert run(project, "--check") == 1
    assert "fichiers publiés" in capsys.readouterr().out
    assert run(project) == 0 and (published / "images.json").read_text() == "[1, 2]"

    snippet = project / "snippets/chap/publie.py"
    snippet.write_text(snippet.read_text().replace("Path('publie/images.json').write_text('[1, 2]')\n", ""))
    assert run(project) == 0
    assert not (published / "images.json").exists() and (published / "modele/model.json").is_file()

    snippet.unlink()
    assert run(project) == 0
    assert not published.exists()


def test_published_symlink_is_refused(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/lien.py": (
        "import os\nos.makedirs('publie')\nos.symlink('/etc/passwd', 'publie/secret')\n")})
    assert run(project) == 1
    captured = capsys.readouterr()
    assert "lien.py: publie/ ne doit contenir que des fichiers ordinaires : secret" in captured.err
    assert not (project / "docs/fichiers").exists()
