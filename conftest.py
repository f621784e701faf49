"""Loaded by pytest for every test, notebooks included: the tolerant output comparison, and
kernel starts that are retried when parallel workers race for the same ports."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))

pytest_plugins = ["nbtolerance", "nbkernel"]
