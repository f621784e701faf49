"""Execute notebooks in place (make execute) or time them (make bench).

Stored outputs are the truth the book shows; strict nbval in ``make test`` proves
they are current. Run this after every change to a notebook.

    python tools/execute.py notebooks/ch01_bag_of_words.ipynb   # re-execute, write back
    python tools/execute.py --bench notebooks/*.ipynb           # time, write nothing
"""

import argparse
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from kernels import kernel_env

TIMEOUT_S = 600


def execute(path: Path, timing: bool = False) -> tuple[nbformat.NotebookNode, float]:
    """Run every cell of the notebook at ``path`` in its own folder; return it and the seconds."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
        record_timing=timing,  # per-cell timestamps, only when benchmarking (never stored)
    )
    # NotebookClient passes env to the kernel manager through start_new_kernel kwargs.
    start = time.perf_counter()
    client.execute(env=kernel_env())
    seconds = time.perf_counter() - start
    check_clean(path, nb)
    return nb, seconds


def check_clean(path: Path, nb: nbformat.NotebookNode) -> None:
    """Refuse to store a notebook whose outputs carry errors or stderr."""
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.output_type == "error" or output.get("name") == "stderr":
                text = output.get("text") or "\n".join(output.get("traceback", []))
                raise SystemExit(f"{path}: cell {index} wrote to stderr or raised:\n{text[:2000]}")


def slowest_cells(nb: nbformat.NotebookNode, count: int = 3) -> list[tuple[float, int, str]]:
    """The ``count`` slowest code cells as (seconds, code-cell number, first line)."""
    timed = []
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    for number, cell in enumerate(code, start=1):
        stamps = cell.metadata.get("execution", {})
        if "iopub.execute_input" in stamps and "shell.execute_reply" in stamps:
            start = datetime.fromisoformat(stamps["iopub.execute_input"].replace("Z", "+00:00"))
            end = datetime.fromisoformat(stamps["shell.execute_reply"].replace("Z", "+00:00"))
            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
            timed.append(((end - start).total_seconds(), number, first[:60]))
    return sorted(timed, reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--bench", action="store_true", help="time only; do not write outputs")
    args = parser.parse_args()

    rows = []
    for path in args.notebooks:
        nb, seconds = execute(path, timing=args.bench)
        rows.append((path.as_posix(), seconds, slowest_cells(nb) if args.bench else []))
        if not args.bench:
            nbformat.write(nb, path)
        print(f"{'timed' if args.bench else 'executed'} {path} in {seconds:.1f} s", flush=True)

    if args.bench:
        print("\n| notebook | seconds | slowest cells (seconds, code cell number) |")
        print("|---|---:|---|")
        for name, seconds, slow in rows:
            cells = "; ".join(f"{s:.1f} s #{n} `{first}`" for s, n, first in slow)
            print(f"| `{name}` | {seconds:.1f} | {cells.replace('|', '/')} |")
        total = sum(seconds for _, seconds, _ in rows)
        print(f"\n{len(rows)} notebooks, {total:.1f} s in total")


if __name__ == "__main__":
    main()
