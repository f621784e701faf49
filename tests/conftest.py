"""Shared paths and helpers for the test suite."""

import os
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

# Kernels and CLI tools started by tests must use this interpreter's environment.
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
os.environ.setdefault("PYTHONHASHSEED", "0")
# Kernels draw figures with the inline backend, as in Jupyter; a non-interactive backend
# inherited from the shell (MPLBACKEND=Agg) would make figure cells produce no output.
os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"

LECTURES = sorted((ROOT / "notebooks").glob("*.ipynb"))
MASTERS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat v4."""
    return nbformat.read(path, as_version=4)


def ids(paths):
    """Readable parameter ids: the file stem (so `pytest -k ch01_bag_of_words` works)."""
    return [p.stem for p in paths]
