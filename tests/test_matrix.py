"""La matrice des versions : chaque snippet a été exécuté sous TensorFlow 2.19 et 2.20 (environnements construits
depuis `requirements-tf<version>.lock`), ces exécutions sont à jour (même moteur, même règle de péremption que
les sorties publiées), et le rapport de vérification en montre le verdict. Rien n'est exécuté ici."""

import pytest

from conftest import ROOT
from execute import stale_reason
from freeze import Layout
from records import CellResult, ErrorInfo, Record
from verification_report import render, verdict

LAYOUT = Layout(ROOT)
SNIPPETS = LAYOUT.all_snippets()
VERSIONS = LAYOUT.matrix_versions()


def test_matrix_has_the_versions_readers_have():
    assert {"2.19", "2.20"} <= set(VERSIONS)
    for version in VERSIONS:
        lock = LAYOUT.matrix_lock(version).read_text(encoding="utf-8").lower()
        assert f"tensorflow-cpu=={version}." in lock.replace("_", "-"), version


@pytest.mark.parametrize("version", VERSIONS)
def test_matrix_records_are_current(version):
    stale = [f"{LAYOUT.snippet_id(s)} ({reason})" for s in SNIPPETS
             if (reason := stale_reason(LAYOUT, s, variant=version))]
    assert not stale, f"TensorFlow {version} : périmés : {', '.join(stale)} ; lancez : make matrice"


def test_report_shows_the_matrix():
    text = render(LAYOUT)
    assert "## Matrice des versions" in text
    for version in VERSIONS:
        assert f"| TensorFlow {version}." in text


def test_verdict_tells_same_tolerated_different_and_failing(tmp_path):
    snippet = tmp_path / "snippets/chap/a.py"
    snippet.parent.mkdir(parents=True)
    snippet.write_text("# --8<-- [start:c]\nprint(0.5)\n#> 0.5±0.1\n# --8<-- [end:c]\n")
    (tmp_path / "requirements-tf2.19.lock").write_text("tensorflow-cpu==2.19.1\n")
    layout = Layout(tmp_path)

    def record(stdout, status="ok", error=None, variant=None):
        path = layout.record_path(snippet, variant)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Record("snippets/chap/a.py", "k", status, {}, "2026-12-07", 1.0,
                               [CellResult("c", stdout, error=error)]).to_json())

    record("0.5\n")
    record("0.5\n", variant="2.19")
    assert verdict(layout, snippet, "2.19") == ("identique", "")
    record("0.55\n", variant="2.19")
    assert verdict(layout, snippet, "2.19") == ("dans la tolérance", "")
    record("0.9\n", variant="2.19")
    assert verdict(layout, snippet, "2.19") == ("différente", "ligne 3 : « 0.5±0.1 » → « 0.9 »")
    record("", "error", ErrorInfo("ImportError", "ImportError: cannot import name 'x'", "", 2), "2.19")
    assert verdict(layout, snippet, "2.19") == ("en échec", "ImportError: cannot import name 'x'")
