"""La comparaison façon doctest entre sortie réelle et lignes `#>`."""

import pytest

from cells import ExpectedLine
from expected import compare, line_matches


def expect(*lines):
    return [ExpectedLine(text, number) for number, text in enumerate(lines, start=10)]


def test_exact_output_matches():
    assert compare(expect("(3, 2)", "tf.Tensor(6, shape=(), dtype=int32)"),
                   "(3, 2)\ntf.Tensor(6, shape=(), dtype=int32)\n") is None


def test_difference_names_the_snippet_line():
    mismatch = compare(expect("(3, 2)", "(2, 3)"), "(3, 2)\n(3, 3)\n")
    assert (mismatch.line, mismatch.expected, mismatch.actual) == (11, "(2, 3)", "(3, 3)")
    assert "x.py:11" in mismatch.describe("x.py")


def test_extra_output_is_a_difference():
    mismatch = compare(expect("a"), "a\nb\n")
    assert mismatch is not None and mismatch.line is None and mismatch.actual == "b"


def test_cell_without_expected_lines_must_print_nothing():
    assert compare([], "") is None
    assert compare([], "bonjour\n") is not None


def test_ellipsis_inside_a_line():
    assert line_matches("Total params: ... (215.04 KB)", "Total params: 55,050 (215.04 KB)")
    assert not line_matches("Total params: ... (215.04 KB)", "Total params: 55,050 (1.00 KB)")


def test_ellipsis_line_matches_any_number_of_lines():
    summary = 'Model: "sequential"\n┏━━┓\n│ x │\n Total params: 10 (40.00 B)\n'
    assert compare(expect("...", "...Total params: 10 (40.00 B)"), summary) is None
    assert compare(expect("Model: ...", "...", "...Total params: 10 (40.00 B)"), summary) is None
    assert compare(expect("...", "Total params: 11"), summary) is not None


@pytest.mark.parametrize(
    ("pattern", "actual", "ok"),
    [
        ("Justesse : 0.880±0.02", "Justesse : 0.899", True),
        ("Justesse : 0.880±0.02", "Justesse : 0.901", False),
        ("w = 1.9±0.1 ; b = 1.1±0.1", "w = 1.95 ; b = 1.02", True),
        ("w = 1.9±0.1 ; b = 1.1±0.1", "w = 1.95 ; b = 1.25", False),
        ("perte : 100.0±5%", "perte : 104.9", True),
        ("perte : 100.0±5%", "perte : 105.1", False),
        ("Époque 3 : perte 0.5±0.1", "Époque 4 : perte 0.5", False),  # le 3 n'a pas de tolérance : exact
        ("Époque 3 : perte 0.5±0.1", "Époque 3 : perte 0.55", True),
        ("perte : 0.52±0.01", "perte : nan", False),
        ("lr 0.000500 perte 0.41±0.03", "lr 0.000500 perte 0.43", True),
        ("lr 0.000500 perte 0.41±0.03", "lr 0.000501 perte 0.41", False),  # seule la perte varie
        ("10/10 classes, écart 3.9e-07±4e-07", "10/10 classes, écart 6.1e-07", True),
        ("... écart 0.5±0.1 ...", "bla écart 0.58 bla", True),
    ],
)
def test_numeric_tolerance(pattern, actual, ok):
    assert line_matches(pattern, actual) is ok


def test_a_tolerance_belongs_to_its_number_only():
    # l'ancienne forme, « ±x » en fin de ligne pour tous les nombres, n'existe plus : c'est du texte
    assert not line_matches("justesse 0.88  ±0.02", "justesse 0.89")
    assert line_matches("justesse 0.88  ±0.02", "justesse 0.88  ±0.02")


def test_without_tolerance_numbers_must_be_identical():
    assert not line_matches("0.88", "0.881")
