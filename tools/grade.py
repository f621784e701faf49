"""Grade a folder of homework submissions with that homework's autograder.

    python tools/grade.py ch01_bag_of_words submissions/ --out grades/ [--jobs 4]
    make grade HW=1 SUBMISSIONS=submissions/

Every ``*.ipynb`` in the folder is graded with ``otter run`` (no Docker) against the
autograder built from the master in ``solutions/``, several at a time. One bad
submission never stops the batch: each ends as a row of the gradebook with a score and
a note, never as a crash of the grader.

- An empty file, a file that is not JSON, or JSON that is not a notebook scores 0.
- A submission that runs past ``--timeout`` is run again cell by cell to find the cell
  that exceeds ``--cell-timeout``; that cell and every later one are dropped (as if the
  notebook had stopped there) and the rest is graded.
- Errors inside cells do not stop grading (otter carries on and the affected questions
  lose their points).
- A static integrity scan flags code that tampers with grading: writing to the tests
  folder, reassigning library or grader attributes, touching builtins, running shell
  commands or dynamic code. A flagged submission's total is withheld (0, with the score
  it would have had in its own column) until an instructor reviews it. The scan is a
  tripwire, not a sandbox: see the instructor guide.

Written questions (otter's ``manual: true`` questions: the interpretation half of each
homework's experiment) are not autograded. Each student's answer is read from the cells
between the question's prompt and otter's ``<!-- END QUESTION -->`` marker: an answer left
empty or as the placeholder scores 0 ("missing"); any other answer waits for the instructor.

Writes ``gradebook.csv`` (one row per submission, a column per question, total),
``feedback/<submission>.txt`` (scores, notes, public test output, and for every question
that lost points the message of each failed check, hidden ones included, but never a
hidden test's code; ``--no-hidden-messages`` leaves the hidden messages out), and
``written/``: every written answer, one Markdown file per question (all students, with the
master's model answer and rubric on top, for grading by question) and one HTML page per
student (all their written answers, one question per printed page); ``--written-pdf``
also prints each page to ``written/<submission>.pdf`` with headless Chromium, ready for
Gradescope's manual grading (upload them as the students' submissions of a PDF assignment,
one question per page).
The gradebook's written columns (last) are empty until the instructor fills them in (0
where the answer is missing); ``total`` and ``max`` count the autograded points.
"""

import argparse
import concurrent.futures
import csv
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError

sys.path.insert(0, str(Path(__file__).resolve().parent))
import exercises as gen  # noqa: E402
from kernels import kernel_env, tool  # noqa: E402

ROOT = gen.ROOT
FEEDBACK_LIMIT = 20_000  # characters of public-test output kept in a feedback file
MESSAGES_PER_QUESTION = 5  # failed-check messages listed per question in a feedback file
# The last line of a traceback: the exception and its message (what the test's assert says).
ERROR_LINE = re.compile(r"^\s*((?:[A-Za-z_]\w*\.)*[A-Za-z_]\w*(?:Error|Exception|Exit|Interrupt))"
                        r"(: .*)?$")

# Patterns in student code that have no business in an honest answer.
INTEGRITY = [
    (r"""["'](\./)?tests\b|\btests_dir\b|\.OTTER_LOG""", "touches the grader's tests or log"),
    (r"\b(np|numpy|torch|math|scipy|otter|grader)\s*\.\s*[\w.]+\s*=(?!=)",
     "reassigns an attribute of a library or of the grader"),
    (r"\bsetattr\s*\(|\bdelattr\s*\(", "sets attributes dynamically"),
    (r"\b(otter|grader)\s*=(?!=)|\bimport\s+otter\b|\bfrom\s+otter\b", "redefines the grader"),
    (r"__builtins__|\bimport\s+builtins\b|\bbuiltins\s*\.", "tampers with builtins"),
    (r"\b(os\.(system|remove|unlink|rename|replace|chmod)|shutil\.|subprocess|"
     r"pathlib\.Path\([^)]*\)\.(write_text|write_bytes|unlink))",
     "writes files or runs commands"),
    (r"\bexec\s*\(|\beval\s*\(|__import__|\bimportlib\b|\bcompile\s*\(",
     "runs dynamically built code"),
]


