"""Notebook hygiene: every committed notebook is clean, executed in order and in the book."""

import re

import pytest
import yaml

from conftest import DEEPER, EXERCISES, LECTURES, MASTERS, PACED, ROOT, ids, read

EXECUTED = LECTURES + MASTERS
ALL = EXECUTED + EXERCISES
ABSOLUTE_PATH = re.compile(r"(?<![\w.])(/home/|/root/|/tmp/|/work/|/Users/|[A-Z]:\\\\)")
SEED_CALL = re.compile(r"\b(set_seed|np\.random\.seed|torch\.manual_seed)\(")


def code_cells(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def output_text(output) -> str:
    parts = [output.get("text", ""), output.get("evalue", "")]
    for key, value in output.get("data", {}).items():
        if key.startswith("text/"):
            parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_kernelspec_is_python3(path):
    assert read(path).metadata.get("kernelspec", {}).get("name") == "python3"


@pytest.mark.parametrize("path", EXECUTED, ids=ids(EXECUTED))
def test_executed_in_order(path):
    counts = [cell.execution_count for cell in code_cells(read(path))]
    assert counts == list(range(1, len(counts) + 1)), (
        f"{path.name}: execution counts {counts}; re-run it top to bottom (make execute)"
    )


@pytest.mark.parametrize("path", EXECUTED, ids=ids(EXECUTED))
def test_no_errors_or_stderr(path):
    for index, cell in enumerate(code_cells(read(path))):
        for output in cell.outputs:
            assert output.output_type != "error", f"{path.name}: code cell {index} raised"
            assert output.get("name") != "stderr", (
                f"{path.name}: code cell {index} wrote to stderr: {output.get('text', '')[:300]}"
            )


@pytest.mark.parametrize("path", ALL, ids=ids(ALL))
def test_no_absolute_paths(path):
    nb = read(path)
    for index, cell in enumerate(nb.cells):
        texts = [cell.source] + [output_text(o) for o in cell.get("outputs", [])]
        for text in texts:
            match = ABSOLUTE_PATH.search(text)
            assert match is None, f"{path.name}: cell {index} contains a machine path {match[0]!r}"


@pytest.mark.parametrize("path", EXECUTED, ids=ids(EXECUTED))
def test_setup_cell_seeds(path):
    first = code_cells(read(path))[0]
    assert SEED_CALL.search(first.source), f"{path.name}: the first code cell must seed"


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_lecture_setup_cell_hidden_in_book(path):
    first = code_cells(read(path))[0]
    assert "hide-input" in first.metadata.get("tags", []), f"{path.name}: tag the setup cell"


@pytest.mark.parametrize("path", PACED, ids=ids(PACED))
def test_lecture_shape(path):
    """Title, objectives, summary, exercises and references, as STYLE.md asks."""
    markdown = "\n".join(c.source for c in read(path).cells if c.cell_type == "markdown")
    assert markdown.lstrip().startswith("# "), f"{path.name}: start with a title"
    for heading in ("Learning objectives", "## Summary", "## Exercises", "## References"):
        assert heading in markdown, f"{path.name}: missing {heading!r}"


@pytest.mark.parametrize("path", DEEPER, ids=ids(DEEPER))
def test_deeper_notebook_shape(path):
    """A Going deeper notebook says it is optional and which lecture it continues."""
    cells = [c for c in read(path).cells if c.cell_type == "markdown"]
    assert cells[0].source.startswith("# Going deeper"), f"{path.name}: title '# Going deeper: ...'"
    assert "optional" in cells[0].source.lower(), f"{path.name}: say it is optional at the top"
    chapter = path.stem.split("_")[0]
    assert any(p.stem.startswith(chapter + "_") and f"{p.name})" in cells[0].source
               for p in PACED), f"{path.name}: link the lecture notebook(s) it continues"
    markdown = "\n".join(c.source for c in cells)
    for heading in ("## Summary", "## References"):
        assert heading in markdown, f"{path.name}: missing {heading!r}"


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_generated_helper_blocks_are_hidden_on_the_page(path):
    """A cell holding a generated helper block hides its input on the site."""
    for index, cell in enumerate(code_cells(read(path))):
        if "# >>> book helpers" in cell.source:
            assert {"hide-input", "remove-input"} & set(cell.metadata.get("tags", [])), (
                f"{path.name} code cell {index} shows a generated helper block: move the block "
                "to the setup cell or to a cell of its own tagged hide-input")


@pytest.mark.parametrize("path", EXERCISES, ids=ids(EXERCISES))
def test_student_notebooks_carry_no_outputs(path):
    for cell in code_cells(read(path)):
        assert not cell.outputs and cell.execution_count is None


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    found = [toc["root"]]

    def walk(entries):
        for entry in entries:
            if "file" in entry:
                found.append(entry["file"])
            walk(entry.get("sections", []))
            walk(entry.get("chapters", []))

    walk(toc.get("parts", []))
    return found


def test_every_notebook_is_in_the_book():
    listed = set(toc_files())
    for path in LECTURES + EXERCISES:
        entry = path.relative_to(ROOT).with_suffix("").as_posix()
        assert entry in listed, f"{entry} is not in _toc.yml"
    for entry in listed:
        assert any((ROOT / f"{entry}{ext}").exists() for ext in (".md", ".ipynb")), entry


def test_deeper_notebooks_are_marked_optional_in_the_table_of_contents():
    toc = (ROOT / "_toc.yml").read_text()
    for path in DEEPER:
        entry = path.relative_to(ROOT).with_suffix("").as_posix()
        found = re.search(rf"- file: {re.escape(entry)}\n\s+title: \"([^\"]*)\"", toc)
        assert found and "optional" in found[1].lower(), (
            f"{entry}: give its _toc.yml entry a title that says it is optional")


def test_results_page_is_generated_from_current_outputs():
    """book/results.md is exactly what tools/results.py reads from the stored outputs."""
    import results

    assert (ROOT / "book" / "results.md").read_text() == results.render(), (
        "book/results.md is stale: run make results")


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_lecture_figures_have_captions(path):
    """A cell that draws a figure carries a caption for the book (mystnb.figure.caption)."""
    for index, cell in enumerate(code_cells(read(path))):
        if any("image/png" in o.get("data", {}) for o in cell.outputs):
            caption = cell.metadata.get("mystnb", {}).get("figure", {}).get("caption", "")
            assert len(caption) > 20, f"{path.name}: figure in code cell {index} has no caption"


NUMBER_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


@pytest.mark.parametrize("path", MASTERS, ids=ids(MASTERS))
def test_chapter_page_states_the_homework_points(path):
    """The chapter page's homework line agrees with the master: autograded questions and
    points, and the written part's points."""
    from exercises import question_configs

    auto, written = [], []
    for _, config in question_configs(read(path)):
        (written if config.get("manual") else auto).append(config.get("points", 0))
    page = (ROOT / "book" / f"{path.stem.split('_')[0]}.md").read_text()
    line = next(ln for ln in page.splitlines() if ln.startswith("- Homework"))
    expected = f"{NUMBER_WORDS[len(auto)]} autograded questions ({sum(auto):g} points)"
    assert expected in line, f"{path.stem}: the chapter page should say {expected!r}: {line}"
    assert written, f"{path.stem}: every homework ends with an experiment and a written part"
    assert f"({sum(written):g} points, graded by the instructor)" in line, line
