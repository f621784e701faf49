"""The tolerant output comparison: numbers move within their cell's tolerance, nothing else.

Unit tests of tools/nbtolerance.py, then one real nbval run over a small notebook whose
stored outputs were tampered with, proving that real changes still fail.
"""

import subprocess
import sys

import nbformat
import pytest

from conftest import LECTURES, MASTERS, ROOT, ids
from nbtolerance import (
    DEFAULT,
    align,
    declared_cells,
    first_mismatch,
    split_numbers,
    tolerance_of,
)

LOOSE = tolerance_of({"tolerance": {"rel": 0.1, "abs": 0.01, "why": "float32 training"}})


def test_split_numbers_keeps_words_with_digits_as_text():
    pieces, numbers = split_numbers("ch06 W_hh2: loss 7.121, 1e-10 and -3 (56.2%), v1.2.3.")
    assert numbers == ["7.121", "1e-10", "-3", "56.2"]
    assert pieces[0] == "ch06 W_hh2: loss " and pieces[-1] == "%), v1.2.3."


def test_a_number_at_the_end_of_a_sentence_is_a_number():
    assert split_numbers("accuracy 0.76.")[1] == ["0.76"]


@pytest.mark.parametrize("stored, fresh", [
    ("mean loss 7.121, norm 315.2", "mean loss 7.5, norm 330.0"),   # within rel 0.1
    ("MSE 0.0012", "MSE 0.0100"),                                   # within abs 0.01
    ("step   9  loss 1.00", "step   9  loss 0.95"),
    ("| 0.99 | x |", "| 1.01  | x |"),                              # a column widens
])
def test_numbers_within_a_declared_tolerance_match(stored, fresh):
    assert first_mismatch(stored, fresh, LOOSE) is None


@pytest.mark.parametrize("stored, fresh, says", [
    ("mean loss 7.121", "mean loss 8.116", "differs by"),           # beyond rel 0.1
    ("accuracy 0.6632", "accuracy 0.6632 (best)", "text differs"),  # a word added
    ("the RNN fails", "the RNN works", "text differs"),             # a word changed
    ("loss 1.0 then 0.5", "loss 1.0", "1 numbers printed where 2"),  # a number missing
    ("loss: agree", "loss: exact", "text differs"),
    ("loss nan", "loss 0.5", "1 numbers printed where 0"),
])
def test_real_changes_fail_even_with_a_tolerance(stored, fresh, says):
    assert says in first_mismatch(stored, fresh, LOOSE)


def test_the_default_is_tight():
    assert first_mismatch("accuracy 0.7636", "accuracy 0.7637", DEFAULT) is not None
    assert first_mismatch("7397 sentences", "7398 sentences", DEFAULT) is not None
    assert first_mismatch("a  b 1", "a b 1", DEFAULT) is not None  # whitespace counts
    assert first_mismatch("diff < 1e-10", "diff < 1.0e-10", DEFAULT) is None  # same value


@pytest.mark.parametrize("metadata, says", [
    ({"tolerance": {"rel": 0.1}}, "needs a 'why'"),
    ({"tolerance": {"rel": -1, "why": "x"}}, "non-negative"),
    ({"tolerance": {"rel": "10%", "why": "x"}}, "non-negative"),
    ({"tolerance": {"relative": 0.1, "why": "x"}}, "rel, abs and why"),
    ({"tolerance": 0.1}, "rel, abs and why"),
])
def test_bad_declarations_are_refused_clearly(metadata, says):
    with pytest.raises(ValueError, match=says):
        tolerance_of(metadata)


def test_align_replaces_only_texts_within_tolerance():
    stored = [{"output_type": "stream", "name": "stdout", "text": "loss 1.00\n"},
              {"output_type": "execute_result", "data": {"text/plain": "0.50"}}]
    fresh = [{"output_type": "stream", "name": "stdout", "text": "loss 1.05\n"},
             {"output_type": "execute_result", "data": {"text/plain": "0.90"}}]
    problems = align(fresh, stored, LOOSE)
    assert fresh[0]["text"] == "loss 1.00\n"          # within: taken as the stored text
    assert fresh[1]["data"]["text/plain"] == "0.90"   # beyond: left for nbval to report
    assert len(problems) == 1 and "0.90" in problems[0]


def _cell(source, stored_text, tolerance=None):
    cell = nbformat.v4.new_code_cell(source)
    cell.execution_count = 1
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=stored_text)]
    if tolerance:
        cell.metadata["tolerance"] = tolerance
    return cell


def test_nbval_with_the_plugin_fails_every_real_change(tmp_path):
    """Fresh outputs are fixed; stored ones are edited the way a real change would be."""
    tol = {"rel": 0.05, "why": "stands in for float32 training"}
    cells = {
        "within": _cell("print('loss', 1.02)", "loss 1.0\n", tol),
        "beyond": _cell("print('loss', 1.2)", "loss 1.0\n", tol),
        "word": _cell("print('loss', 1.0, 'falls')", "loss 1.0 rises\n", tol),
        "missing": _cell("print('loss', 1.0)", "loss 1.0\n", tol),
        "default": _cell("print('accuracy', 0.7637)", "accuracy 0.7636\n"),
        "exact": _cell("print('accuracy', 0.7636)", "accuracy 0.7636\n"),
    }
    cells["missing"].outputs.append(
        nbformat.v4.new_output("execute_result", data={"text/plain": "2"}))
    nb = nbformat.v4.new_notebook(cells=list(cells.values()))
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    for index, cell in enumerate(nb.cells):
        cell.execution_count = index + 1
    nbformat.write(nb, tmp_path / "probe.ipynb")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "probe.ipynb", "--nbval", "--nbval-current-env",
         "-p", "no:cacheprovider", "-o", "addopts=", "-rA", "--rootdir", str(tmp_path),
         "-p", "nbtolerance"],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "PYTHONPATH": str(ROOT / "tools")})
    outcome = {}
    for line in result.stdout.splitlines():
        for word in ("PASSED", "FAILED"):
            if line.startswith(word) and "::Cell " in line:
                number = int(line.split("::Cell ")[1].split()[0])
                outcome[list(cells)[number]] = word
    assert outcome == {"within": "PASSED", "beyond": "FAILED", "word": "FAILED",
                       "missing": "FAILED", "default": "FAILED", "exact": "PASSED"}, result.stdout
    assert "Beyond the cell's tolerance" in result.stdout


# ---- the notebooks' declarations ----------------------------------------------------------


EXECUTED = LECTURES + MASTERS


@pytest.mark.parametrize("path", EXECUTED, ids=ids(EXECUTED))
def test_every_declared_tolerance_is_valid_and_carries_its_claim(path):
    """A cell whose digits may move must check, on every machine, what its prose concludes."""
    for name, number, tolerance, asserts in declared_cells([path]):
        tolerance_of({"tolerance": tolerance})  # raises on a malformed declaration
        assert asserts, (f"{name} code cell {number} declares a tolerance but asserts "
                         "nothing: assert the claim the prose draws from its numbers")