PLACEHOLDER = "_Type your answer here, replacing this text._"  # otter's empty written answer
END_MARKER = "<!-- END QUESTION -->"


@dataclass
class Written:
    """A written (manually graded) question of a master."""

    name: str
    points: float
    prompt: str  # the statement's first line: how the question is found in a submission
    statement: str
    model_answer: str


@dataclass
class Graded:
    """One row of the gradebook."""

    name: str
    scores: dict = field(default_factory=dict)
    max_scores: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    public_output: str = ""
    question_output: dict = field(default_factory=dict)
    written: dict = field(default_factory=dict)  # question -> the student's answer, or None
    seconds: float = 0.0

    @property
    def raw_total(self) -> float:
        return float(sum(self.scores.values()))

    @property
    def total(self) -> float:
        return 0.0 if self.flags else self.raw_total


def written_questions(master: Path) -> list[Written]:
    """The master's written questions (``manual: true``), with statement and model answer."""
    nb = nbformat.read(master, as_version=4)
    cells = nb.cells
    found = []
    for index, config in gen.question_configs(nb):
        if not config.get("manual"):
            continue
        statement = cells[index + 1].source.strip()
        answer, inside = [], False
        for later in cells[index + 2:]:
            marker = later.source.strip()
            if later.cell_type == "raw" and marker == "# END QUESTION":
                break
            if later.cell_type == "raw" and marker in ("# BEGIN SOLUTION", "# END SOLUTION"):
                inside = marker == "# BEGIN SOLUTION"
            elif inside:
                answer.append(later.source.strip())
        found.append(Written(str(config["name"]), float(config.get("points", 0)),
                             statement.splitlines()[0], statement, "\n\n".join(answer)))
    return found


def written_answers(nb: nbformat.NotebookNode, questions: list[Written]) -> dict:
    """{question: the student's answer, or None if it is missing or still the placeholder}.
    The answer is every cell after the prompt up to otter's end marker (or the next
    question), so an answer split over cells, or written in a code cell, still counts."""
    answers = {}
    for question in questions:
        start = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"
                      and question.prompt in c.source), None)
        parts = []
        if start is not None:
            for cell in nb.cells[start + 1:]:
                text = cell.source.strip()
                if text.startswith(END_MARKER) or text.startswith("grader.check(") or (
                        cell.cell_type == "markdown"
                        and re.match(r"(<!--.*?-->\s*)*\*\*Question", text, re.DOTALL)):
                    break
                if text and text != PLACEHOLDER:
                    parts.append(text)
        answers[question.name] = "\n\n".join(parts) or None
    return answers


def resolve_master(homework: str) -> Path:
    """'1', '01', 'ch01' or 'ch01_bag_of_words' -> the master notebook."""
    key = homework.strip()
    if key.isdigit():
        key = f"ch{int(key):02d}"
    found = [p for p in gen.masters() if p.stem == key or p.stem.startswith(key + "_")]
    if len(found) != 1:
        names = ", ".join(p.stem for p in gen.masters())
        raise SystemExit(
            f"homework {homework!r} matches {len(found)} masters; choose one of {names}")
    return found[0]


def load_submission(path: Path) -> tuple[nbformat.NotebookNode | None, str]:
    """The notebook, or None and the reason it cannot be graded."""
    raw = path.read_bytes()
    if not raw.strip():
        return None, "empty file"
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        return None, f"not valid JSON ({type(err).__name__})"
    try:
        nb = nbformat.reads(json.dumps(data), as_version=4)
        nbformat.validate(nb)
    except Exception as err:  # nbformat raises several types for malformed notebooks
        return None, f"not a valid notebook ({type(err).__name__})"
    return nb, ""


def integrity_flags(nb: nbformat.NotebookNode, trusted: set) -> list[str]:
    """Reasons to review this submission by hand (cells we distributed are trusted)."""
    reasons = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or cell.source in trusted:
            continue
        for pattern, reason in INTEGRITY:
            if re.search(pattern, cell.source):
                reasons.append(f"cell {index}: {reason}")
    return reasons


