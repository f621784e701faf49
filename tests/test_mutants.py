"""Every hidden test catches the named wrong answers it claims to catch.

A hidden test cell in a master starts with ``# HIDDEN`` and names, on a ``# catches:``
line, the plausible wrong answers it is there to catch. ``tests/mutants/<stem>.py`` holds
an implementation of each: ``MUTANTS = {"<name>": "<source redefining one or more of the
homework's functions the wrong way>"}``. The master runs in-process, once as written
(every test must pass) and once per wrong answer, swapped in right after every cell that
defines a function it replaces: every hidden test naming it must then fail.
"""

import ast
import importlib.util
import re
import warnings

import pytest
from IPython.core.inputtransformer2 import TransformerManager

from conftest import MASTERS, ROOT, ids, read

CATCHES = re.compile(r"^#\s*catches:\s*(.+)$", re.MULTILINE)
TRANSFORM = TransformerManager()


def parse_master(master):
    """Code cells in order as (kind, source, names caught); kind is code/public/hidden."""
    cells, in_tests = [], False
    for cell in read(master).cells:
        if cell.cell_type == "raw":
            marker = cell.source.strip()
            in_tests = {"# BEGIN TESTS": True, "# END TESTS": False}.get(marker, in_tests)
        elif cell.cell_type == "code":
            source = cell.source
            if not in_tests:
                cells.append(("code", source, []))
            elif source.lstrip().upper().startswith("# HIDDEN"):
                caught = CATCHES.search(source)
                names = [n.strip() for n in caught[1].split(",")] if caught else []
                cells.append(("hidden", source, names))
            else:
                cells.append(("public", source, []))
    return cells


def load_mutants(master):
    path = ROOT / "tests" / "mutants" / f"{master.stem}.py"
    assert path.exists(), f"no named wrong answers for {master.name}: create {path.name}"
    spec = importlib.util.spec_from_file_location(f"mutants_{master.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MUTANTS


def defined_names(source):
    tree = ast.parse(source)
    return {node.name for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.ClassDef)}


def run(cells, mutant_source=None, stop_after=None):
    """Execute cells in one namespace; return {cell index: exception or None} for test cells.

    ``stop_after``: the last cell index worth running (later cells cannot change the verdict).
    """
    namespace = {"__name__": "__main__"}
    targets = defined_names(mutant_source) if mutant_source else set()
    results = {}
    for index, (kind, source, _) in enumerate(cells):
        if stop_after is not None and index > stop_after:
            break
        try:
            with warnings.catch_warnings():
                # A wrong answer may well overflow or divide by zero; that is not news.
                warnings.simplefilter("ignore", RuntimeWarning)
                exec(compile(TRANSFORM.transform_cell(source), f"<cell {index}>", "exec"),
                     namespace)
            error = None
        except Exception as exc:  # a test cell failing is the point; record it
            error = exc
        if kind != "code":
            results[index] = error
        elif error is not None and not mutant_source:
            raise AssertionError(f"master code cell {index} raised {error!r}") from error
        # Re-apply after every cell that (re)defines one of the replaced functions.
        if targets and kind == "code" and targets & defined_names(TRANSFORM.transform_cell(source)):
            exec(compile(mutant_source, "<wrong answer>", "exec"), namespace)
    return results


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_every_hidden_test_names_what_it_catches(master):
    cells = parse_master(master)
    mutants = load_mutants(master)
    hidden = [names for kind, _, names in cells if kind == "hidden"]
    assert hidden, f"{master.name} has no hidden tests"
    for names in hidden:
        assert names, "a hidden test lacks a '# catches: ...' line"
        for name in names:
            assert name in mutants, f"{name!r} is named but tests/mutants lacks it"
    used = {name for names in hidden for name in names}
    assert set(mutants) <= used, f"wrong answers no test names: {set(mutants) - used}"


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_hidden_tests_catch_their_wrong_answers(master):
    cells = parse_master(master)
    baseline = run(cells)
    failing = {i: e for i, e in baseline.items() if e is not None}
    assert not failing, f"the solution fails tests: {failing}"

    for name, source in load_mutants(master).items():
        assert defined_names(source), f"{name!r} must redefine a function"
        last = max(i for i, (_, _, names) in enumerate(cells) if name in names)
        results = run(cells, source, stop_after=last)
        for index, (_, _, names) in enumerate(cells):
            if name in names:
                error = results[index]
                assert error is not None, f"hidden test (cell {index}) does not catch {name!r}"
                assert not isinstance(error, NameError), (
                    f"{name!r}: cell {index} failed only with {error!r}; catch it on purpose")
