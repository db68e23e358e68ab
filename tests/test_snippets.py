"""Chaque snippet est exécuté pour de vrai, une fois, et sa sortie comparée à ses lignes `#>` ; puis la sortie
versionnée dans `_freeze/` est vérifiée sans rien exécuter : à jour (même clé), conforme aux mêmes lignes
`#>`, et montrée telle quelle par ses fragments.

C'est le test que lance le mainteneur après une mise à jour de TensorFlow : chaque écart est signalé avec le
fichier et la ligne du snippet. L'exécution écrit dans un dossier temporaire, jamais dans l'arbre.
"""

from pathlib import Path

import pytest

from conftest import ROOT
from execute import Outcome, Source, check_run, fragments, run_one, stale_reason
from freeze import Layout
from pages import page_snippet_ids
from preparation import DEBIAN_DATA, MACHINE_PATH
from records import RunResult
from workers import WorkerProcess

LAYOUT = Layout(ROOT)
SNIPPETS = LAYOUT.all_snippets()
IDS = [LAYOUT.snippet_id(s) for s in SNIPPETS]
TIMEOUT = 900


@pytest.fixture(scope="session")
def worker():
    with WorkerProcess(ROOT) as process:
        yield process


@pytest.fixture(scope="session")
def scratch(tmp_path_factory) -> Layout:
    """Les sorties de cette exécution vont ici : l'arbre versionné n'est jamais réécrit par les tests."""
    return Layout(ROOT, out=tmp_path_factory.mktemp("execution"))


class Executions:
    """L'exécution réelle de chaque snippet, une fois par session, faite à la première demande : les tests
    qui en dépendent donnent le même résultat quel que soit leur ordre ou leur sélection (-k, --lf)."""

    def __init__(self, worker, scratch):
        self.worker, self.scratch, self.done = worker, scratch, {}

    def __call__(self, snippet: Path) -> Outcome:
        if snippet not in self.done:
            self.done[snippet] = run_one(self.scratch, self.worker, snippet, TIMEOUT, serve=False)
        return self.done[snippet]


@pytest.fixture(scope="session")
def executions(worker, scratch) -> Executions:
    return Executions(worker, scratch)


def test_there_are_snippets():
    assert len(SNIPPETS) >= 10


def machine_paths(text: str) -> list[str]:
    """Les chemins propres à cette machine qu'écrit ce code (une donnée Debian déclarée mise à part)."""
    return [m.group() for m in MACHINE_PATH.finditer(text) if m.group() not in DEBIAN_DATA]


def test_machine_path_lint_catches_what_breaks_outside():
    assert machine_paths('open("/usr/share/dict/french")') == []  # déclarée : la Préparation l'installe
    assert machine_paths('launch(executable_path="/usr/bin/chromium")') == ["/usr/bin/chromium"]
    assert machine_paths('os.path.join(os.path.dirname(sys.executable), "saved_model_cli")')
    assert machine_paths('racine / ".venv-tfjs/bin/python"') == [".venv-tfjs"]
    assert machine_paths('Path(os.environ.get("COURS_RACINE", "."))') == ["COURS_RACINE"]
    assert machine_paths('subprocess.run([sys.executable, "-m", "tensorboard.main"])') == []


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_snippet_names_no_path_of_this_machine(snippet):
    """Un lecteur exécute le notebook ailleurs (Colab, un portable) : aucun chemin de cette machine, aucun
    outil installé dans le dépôt, aucune variable du cours ; un programme se trouve avec shutil.which."""
    found = machine_paths(snippet.read_text(encoding="utf-8"))
    assert not found, f"{snippet.relative_to(ROOT)} : {', '.join(found)}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_snippet_output(snippet: Path, executions):
    """L'exécution réelle (la seule de la session) affiche ce que déclarent les lignes `#>`."""
    outcome = executions(snippet)
    if outcome.problems:
        pytest.fail("\n".join(outcome.problems), pytrace=False)


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_committed_output_is_current(snippet: Path):
    """La sortie versionnée est celle du texte actuel (clé), et ses fragments sont intacts."""
    reason = stale_reason(LAYOUT, snippet)
    rel = snippet.relative_to(ROOT)
    assert reason is None, f"{rel}: sortie versionnée périmée ({reason}) ; lancez : .venv/bin/python scripts/execute.py {rel}"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_committed_output_matches_expected_lines_and_page(snippet: Path):
    """La sortie versionnée satisfait les mêmes `#>`, et le bloc de la page montre le code de sa cellule
    (sans les `#>`) suivi de la sortie de cette cellule-là, à l'octet près."""
    source = Source.read(LAYOUT, snippet)
    record = LAYOUT.record(snippet)
    assert record is not None, f"{snippet}: meta.json absent ou illisible"
    problems = check_run(LAYOUT, source, RunResult(cells=record.cells))
    assert not problems, "la sortie versionnée ne correspond plus :\n" + "\n".join(problems)
    for name, text in fragments(LAYOUT, source, record.cells).items():
        shown = LAYOUT.out_dir(snippet) / name
        assert shown.read_text(encoding="utf-8") == text, f"{shown.relative_to(ROOT)} ne montre pas son enregistrement"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_same_figures_as_committed(snippet: Path, executions):
    outcome = executions(snippet)
    if outcome.run is None:
        pytest.skip("le snippet n'a pas pu s'exécuter (voir test_snippet_output)")
    record = LAYOUT.record(snippet)
    now = [len(c.figures) for c in outcome.run.cells]
    assert now == [len(c.figures) for c in record.cells], "nombre de figures différent de la sortie versionnée"