def clean_copy(nb: nbformat.NotebookNode, path: Path) -> None:
    """Write the notebook without stored outputs (otter re-executes it anyway)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, path)


def run_otter(zip_path: Path, submission: Path, out: Path, timeout: float) -> dict | None:
    """``otter run`` in its own process group; None if it ran past ``timeout``."""
    out.mkdir(parents=True, exist_ok=True)
    cmd = [tool("otter"), "run", "--no-logo", "-a", str(zip_path),
           "-o", str(out), str(submission)]
    proc = subprocess.Popen(cmd, cwd=out, env=kernel_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)  # otter and the kernel it started
        proc.wait()
        return None
    results = out / "results.json"
    return json.loads(results.read_text()) if results.exists() else None


def hanging_cell(nb: nbformat.NotebookNode, workdir: Path, cell_timeout: float) -> int | None:
    """Index of the first cell that runs longer than ``cell_timeout`` seconds, if any."""
    started = []
    client = NotebookClient(nb, timeout=cell_timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(workdir)}},
                            on_cell_start=lambda cell, cell_index: started.append(cell_index))
    try:
        client.execute(env=kernel_env())
    except CellTimeoutError:
        return started[-1] if started else None
    except DeadKernelError:
        return None
    return None


def regrade_after_timeout(row: "Graded", zip_path: Path, submission: Path, work: Path,
                          timeout: float, cell_timeout: float, trusted: set) -> dict | None:
    """After a timeout: drop the cell that hangs (and all after it) and grade again."""
    nb = nbformat.read(submission, as_version=4)
    cut = hanging_cell(nb, work, cell_timeout)
    if cut is not None and nb.cells[cut].source in trusted:
        # A cell we distributed (imports, setup) cannot hang: the machine is slow. Retry.
        cut = hanging_cell(nbformat.read(submission, as_version=4), work, 3 * cell_timeout)
    if cut is None:  # no single cell hangs: a slow machine, so allow twice the time
        results = run_otter(zip_path, submission, work / "retry", 2 * timeout)
        if results is None:
            row.notes.append(f"ran past the {2 * timeout:.0f} s limit; nothing graded")
        return results
    truncated = nbformat.read(submission, as_version=4)
    truncated.cells = truncated.cells[:cut]
    nbformat.write(truncated, submission)
    row.notes.append(f"cell {cut} ran past the {cell_timeout:.0f} s cell limit: "
                     "it and the cells after it were not run")
    results = run_otter(zip_path, submission, work / "retry", timeout)
    if results is None:
        row.notes.append("still past the time limit after truncation; nothing graded")
    return results


def grade_one(path: Path, zip_path: Path, questions: dict, trusted: set, workroot: Path,
              timeout: float, cell_timeout: float, written: list | None = None) -> Graded:
    """Grade one submission; every failure becomes a note, never an exception."""
    start = time.perf_counter()
    row = Graded(path.name, scores=dict.fromkeys(questions, 0.0), max_scores=dict(questions),
                 written={q.name: None for q in written or []})
    try:
        nb, problem = load_submission(path)
        if nb is None:
            row.notes.append(problem)
            return row
        row.written = written_answers(nb, written or [])
        row.flags = integrity_flags(nb, trusted)
        work = Path(tempfile.mkdtemp(dir=workroot))
        submission = work / "submission.ipynb"
        clean_copy(nb, submission)
        results = run_otter(zip_path, submission, work / "out", timeout)
        if results is None:
            results = regrade_after_timeout(row, zip_path, submission, work, timeout,
                                            cell_timeout, trusted)
            if results is None:
                return row
        for test in results.get("tests", []):
            if test.get("name") in row.scores and "score" in test:
                row.scores[test["name"]] = float(test["score"])
                row.question_output[test["name"]] = test.get("output", "")
            elif test.get("name") == "Public Tests":
                row.public_output = test.get("output", "")
        shutil.rmtree(work, ignore_errors=True)
    except Exception as err:  # the batch must survive anything one submission does
        row.notes.append(f"grader error: {type(err).__name__}: {err}")
    finally:
        row.seconds = time.perf_counter() - start
    return row


def question_points(zip_path: Path) -> dict:
    """Question name -> points, read from the autograder's test files."""
    import zipfile

    points = {}
    with zipfile.ZipFile(zip_path) as archive:
        for name in sorted(archive.namelist()):
            if name.startswith("tests/") and name.endswith(".py"):
                namespace = {}
                exec(archive.read(name).decode(), namespace)
                points[namespace["test"]["name"]] = float(namespace["test"]["points"])
    return dict(sorted(points.items(), key=lambda kv: int(re.sub(r"\D", "", kv[0]) or 0)))


