"""Notebook readers get each figure's caption and alt text (tools/figure_notes.py)."""

import nbformat
import pytest

import figure_notes
from conftest import LECTURES, ids, read


def figure_cell(caption, alt):
    cell = nbformat.v4.new_code_cell("plt.show()")
    cell.metadata["mystnb"] = {"figure": {"caption": caption}, "image": {"alt": alt}}
    return cell


def test_a_note_follows_every_figure_and_follows_its_metadata():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Title"), figure_cell("Loss per step.", "Falls."),
        nbformat.v4.new_code_cell("x = 1"), figure_cell("Norms.", "Grow for rho 1.5.")])
    assert figure_notes.refresh(nb)
    kinds = [(c.cell_type, c.metadata.get(figure_notes.MARK, False)) for c in nb.cells]
    assert kinds == [("markdown", False), ("code", False), ("markdown", True),
                     ("code", False), ("code", False), ("markdown", True)]
    assert nb.cells[2].source == "**Figure.** Loss per step.\n\n*What it shows:* Falls."
    assert nb.cells[2].metadata["tags"] == ["remove-cell"]  # the book has figcaption and alt
    assert not figure_notes.refresh(nb)  # stable
    nb.cells[1].metadata["mystnb"]["image"]["alt"] = "Falls to 0.1."
    assert figure_notes.refresh(nb) and nb.cells[2].source.endswith("Falls to 0.1.")
    del nb.cells[1]  # the figure goes: its note goes too
    assert figure_notes.refresh(nb)
    assert sum(c.metadata.get(figure_notes.MARK, False) for c in nb.cells) == 1


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_figure_notes_are_current(path):
    assert not figure_notes.refresh(read(path)), (
        f"{path.name}: a figure note is missing or stale; run `make figure-notes`")
