"""L'exécuteur sous les fautes d'un auteur distrait et d'un snippet hostile (deuxième série) : chaque cas a
d'abord été vu échouer sur le code d'avant, puis passer.

1. un fichier égaré sous `_freeze/` ne supprime aucun enregistrement ;
2. une ligne de 5 Mo est coupée avant toute écriture ;
3. la clé suit les versions des bibliothèques importées et le verrouillage des outils installés ;
4. une figure altérée rend son snippet périmé ;
5. un processus ou un serveur laissé par un snippet le fait échouer, et meurt avec lui ;
6. les cellules se comportent comme un seul script (avertissements, `sys.stdout`, `sys.exit(0)`, stderr) ;
7. une construction lit un ensemble cohérent de sorties et n'en publie jamais une non vérifiée ;
8. figure démesurée, figures d'un autre snippet, séquence OSC, `os._exit`, chemin des tracebacks.
"""

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

import cache_key
import execute
from conftest import make_project
from freeze import Layout, freeze_lock, markdown_alt

PRINTS = "print(6 * 7)\n#> 42\n"


def run(project, *args):
    return execute.main(["--root", str(project), *args])


def meta(project, snippet_id):
    return json.loads((project / f"_freeze/{snippet_id}/meta.json").read_text())


def files_under(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != ".verrou"}


# 1 ----------------------------------------------------------------------------------------------------

