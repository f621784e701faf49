"""Generate student homework from the masters in solutions/, and autograder zips.

    python tools/exercises.py generate [--only ch01_bag_of_words]   # write exercises/
    python tools/exercises.py check                                 # exercises/ current?
    python tools/exercises.py autograder --out _build/autograder    # Gradescope zips

The master notebook (otter assign format) is the only hand-edited homework file.
``otter assign`` strips the solutions, runs the master's tests (it fails unless the
solutions pass them all) and splits public from hidden tests. This script then makes
the student notebook self-contained and reproducible:

- a setup cell recreates the public tests in ``./<stem>_tests`` (so ``grader.check``
  works in Colab, where otter cannot read tests from notebook metadata), and installs
  otter-grader there if it is missing. The folder is deliberately not ``./tests``:
  when a submission is graded, otter runs it in a folder whose ``./tests`` holds the
  hidden tests, and the setup cell must never overwrite them;
- cell ids are derived from position and content, and machine-specific metadata is
  dropped, so regenerating gives byte-identical files.

Hidden tests exist only in the autograder zip, which is built, never committed.
"""

import argparse
import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

from kernels import kernel_env, tool

ROOT = Path(__file__).resolve().parent.parent
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"
OTTER_VERSION = "7.0.0"

SETUP_TEMPLATE = '''\
# Setup for self-checking: run this cell first. It writes this homework's public tests
# into ./{tests_dir} so that grader.check("q1") works anywhere, Colab included (hidden
# tests are run only when your submission is graded).
import importlib.util
import pathlib

try:  # on Colab only: install the grading client if it is missing
    import google.colab  # noqa: F401
    if importlib.util.find_spec("otter") is None:
        %pip install --quiet otter-grader=={version}
except ImportError:
    pass

import otter

PUBLIC_TESTS = {{
{entries}}}
pathlib.Path("{tests_dir}").mkdir(exist_ok=True)
for _name, _text in PUBLIC_TESTS.items():
    pathlib.Path("{tests_dir}", _name).write_text(_text)
grader = otter.Notebook(tests_dir="{tests_dir}")'''


def masters(only=None):
    """The homework masters, optionally restricted to one name (stem)."""
    found = sorted(SOLUTIONS.glob("*.ipynb"))
    if only:
        found = [p for p in found if p.stem == only]
        if not found:
            raise SystemExit(f"no master named {only!r} in {SOLUTIONS}")
    return found


QUESTION = "# BEGIN QUESTION"


def question_configs(nb: nbformat.NotebookNode) -> list[tuple[int, dict]]:
    """(cell index, config) of each question of a master: the YAML below ``# BEGIN QUESTION``
    (name, points, and ``manual: true`` for a question graded by hand)."""
    import yaml

    found = []
    for index, cell in enumerate(nb.cells):
        text = cell.source.strip()
        if cell.cell_type == "raw" and text.startswith(QUESTION):
            found.append((index, yaml.safe_load(text.removeprefix(QUESTION)) or {}))
    return found


def otter_assign(master: Path, out: Path) -> Path:
    """Run ``otter assign`` on ``master`` into ``out``; fails unless the solutions pass."""
    cmd = [tool("otter"), "assign", str(master), str(out)]
    result = subprocess.run(cmd, capture_output=True, text=True, env=kernel_env(),
                            cwd=master.parent)
    if result.returncode != 0:
        raise SystemExit(
            f"otter assign failed for {master.name}:\n{result.stdout}\n{result.stderr}")
    return out


def tests_dir(name: str) -> str:
    """Where a student notebook writes its public tests (never otter's ./tests)."""
    return f"{name}_tests"


def setup_cell(public_tests: dict, name: str) -> nbformat.NotebookNode:
    """The student setup cell carrying the public tests."""
    entries = "".join(f"    {key!r}: {text!r},\n" for key, text in sorted(public_tests.items()))
    source = SETUP_TEMPLATE.format(version=OTTER_VERSION, entries=entries,
                                   tests_dir=tests_dir(name))
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata = {"tags": ["hide-input"], "deletable": False, "editable": False}
    return cell


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Stable ids, no outputs, no machine-specific metadata."""
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "otter": dict(nb.metadata.get("otter", {})),
    }
    for index, cell in enumerate(nb.cells):
        digest = hashlib.sha1((cell.cell_type + cell.source).encode()).hexdigest()[:8]
        cell.id = f"c{index:02d}-{digest}"
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nb.nbformat, nb.nbformat_minor = 4, 5
    nbformat.validate(nb)
    return nb


def student_notebook(assigned: Path, name: str) -> nbformat.NotebookNode:
    """Build the committed student notebook from an ``otter assign`` output folder."""
    nb = nbformat.read(assigned / "student" / f"{name}.ipynb", as_version=4)
    tests = {p.name: p.read_text() for p in sorted((assigned / "student" / "tests").glob("*.py"))}
    if not tests:
        raise SystemExit(f"{name}: otter assign produced no public tests")
    # After the title cell, before the master's own setup code.
    nb.cells.insert(1, setup_cell(tests, name))
    return normalise(nb)


def render(nb: nbformat.NotebookNode) -> str:
    """Serialise exactly as the committed files are written."""
    return nbformat.writes(nb) + "\n"


def generate(only=None, check=False) -> int:
    """Write (or with check=True, compare) exercises/ for every master."""
    stale = []
    with tempfile.TemporaryDirectory() as tmp:
        for master in masters(only):
            assigned = otter_assign(master, Path(tmp) / master.stem)
            text = render(student_notebook(assigned, master.stem))
            target = EXERCISES / master.name
            if check:
                if not target.exists() or target.read_text() != text:
                    stale.append(target.relative_to(ROOT).as_posix())
            else:
                EXERCISES.mkdir(exist_ok=True)
                target.write_text(text)
                print(f"wrote {target.relative_to(ROOT)}")
    if stale:
        print("out of date (run make exercises):", *stale, sep="\n  ")
        return 1
    return 0


def autograder(out: Path, only=None) -> None:
    """Build one Gradescope autograder zip per homework into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for master in masters(only):
            assigned = otter_assign(master, Path(tmp) / master.stem)
            (zip_path,) = (assigned / "autograder").glob("*.zip")
            target = out / f"{master.stem}-autograder.zip"
            shutil.copy(zip_path, target)
            print(f"wrote {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("generate", "check", "autograder"):
        command = sub.add_parser(name)
        command.add_argument("--only", help="one master, by file stem")
        if name == "autograder":
            command.add_argument("--out", type=Path, default=ROOT / "_build" / "autograder")
    args = parser.parse_args()
    if args.command == "autograder":
        autograder(args.out, args.only)
    else:
        sys.exit(generate(args.only, check=args.command == "check"))


if __name__ == "__main__":
    main()
