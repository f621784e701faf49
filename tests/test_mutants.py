"""Every hidden test catches the named wrong answers it claims to catch.

A hidden test cell in a master starts with ``# HIDDEN`` and names, on a ``# catches:``
line, the plausible wrong answers it is there to catch. ``tests/mutants/<stem>.py`` holds
each of them as an edit of the master's own solution, so that a wrong answer cannot fall
out of step with the code it mutates::

    from test_mutants import edit, rewrite

    MUTANTS = {
        "bias omitted": edit("predict_proba", "X @ w + b", "X @ w"),
        "two places": [edit("f", "old", "new"), edit("g", "old", "new")],
        # Why this wrong answer is not a small edit of the solution.
        "rewritten": rewrite('''def f(x): ...'''),
    }

``edit(name, old, new)`` takes the function or class ``name`` from the master's solution
cells and replaces ``old`` by ``new`` in the code the student writes there (between its
``# BEGIN SOLUTION`` and ``# END SOLUTION`` lines), where ``old`` must occur exactly once;
a list applies its edits in order. ``rewrite(source)`` replaces whole definitions, for the
rare wrong answer that is not a small edit; a comment says why. Loading fails loudly when
an old text is missing or occurs twice, when the edits leave the code unchanged (compared
as syntax trees), or when a rewrite redefines nothing of the solution's.

The master runs in-process, once as written (every test must pass) and once per wrong
answer, swapped in right after every cell that defines a function it replaces: every
hidden test naming it must then fail.
"""

import ast
import importlib.util
import re
import textwrap
import warnings
from dataclasses import dataclass

import pytest
from IPython.core.inputtransformer2 import TransformerManager

from conftest import MASTERS, ROOT, ids, read

CATCHES = re.compile(r"^#\s*catches:\s*(.+)$", re.MULTILINE)
TRANSFORM = TransformerManager()


class MutantError(ValueError):
    """A named wrong answer that no longer describes a change to the solution."""


@dataclass(frozen=True)
class Edit:
    """Replace ``old`` (exactly one occurrence) by ``new`` in the definition ``name``."""

    name: str
    old: str
    new: str


@dataclass(frozen=True)
class Rewrite:
    """Whole definitions that replace the solution's definitions of the same names."""

    source: str


def edit(name, old, new):
    """A wrong answer (or one step of it) as a text replacement in one solution definition."""
    return Edit(name, old, new)


def rewrite(source):
    """A wrong answer written out in full; say in a comment why it is not an edit."""
    return Rewrite(textwrap.dedent(source).strip() + "\n")


def solution_definitions(master):
    """{name: source} of each function or class the student writes in the master.

    These are the top-level definitions, with a ``# BEGIN SOLUTION`` block, in the code
    cells between the master's ``# BEGIN SOLUTION`` and ``# END SOLUTION`` raw cells.
    """
    found, inside = {}, False
    for cell in read(master).cells:
        marker = cell.source.strip()
        if cell.cell_type == "raw" and marker in ("# BEGIN SOLUTION", "# END SOLUTION"):
            inside = marker == "# BEGIN SOLUTION"
        elif inside and cell.cell_type == "code":
            source = TRANSFORM.transform_cell(cell.source)
            lines = source.splitlines()
            for node in ast.parse(source).body:
                if isinstance(node, ast.FunctionDef | ast.ClassDef):
                    first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                    text = "\n".join(lines[first - 1:node.end_lineno]) + "\n"
                    if "# BEGIN SOLUTION" in text:
                        found[node.name] = text
    return found


def occurrences(source, text):
    """Where ``text`` starts in the solution code of a definition: the lines between its
    ``# BEGIN SOLUTION`` and ``# END SOLUTION`` comments (not its signature or docstring)."""
    regions, start, offset = [], None, 0
    for line in source.splitlines(keepends=True):
        marker = line.strip()
        if marker == "# BEGIN SOLUTION":
            start = offset + len(line)
        elif marker == "# END SOLUTION" and start is not None:
            regions.append((start, offset))
            start = None
        offset += len(line)
    if start is not None:
        regions.append((start, offset))
    found = [match.start() for match in re.finditer(re.escape(text), source)] if text else []
    return [at for at in found
            if any(a <= at and at + len(text) <= b for a, b in regions)]


