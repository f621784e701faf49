"""Build the instructor edition of the book: the student edition plus the solutions.

    python tools/instructor_edition.py [--out _build/instructor]     # make book-instructor

The student edition (make book) never contains solutions/. This edition derives its
table of contents and configuration from the student ones (so the two cannot drift):
after each homework page it adds the master notebook with solutions and tests, and it
stops excluding solutions/. The output goes to <out>/_build/html.
"""

import argparse
import subprocess
import sys
from pathlib import Path

import yaml

from kernels import tool

ROOT = Path(__file__).resolve().parent.parent


def add_solutions(entries: list) -> list:
    """Copy of a toc entry list with solutions/<stem> after every exercises/<stem>."""
    result = []
    for entry in entries:
        entry = dict(entry)
        for key in ("sections", "chapters", "parts"):
            if key in entry:
                entry[key] = add_solutions(entry[key])
        result.append(entry)
        name = entry.get("file", "")
        if name.startswith("exercises/") and (ROOT / "solutions" / f"{name[10:]}.ipynb").exists():
            result.append({"file": f"solutions/{name[10:]}"})
    return result


def write_sources(folder: Path) -> tuple[Path, Path]:
    """Derive the instructor _toc.yml and _config.yml into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    toc["parts"] = add_solutions(toc["parts"])
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["title"] = f"{config['title']} (instructor edition)"
    config["exclude_patterns"] = [p for p in config["exclude_patterns"] if p != "solutions"]
    # Paths in the config are relative to its own folder; this copy lives elsewhere.
    local = config["sphinx"]["local_extensions"]
    config["sphinx"]["local_extensions"] = {name: str(ROOT / path) for name, path in local.items()}
    toc_path, config_path = folder / "_toc.yml", folder / "_config.yml"
    toc_path.write_text(yaml.safe_dump(toc, sort_keys=False))
    config_path.write_text(yaml.safe_dump(config, sort_keys=False))
    return toc_path, config_path


def build(out: Path) -> subprocess.CompletedProcess:
    """Build the instructor edition with warnings as errors."""
    toc_path, config_path = write_sources(out / "sources")
    cmd = [tool("jupyter-book"), "build", str(ROOT),
           "--toc", str(toc_path), "--config", str(config_path), "--path-output", str(out),
           "--warningiserror", "--nitpick", "--keep-going"]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "instructor")
    args = parser.parse_args()
    result = build(args.out.resolve())
    sys.stdout.write(result.stdout[-3000:])
    sys.stderr.write(result.stderr[-3000:])
    if result.returncode == 0:
        print(f"instructor edition: {args.out / '_build' / 'html' / 'index.html'}")
    sys.exit(result.returncode)


if __name__ == "__main__":
    main()
