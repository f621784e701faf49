"""The command line shared by the tools that rewrite generated parts of notebooks
(helper_blocks.py, figure_notes.py): `write` rewrites stale notebooks in place, `check`
exits 1 naming them."""

import argparse
import sys
from pathlib import Path

import nbformat


def main(doc: str, refresh, default: list[Path], remedy: str) -> None:
    """Run ``refresh(nb) -> changed`` over notebooks; a ValueError names the notebook."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("action", choices=["write", "check"])
    parser.add_argument("notebooks", nargs="*", type=Path, default=default)
    args = parser.parse_args()
    stale = []
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        try:
            changed = refresh(nb)
        except ValueError as err:
            raise SystemExit(f"{path}: {err}") from None
        if changed:
            stale.append(path)
            if args.action == "write":
                nbformat.write(nb, path)
    for path in stale:
        print(("rewrote " if args.action == "write" else "stale ") + str(path))
    if stale and args.action == "check":
        sys.exit(remedy)