def same_code(a, b):
    """Whether two sources parse to the same syntax tree (comments, layout and docstrings
    aside)."""
    def code(source):
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and ast.get_docstring(node):
                node.body = node.body[1:] or [ast.Pass()]
        return ast.dump(tree)

    return code(a) == code(b)


def mutate(definitions, mutation):
    """The source of a wrong answer: ``mutation`` (an edit, a rewrite or a list of them)
    applied to the solution's ``definitions``; raises MutantError if it no longer applies."""
    changes = list(mutation) if isinstance(mutation, list | tuple) else [mutation]
    if not changes:
        raise MutantError("no edits")
    edited, rewrites = {}, []
    for change in changes:
        if isinstance(change, Rewrite):
            tree = ast.parse(change.source)
            names = [node.name for node in tree.body
                     if isinstance(node, ast.FunctionDef | ast.ClassDef)]
            unknown = set(names) - definitions.keys()
            if not names or unknown:
                raise MutantError(f"the rewrite must redefine solution definitions "
                                  f"({sorted(definitions)}), not {sorted(unknown) or 'nothing'}")
            if same_code(change.source, "\n".join(definitions[n] for n in names)):
                raise MutantError(f"the rewrite of {names} is the solution itself")
            rewrites.append((names, change.source))
        elif isinstance(change, Edit):
            if change.name not in definitions:
                raise MutantError(f"the solution defines no {change.name!r} "
                                  f"(it defines {sorted(definitions)})")
            source = edited.get(change.name, definitions[change.name])
            starts = occurrences(source, change.old)
            if len(starts) != 1:
                raise MutantError(f"{change.name}: the old text {change.old!r} occurs "
                                  f"{len(starts)} times in the solution code, not exactly "
                                  f"once:\n{source}")
            edited[change.name] = (source[:starts[0]] + change.new
                                   + source[starts[0] + len(change.old):])
        else:
            raise MutantError(f"not an edit(...) or rewrite(...): {change!r}")
    for name, source in edited.items():
        try:
            unchanged = same_code(source, definitions[name])
        except SyntaxError as exc:
            raise MutantError(f"{name}: the edited code does not parse ({exc}):\n"
                              f"{source}") from None
        if unchanged:
            raise MutantError(f"{name}: the edits leave the code unchanged")
    both = {name for names, _ in rewrites for name in names} & edited.keys()
    if both:
        raise MutantError(f"{sorted(both)} both edited and rewritten")
    return "\n\n".join([*edited.values(), *(source for _, source in rewrites)])


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
    """{name: source redefining one or more solution functions the wrong way}."""
    path = ROOT / "tests" / "mutants" / f"{master.stem}.py"
    assert path.exists(), f"no named wrong answers for {master.name}: create {path.name}"
    spec = importlib.util.spec_from_file_location(f"mutants_{master.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    definitions = solution_definitions(master)
    resolved = {}
    for name, mutation in module.MUTANTS.items():
        try:
            resolved[name] = mutate(definitions, mutation)
        except (MutantError, SyntaxError) as exc:
            raise MutantError(f"{path.name}, wrong answer {name!r}: {exc}") from None
    return resolved


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


def run_wrong_answer(cells, name, source):
    """The master's cells with the wrong answer ``name`` swapped in, up to the last hidden
    test that names it: {cell index: exception or None} for the test cells."""
    last = max(i for i, (_, _, names) in enumerate(cells) if name in names)
    return run(cells, source, stop_after=last)


def caught_by_public_tests(cells, results):
    """Whether a public test cell among ``results`` failed (the student hears of it while
    working, before any hidden test runs)."""
    return any(error is not None for index, error in results.items()
               if cells[index][0] == "public")


@pytest.mark.parametrize("master", MASTERS, ids=ids(MASTERS))
def test_hidden_tests_catch_their_wrong_answers(master, record_property):
    cells = parse_master(master)
    baseline = run(cells)
    failing = {i: e for i, e in baseline.items() if e is not None}
    assert not failing, f"the solution fails tests: {failing}"

    public = []
    mutants = load_mutants(master)
    for name, source in mutants.items():
        assert defined_names(source), f"{name!r} must redefine a function"
        results = run_wrong_answer(cells, name, source)
        for index, (_, _, names) in enumerate(cells):
            if name in names:
                error = results[index]
                assert error is not None, f"hidden test (cell {index}) does not catch {name!r}"
                assert not isinstance(error, NameError), (
                    f"{name!r}: cell {index} failed only with {error!r}; catch it on purpose")
        if caught_by_public_tests(cells, results):
            public.append(name)
    # make test prints these per homework (conftest.py's terminal summary).
    record_property("public_catches", [master.stem, len(public), len(mutants)])


# The edit helper itself, on a made-up solution.
SOLUTION = {"double": '''def double(x):
    """Return x + x (the docstring and signature are not solution code)."""
    # BEGIN SOLUTION
    y = x + x
    return y
    # END SOLUTION
'''}


def test_edit_replaces_text_in_the_solution_code():
    source = mutate(SOLUTION, edit("double", "x + x", "x * x"))
    assert "    y = x * x\n" in source and "Return x + x" in source
    namespace = {}
    exec(source, namespace)
    assert namespace["double"](3) == 9


def test_edits_apply_in_order():
    source = mutate(SOLUTION, [edit("double", "x + x", "x * x"), edit("double", "x * x", "x**3")])
    assert "y = x**3" in source


def test_edit_of_missing_text_fails_loudly():
    with pytest.raises(MutantError, match="'x - x' occurs 0 times"):
        mutate(SOLUTION, edit("double", "x - x", "x"))
    # Text in the signature or docstring is not solution code.
    with pytest.raises(MutantError, match="occurs 0 times"):
        mutate(SOLUTION, edit("double", "Return x + x", "Return x"))


def test_edit_of_text_that_occurs_twice_fails_loudly():
    with pytest.raises(MutantError, match="'x' occurs 2 times"):
        mutate(SOLUTION, edit("double", "x", "z"))


def test_edit_that_changes_nothing_fails_loudly():
    for old, new in (("x + x", "x + x"), ("x + x", "x+x"), ("return y", "return y  # same")):
        with pytest.raises(MutantError, match="leave the code unchanged"):
            mutate(SOLUTION, edit("double", old, new))


def test_edit_of_an_unknown_function_or_into_bad_code_fails_loudly():
    with pytest.raises(MutantError, match="defines no 'triple'"):
        mutate(SOLUTION, edit("triple", "x + x", "x"))
    with pytest.raises(MutantError, match="does not parse"):
        mutate(SOLUTION, edit("double", "x + x", "x +"))
    with pytest.raises(MutantError, match="no edits"):
        mutate(SOLUTION, [])


def test_rewrite_replaces_whole_definitions_of_the_solution():
    source = mutate(SOLUTION, rewrite('''
        def double(x):
            return 3 * x
    '''))
    assert source == "def double(x):\n    return 3 * x\n"
    with pytest.raises(MutantError, match="not \\['triple'\\]"):
        mutate(SOLUTION, rewrite("def triple(x):\n    return 3 * x\n"))
    with pytest.raises(MutantError, match="is the solution itself"):
        mutate(SOLUTION, rewrite("def double(x):\n    y = x + x\n    return y\n"))
    with pytest.raises(MutantError, match="both edited and rewritten"):
        mutate(SOLUTION, [edit("double", "x + x", "x"), rewrite("def double(x):\n    return x\n")])


def public_catch_table():
    """(homework, named wrong answers the public tests catch, all named wrong answers)."""
    rows = []
    for master in MASTERS:
        cells = parse_master(master)
        mutants = load_mutants(master)
        caught = sum(caught_by_public_tests(cells, run_wrong_answer(cells, name, source))
                     for name, source in mutants.items())
        rows.append((master.stem, caught, len(mutants)))
    return rows


if __name__ == "__main__":  # python tests/test_mutants.py: the table without the test suite
    # Through the module itself: the wrong answers' edit() objects are test_mutants', not
    # __main__'s.
    import test_mutants

    for stem, caught, total in test_mutants.public_catch_table():
        print(f"{stem:24} public tests catch {caught:2} of {total:2} named wrong answers")
