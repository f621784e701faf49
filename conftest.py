"""Loaded by pytest for every test, notebooks included: the tolerant output comparison, and
kernel starts that are retried when parallel workers race for the same ports."""

import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "tools"))

pytest_plugins = ["nbtolerance", "nbkernel"]


@pytest.hookimpl(optionalhook=True)  # also without xdist (-p no:xdist)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist's file scheduling (a notebook's cells share a kernel, a test file its
    module fixtures), except that the homework tests are scheduled per homework: their otter
    runs are the longest part of the suite, and as one file they queued on one worker."""
    from xdist.scheduler import LoadScopeScheduling

    class BookScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid):
            file = nodeid.split("::")[0]
            homework = re.search(r"\[(ch\d\d_\w+)\]$", nodeid)
            if file.endswith("test_homework.py") and homework:
                return f"{file}::{homework.group(1)}"
            return file

    return BookScheduling(config, log)


def pytest_terminal_summary(terminalreporter):
    """Per homework, how many named wrong answers its public tests catch (test_mutants.py
    records them; students hear of those while working, the hidden tests catch the rest);
    and per lecture notebook, its stated time against its prose and code (test_pacing.py)."""
    rows, pacing = [], []
    for report in (terminalreporter.stats.get("passed", [])
                   + terminalreporter.stats.get("failed", [])):
        for key, value in getattr(report, "user_properties", []):
            if key == "public_catches" and report.when == "call":
                rows.append(value)
            elif key == "pacing" and report.when == "call":
                pacing.append(value)
    if pacing:
        terminalreporter.section("lecture notebooks against their stated time")
        terminalreporter.write_line(
            f"{'notebook':32} minutes  words (budget)   code lines (budget)")
        for r in sorted(pacing, key=lambda r: r["notebook"]):
            terminalreporter.write_line(
                f"{r['notebook']:32} {r['minutes']:7}  {r['words']:5,} ({r['budget_words']:5,})"
                f"   {r['lines']:4} ({r['budget_lines']:3})" + ("" if r["fits"] else "  OVER"))
    if rows:
        terminalreporter.section("named wrong answers caught by the public tests")
        for stem, caught, total in sorted(rows):
            terminalreporter.write_line(f"{stem:24} {caught:2} of {total:2}")
