"""Batch grading survives bad submissions, and each ends with the expected score.

The corpus is built from Homework 1: the student notebook with every answer filled in
from the master (17 autograded points and a written answer worth 2), then broken in one way
per file.
"""

import shutil

import nbformat
import pytest

import grade  # tools/grade.py
from conftest import ROOT
from test_homework import answered as answered_for

MASTER = ROOT / "solutions" / "ch01_bag_of_words.ipynb"
POINTS = {"q1": 2, "q2": 2, "q3": 3, "q4": 2, "q5": 3, "q6": 3, "q7a": 2}
WRITTEN = "q7b"  # the experiment's interpretation, graded by the instructor


def answered():
    return answered_for(MASTER)


def with_cell_after(nb, function, source):
    """Insert a code cell right after the answer cell that defines ``function``."""
    index = next(i for i, c in enumerate(nb.cells) if c.source.startswith(f"def {function}("))
    nb.cells.insert(index + 1, nbformat.v4.new_code_cell(source))
    return nb


def replace_answer(nb, function, source):
    cell = next(c for c in nb.cells if c.source.startswith(f"def {function}("))
    cell.source = source
    return nb


def without_written_answer(nb):
    """The written answer put back to otter's placeholder, as a student who skipped it."""
    cell = next(c for c in nb.cells if c.cell_type == "markdown"
                and "otter_answer_cell" in c.metadata.get("tags", []))
    cell.source = grade.PLACEHOLDER
    return nb


def blank():
    return nbformat.read(ROOT / "exercises" / MASTER.name, as_version=4)


FULL = dict(POINTS)
NOTHING = dict.fromkeys(POINTS, 0)