def test_stray_files_under_freeze_are_reported_and_never_delete_records(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/a.py": PRINTS, "autre/b.py": PRINTS})
    assert run(project) == 0
    before = files_under(project / "_freeze")
    for stray in ("_freeze/.DS_Store", "_freeze/chap/.DS_Store", "_freeze/chap/a/notes.txt", "_freeze/vieux/x.md"):
        (project / stray).parent.mkdir(parents=True, exist_ok=True)
        (project / stray).write_text("égaré")
    capsys.readouterr()
    assert run(project) == 0
    assert run(project, "--force") == 0
    after = files_under(project / "_freeze")
    assert before <= after  # aucun enregistrement perdu
    err = capsys.readouterr().err
    for stray in (".DS_Store", "chap/.DS_Store", "chap/a/notes.txt", "vieux/x.md"):
        assert f"_freeze/{stray} : fichier inconnu de l'exécuteur" in err
    assert execute.stale_reason(Layout(project), project / "snippets/chap/a.py") is None


def test_a_deleted_snippet_loses_exactly_what_its_record_lists(tmp_path):
    figure = "import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.title('x')\nplt.show()\n"
    project = make_project(tmp_path, {"chap/a.py": PRINTS, "chap/fig.py": figure, "chap/fig_x.py": figure})
    assert run(project) == 0
    (project / "_freeze/chap/fig/mien.txt").write_text("à moi")
    (project / "snippets/chap/fig.py").unlink()
    assert run(project) == 0
    assert files_under(project / "_freeze/chap/fig") == {"mien.txt"}  # le reste listé par meta.json : parti
    assert sorted(p.name for p in (project / "docs/figures/chap").iterdir()) == ["fig_x-script-1.png"]


# 2 ----------------------------------------------------------------------------------------------------

def test_a_five_megabyte_line_is_capped_before_anything_is_written(tmp_path):
    project = make_project(tmp_path, {"chap/ligne.py": "print('x' * 5_000_000)\nprint('fin')\n#> ...\n#> fin\n",
                                      "chap/erreur.py": "raise ValueError('y' * 5_000_000)\n"})
    assert run(project, "--serve") == 0
    for snippet_id in ("chap/ligne", "chap/erreur"):
        folder = project / "_freeze" / snippet_id
        assert sum(p.stat().st_size for p in folder.iterdir()) < 50_000, snippet_id
    fragment = (project / "_freeze/chap/ligne/script.md").read_text()
    assert "[… 4998000 caractères de plus non montrés]" in fragment and "fin" in fragment
    assert max(len(line) for line in fragment.split("\n")) < 2_100


# 3 ----------------------------------------------------------------------------------------------------

def test_key_follows_versions_of_imported_libraries(tmp_path, monkeypatch):
    project = make_project(tmp_path, {"chap/courbe.py": "import matplotlib.pyplot as plt\nimport sklearn\n",
                                      "chap/seul.py": "import math\n"})
    courbe, seul = project / "snippets/chap/courbe.py", project / "snippets/chap/seul.py"
    keys = cache_key.snippet_key(courbe, project), cache_key.snippet_key(seul, project)
    real = cache_key._dist_info_version
    monkeypatch.setattr(cache_key, "_dist_info_version",
                        lambda name: "99.0" if name == "scikit-learn" else real(name))
    assert cache_key.snippet_key(courbe, project) != keys[0]  # scikit-learn mis à jour : périmé
    assert cache_key.snippet_key(seul, project) == keys[1]  # il ne l'importe pas
    assert {"matplotlib", "scikit-learn"} <= set(cache_key.imported_distributions([courbe.read_text()]))


def test_key_of_a_file_in_installed_tools_is_their_lock_file_present_or_not(tmp_path):
    reads = 'from pathlib import Path\nprint(Path("node_modules/lib/dist/lib.js").is_file())\n'
    project = make_project(tmp_path, {"chap/outil.py": reads})
    (project / "package-lock.json").write_text('{"v": 1}')
    snippet = project / "snippets/chap/outil.py"
    before_setup = cache_key.snippet_key(snippet, project)
    (project / "node_modules/lib/dist").mkdir(parents=True)
    (project / "node_modules/lib/dist/lib.js").write_text("// installé")
    assert cache_key.snippet_key(snippet, project) == before_setup  # un clone neuf n'a rien à exécuter
    (project / "package-lock.json").write_text('{"v": 2}')
    assert cache_key.snippet_key(snippet, project) != before_setup  # une autre version verrouillée : périmé


@pytest.mark.parametrize(("name", "code", "change", "named"), [
    ("paquet", "import _aide_pkg\nprint(_aide_pkg.VALEUR)\n",
     lambda p: (p / "snippets/chap/_aide_pkg/__init__.py").write_text("VALEUR = 2\n"),
     "fichier lu snippets/chap/_aide_pkg/__init__.py : modifié"),
    ("liste", "import glob, os\nprint(len(glob.glob(os.environ['COURS_RACINE'] + '/donnees/*.csv')))\n",
     lambda p: (p / "donnees/b.csv").write_text("2\n"), "dossier listé donnees : fichiers ajoutés ou retirés"),
    ("executable", "import os\nprint(open(os.environ['COURS_RACINE'] + '/donnees/outil.sh').read())\n",
     lambda p: (p / "donnees/outil.sh").write_text("echo 2\n"), "fichier lu donnees/outil.sh : modifié"),
    ("fstring", "import os\nn = 'a'\nprint(open(f\"{os.environ['COURS_RACINE']}/donnees/{n}.csv\").read())\n",
     lambda p: (p / "donnees/a.csv").write_text("3\n"), "fichier lu donnees/a.csv : modifié"),
    ("variable", "import os\nprint(os.environ.get('COURS_ESSAI_FAUTES', 'rien'))\n",
     lambda p: os.environ.__setitem__("COURS_ESSAI_FAUTES", "autre"), "variable d'environnement COURS_ESSAI_FAUTES"),
])
def test_what_a_snippet_reads_while_running_is_in_its_key(tmp_path, capsys, monkeypatch, name, code, change, named):
    """Ce que le texte ne laisse pas deviner (paquet local, dossier lu par glob, fichier exécutable, chemin
    construit, variable d'environnement) est observé pendant l'exécution et rend le snippet périmé, en le
    nommant."""
    monkeypatch.delenv("COURS_ESSAI_FAUTES", raising=False)
    project = make_project(tmp_path, {f"chap/{name}.py": code + "#> ...\n",
                                      "chap/_aide_pkg/__init__.py": "VALEUR = 1\n"})
    (project / "donnees").mkdir()
    (project / "donnees/a.csv").write_text("1\n")
    (project / "donnees/outil.sh").write_text("echo 1\n")
    (project / "donnees/outil.sh").chmod(0o755)
    layout = Layout(project)
    snippet = project / f"snippets/chap/{name}.py"
    assert run(project) == 0, capsys.readouterr().err
    assert execute.stale_reason(layout, snippet) is None
    change(project)
    reason = execute.stale_reason(layout, snippet)
    assert reason and named in reason, reason
    assert run(project) == 0 and execute.stale_reason(layout, snippet) is None


def test_the_stale_message_names_what_changed(tmp_path):
    project = make_project(tmp_path, {"chap/a.py": "import _aide\nprint(_aide.X)\n#> 1\n", "chap/_aide.py": "X = 1\n"})
    assert run(project) == 0
    (project / "snippets/chap/_aide.py").write_text("X = 1  # commenté\n")
    reason = execute.stale_reason(Layout(project), project / "snippets/chap/a.py")
    assert reason == "snippets/chap/_aide.py modifié"


def test_a_fresh_clone_has_nothing_to_execute_before_and_after_setup(tmp_path):
    """Un clone neuf, sans node_modules/ ni .venv-tfjs/ ni cache de données Keras (avant `setup.sh`) puis avec
    (après) : aucune sortie versionnée n'est périmée, la construction n'exécute rien."""
    from conftest import ROOT

    clone = tmp_path / "clone"
    clone.mkdir()
    locks = [p.name for p in ROOT.glob("requirements*.lock")]  # dont ceux de la matrice, que cite le rapport
    for name in ("mkdocs.yml", "docs", "snippets", "_freeze", "scripts", "package-lock.json", *locks):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, clone / name, ignore=shutil.ignore_patterns("__pycache__", ".verrou"))
        else:
            shutil.copy(source, clone / name)
    env = {**os.environ, "KERAS_HOME": str(tmp_path / "keras-vide")}
    before = subprocess.run([sys.executable, "scripts/execute.py", "--check"], cwd=clone, capture_output=True,
                            text=True, timeout=300, env=env)
    assert before.returncode == 0, before.stdout + before.stderr
    (clone / "node_modules").symlink_to(ROOT / "node_modules")  # après setup.sh
    after = subprocess.run([sys.executable, "scripts/execute.py", "--check"], cwd=clone, capture_output=True,
                           text=True, timeout=300)
    assert after.returncode == 0, after.stdout + after.stderr