def failure_messages(output: str) -> list[str]:
    """The message of each failed check in otter's summary of one question: the error line
    its traceback ends with (``AssertionError: got ..., expected ...``), never the test's code."""
    messages = []
    for block in re.split(r"^\s*\w+ - \d+ result:$", output, flags=re.MULTILINE)[1:]:
        if "Test case failed" not in block:
            continue
        lines = block.splitlines()
        found = None
        for number, line in enumerate(lines):
            if line.strip() == "Exception raised:":  # the error line ends this traceback
                tail = [ERROR_LINE.match(x) for x in lines[number + 1:]]
                found = next((m.group(1) + (m.group(2) or "") for m in tail if m), None)
                break
        message = found or "a check printed something other than what it expected"
        if message not in messages:
            messages.append(message)
    return messages


def write_written(rows: list[Graded], written: list[Written], out: Path) -> None:
    """written/<question>.md (every student's answer under the model answer) and
    written/<submission>.html (a student's answers, one question per printed page)."""
    import html

    folder = out / "written"
    folder.mkdir(parents=True, exist_ok=True)
    rows = sorted(rows, key=lambda r: r.name)
    for question in written:
        lines = [f"# {question.name} ({question.points:g} points, written)", "",
                 question.statement, "", "## Model answer and rubric", "",
                 question.model_answer, "", "## Answers", ""]
        for row in rows:
            answer = row.written.get(question.name)
            lines += [f"### {row.name}", "", answer or "*(missing: 0 points)*", ""]
        (folder / f"{question.name}.md").write_text("\n".join(lines))
    for row in rows:
        pages = []
        for question in written:
            answer = row.written.get(question.name)
            body = html.escape(answer) if answer else "<em>(no answer: 0 points)</em>"
            pages.append(f'<section style="break-after: page"><h1>{html.escape(row.name)}: '
                         f"{question.name} ({question.points:g} points)</h1>"
                         f"<p>{html.escape(question.statement)}</p>"
                         f'<pre style="white-space: pre-wrap">{body}</pre></section>')
        (folder / f"{Path(row.name).stem}.html").write_text(
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>'
            f"Written answers: {html.escape(row.name)}</title></head><body>"
            + "".join(pages) + "</body></html>\n")


BROWSERS = ("chromium", "chromium-browser", "google-chrome")


def print_pdfs(folder: Path) -> list[Path]:
    """Print every written/<submission>.html to a PDF next to it with headless Chromium."""
    browser = next(filter(None, map(shutil.which, BROWSERS)), None)
    if browser is None:
        raise SystemExit("--written-pdf needs Chromium (Debian: apt-get install chromium); "
                         "the HTML pages in written/ print to PDF from any browser")
    pdfs = []
    for page in sorted(folder.glob("*.html")):
        pdf = page.with_suffix(".pdf")
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                        page.resolve().as_uri()], check=True, capture_output=True, timeout=120)
        pdfs.append(pdf)
    return pdfs


