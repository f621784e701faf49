"""Shared paths and helpers for the test suite."""

import os
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from kernels import kernel_env  # noqa: E402

# Kernels (nbval's included) and CLI tools started by tests use the same environment.
os.environ.update(kernel_env())

LECTURES = sorted((ROOT / "notebooks").glob("*.ipynb"))
MASTERS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat v4."""
    return nbformat.read(path, as_version=4)


def ids(paths):
    """Readable parameter ids: the file stem (so `pytest -k ch01_bag_of_words` works)."""
    return [p.stem for p in paths]