# 4 ----------------------------------------------------------------------------------------------------

def test_an_altered_figure_makes_its_snippet_stale_and_is_repaired(tmp_path, capsys):
    figure = "import matplotlib.pyplot as plt\nplt.plot([0, 1])\nplt.title('Droite')\nplt.show()\n"
    project = make_project(tmp_path, {"chap/dessin.py": figure})
    assert run(project) == 0
    png = project / "docs/figures/chap/dessin-script-1.png"
    good = png.read_bytes()
    assert meta(project, "chap/dessin")["cells"][0]["figures"][0]["sha256"]
    png.write_bytes(b"\x89PNG pas une figure")
    capsys.readouterr()
    assert run(project, "--check") == 1
    assert "figure dessin-script-1.png altérée" in capsys.readouterr().out
    assert run(project) == 0
    assert png.read_bytes() == good


# 5 ----------------------------------------------------------------------------------------------------

def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(("name", "code", "left"), [
    ("popen", "import subprocess\np = subprocess.Popen(['sleep', '300'])\npid = p.pid\n", "(sleep)"),
    ("daemon", "import multiprocessing, time\n"
               "p = multiprocessing.Process(target=time.sleep, args=(300,), daemon=True)\np.start()\npid = p.pid\n",
     "processus"),
    ("fork", "import os, time\npid = os.fork()\nif pid == 0:\n    os.setsid()\n    time.sleep(300)\n    os._exit(0)\n",
     "processus"),
    ("serveur", "import http.server, os, threading\n"
                "s = http.server.HTTPServer(('127.0.0.1', 0), http.server.SimpleHTTPRequestHandler)\n"
                "threading.Thread(target=s.serve_forever, daemon=True).start()\npid = os.getpid()\n",
     "socket à l'écoute sur le port"),
])
def test_what_a_snippet_leaves_running_fails_it_and_is_killed(tmp_path, capsys, name, code, left):
    pidfile = tmp_path / "pid"
    code += f"open({str(pidfile)!r}, 'w').write(str(pid))\n"
    project = make_project(tmp_path / "p", {f"chap/{name}.py": code})
    start = time.perf_counter()
    assert run(project, "--timeout", "20") == 1
    assert time.perf_counter() - start < 20  # rien n'attend le processus laissé
    err = capsys.readouterr().err
    assert "le snippet laisse derrière lui" in err and left in err and "délai" not in err
    pid = int(pidfile.read_text())
    for _ in range(50):
        if not _alive(pid):
            break
        time.sleep(0.1)
    assert not _alive(pid)


