"""Loaded by pytest for every test, notebooks included: the tolerant output comparison, and
kernel starts that are retried when parallel workers race for the same ports."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))

pytest_plugins = ["nbtolerance", "nbkernel"]


def pytest_terminal_summary(terminalreporter):
    """Per homework, how many named wrong answers its public tests catch (test_mutants.py
    records them; students hear of those while working, the hidden tests catch the rest)."""
    rows = []
    for report in terminalreporter.stats.get("passed", []):
        for key, value in getattr(report, "user_properties", []):
            if key == "public_catches" and report.when == "call":
                rows.append(value)
    if rows:
        terminalreporter.section("named wrong answers caught by the public tests")
        for stem, caught, total in sorted(rows):
            terminalreporter.write_line(f"{stem:24} {caught:2} of {total:2}")