CORPUS = {
    # name: (notebook maker or raw bytes, expected score per question, flagged for review)
    "good": (answered, FULL, False),
    # q6's answer cell cannot be parsed: only q6 loses its points.
    "syntax_error_in_q6": (lambda: replace_answer(
        answered(), "train_logistic", "def train_logistic(X, y, lr, steps)\n    return 0"),
        FULL | {"q6": 0, "q7a": 0}, False),
    # An error in one cell does not stop the notebook: nothing is lost.
    "exception_in_early_cell": (lambda: with_cell_after(
        answered(), "tokenize", "raise RuntimeError('something went wrong early')"),
        FULL, False),
    # The loop comes right after q4's answer: q1-q4 were reached, q5 and q6 never run.
    "infinite_loop_after_q4": (lambda: with_cell_after(
        answered(), "predict_proba", "while True:\n    pass"),
        FULL | {"q5": 0, "q6": 0, "q7a": 0}, False),
    # Without build_vocabulary, q2 fails and q6's hidden test on the review corpus fails;
    # q6's other tests build their own features and still pass; q7a's experiment needs it.
    "deleted_q2_answer": (lambda: replace_answer(answered(), "build_vocabulary", "# deleted"),
                          # q6 has 5 tests since its public three-step check (issue 27):
                          # the one on the review corpus fails, 4 of 5 pass, 3 x 4/5 points
                          FULL | {"q2": 0, "q6": 2.4, "q7a": 0}, False),
    # The experiment's number is there, its interpretation is not: all autograded points,
    # and the written question is recorded as missing (0) instead of waiting for grading.
    "missing_written_answer": (lambda: without_written_answer(answered()), FULL, False),
    # predict_proba is missing: q4 fails, and so does everything that calls it.
    "renamed_function": (lambda: replace_answer(
        answered(), "predict_proba",
        "def predict_probability(X, w, b):\n    return 1 / (1 + np.exp(-(X @ w + b)))"),
        FULL | {"q4": 0, "q5": 0, "q6": 0, "q7a": 0}, False),
    "enormous_output": (lambda: with_cell_after(
        answered(), "tokenize", "for i in range(100_000):\n    print('spam', i)"),
        FULL, False),
    "not_json": (b"{this is not json", NOTHING, False),
    "empty_file": (b"", NOTHING, False),
    # Cheats, on the blank notebook so that any point gained would show. All are flagged
    # and their total withheld; without the flag the tests-folder edit would score 15.
    "cheat_redefine_grader": (lambda: with_cell_after(
        blank(), "tokenize", "grader.check = lambda *args, **kwargs: True\ngrader = None"),
        NOTHING, True),
    "cheat_edit_tests_folder": (lambda: with_cell_after(
        blank(), "tokenize",
        "import glob\nfor path in glob.glob('tests/*.py'):\n"
        "    open(path, 'w').write('test = {\"name\": \"q\", \"points\": 2, \"suites\": []}')"),
        NOTHING, True),
    "cheat_monkeypatch_allclose": (lambda: with_cell_after(
        blank(), "tokenize", "np.allclose = lambda *args, **kwargs: True"),
        NOTHING, True),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    folder = tmp_path_factory.mktemp("submissions")
    for name, (make, *_) in CORPUS.items():
        target = folder / f"{name}.ipynb"
        if isinstance(make, bytes):
            target.write_bytes(make)
        else:
            nbformat.write(make(), target)
    out = tmp_path_factory.mktemp("grades")
    rows = grade.grade_folder("1", folder, out, jobs=2, timeout=45, cell_timeout=10,
                              progress=False)
    return {row.name.removesuffix(".ipynb"): row for row in rows}, out


@pytest.mark.parametrize("name", list(CORPUS))
def test_bad_submission_gets_its_expected_score(graded, name):
    rows, _ = graded
    row = rows[name]
    _, expected, flagged = CORPUS[name]
    assert bool(row.flags) == flagged, row.flags
    if flagged:
        assert row.total == 0, "a flagged submission's total is withheld until review"
    else:
        assert row.scores == expected, (row.scores, row.notes)
        assert row.total == sum(expected.values())


def test_gradebook_and_feedback_files(graded):
    rows, out = graded
    lines = (out / "gradebook.csv").read_text().splitlines()
    assert lines[0].split(",")[:9] == ["submission", *POINTS, "total"]
    assert lines[0].endswith(f"{WRITTEN} written (of 2)")
    assert len(lines) == 1 + len(CORPUS)
    by_name = {line.split(",")[0]: line for line in lines[1:]}
    assert by_name["good.ipynb"].endswith(","), "an answered written question waits (empty cell)"
    assert by_name["missing_written_answer.ipynb"].endswith(",0"), "a missing one scores 0"
    feedback = (out / "feedback" / "good.txt").read_text()
    assert "total: 17 / 17 autograded (+ 2 written)" in feedback
    assert f"{WRITTEN}: ? / 2 (written: graded by your instructor)" in feedback
    missing = (out / "feedback" / "missing_written_answer.txt").read_text()
    assert f"{WRITTEN}: 0 / 2 (written answer missing)" in missing
    loop = (out / "feedback" / "infinite_loop_after_q4.txt").read_text()
    assert "cell limit" in loop
    big = (out / "feedback" / "enormous_output.txt").read_text()
    assert len(big) < 2 * grade.FEEDBACK_LIMIT


def test_feedback_never_shows_hidden_tests_code(graded):
    _, out = graded
    text = "\n".join(p.read_text() for p in (out / "feedback").glob("*.txt"))
    assert "All test cases passed" in text or "passed" in text
    for secret in ("Don't stop (it's 2 good)", "The moon, the SUN", "loss_h("):
        assert secret not in text


def test_feedback_gives_the_message_of_each_failed_check_where_points_were_lost(graded):
    _, out = graded
    feedback = (out / "feedback" / "deleted_q2_answer.txt").read_text()
    lost = feedback.split("Where points were lost")[1].split("Public tests:")[0]
    expected = CORPUS["deleted_q2_answer"][1]
    assert (f"q2 (0 / {POINTS['q2']}):\n  - NameError: name 'build_vocabulary' is not defined"
            in lost)
    assert f"q6 ({expected['q6']:g} / {POINTS['q6']}):" in lost and "q1 (" not in lost
    assert "Where points were lost" not in (out / "feedback" / "good.txt").read_text()


# otter's summary of a question: the hidden case's code must never reach a student.
OTTER_SUMMARY = """q3 results:
    q3 - 1 result:
        ✅ Test case passed

    q3 - 2 result:
        ❌ Test case failed
        Trying:
            _w = secret_weights(7)
        Expecting nothing
        ok
        Trying:
            assert np.allclose(forward(_w), 2.5), f"got {forward(_w)}, expected 2.5"
        Expecting nothing
        **********************************************************************
        Line 2, in q3 1
        Failed example:
            assert np.allclose(forward(_w), 2.5), f"got {forward(_w)}, expected 2.5"
        Exception raised:
            Traceback (most recent call last):
              File "doctest.py", line 1353, in __run
              File "<doctest q3 1[1]>", line 1, in <module>
            AssertionError: got 3.0, expected 2.5

    q3 - 3 result:
        ❌ Test case failed
        Trying:
            assert secret_check()
        Expecting nothing
        **********************************************************************
        Line 1, in q3 2
        Failed example:
            assert secret_check()
        Exception raised:
            Traceback (most recent call last):
              File "<doctest q3 2[0]>", line 1, in <module>
            AssertionError
"""


def test_failure_messages_keep_the_message_and_drop_the_code():
    assert grade.failure_messages(OTTER_SUMMARY) == ["AssertionError: got 3.0, expected 2.5",
                                                     "AssertionError"]
    assert grade.failure_messages("q1 results: All test cases passed!") == []


@pytest.mark.parametrize("hidden_messages", [True, False])
def test_the_instructor_can_leave_hidden_messages_out(tmp_path, hidden_messages):
    row = grade.Graded("alice.ipynb", scores={"q3": 1.0}, max_scores={"q3": 3.0},
                       question_output={"q3": OTTER_SUMMARY})
    grade.write_reports([row], {"q3": 3.0}, tmp_path, hidden_messages=hidden_messages)
    text = (tmp_path / "feedback" / "alice.txt").read_text()
    assert ("  - AssertionError: got 3.0, expected 2.5" in text) == hidden_messages
    assert "secret" not in text and "Trying" not in text


def test_written_answers_are_collected_for_the_instructor(graded):
    """written/q7b.md: every answer under the model answer; written/<name>.html per student."""
    rows, out = graded
    assert rows["good"].written[WRITTEN], "the good submission's written answer was not found"
    assert rows["missing_written_answer"].written[WRITTEN] is None
    by_question = (out / "written" / f"{WRITTEN}.md").read_text()
    model = grade.written_questions(MASTER)[0].model_answer
    assert model.splitlines()[0] in by_question, "the model answer heads the file"
    assert by_question.count("### ") == len(CORPUS)
    assert "*(missing: 0 points)*" in by_question
    page = (out / "written" / "good.html").read_text()
    assert rows["good"].written[WRITTEN].splitlines()[0].replace('"', "&quot;") in page
    assert 'break-after: page' in page


def test_a_written_answer_is_found_however_the_student_writes_it():
    """Split over two cells, or typed into a code cell: still the answer; the placeholder
    or nothing: missing."""
    (question,) = grade.written_questions(MASTER)
    nb = answered()
    index = next(i for i, c in enumerate(nb.cells) if question.prompt in c.source)
    nb.cells[index + 1].source = "First part."
    nb.cells.insert(index + 2, nbformat.v4.new_code_cell("# second part, typed in code"))
    assert grade.written_answers(nb, [question]) == {
        WRITTEN: "First part.\n\n# second part, typed in code"}
    assert grade.written_answers(without_written_answer(answered()), [question]) == {
        WRITTEN: None}
    nb.cells[index + 1].source = ""
    del nb.cells[index + 2]
    assert grade.written_answers(nb, [question]) == {WRITTEN: None}


@pytest.mark.skipif(not any(shutil.which(b) for b in grade.BROWSERS), reason="needs Chromium")
def test_written_answers_print_to_pdf_one_question_per_page(tmp_path):
    """--written-pdf: each student's page becomes a PDF for Gradescope's manual grading."""
    questions = grade.written_questions(MASTER)
    row = grade.Graded("ada.ipynb", written={questions[0].name: "Because of 'not'."})
    grade.write_written([row], questions, tmp_path)
    (pdf,) = grade.print_pdfs(tmp_path / "written")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and data.count(b"/Type /Page") - data.count(b"/Type /Pages") \
        == len(questions)