# 6 ----------------------------------------------------------------------------------------------------

def test_cells_share_one_script_state(tmp_path, capsys):
    code = (
        "# --8<-- [start:filtre]\nimport sys, warnings, logging\nwarnings.filterwarnings('ignore', category=UserWarning)\n"
        "# --8<-- [end:filtre]\n"
        "# --8<-- [start:tu]\nwarnings.warn('tu')\nprint('rien à voir', file=sys.stderr)\n"
        "logging.warning('journal')\nprint('ok')\n#> ok\n# --8<-- [end:tu]\n"
        "# --8<-- [start:fin]\nsys.exit(0)\n# --8<-- [end:fin]\n"
    )
    project = make_project(tmp_path, {"chap/script.py": code})
    assert run(project) == 0, capsys.readouterr().err
    record = meta(project, "chap/script")
    tu = record["cells"][1]
    assert tu["warnings"] == []  # le filtre de la cellule précédente vaut encore, comme sous python
    assert tu["stderr"] == "rien à voir\nWARNING:root:journal\n"
    fragment = (project / "_freeze/chap/script/tu.md").read_text()
    assert "Sortie d'erreur (non vérifiée)" in fragment and "WARNING:root:journal" in fragment
    assert record["status"] == "ok"  # sys.exit(0) : python réussit, la page aussi


def test_warnings_as_errors_fail_the_snippet_as_python_would(tmp_path, capsys):
    code = ("# --8<-- [start:a]\nimport warnings\nwarnings.simplefilter('error')\n# --8<-- [end:a]\n"
            "# --8<-- [start:b]\nwarnings.warn('attention')\n# --8<-- [end:b]\n")
    project = make_project(tmp_path, {"chap/strict.py": code})
    assert run(project) == 1
    assert "snippets/chap/strict.py:6: UserWarning: attention" in capsys.readouterr().err


def test_exit_before_the_last_cell_is_reported(tmp_path, capsys):
    code = ("# --8<-- [start:a]\nimport sys\nsys.exit()\n# --8<-- [end:a]\n"
            "# --8<-- [start:b]\nprint(1)\n#> 1\n# --8<-- [end:b]\n")
    project = make_project(tmp_path, {"chap/sortie.py": code})
    assert run(project) == 1
    assert "sys.exit()" in capsys.readouterr().err


# 7 ----------------------------------------------------------------------------------------------------

