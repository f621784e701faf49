"""The pacing count (tools/pacing.py): what a reader of the page sees, against the time a
lecture notebook states, and the test that holds every lecture notebook to its budget (the
optional "Going deeper" notebooks state no time and are not counted)."""

import nbformat
import pytest

import pacing
from conftest import DEEPER, PACED, ids, read


def lecture(*cells, time="**Time**: about 10 minutes."):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(f"# Title\n\n{time}"), *cells]
    return nb


def test_words_count_what_the_site_shows():
    nb = lecture(nbformat.v4.new_markdown_cell("Three words here, $x$ -- and $y$."),
                 nbformat.v4.new_markdown_cell("figure note " * 50,
                                               metadata={"tags": ["remove-cell"]}))
    # Title, **Time**:, about, 10, minutes. = 5; then Three, words, here, $x$, and, $y$ = 6
    # ("#" and "--" have no letter or digit); the removed figure note counts nothing.
    assert pacing.prose_words(nb) == 5 + 6


def test_code_lines_leave_out_hidden_inputs_helper_blocks_and_blank_lines():
    setup = ("import numpy as np\n\n# >>> book helpers: set_seed\n# generated\ndef set_seed(s):\n"
             "    pass\n# <<< book helpers\nset_seed(0)\n")
    nb = lecture(nbformat.v4.new_code_cell(setup),
                 nbformat.v4.new_code_cell("a = 1\nb = 2\n", metadata={"tags": ["hide-input"]}),
                 nbformat.v4.new_code_cell("print(1)\n\n\nprint(2)"))
    assert pacing.code_lines(nb) == 2 + 2


def test_a_notebook_fits_only_when_both_counts_are_within_budget(tmp_path):
    words = nbformat.v4.new_markdown_cell("word " * 260)  # 10 minutes allow 270 words
    code = nbformat.v4.new_code_cell("x = 1\n" * 41)  # and 40 lines
    for cells, fits in (([words], True), ([words, code], False),
                        ([words, nbformat.v4.new_markdown_cell("more " * 10)], False)):
        path = tmp_path / "ch99.ipynb"
        nbformat.write(lecture(*cells), path)
        assert pacing.row(path)["fits"] is fits


def test_a_notebook_without_a_stated_time_is_refused():
    with pytest.raises(ValueError, match=r"\*\*Time\*\*: about N minutes"):
        pacing.stated_minutes(lecture(time="Time: an hour"))


@pytest.mark.parametrize("path", PACED, ids=ids(PACED))
def test_every_lecture_notebook_states_a_time_of_at_most_90_minutes(path):
    assert pacing.stated_minutes(read(path)) <= pacing.MAX_MINUTES


@pytest.mark.parametrize("path", PACED, ids=ids(PACED))
def test_every_lecture_notebook_fits_its_budget(path):
    r = pacing.row(path)
    assert r["fits"], (
        f"{path.name} states {r['minutes']} minutes: {r['words']:,} prose words (budget "
        f"{r['budget_words']:,}) and {r['lines']} visible code lines (budget {r['budget_lines']}). "
        "Move verification, bad-input demos, machinery and extended experiments to the "
        "chapter's Going deeper notebook")


def test_the_lecture_path_leaves_out_the_deeper_notebooks():
    assert pacing.lecture_notebooks() == PACED and DEEPER, (
        "make pacing counts the lecture notebooks and only those")


def test_the_table_has_a_row_per_notebook(capsys):
    assert pacing.main([]) == 0
    out = capsys.readouterr().out.splitlines()
    rows = [line for line in out if line.startswith("| ch")]
    assert len(rows) == len(PACED) and out[0].startswith("| notebook | minutes |")


def test_check_fails_a_notebook_over_its_budget(tmp_path, capsys):
    path = tmp_path / "ch99.ipynb"
    nbformat.write(lecture(nbformat.v4.new_code_cell("x = 1\n" * 41)), path)
    assert pacing.main([str(path)]) == 0
    assert pacing.main(["--check", str(path)]) == 1
    assert "over budget: ch99.ipynb" in capsys.readouterr().out
