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

# Every notebook under notebooks/ (nbval, hygiene, figures, claims); the lecture path is the
# ones a class is taught from (a stated time, held to its budget); "Going deeper" notebooks
# (chNN_deeper*.ipynb) are the optional rest of a chapter.
LECTURES = sorted((ROOT / "notebooks").glob("*.ipynb"))
DEEPER = [p for p in LECTURES if "_deeper" in p.stem]
PACED = [p for p in LECTURES if p not in DEEPER]
MASTERS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


def read(path: Path) -> nbformat.NotebookNode:
    """Read a notebook as nbformat v4."""
    return nbformat.read(path, as_version=4)


def ids(paths):
    """Readable parameter ids: the file stem (so `pytest -k ch01_bag_of_words` works)."""
    return [p.stem for p in paths]
