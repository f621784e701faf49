"""Every comparative claim from training, with its seeds, spread and assert (make claims).

A cell whose digits come from training declares a tolerance (tools/nbtolerance.py). When
such a cell asserts a comparison (``<``, ``>``, ``<=``, ``>=``), it states a claim, and its
metadata says which, over how many seeds, with what spread, on which split, and which
assert carries it:

    "claims": [{"claim": "the GRU's validation accuracy is above the RNN's",
                "seeds": 5, "spread": "sd", "split": "validation",
                "assert": "assert gru.mean() - rnn.mean() > 2 * se",
                "study": "ch05-name-classifiers"}]

or, when its asserts compare nothing trained with anything else (a loss below a fixed
bound that shows training ran), says so:

    "no_claim": "checks that training ran: the loss ends below 0.5"

A cell that reads a stored seed study (``load_study(``) states a claim too. ``problems``
lists every cell that breaks these rules; tests/test_claims.py fails on any.

    python tools/claims.py        # list every claim; exit 1 if a cell breaks the rules
"""

import ast
import json
import sys
from pathlib import Path

from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parent.parent
SPREADS = ("sd", "se", "min-max", "count")
SPLITS = ("validation", "test", "train")
MIN_SEEDS = 3
KEYS = {"claim", "seeds", "spread", "split", "assert", "study"}
COMPARISONS = (ast.Lt, ast.Gt, ast.LtE, ast.GtE)


def cell_facts(source: str) -> tuple[list[tuple[str, bool]], bool]:
    """From one parse of a cell: (source text, compares?) of every assert statement, and
    whether the cell calls load_study (defining it, in a helper block, is not reading)."""
    code = TransformerManager().transform_cell(source)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return [], False
    asserts, reads = [], False
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            compares = any(isinstance(op, COMPARISONS) for sub in ast.walk(node.test)
                           if isinstance(sub, ast.Compare) for op in sub.ops)
            asserts.append((ast.get_source_segment(code, node), compares))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            reads = reads or node.func.id == "load_study"
    return asserts, reads


def entry_problems(entry, asserts: list[str], stored_seeds) -> list[str]:
    """What is wrong with one claims entry (empty when nothing is)."""
    if not isinstance(entry, dict):
        return [f"a claims entry must be a mapping, got {entry!r}"]
    wrong = []
    if set(entry) - KEYS or not {"claim", "seeds", "spread", "split", "assert"} <= set(entry):
        wrong.append(f"keys must be claim, seeds, spread, split, assert (and optionally "
                     f"study), got {sorted(entry)}")
    if not str(entry.get("claim", "")).strip():
        wrong.append("the claim is empty")
    seeds = entry.get("seeds")
    if not isinstance(seeds, int) or isinstance(seeds, bool) or seeds < MIN_SEEDS:
        wrong.append(f"seeds must be an integer of at least {MIN_SEEDS}, got {seeds!r}")
    if entry.get("spread") not in SPREADS:
        wrong.append(f"spread must be one of {SPREADS}, got {entry.get('spread')!r}")
    if entry.get("split") not in SPLITS:
        wrong.append(f"split must be one of {SPLITS}, got {entry.get('split')!r}")
    text = str(entry.get("assert", ""))
    if not text.startswith("assert") or not any(text in line for line in asserts):
        wrong.append(f"no assert of the cell contains {text!r}")
    if "study" in entry:
        if stored_seeds is None:
            wrong.append(f"the study {entry['study']!r} is not stored "
                         f"(trained/studies/{entry['study']}.json)")
        elif isinstance(seeds, int) and seeds > stored_seeds:
            wrong.append(f"claims {seeds} seeds, the study {entry['study']!r} stores "
                         f"{stored_seeds}")
    return wrong


def stored_seed_count(name) -> int | None:
    """How many seeds the stored study ``name`` has, or None when it is not stored."""
    path = ROOT / "trained" / "studies" / f"{name}.json"
    if not isinstance(name, str) or not path.is_file():
        return None
    return len(json.loads(path.read_text())["seeds"])


def notebook_claims(path: Path) -> tuple[list[dict], list[str]]:
    """The claims a notebook records (one row each) and the rule breaks it has."""
    import nbformat

    code = [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]
    rows, problems = [], []
    for number, cell in enumerate(code):
        where = f"{path.name} code cell {number}"
        statements, reads = cell_facts(cell.source)
        asserts = [text for text, _ in statements]
        compares = any(c for _, c in statements)
        has_claims, has_none = "claims" in cell.metadata, "no_claim" in cell.metadata
        if has_claims and has_none:
            problems.append(f"{where}: declares both claims and no_claim")
        if has_none and not str(cell.metadata["no_claim"]).strip():
            problems.append(f"{where}: no_claim needs the reason its asserts are no claim")
        if "tolerance" in cell.metadata and compares and not has_claims and not has_none:
            problems.append(f"{where}: its digits come from training and it asserts a "
                            "comparison, but it records no claims (or no_claim)")
        if reads and not has_claims:
            problems.append(f"{where}: reads a stored study but records no claims")
        if not has_claims:
            continue
        entries = cell.metadata["claims"]
        if not isinstance(entries, list) or not entries:
            problems.append(f"{where}: claims must be a non-empty list")
            continue
        for entry in entries:
            study = entry.get("study") if isinstance(entry, dict) else None
            for wrong in entry_problems(entry, asserts, stored_seed_count(study)):
                problems.append(f"{where}: {wrong}")
            if isinstance(entry, dict):
                rows.append({"notebook": path.name, "cell": number, **entry})
    return rows, problems


def collect(paths) -> tuple[list[dict], list[str]]:
    """Every claim of the notebooks ``paths`` and every rule break."""
    rows, problems = [], []
    for path in paths:
        more_rows, more_problems = notebook_claims(Path(path))
        rows += more_rows
        problems += more_problems
    return rows, problems


def main(argv=None) -> int:
    paths = [Path(p) for p in (argv if argv is not None else sys.argv[1:])] or sorted(
        (ROOT / "notebooks").glob("*.ipynb"))
    rows, problems = collect(paths)
    for row in rows:
        source = f", study {row['study']}" if "study" in row else ""
        print(f"{row['notebook']} cell {row['cell']}: {row['claim']}\n"
              f"    {row['seeds']} seeds, spread {row['spread']}, {row['split']} split{source}\n"
              f"    {row['assert']}")
    print(f"{len(rows)} claims in {len(paths)} notebooks")
    for problem in problems:
        print(f"PROBLEM: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
