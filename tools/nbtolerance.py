"""Compare stored and fresh notebook outputs across CPUs: text exactly, numbers within a
tolerance that each cell declares.

nbval compares outputs as strings, so a float32 training run whose fourth digit moves on
another CPU fails although nothing changed. This pytest plugin (loaded by the root
conftest.py) keeps nbval's strict comparison and adds one step before it: where a fresh
output differs from the stored one *only* in numbers that lie within the cell's
tolerance, the fresh text is taken to be the stored one. Everything else, a changed word,
a number beyond its tolerance, a missing or extra output, fails exactly as before.

A cell declares its tolerance in its metadata, with the reason, and must then assert the
claim its prose draws from the numbers (tests/test_hygiene.py checks that it does):

    "tolerance": {"rel": 0.25, "abs": 0.02, "why": "float32 training, 300 Adam steps"}

A fresh number ``x`` matches a stored ``s`` when ``|x - s| <= abs + rel * |s|``. Cells
without a declaration get DEFAULT: printed numbers must agree to nine significant digits,
which for the rounded numbers the notebooks print is the same as the text being equal.

    python tools/nbtolerance.py          # list every cell that declares a tolerance
"""

import math
import re
import sys
from pathlib import Path

DEFAULT = {"rel": 1e-9, "abs": 0.0}
# A number standing alone: not part of a word ("ch06", "W_hh2"), not an IP-like "1.2.3".
NUMBER = re.compile(r"(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?!\w)(?!\.\d)")
TEXT_KEYS = ("text", "text/plain", "text/html", "text/markdown", "text/latex")


def tolerance_of(metadata) -> dict:
    """The tolerance a cell declares, checked, or DEFAULT."""
    declared = metadata.get("tolerance")
    if declared is None:
        return dict(DEFAULT)
    if not isinstance(declared, dict) or not set(declared) <= {"rel", "abs", "why"}:
        raise ValueError(f"cell metadata 'tolerance' must be a mapping with rel, abs and why; "
                         f"got {declared!r}")
    rel, abs_ = declared.get("rel", 0.0), declared.get("abs", 0.0)
    for key, value in (("rel", rel), ("abs", abs_)):
        if not isinstance(value, int | float) or not 0 <= value < math.inf:
            raise ValueError(f"tolerance {key} must be a non-negative number, got {value!r}")
    if not str(declared.get("why", "")).strip():
        raise ValueError("a declared tolerance needs a 'why': what makes these digits move")
    return {"rel": float(rel), "abs": float(abs_), "declared": True}


def split_numbers(text: str) -> tuple[list[str], list[str]]:
    """The text between numbers (one more piece than numbers) and the numbers, in order."""
    pieces, numbers, last = [], [], 0
    for match in NUMBER.finditer(text):
        pieces.append(text[last:match.start()])
        numbers.append(match.group())
        last = match.end()
    pieces.append(text[last:])
    return pieces, numbers


def first_mismatch(stored: str, fresh: str, tolerance: dict) -> str | None:
    """None if ``fresh`` equals ``stored`` up to numbers within ``tolerance``; otherwise a
    sentence saying what differs first."""
    if stored == fresh:
        return None
    stored_text, stored_numbers = split_numbers(stored)
    fresh_text, fresh_numbers = split_numbers(fresh)
    if len(stored_numbers) != len(fresh_numbers):
        return f"{len(fresh_numbers)} numbers printed where {len(stored_numbers)} were stored"
    if tolerance.get("declared"):
        # Aligned columns may widen by a digit: whitespace runs are not content.
        stored_text = [re.sub(r"[ \t]+", " ", t) for t in stored_text]
        fresh_text = [re.sub(r"[ \t]+", " ", t) for t in fresh_text]
    for position, (old, new) in enumerate(zip(stored_text, fresh_text, strict=True)):
        if old != new:
            return f"text differs at piece {position}: stored {old!r}, fresh {new!r}"
    for old, new in zip(stored_numbers, fresh_numbers, strict=True):
        s, x = float(old), float(new)
        allowed = tolerance["abs"] + tolerance["rel"] * abs(s)
        if not abs(x - s) <= allowed:
            return (f"number {new} where {old} was stored: differs by {abs(x - s):.3g}, "
                    f"allowed {allowed:.3g} (abs {tolerance['abs']:g} + rel {tolerance['rel']:g})")
    return None


def _text(value):
    return value if isinstance(value, str) else "".join(value) if isinstance(value, list) else None


def align(fresh_outputs: list, stored_outputs: list, tolerance: dict,
          sanitize=lambda text: text) -> list[str]:
    """Replace, in ``fresh_outputs`` (in place), every text that matches its stored
    counterpart within ``tolerance`` (after ``sanitize``) by the stored text; return why
    the others differ."""
    problems = []
    if len(fresh_outputs) != len(stored_outputs):
        return problems  # nbval reports the missing or extra output
    for fresh, stored in zip(fresh_outputs, stored_outputs, strict=True):
        if fresh.get("output_type") != stored.get("output_type") or \
                fresh.get("name") != stored.get("name"):
            continue
        pairs = [(fresh, stored, "text")] if "text" in stored else []
        pairs += [(fresh.get("data", {}), stored.get("data", {}), key) for key in TEXT_KEYS[1:]]
        for new_holder, old_holder, key in pairs:
            old, new = _text(old_holder.get(key)), _text(new_holder.get(key))
            if old is None or new is None or old == new:
                continue
            problem = first_mismatch(sanitize(old), sanitize(new), tolerance)
            if problem is None:
                new_holder[key] = old_holder[key]
            else:
                problems.append(f"{key}: {problem}")
    return problems


def pytest_collection_modifyitems(items):
    """Give every nbval cell the tolerant comparison."""
    try:
        from nbval.plugin import IPyNbCell
    except ImportError:  # nbval not installed: nothing to do
        return
    for item in items:
        if isinstance(item, IPyNbCell) and not getattr(item, "_tolerant", False):
            strict = item.compare_outputs

            def compare_outputs(test, ref, skip_compare=None, _item=item, _strict=strict):
                tolerance = tolerance_of(_item.cell.metadata)
                problems = align(test, ref, tolerance, _item.sanitize)
                ok = _strict(test, ref, skip_compare)
                if not ok and problems:
                    _item.comparison_traceback.append("Beyond the cell's tolerance: "
                                                      + "; ".join(problems))
                return ok

            item.compare_outputs = compare_outputs
            item._tolerant = True


def declared_cells(paths) -> list[tuple[str, int, dict, list[str]]]:
    """(notebook, code-cell number, tolerance, assert lines) for every cell declaring one."""
    import nbformat

    rows = []
    for path in paths:
        code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
        for number, cell in enumerate(code):
            if "tolerance" in cell.metadata:
                asserts = [line.strip() for line in cell.source.splitlines()
                           if line.strip().startswith("assert")]
                rows.append((Path(path).name, number, cell.metadata["tolerance"], asserts))
    return rows


def main() -> None:
    root = Path(__file__).resolve().parent.parent
    paths = sys.argv[1:] or sorted(root.glob("notebooks/*.ipynb")) + sorted(
        root.glob("solutions/*.ipynb"))
    rows = declared_cells(paths)
    for name, number, tol, asserts in rows:
        print(f"{name} cell {number}: rel {tol.get('rel', 0)}, abs {tol.get('abs', 0)} "
              f"({tol.get('why')})")
        for line in asserts:
            print(f"    {line}")
    print(f"{len(rows)} cells declare a tolerance")


if __name__ == "__main__":
    main()
