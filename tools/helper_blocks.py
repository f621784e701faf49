"""Write the shared helpers into the notebooks that use them (make helpers).

A notebook cell asks for helpers with a marked block; this tool replaces the block's body
with the current source of those helpers from tools/book_helpers.py (and whatever they
use from that file: a constant, another helper), so every notebook still runs alone:

    # >>> book helpers: set_seed, compare, check_shape
    # Generated from tools/book_helpers.py by `make helpers`: edit there, not here.
    ...
    # <<< book helpers

    python tools/helper_blocks.py write      # rewrite every block in place
    python tools/helper_blocks.py check      # exit 1 if any block is stale
"""

import ast
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

import nbrewrite

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "tools" / "book_helpers.py"
# The lecture notebooks and the homework masters (whose student versions are generated)
NOTEBOOKS = (sorted((ROOT / "notebooks").glob("*.ipynb"))
             + sorted((ROOT / "solutions").glob("*.ipynb")))
BEGIN = "# >>> book helpers: "
NOTE = "# Generated from tools/book_helpers.py by `make helpers`: edit there, not here."
END = "# <<< book helpers"


class BlockError(ValueError):
    """A helper block that cannot be generated (unknown helper, missing import, bad markers)."""


def _definitions(source: str) -> tuple[dict, dict, list]:
    """Top-level helpers of the source as {name: (order, text, names used)}, the imported
    names as {name: import statement}, and the names in file order."""
    tree = ast.parse(source)
    lines = source.splitlines()
    defs, imports = {}, {}
    for order, node in enumerate(tree.body):
        if isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                bound = (alias.asname or alias.name).split(".")[0]
                imports[bound] = ast.get_source_segment(source, node)
            continue
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            name = node.name
        elif isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                node.targets[0], ast.Name):
            name = node.targets[0].id
        else:
            continue  # the module docstring
        first = node.lineno - 1
        while first > 0 and lines[first - 1].startswith("#"):  # comments above belong to it
            first -= 1
        text = "\n".join(lines[first:node.end_lineno])
        used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - {name}
        defs[name] = (order, text, used, isinstance(node, ast.FunctionDef | ast.ClassDef))
    return defs, imports, [n for n, _ in sorted(defs.items(), key=lambda kv: kv[1][0])]


def block_body(names: list[str], source: str | None = None,
               defined: frozenset[str] = frozenset()) -> tuple[str, set[str]]:
    """The generated code for the helpers ``names`` and their dependencies, and the
    module-level imports (bound names) that the notebook must provide. Dependencies in
    ``defined`` (written by an earlier block of the same notebook) are not repeated."""
    defs, imports, order = _definitions(source if source is not None else SOURCE.read_text())
    unknown = [n for n in names if n not in defs]
    if unknown or not names:
        raise BlockError(f"unknown helpers {unknown}; tools/book_helpers.py defines {order}")
    wanted, todo = set(), list(names)
    while todo:  # the closure over helpers and constants of the same file
        name = todo.pop()
        if name not in wanted and (name in names or name not in defined):
            wanted.add(name)
            todo.extend(n for n in defs[name][2] if n in defs)
    chosen = [n for n in order if n in wanted]
    needs = {n for name in chosen for n in defs[name][2] if n in imports}
    parts = [defs[chosen[0]][1]]
    for previous, name in zip(chosen, chosen[1:], strict=False):
        functions = defs[previous][3] or defs[name][3]  # two blank lines around a function
        parts.append(("\n\n\n" if functions else "\n") + defs[name][1])
    return "".join(parts), needs


def bound_imports(code: str) -> set[str]:
    """Names bound by import statements in notebook code (IPython magics allowed)."""
    tree = ast.parse(TransformerManager().transform_cell(code))
    bound = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            bound |= {(a.asname or a.name).split(".")[0] for a in node.names}
    return bound


def defined_names(code: str) -> frozenset[str]:
    """Top-level functions, classes and variables defined inside the helper blocks of code."""
    inside, kept = False, []
    for line in code.split("\n"):
        if line.startswith(BEGIN):
            inside = True
        elif line == END:
            inside = False
        elif inside:
            kept.append(line)
    return frozenset(_definitions("\n".join(kept))[0])  # the blocks hold what it found


def regenerate(cell_source: str, earlier_code: str, source: str | None = None) -> str:
    """The cell's source with its helper block (if any) rewritten from the current helpers."""
    lines = cell_source.split("\n")
    starts = [i for i, line in enumerate(lines) if line.startswith(BEGIN)]
    if not starts:
        if END in lines:
            raise BlockError(f"'{END}' without '{BEGIN}...'")
        return cell_source
    if len(starts) > 1:
        raise BlockError("one helper block per cell")
    start = starts[0]
    try:
        end = lines.index(END, start)
    except ValueError:
        raise BlockError(f"helper block without its end line '{END}'") from None
    names = [n.strip() for n in lines[start][len(BEGIN):].split(",") if n.strip()]
    body, needs = block_body(names, source, defined_names(earlier_code))
    missing = needs - bound_imports(earlier_code + "\n" + "\n".join(lines[:start]))
    if missing:
        raise BlockError(f"helpers {names} use {sorted(missing)}: import them before the block")
    new = lines[:start + 1] + [NOTE] + body.split("\n") + lines[end:]
    return "\n".join(new)


def regenerate_notebook(nb: nbformat.NotebookNode) -> list[int]:
    """Rewrite every helper block of a notebook in place; return the indices of changed cells."""
    changed, earlier = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        new = regenerate(cell.source, "\n".join(earlier))
        if new != cell.source:
            cell.source = new
            changed.append(index)
        earlier.append(cell.source)
    return changed


def main() -> None:
    nbrewrite.main(__doc__, regenerate_notebook, NOTEBOOKS,
                   "helper blocks differ from tools/book_helpers.py: run `make helpers`, then "
                   "`make execute` for those notebooks")


if __name__ == "__main__":
    main()
