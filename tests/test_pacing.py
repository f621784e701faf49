"""The pacing count (tools/pacing.py): what a reader of the page sees, against the time a
lecture notebook states, and the test that holds every lecture notebook to its budget (the
optional "Going deeper" notebooks state no time and are not counted)."""

import re

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
def test_every_lecture_notebook_fits_its_budget(path, record_property):
    r = pacing.row(path)
    record_property("pacing", r)  # make test prints the table (conftest.py's summary)
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


GUIDE = pacing.ROOT / "book" / "instructors.md"


def test_pacing_guide_lists_every_lecture_notebook_with_its_time():
    guide = GUIDE.read_text()
    for path in PACED:
        minutes = pacing.stated_minutes(read(path))
        assert re.search(rf"\(\.\./notebooks/{re.escape(path.name)}\) \| {minutes} \|", guide), (
            f"the pacing guide (book/instructors.md) lacks {path.name} at {minutes} minutes")


def test_pacing_guide_homework_times_are_current():
    assert pacing.homework_table() in GUIDE.read_text(), (
        "the homework table in book/instructors.md differs from `python tools/pacing.py "
        "--homework`: paste the current one")


def test_homework_time_grows_with_what_the_student_writes():
    row = pacing.homework_row(pacing.ROOT / "solutions" / "ch01_bag_of_words.ipynb")
    assert row["written"] >= 1 and row["autograded"] >= 6
    expected = (row["words"] / pacing.READ_WORDS_PER_MINUTE
                + row["lines"] * pacing.MINUTES_PER_SOLUTION_LINE
                + row["autograded"] * pacing.MINUTES_PER_CHECKED_QUESTION
                + row["written"] * pacing.MINUTES_PER_WRITTEN_QUESTION)
    assert abs(row["minutes"] - expected) <= 2.5
