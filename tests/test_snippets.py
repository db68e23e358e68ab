"""Chaque snippet est exécuté pour de vrai, et sa sortie comparée à ses lignes `#>` puis à la sortie
versionnée dans `_freeze/` (qui doit être à jour et satisfaire les mêmes lignes `#>`).

C'est le test que lance le mainteneur après une mise à jour de TensorFlow : chaque écart est signalé avec le
fichier et la ligne du snippet.
"""

from pathlib import Path

import pytest

from cells import parse_cells
from conftest import ROOT
from execute import check_cells, is_stale
from freeze import Layout, read_meta
from workers import WorkerDied, WorkerProcess

LAYOUT = Layout(ROOT)
SNIPPETS = LAYOUT.all_snippets()
TIMEOUT = 900


@pytest.fixture(scope="module")
def worker():
    with WorkerProcess(ROOT) as process:
        yield process


def test_there_are_snippets():
    assert len(SNIPPETS) >= 10


@pytest.mark.parametrize("snippet", SNIPPETS, ids=[LAYOUT.snippet_id(s) for s in SNIPPETS])
def test_snippet_output(snippet: Path, worker, tmp_path):
    cells = parse_cells(snippet)
    reply = worker.run(snippet, tmp_path, snippet.stem, TIMEOUT)
    if isinstance(reply, WorkerDied):
        pytest.fail(f"{snippet}: {reply.reason}\n{reply.log[-5000:]}", pytrace=False)
    problems = check_cells(snippet, cells, reply["cells"])
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)

    # La sortie versionnée : à jour, et conforme aux mêmes lignes #> (aux tolérances déclarées près).
    rel = snippet.relative_to(ROOT)
    assert not is_stale(LAYOUT, snippet), (
        f"{rel}: sortie versionnée périmée ; lancez : .venv/bin/python scripts/execute.py {rel}"
    )
    committed = read_meta(LAYOUT.meta_path(snippet))["cells"]
    as_results = [
        {"name": c["name"], "stdout": c["stdout"],
         "error": {"traceback": c["error"], "line": None, "message": c["error"]} if c["error"] else None}
        for c in committed
    ]
    problems = check_cells(snippet, cells, as_results)
    assert not problems, f"{rel}: la sortie versionnée ne correspond plus :\n" + "\n".join(problems)
    now = [len(r["figures"]) for r in reply["cells"]]
    assert now == [len(c["figures"]) for c in committed], f"{rel}: nombre de figures différent"
