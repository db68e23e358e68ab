"""scripts/tolerances.py : ce qu'il dit d'une cellule qu'il ne peut pas mesurer."""
from pathlib import Path

from freeze import Layout
from tolerances import unmeasured_cells

SNIPPET = '''# --8<-- [start:chiffres]
print("justesse 0.912")
#> ...
# --8<-- [end:chiffres]

# --8<-- [start:mesuree]
print("justesse 0.913")
#> justesse 0.913  ±0.02
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
