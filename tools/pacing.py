"""Does each lecture notebook fit the time it states? (make pacing)

STYLE.md's budget: a lecture notebook is what an instructor can teach in the time it states,
about 27 words of prose and 4 visible lines of code per minute. Counted as a reader of the
page sees it:

- prose: the words of markdown cells, except cells removed from the site (``remove-cell``:
  the figure notes written for Jupyter and Colab readers);
- code: the non-blank lines of code cells the site shows, except cells whose input it hides
  (``hide-input``, ``remove-input``, ``remove-cell``) and the generated helper blocks
  (between ``# >>> book helpers`` and ``# <<< book helpers``).

The stated time is the notebook's own "**Time**: about N minutes". A notebook is within
budget when both its words and its code lines are at most the budget for that time.

    python tools/pacing.py            # the table for every lecture notebook
    python tools/pacing.py --check    # and exit 1 if one is over its budget
    python tools/pacing.py --homework # each homework's estimated student time

A homework's student time is an estimate from what the student reads and writes, not a
measurement of students: the statement's words (the student notebook's markdown) read at
60 words a minute (technical text, read twice); 3 minutes per line of solution code
(non-blank, non-comment lines of the master's solution blocks: writing, running the checks
and fixing); 5 minutes per autograded question to run and read its checks; 15 minutes per
written question. Instructors should calibrate it against a teaching assistant's timed
walk-through.
"""

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS_PER_MINUTE = 27
LINES_PER_MINUTE = 4
MAX_MINUTES = 90
HIDDEN_INPUT = {"hide-input", "remove-input", "remove-cell"}
STATED = re.compile(r"\*\*Time\*\*:\s*about\s+(\d+)\s+minutes")
WORD = re.compile(r"[A-Za-z0-9]")


def stated_minutes(nb) -> int:
    """The time the notebook states for itself, or a clear error."""
    for cell in nb.cells[:4]:
        if cell.cell_type == "markdown":
            found = STATED.search(cell.source)
            if found:
                return int(found.group(1))
    raise ValueError("a lecture notebook states its time in its opening cells as "
                     "'**Time**: about N minutes'")


def prose_words(nb) -> int:
    """Words of the markdown the site shows (tokens with a letter or digit)."""
    return sum(len([w for w in cell.source.split() if WORD.search(w)]) for cell in nb.cells
               if cell.cell_type == "markdown"
               and "remove-cell" not in cell.metadata.get("tags", []))


def code_lines(nb) -> int:
    """Non-blank code lines the site shows, generated helper blocks left out."""
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code" or HIDDEN_INPUT & set(cell.metadata.get("tags", [])):
            continue
        inside = False
        for line in cell.source.splitlines():
            if line.startswith("# >>> book helpers"):
                inside = True
            elif line.startswith("# <<< book helpers"):
                inside = False
            elif not inside and line.strip():
                count += 1
    return count


def row(path: Path) -> dict:
    """The notebook's stated time, counts, budget and verdict."""
    import nbformat

    nb = nbformat.read(path, as_version=4)
    minutes = stated_minutes(nb)
    words, lines = prose_words(nb), code_lines(nb)
    budget_words, budget_lines = WORDS_PER_MINUTE * minutes, LINES_PER_MINUTE * minutes
    return {"notebook": path.name, "minutes": minutes, "words": words,
            "budget_words": budget_words, "lines": lines, "budget_lines": budget_lines,
            "fits": minutes <= MAX_MINUTES and words <= budget_words and lines <= budget_lines}


def table(rows) -> str:
    """The pacing table of ``rows`` (from ``row``) as Markdown."""
    out = ["| notebook | minutes | prose words (budget) | code lines (budget) | fits |",
           "|---|---:|---:|---:|---|"]
    for r in rows:
        out.append(f"| {r['notebook']} | {r['minutes']} | {r['words']:,} ({r['budget_words']:,})"
                   f" | {r['lines']} ({r['budget_lines']}) | {'yes' if r['fits'] else 'no'} |")
    return "\n".join(out)


READ_WORDS_PER_MINUTE = 60
MINUTES_PER_SOLUTION_LINE = 3
MINUTES_PER_CHECKED_QUESTION = 5
MINUTES_PER_WRITTEN_QUESTION = 15


def homework_row(master: Path) -> dict:
    """A homework's questions, statement words, solution lines and estimated minutes."""
    import nbformat

    from exercises import question_configs

    student = nbformat.read(ROOT / "exercises" / master.name, as_version=4)
    words = sum(len([w for w in c.source.split() if WORD.search(w)]) for c in student.cells
                if c.cell_type == "markdown"
                and "otter_answer_cell" not in c.metadata.get("tags", []))
    nb = nbformat.read(master, as_version=4)
    configs = [config for _, config in question_configs(nb)]
    written = sum(1 for config in configs if config.get("manual"))
    checked = len(configs) - written
    lines = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        inside = False
        for line in cell.source.splitlines():
            if line.strip() in ("# BEGIN SOLUTION", "# END SOLUTION"):
                inside = line.strip() == "# BEGIN SOLUTION"
            elif inside and line.strip() and not line.strip().startswith("#"):
                lines += 1
    minutes = (words / READ_WORDS_PER_MINUTE + lines * MINUTES_PER_SOLUTION_LINE
               + checked * MINUTES_PER_CHECKED_QUESTION + written * MINUTES_PER_WRITTEN_QUESTION)
    return {"homework": master.stem, "autograded": checked, "written": written,
            "words": words, "lines": lines, "minutes": int(5 * round(minutes / 5))}


def homework_table() -> str:
    """The homework table as Markdown."""
    out = ["| homework | autograded questions | written | statement words | solution lines "
           "| estimated student time |", "|---|---:|---:|---:|---:|---:|"]
    for master in sorted((ROOT / "solutions").glob("*.ipynb")):
        r = homework_row(master)
        out.append(f"| {r['homework']} | {r['autograded']} | {r['written']} | {r['words']:,} "
                   f"| {r['lines']} | {r['minutes'] // 60} h {r['minutes'] % 60:02d} min |")
    return "\n".join(out)


def lecture_notebooks() -> list[Path]:
    """The lecture path: every notebook under notebooks/ except the optional "Going deeper"
    ones (chNN_deeper*.ipynb), which state no time and are not taught in class."""
    return [p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if "_deeper" not in p.stem]


def main(argv=None) -> int:
    """Print the table; exit 1 when a notebook is over its budget (``--check``)."""
    args = list(argv if argv is not None else sys.argv[1:])
    if "--homework" in args:
        print(homework_table())
        return 0
    check = "--check" in args
    paths = [Path(p) for p in args if p != "--check"] or lecture_notebooks()
    rows = [row(path) for path in paths]
    print(table(rows))
    over = [r["notebook"] for r in rows if not r["fits"]]
    if over:
        print(f"over budget: {', '.join(over)}")
    return 1 if check and over else 0


if __name__ == "__main__":
    sys.exit(main())
