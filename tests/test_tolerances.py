"""scripts/tolerances.py : l'analyse nombre par nombre, la réécriture des lignes `#>`, les réglages, et ce
qu'il dit d'une cellule qu'il ne peut pas mesurer."""
import math
from pathlib import Path

import pytest

from expected import line_matches
from freeze import Layout
from tolerances import Config, analyse, machine_configs, nice_step, rewritten, unmeasured_cells

SNIPPET = '''# --8<-- [start:chiffres]
print("justesse 0.912")
#> ...
# --8<-- [end:chiffres]

# --8<-- [start:mesuree]
print("justesse 0.913")
#> justesse 0.913±0.02
# --8<-- [end:mesuree]

# --8<-- [start:duree]
print("durée : 12 s")
#> durée : ... s
# --8<-- [end:duree]
'''


def test_a_cell_whose_expected_lines_hide_all_numbers_is_reported(tmp_path: Path):
    snippet = tmp_path / "snippets" / "chap" / "essai.py"
    snippet.parent.mkdir(parents=True)
    snippet.write_text(SNIPPET, encoding="utf-8")
    runs = [{"cells": {"chiffres": "justesse 0.912\n", "mesuree": "justesse 0.913\n", "duree": "durée : 12 s\n"}}]
    warnings = unmeasured_cells(Layout(tmp_path), snippet, runs)
    assert len(warnings) == 1, warnings  # « chiffres » : ses nombres ne sont pas mesurés ; une durée, si
    assert "« chiffres »" in warnings[0]


TRAINING = '''# --8<-- [start:fit]
print("époque 5 lr 0.000500 perte 0.4213 justesse 0.873")
#> époque 5 lr 0.000500 perte 0.4213 justesse 0.873
print("durée 12 s, 10/10 classes")
#> durée ... s, 10/10 classes
# --8<-- [end:fit]
'''


def _runs(*outputs):
    return [{"config": f"réglage {k}", "seconds": 1.0, "cells": {"fit": out}} for k, out in enumerate(outputs)]


def test_analyse_gives_a_tolerance_to_the_numbers_that_moved_only(tmp_path: Path):
    snippet = tmp_path / "snippets" / "chap" / "fit.py"
    snippet.parent.mkdir(parents=True)
    snippet.write_text(TRAINING, encoding="utf-8")
    runs = _runs("époque 5 lr 0.000500 perte 0.4213 justesse 0.873\ndurée 12 s, 10/10 classes\n",
                 "époque 5 lr 0.000500 perte 0.4251 justesse 0.871\ndurée 15 s, 10/10 classes\n",
                 "époque 5 lr 0.000500 perte 0.4190 justesse 0.873\ndurée 11 s, 10/10 classes\n")
    rows = analyse(Layout(tmp_path), snippet, runs)
    first, second = rows
    assert first["line"] == 3 and second["line"] == 5
    assert first["deviations"] == pytest.approx([0, 0, 0.0038, 0.002])
    assert first["tolerances"] == [0, 0, 0.008, 0.004]  # ×2, arrondi vers le haut à un chiffre
    assert first["accepted"] == [True, False, False]  # la ligne écrite n'accepte que l'exécution de référence
    assert second["tolerances"] == [0, 0]  # 10/10 ; la durée est sous « ... » : ni mesurée ni vérifiée
    line = rewritten(first["text"], "époque 5 lr 0.000500 perte 0.4213 justesse 0.873", first["tolerances"])
    assert line == "époque 5 lr 0.000500 perte 0.4213±0.008 justesse 0.873±0.004"
    for run in runs:  # la ligne réécrite accepte chaque exécution mesurée
        assert line_matches(line, run["cells"]["fit"].split("\n")[0])
    assert not line_matches(line, "époque 5 lr 0.000510 perte 0.4213 justesse 0.873")  # lr : exact


def test_a_line_with_an_ellipsis_keeps_it_when_rewritten():
    assert rewritten("gain ... ; devant sur 4 tirages sur 5", "gain +0.013 ; devant sur 4 tirages sur 5",
                     [0, 0]) == "gain ... ; devant sur 4 tirages sur 5"
    assert rewritten("perte 0.52±0.3 après ... s", "perte 0.5301 après 12 s", [0.004]) == "perte 0.5301±0.004 après ... s"


def test_a_number_that_vanishes_in_one_run_is_not_given_a_tolerance(tmp_path: Path):
    snippet = tmp_path / "snippets" / "chap" / "fit.py"
    snippet.parent.mkdir(parents=True)
    snippet.write_text(TRAINING, encoding="utf-8")
    rows = analyse(Layout(tmp_path), snippet, _runs("époque 5 lr 0.000500 perte 0.4213 justesse 0.873\n",
                                                    "époque 5 lr 0.000500 perte nan justesse 0.100\n"))
    assert float("inf") in rows[0]["tolerances"]


@pytest.mark.parametrize(("value", "step"), [(0.0615, 0.07), (0.255, 0.3), (0.002, 0.002), (0, 0), (3, 3)])
def test_nice_step_rounds_up_to_one_significant_digit(value, step):
    assert nice_step(value) == step


def test_machine_configs_start_with_the_default_and_stay_under_the_cpu(monkeypatch):
    monkeypatch.setattr("tolerances.cpu_flags", lambda: {"sse4_1", "avx", "avx2"})
    names = [c.name for c in machine_configs()]
    assert names[0] == "défaut" and "sse41" in names and "avx" in names
    assert "avx2" not in names  # le jeu d'instructions le plus haut est celui du défaut
    assert "avx512_core" not in names  # au-dessus du processeur : impossible à imiter
    assert Config("sse41", (("ONEDNN_MAX_CPU_ISA", "SSE41"),)).describe() == "sse41 (ONEDNN_MAX_CPU_ISA=SSE41)"


def test_a_word_that_contains_inf_or_nan_is_not_a_number():
    """« tensor_info » ou « financement » ne contiennent aucun nombre : rien à élargir, rien à comparer."""
    from expected import NUMBER
    from tolerances import widened

    assert NUMBER.findall("inputs['pixels'] tensor_info: nan inf") == ["nan", "inf"]
    assert widened("inputs['pixels'] tensor_info:", [[]]) == "inputs['pixels'] tensor_info:"
    assert widened("après un appel d'inférence : 0.580", [[0.580]]) == "après un appel d'inférence : 0.580"


def test_an_infinity_observed_again_is_not_widened():
    """Un débordement affiché (« 70000 en float16 : inf ») et retrouvé tel quel n'a rien à élargir : avant,
    inf − inf = nan donnait « inf±inf »."""
    from tolerances import widened

    assert widened("70000 en float16 : inf", [[70000, 16, math.inf], [70000, 16, math.inf]]) == "70000 en float16 : inf"
    assert widened("perte : 0.5", [[0.75]]) == "perte : 0.5±0.5"  # écart × marge, arrondi
