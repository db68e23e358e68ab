"""Le découpage des snippets en cellules (sections pymdownx.snippets) et ses erreurs."""

from pathlib import Path

import pytest

from cells import WHOLE_FILE, SnippetFormatError, parse_cells

SECTIONED = """\
# --8<-- [start:creation]
import tensorflow as tf
x = tf.constant([1, 2])
print(x.shape)
#> (2,)
# --8<-- [end:creation]

# --8<-- [start:somme]
print(int(tf.reduce_sum(x)))
#> 3
# --8<-- [end:somme]
"""


def test_sections_become_cells_with_their_expected_lines():
    first, second = parse_cells(Path("x.py"), SECTIONED)
    assert (first.name, first.first_line, first.last_line) == ("creation", 2, 5)
    assert [(e.text, e.line) for e in first.expected] == [("(2,)", 5)]
    assert (second.name, [e.text for e in second.expected]) == ("somme", ["3"])


def test_cell_source_keeps_file_line_numbers():
    cells = parse_cells(Path("x.py"), SECTIONED)
    source = cells[1].source(SECTIONED.splitlines())
    assert source.splitlines()[8] == "print(int(tf.reduce_sum(x)))"
    assert not source.splitlines()[1]  # le code des autres cellules est blanchi


def test_file_without_sections_is_one_cell():
    (cell,) = parse_cells(Path("x.py"), "print(1)\n#> 1\n")
    assert cell.name == WHOLE_FILE and [e.text for e in cell.expected] == ["1"]


def test_empty_expected_line_is_an_empty_output_line():
    (cell,) = parse_cells(Path("x.py"), "print()\n#>\n")
    assert [e.text for e in cell.expected] == [""]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("import os\n# --8<-- [start:a]\nprint(1)\n# --8<-- [end:a]\n", 1, "hors de toute section"),
        ("# --8<-- [start:a]\nprint(1)\n", 1, "jamais fermée"),
        ("# --8<-- [start:a]\n# --8<-- [end:b]\n", 2, "sans son début"),
        ("# --8<-- [start:a]\n# --8<-- [end:a]\n# --8<-- [start:a]\n# --8<-- [end:a]\n", 3, "deux fois"),
        (
            "# --8<-- [start:a]\n1/0\n#> Traceback (most recent call last):\n#> ...\n"
            "#> ZeroDivisionError: division by zero\n# --8<-- [end:a]\n"
            "# --8<-- [start:b]\nprint(2)\n# --8<-- [end:b]\n",
            3,
            "dernière du fichier",
        ),
        ("# --8<-- [start:1_donnees]\nprint(1)\n# --8<-- [end:1_donnees]\n", 1, "nom de section « 1_donnees » invalide"),
        ("# --8<-- [start:Données]\nprint(1)\n# --8<-- [end:Données]\n", 1, "invalide"),
    ],
)
def test_format_errors_name_file_and_line(text, line, words):
    with pytest.raises(SnippetFormatError) as error:
        parse_cells(Path("snippets/x.py"), text)
    assert error.value.line == line
    assert f"snippets/x.py:{line}:" in str(error.value) and words in str(error.value)


def test_display_code_drops_expected_lines_only():
    cells = parse_cells(Path("x.py"), SECTIONED)
    assert cells[0].display_code(SECTIONED.splitlines()) == "import tensorflow as tf\nx = tf.constant([1, 2])\nprint(x.shape)\n"