def write_reports(rows: list[Graded], questions: dict, out: Path,
                  hidden_messages: bool = True, written: list | None = None) -> Path:
    """gradebook.csv plus one feedback file per submission (with the messages of the failed
    checks, hidden ones included, for each question that lost points, unless
    ``hidden_messages`` is False), and the written answers (written/)."""
    written = written or []
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    if written:
        write_written(rows, written, out)
    gradebook = out / "gradebook.csv"
    with gradebook.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submission", *questions, "total", "max", "score_before_review",
                         "needs_review", "notes",
                         *(f"{q.name} written (of {q.points:g})" for q in written)])
        auto_top = sum(questions.values())
        for row in sorted(rows, key=lambda r: r.name):
            missing = [q for q in written if not row.written.get(q.name)]
            writer.writerow([row.name, *(f"{row.scores[q]:g}" for q in questions),
                             f"{row.total:g}", f"{auto_top:g}", f"{row.raw_total:g}",
                             "; ".join(row.flags), "; ".join(row.notes),
                             *("0" if q in missing else "" for q in written)])
            lines = [f"Feedback for {row.name}", "",
                     *(f"{q}: {row.scores[q]:g} / {questions[q]:g}" for q in questions),
                     *(f"{q.name}: 0 / {q.points:g} (written answer missing)" if q in missing
                       else f"{q.name}: ? / {q.points:g} (written: graded by your instructor)"
                       for q in written),
                     f"total: {row.total:g} / {auto_top:g} autograded"
                     + (f" (+ {sum(q.points for q in written):g} written)" if written else ""),
                     ""]
            if row.flags:
                lines += ["Held for review by your instructor:", *row.flags, ""]
            if row.notes:
                lines += ["Notes:", *row.notes, ""]
            lost = [q for q in questions if row.scores[q] < questions[q]]
            if hidden_messages and lost and not row.flags:
                lines += ["Where points were lost (the message of each failed check, hidden "
                          "checks included):"]
                for q in lost:
                    messages = failure_messages(row.question_output.get(q, ""))
                    shown = messages[:MESSAGES_PER_QUESTION] or ["(no check ran: see notes)"]
                    more = len(messages) - len(shown)
                    lines += [f"{q} ({row.scores[q]:g} / {questions[q]:g}):",
                              *(f"  - {m}" for m in shown),
                              *([f"  ... and {more} more"] if more > 0 else [])]
                lines.append("")
            output = row.public_output
            if len(output) > FEEDBACK_LIMIT:
                output = output[:FEEDBACK_LIMIT] + "\n... (output truncated)"
            lines += ["Public tests:", output or "(no public test output)"]
            (out / "feedback" / f"{Path(row.name).stem}.txt").write_text("\n".join(lines) + "\n")
    return gradebook


def grade_folder(homework: str, submissions: Path, out: Path, jobs: int, timeout: float,
                 cell_timeout: float, progress: bool = True,
                 hidden_messages: bool = True, written_pdf: bool = False) -> list[Graded]:
    """Grade every notebook in ``submissions``; return the rows (also written to ``out``)."""
    master = resolve_master(homework)
    paths = sorted(p for p in submissions.iterdir() if p.suffix == ".ipynb" and p.is_file())
    if not paths:
        raise SystemExit(f"no .ipynb files in {submissions}")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        assigned = gen.otter_assign(master, Path(tmp) / "dist")
        (zip_path,) = (assigned / "autograder").glob("*.zip")
        questions = question_points(zip_path)
        written = written_questions(master)
        student = nbformat.read(ROOT / "exercises" / master.name, as_version=4)
        trusted = {c.source for c in student.cells if c.cell_type == "code"
                   and "otter_answer_cell" not in c.metadata.get("tags", [])}
        rows = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(grade_one, p, zip_path, questions, trusted, Path(tmp),
                                   timeout, cell_timeout, written) for p in paths]
            done = concurrent.futures.as_completed(futures)
            if progress:
                from tqdm.auto import tqdm

                done = tqdm(done, total=len(futures), desc=f"grading {master.stem}",
                            unit="notebook")
            rows = [future.result() for future in done]
    gradebook = write_reports(rows, questions, out, hidden_messages, written)
    if written and written_pdf:
        print_pdfs(out / "written")
    if progress:
        print(f"wrote {gradebook} and {len(rows)} feedback files in {out / 'feedback'}"
              + (f"; written answers to grade in {out / 'written'}" if written else ""))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("homework", help="homework number or master name, e.g. 1 or ch01")
    parser.add_argument("submissions", type=Path, help="folder of submitted .ipynb files")
    parser.add_argument("--out", type=Path, default=Path("grades"))
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=300, help="seconds per submission")
    parser.add_argument("--cell-timeout", type=float, default=60,
                        help="seconds per cell when finding the cell that hangs")
    parser.add_argument("--no-hidden-messages", action="store_true",
                        help="feedback files without the messages of failed hidden checks")
    parser.add_argument("--written-pdf", action="store_true",
                        help="also print each student's written answers to a PDF (Chromium)")
    args = parser.parse_args()
    grade_folder(args.homework, args.submissions, args.out, args.jobs, args.timeout,
                 args.cell_timeout, hidden_messages=not args.no_hidden_messages,
                 written_pdf=args.written_pdf)


if __name__ == "__main__":
    main()
