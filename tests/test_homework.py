"""Homework: masters score 100%, blank student notebooks score 0, nothing hidden leaks,
exercises/ is a fresh generation, and a student notebook works alone in (simulated) Colab."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import exercises as gen  # tools/exercises.py
from conftest import MASTERS, ROOT, ids, read
from kernels import kernel_env, tool


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    """``otter assign`` output per master, built once (it also runs the master's tests)."""
    cache = {}

    def get(master: Path) -> Path:
        if master.stem not in cache:
            out = tmp_path_factory.mktemp(master.stem) / "dist"
            cache[master.stem] = gen.otter_assign(master, out)
        return cache[master.stem]

    return get


def grade(zip_path: Path, submission: Path, out: Path) -> dict:
    """Grade one notebook with ``otter run`` (no Docker) and return its results.json."""
    out.mkdir(parents=True, exist_ok=True)
    cmd = [tool("otter"), "run", "-a", str(zip_path), "-o", str(out), str(submission)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=out, env=kernel_env())
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads((out / "results.json").read_text())


def scores(results: dict) -> dict:
    return {t["name"]: (t["score"], t["max_score"]) for t in results["tests"] if "max_score" in t}


def hidden_cases(assigned_dir: Path) -> list[str]:
    """The code of every hidden test case in the autograder's tests."""
    found = []
    for path in sorted((assigned_dir / "autograder" / "tests").glob("*.py")):
        namespace = {}
        exec(path.read_text(), namespace)
        for suite in namespace["test"]["suites"]:
            found += [case["code"] for case in suite["cases"] if case["hidden"]]
    return found


def statements(doctest_code: str) -> list[str]:
    """Source lines of a doctest case, prompts removed."""
    return [line[4:] for line in doctest_code.splitlines() if line[:4] in (">>> ", "... ")]


def exercise_texts() -> str:
    return "\n".join(p.read_text() for p in sorted((ROOT / "exercises").rglob("*")) if p.is_file())


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_exercises_are_a_fresh_generation(master, assigned):
    committed = ROOT / "exercises" / master.name
    assert committed.exists(), f"{committed.name} missing: run make exercises"
    fresh = gen.render(gen.student_notebook(assigned(master), master.stem))
    assert committed.read_text() == fresh, f"{committed.name} is stale: run make exercises"


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_blank_exercise_scores_zero(master, assigned, tmp_path):
    (zip_path,) = (assigned(master) / "autograder").glob("*.zip")
    results = scores(grade(zip_path, ROOT / "exercises" / master.name, tmp_path))
    assert results and all(score == 0 for score, _ in results.values()), results


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_hidden_tests_never_reach_students(master, assigned):
    cases = hidden_cases(assigned(master))
    assert cases, f"{master.name} has no hidden tests"
    student_text = exercise_texts()
    for case in cases:
        for line in statements(case):
            if len(line.strip()) >= 20:  # long enough to be specific to the hidden test
                assert line.strip() not in student_text, f"hidden test line leaked: {line!r}"


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_solutions_never_reach_students(master):
    text = (ROOT / "exercises" / master.name).read_text()
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    for cell in read(master).cells:
        inside = False
        for line in cell.source.splitlines():
            if line.strip() == "# BEGIN SOLUTION":
                inside = True
            elif line.strip() == "# END SOLUTION":
                inside = False
            elif inside and len(line.strip()) >= 25:
                assert json.dumps(line.strip())[1:-1] not in text, f"solution leaked: {line!r}"
    # The model answers of written questions (markdown cells inside a solution block).
    markdown = {c.source for c in read(master).cells if c.cell_type == "markdown"}
    for answer in (s for s in solution_sources(master) if s in markdown):
        for line in answer.splitlines():
            if len(line.strip()) >= 25:
                assert json.dumps(line.strip())[1:-1] not in text, f"model answer leaked: {line!r}"


def solution_sources(master: Path) -> list[str]:
    """The master's solution cells (code, and the model answers of written questions), in
    order, with the solution markers removed."""
    sources, in_block = [], False
    for cell in read(master).cells:
        marker = cell.source.strip()
        if cell.cell_type == "raw" and marker in ("# BEGIN SOLUTION", "# END SOLUTION"):
            in_block = marker == "# BEGIN SOLUTION"
        elif in_block and cell.cell_type == "markdown":
            sources.append(cell.source)
        elif in_block and cell.cell_type == "code":
            keep = [ln for ln in cell.source.splitlines()
                    if ln.strip() not in ("# BEGIN SOLUTION", "# END SOLUTION")]
            sources.append("\n".join(keep))
    return sources


def answered(master: Path) -> nbformat.NotebookNode:
    """The committed student notebook with every answer cell filled from the master."""
    student = read(ROOT / "exercises" / master.name)
    cells = [c for c in student.cells if "otter_answer_cell" in c.metadata.get("tags", [])]
    solutions = solution_sources(master)
    assert len(cells) == len(solutions) > 0
    for cell, source in zip(cells, solutions, strict=True):
        cell.source = source
    return student


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_student_notebook_alone_in_colab(master, tmp_path):
    """Only the .ipynb in an empty folder, google.colab importable: the setup cell writes the
    public tests, and with the answers filled in every grader.check passes."""
    student = answered(master)
    stub = tmp_path / "stub" / "google" / "colab"
    stub.mkdir(parents=True)
    (stub / "__init__.py").write_text('"""Stand-in for Colab\'s module."""\n')
    work = tmp_path / "colab"
    work.mkdir()
    env = kernel_env()
    env["PYTHONPATH"] = str(tmp_path / "stub")
    client = NotebookClient(student, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(work)}})
    client.execute(env=env)

    folder = gen.tests_dir(master.stem)
    written = sorted(p.name for p in (work / folder).glob("*.py"))
    checks = [c for c in student.cells if c.source.startswith("grader.check(")]
    assert written and len(written) == len(checks)
    for cell in checks:
        text = " ".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert re.search(r"All test cases passed|passed!", text), (cell.source, text)
    # Only the tests folder and otter's own log: the notebook needs and writes nothing else.
    assert {p.name for p in work.iterdir()} <= {folder, ".OTTER_LOG"}
    shutil.rmtree(work)


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_grading_an_answered_notebook_runs_the_hidden_tests(master, assigned, tmp_path):
    """A correct student notebook scores 100%; one wrong answer that passes every public test
    loses points. So the student's setup cell never replaces the grader's hidden tests."""
    from test_mutants import defined_names, load_mutants, parse_master, run

    (zip_path,) = (assigned(master) / "autograder").glob("*.zip")
    good = tmp_path / "good" / master.name
    good.parent.mkdir()
    nbformat.write(answered(master), good)
    results = scores(grade(zip_path, good, tmp_path / "good-out"))
    assert all(score == top for score, top in results.values()), results

    cells = parse_master(master)
    for name, source in load_mutants(master).items():
        outcome = run(cells, source)
        public_ok = all(outcome[i] is None for i, (kind, _, _) in enumerate(cells)
                        if kind == "public")
        if public_ok and any(outcome[i] is not None for i, (kind, _, names) in
                             enumerate(cells) if kind == "hidden" and name in names):
            break
    else:
        pytest.fail(f"{master.name}: no named wrong answer gets past the public tests, "
                    "so nothing shows that hidden tests count")
    sneaky = answered(master)
    targets = [i for i, c in enumerate(sneaky.cells)
               if "otter_answer_cell" in c.metadata.get("tags", []) and c.cell_type == "code"
               and defined_names(c.source) & defined_names(source)]
    sneaky.cells.insert(targets[-1] + 1, nbformat.v4.new_code_cell(source))
    bad = tmp_path / "bad" / master.name
    bad.parent.mkdir()
    nbformat.write(sneaky, bad)
    results = scores(grade(zip_path, bad, tmp_path / "bad-out"))
    total, top = (sum(v[i] for v in results.values()) for i in (0, 1))
    assert total < top, f"{name!r} passes public tests and still scored {total}/{top}"


def test_autograder_command_builds_a_zip(tmp_path):
    """`make autograder` (tools/exercises.py autograder) writes one zip per homework."""
    master = MASTERS[0]
    subprocess.run([sys.executable, str(ROOT / "tools" / "exercises.py"), "autograder",
                    "--only", master.stem, "--out", str(tmp_path)], check=True,
                   capture_output=True, env=kernel_env())
    assert (tmp_path / f"{master.stem}-autograder.zip").stat().st_size > 1000


def test_setup_cell_is_valid_for_every_homework():
    for path in sorted((ROOT / "exercises").glob("*.ipynb")):
        setup = read(path).cells[1]
        assert setup.cell_type == "code" and "PUBLIC_TESTS" in setup.source
        nbformat.validate(read(path))