@pytest.mark.parametrize("snippet", SNIPPETS, ids=IDS)
def test_every_figure_says_what_it_shows(snippet: Path):
    """WCAG 1.1.1 : le texte alternatif d'une figure dit ce qu'elle montre (ses axes, ses courbes, ce qu'on y
    lit), pas seulement son titre. Le snippet le donne à la figure, là où matplotlib propose de le mettre :
    `fig.set_label(...)`, une phrase calculée sur les données quand elle cite des nombres."""
    record = LAYOUT.record(snippet)
    cells = [c for c in record.cells if c.figures] if record else []
    if not cells:
        pytest.skip("aucune figure")
    rel = snippet.relative_to(ROOT)
    labels = snippet.read_text(encoding="utf-8").count(".set_label(")
    assert labels >= len(cells), f"{rel} : {len(cells)} cellule(s) à figure, {labels} fig.set_label(...)"
    short = [f"{f.file} : « {f.alt} »" for c in cells for f in c.figures if len(f.alt.split()) < 25]
    assert not short, f"{rel} : texte alternatif réduit à un titre :\n" + "\n".join(short)


def test_a_schematic_shows_its_figure_before_its_folded_code():
    """Un schéma se lit texte → figure : le code qui le dessine vient après, replié ; ailleurs, le code
    précède sa sortie, comme dans le notebook."""
    schematic, ordinary = ROOT / "snippets/cnn/schemas.py", ROOT / "snippets/cnn/convolution.py"
    shown = fragments(LAYOUT, Source.read(LAYOUT, schematic), LAYOUT.record(schematic).cells)["pooling.md"]
    assert shown.index("![") < shown.index('??? note "Code du schéma"') < shown.index("    ```python")
    plain = fragments(LAYOUT, Source.read(LAYOUT, ordinary), LAYOUT.record(ordinary).cells)["figure.md"]
    assert plain.startswith("```python") and "??? note" not in plain


@pytest.mark.parametrize("page", [p for p in LAYOUT.pages() if page_snippet_ids(p)], ids=lambda p: p.name)
def test_snippets_leave_no_state_to_the_next_block(page: Path, executions):
    """Dans un notebook, l'état global qu'un snippet laisse modifié (np.set_printoptions, set_floatx,
    rcParams, os.environ…) changerait les blocs suivants de la page : seul le dernier snippet peut le faire.
    Mesuré par l'exécution de cette session."""
    ids = page_snippet_ids(page)
    for snippet_id in ids[:-1]:
        snippet = LAYOUT.snippet_path(snippet_id)
        outcome = executions(snippet)
        changes = outcome.run.state_changes if outcome.run else LAYOUT.record(snippet).state_changes
        assert not changes, (
            f"snippets/{snippet_id}.py laisse l'état global modifié, et d'autres blocs le suivent sur "
            f"docs/{page.name} :\n  " + "\n  ".join(changes) + "\nremettez-le en état à la fin du snippet"
        )
