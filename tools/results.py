"""Render the results appendix from the executed notebooks (never typed by hand).

    python tools/results.py           # rewrite book/results.md from book/results.yml
    python tools/results.py --check   # exit 1 if book/results.md is stale

``book/results.yml`` says, for every measured number, which notebook prints it and the
text printed just before it (``after``; ``skip`` values further along the same line
when several numbers share it; ``start`` to look only past some earlier text). The value
itself is read from the stored outputs, so re-executing a notebook and re-running this
tool is all it takes to update the page, and the test suite fails when the page and the
notebooks disagree.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "book" / "results.yml"
PAGE = ROOT / "book" / "results.md"
# A printed number: optional "<", sign, digits with thousands commas, decimals, exponent, %.
NUMBER = r"((?:<\s*)?[-+]?\d(?:[\d,]*\d)?(?:\.\d+)?(?:e[-+]?\d+)?%?)"
VALUE = re.compile(r"[\s:=|(]*" + NUMBER)  # right after the text, separators allowed

LATER = re.compile(r"[^\n]*?" + NUMBER)  # a later number on the same line

HEADER = """# Appendix: results

Every measured number in the book, in one place. Each value is read from the stored output
of the notebook that prints it (`tools/results.py`, from the list in `book/results.yml`);
the test suite re-runs every notebook with strict nbval and fails if this page is stale.

| chapter | experiment | metric | value | notebook |
|---|---|---|---|---|
"""


def output_text(path: Path) -> str:
    """All text a notebook printed or displayed, in order."""
    parts = []
    for cell in nbformat.read(path, as_version=4).cells:
        for output in cell.get("outputs", []):
            parts.append(output.get("text", ""))
            plain = output.get("data", {}).get("text/plain", "")
            parts.append(plain if isinstance(plain, str) else "".join(plain))
    return "\n".join(parts)


def find_value(text: str, after: str, skip: int = 0, start: str = "") -> str:
    """The number printed right after the first occurrence of ``after`` that has one
    (looking only past the first occurrence of ``start``, if given)."""
    begin = text.index(start) if start else 0
    for match in re.compile(re.escape(after)).finditer(text, begin):
        found = VALUE.match(text, match.end())
        for _ in range(skip):  # further numbers on the same line, words in between allowed
            found = found and LATER.match(text, found.end())
        if found:
            return re.sub(r"<\s*", "< ", found.group(1))
    raise LookupError(f"no number printed after {after!r}")


def render() -> str:
    """The results page, from the spec and the stored outputs."""
    lines = [HEADER]
    cache = {}
    for block in sorted(yaml.safe_load(SPEC.read_text()), key=lambda b: b["chapter"]):
        notebook = block["notebook"]
        if notebook not in cache:
            cache[notebook] = output_text(ROOT / notebook)
        link = f"[{Path(notebook).stem}](../{notebook})"
        for row in block["rows"]:
            value = find_value(cache[notebook], row["after"], row.get("skip", 0),
                               row.get("start", ""))
            cells = [str(block["chapter"]), row["experiment"], row["metric"], value, link]
            lines.append("| " + " | ".join(c.replace("|", "/") for c in cells) + " |\n")
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if book/results.md is stale")
    args = parser.parse_args()
    page = render()
    if args.check:
        if PAGE.read_text() != page:
            sys.exit("book/results.md is stale: run python tools/results.py (make results)")
        return
    PAGE.write_text(page)
    print(f"wrote {PAGE.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