def test_strict_builds_refuse_a_failed_output(tmp_path):
    project = make_project(tmp_path, {"chap/casse.py": "raise RuntimeError('oups')\n"},
                           {"index.md": '# Essai\n\n--8<-- "_freeze/chap/casse/script.md"\n'})
    assert run(project, "--serve") == 0  # sous mkdocs serve, l'erreur est dans la page
    env = {**os.environ, "COURS_EXECUTE": "0"}
    mkdocs = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=300, env=env)
    assert mkdocs.returncode != 0 and "snippets/chap/casse.py (la dernière exécution a échoué)" in mkdocs.stderr
    zensical = subprocess.run([str(Path(sys.executable).parent / "zensical"), "build", "--strict"],
                              cwd=project, capture_output=True, text=True, timeout=300, env=env)
    assert zensical.returncode != 0, zensical.stdout + zensical.stderr


def test_an_executor_waits_while_a_build_reads_the_outputs(tmp_path):
    project = make_project(tmp_path, {"chap/a.py": PRINTS})
    assert run(project) == 0
    (project / "snippets/chap/a.py").write_text(PRINTS.replace("6 * 7", "7 * 6"))
    released = threading.Event()

    def build():
        with freeze_lock(Layout(project), "mkdocs build", shared=True):
            released.wait(30)

    reader = threading.Thread(target=build)
    reader.start()
    executor = subprocess.Popen([sys.executable, str(project / "scripts/execute.py")], cwd=project,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    waiting = executor.stdout.readline()
    assert "verrouillé" in waiting  # il attend la fin de la construction avant d'écrire quoi que ce soit
    assert "7 * 6" not in (project / "_freeze/chap/a/script.md").read_text()
    released.set()
    reader.join()
    assert executor.wait(120) == 0
    assert "7 * 6" in (project / "_freeze/chap/a/script.md").read_text()


# 8 ----------------------------------------------------------------------------------------------------

def test_a_huge_figure_is_refused(tmp_path, capsys):
    code = "import matplotlib.pyplot as plt\nplt.figure(figsize=(100, 100))\nplt.plot([0, 1])\nplt.show()\n"
    project = make_project(tmp_path, {"chap/immense.py": code})
    assert run(project) == 1
    assert "figure 1 de 15000×15000 pixels" in capsys.readouterr().err  # 100 pouces à 150 dpi
    assert not (project / "docs/figures/chap").exists() or not list((project / "docs/figures/chap").iterdir())


def test_terminal_title_sequences_leave_nothing(tmp_path):
    project = make_project(tmp_path, {"chap/osc.py": "print('\\x1b]0;titre\\x07bonjour')\n#> bonjour\n"})
    assert run(project) == 0


def test_lines_printed_before_a_hard_exit_are_in_the_report(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/dur.py": "print('juste avant')\nimport os\nos._exit(1)\n"})
    assert run(project) == 1
    err = capsys.readouterr().err
    assert "code de sortie 1" in err and "juste avant" in err


def test_tracebacks_name_the_snippet_relative_to_the_repository(tmp_path, capsys):
    project = make_project(tmp_path, {"chap/casse.py": "x = 1\n\ny = x / 0\n"})
    assert run(project, "--serve") == 0
    fragment = (project / "_freeze/chap/casse/script.md").read_text()
    assert 'File "snippets/chap/casse.py", line 3' in fragment and "y = x / 0" in fragment
    assert str(tmp_path) not in fragment


def test_figure_titles_become_plain_alt_text():
    assert markdown_alt(r"Loi $\sigma(x)$ [a] (b)") == r"Loi \\sigma(x) \[a\] (b)"


def test_a_stray_pycache_does_not_make_a_listed_folder_look_changed(tmp_path):
    """`python -m py_compile` ou un import laisse un __pycache__ à côté des snippets : ce n'est pas une donnée."""
    from observe import listing

    (tmp_path / "donnees.csv").write_text("1\n")
    before = listing(str(tmp_path))
    (tmp_path / "__pycache__").mkdir()
    assert listing(str(tmp_path)) == before
    (tmp_path / "autre.csv").write_text("2\n")
    assert listing(str(tmp_path)) != before
