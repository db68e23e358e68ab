"""L'exécuteur sur de petits projets jetables : cache, erreurs, délais, figures, mode serve."""

import json
import subprocess
import sys

import pytest

from conftest import ROOT, make_project
import execute

PRINTS = "print(6 * 7)\n#> 42\n"
FIGURE = (
    "import matplotlib.pyplot as plt\n"
    "fig, ax = plt.subplots()\nax.plot([0, 1], [1, 0])\nax.set_title('Une diagonale')\nplt.show()\n"
)


def run(project, *args):
    return execute.main(["--root", str(project), *args])


def test_outputs_are_written_as_fragments(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/calcul.py": PRINTS, "chap/dessin.py": FIGURE})
    assert run(project) == 0
    assert "42" in (project / "_freeze/chap/calcul/script.md").read_text()
    meta = json.loads((project / "_freeze/chap/calcul/meta.json").read_text())
    assert meta["status"] == "ok" and meta["cells"][0]["stdout"] == "42\n"
    assert set(meta["versions"]) == {"python", "tensorflow", "keras", "numpy"}
    figure = project / "docs/figures/chap/dessin-script-1.png"
    assert figure.read_bytes().startswith(b"\x89PNG")
    assert "![Une diagonale](figures/chap/dessin-script-1.png)" in (
        project / "_freeze/chap/dessin/script.md").read_text()


def test_second_run_executes_nothing_and_imports_no_tensorflow(tmp_path):
    project = make_project(tmp_path, {"chap/tf.py": "import tensorflow as tf\nprint(int(tf.constant(2)))\n#> 2\n"})
    assert run(project) == 0
    probe = (
        "import sys; sys.path.insert(0, 'scripts'); import execute\n"
        f"outcomes = execute.execute(execute.Layout(__import__('pathlib').Path({str(project)!r})), [], False, 60, False)\n"
        "print(len(outcomes), 'tensorflow' in sys.modules, 'keras' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["0", "False", "False"]


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


def test_only_the_edited_snippet_is_executed_again(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/a.py": PRINTS, "chap/b.py": "print('b')\n#> b\n"})
    assert run(project) == 0
    (project / "snippets/chap/b.py").write_text("print('bb')\n#> bb\n")
    capsys.readouterr()
    assert run(project) == 0
    out = capsys.readouterr().out
    assert "1 snippet(s) à exécuter sur 2" in out and "chap/b.py" in out and "chap/a.py" not in out


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


def test_wrong_output_is_reported_with_the_expected_line(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/faux.py": "print(6 * 7)\n#> 41\n"})
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "chap/faux.py:2: sortie différente de l'attendu" in err and "'41'" in err and "'42'" in err


def test_hanging_snippet_times_out_with_its_position(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/lent.py": "import time\n\ntime.sleep(600)\n"})
    assert run(project, "--timeout", "3") == 1
    err = capsys.readouterr().err
    assert "délai de 3 s dépassé" in err and "lent.py" in err and "line 3" in err


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
    assert '!!! failure "Échec de' in fragment and "RuntimeError: oups" in fragment and "line 3" in fragment
    assert json.loads((project / "_freeze/chap/casse/meta.json").read_text())["status"] == "error"
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


def test_keras_state_is_reset_between_snippets(tmp_path):
    layer = "import keras\nprint(keras.layers.Dense(1).name)\n#> dense\n"
    project = make_project(tmp_path, {"chap/a.py": layer, "chap/b.py": layer})
    assert run(project) == 0


def test_unknown_target_is_a_clear_error(tmp_path):
    project = make_project(tmp_path, {"chap/a.py": PRINTS})
    with pytest.raises(SystemExit, match="ne désigne aucun snippet"):
        run(project, "chapitre-inexistant")


def test_outputs_of_deleted_snippets_are_removed(tmp_path):
    project = make_project(tmp_path, {"chap/a.py": PRINTS, "chap/dessin.py": FIGURE})
    assert run(project) == 0
    (project / "snippets/chap/dessin.py").unlink()
    assert run(project) == 0
    assert not (project / "_freeze/chap/dessin").exists()
    assert not list((project / "docs/figures/chap").glob("dessin-*"))
