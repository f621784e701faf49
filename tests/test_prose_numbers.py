"""Every measured number the prose quotes is a number the notebook prints.

A decimal with two or more digits after the point in a lecture notebook's markdown must
equal, at the precision written, a number in the notebook's stored outputs (which nbval
proves current on any CPU, within each cell's declared tolerance). A number that is not
a measurement (a constant worked out in the sentence, a hyperparameter, a figure from a
paper) is listed in that markdown cell's metadata with the reason:

    "numbers_not_printed": {"0.167": "Var(y) = 1/6, worked out in the sentence"}
"""

import re

import pytest

from conftest import LECTURES, ids, read
from nbtolerance import NUMBER

# A decimal standing alone in prose: not inside a word, a LaTeX exponent or a version.
PROSE_DECIMAL = re.compile(r"(?<![\w.$\\^{])(\d+\.\d{2,})(?![\w.]\d|\w)")
KEY = "numbers_not_printed"


def printed_numbers(nb) -> list[float]:
    """Every number in the notebook's stored text outputs."""
    numbers = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for text in (output.get("text", ""), data.get("text/plain", ""),
                         data.get("text/html", "")):
                text = text if isinstance(text, str) else "".join(text)
                numbers += [float(m.group()) for m in NUMBER.finditer(text)]
    return numbers


def unprinted_quotes(nb) -> list[tuple[int, str]]:
    """(cell index, number) for every prose decimal that no output prints."""
    printed = printed_numbers(nb)
    missing = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or cell.metadata.get("figure_note"):
            continue  # a figure note repeats the figure's metadata (tools/figure_notes.py)
        excused = cell.metadata.get(KEY, {})
        for match in PROSE_DECIMAL.finditer(cell.source):
            quoted = match.group(1)
            digits = len(quoted.split(".")[1])
            value = float(quoted)
            if quoted in excused:
                continue
            if not any(abs(round(p, digits) - value) < 0.5 * 10 ** -digits for p in printed):
                missing.append((index, quoted))
    return missing


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_prose_quotes_only_printed_numbers(path):
    missing = unprinted_quotes(read(path))
    assert not missing, (
        f"{path.name}: the prose quotes numbers no output prints (cell, number): {missing}. "
        f"Quote the output, or list a number that is not a measurement in the markdown "
        f"cell's metadata '{KEY}' with the reason")


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_excuses_are_real(path):
    """Every excused number occurs in its cell and carries a reason."""
    for index, cell in enumerate(read(path).cells):
        for number, reason in cell.metadata.get(KEY, {}).items():
            assert number in cell.source, f"{path.name} cell {index}: {number} is not in the text"
            assert str(reason).strip(), f"{path.name} cell {index}: {number} needs a reason"


def test_the_check_catches_a_stale_quote():
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("The loss falls to 0.1987, about $1/6 \\approx 0.167$."),
        nbformat.v4.new_code_cell("print(0.1623)")])
    nb.cells[1].outputs = [nbformat.v4.new_output("stream", name="stdout", text="0.1623\n")]
    assert unprinted_quotes(nb) == [(0, "0.1987"), (0, "0.167")]
    nb.cells[0].metadata[KEY] = {"0.167": "1/6"}
    nb.cells[0].source = nb.cells[0].source.replace("0.1987", "0.162")
    assert unprinted_quotes(nb) == []
