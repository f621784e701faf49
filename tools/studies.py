"""Seed studies: a notebook's own training code run over several seeds, stored with provenance.

A comparison drawn from training (A beats B, a setting helps) must hold over seeds, and
five seeds of every arm rarely fit a notebook's 60-second live run. So the notebook keeps
its training code visible, and this tool runs that same code over seeds and stores what it
measured, the way the trained tier stores checkpoints:

- code cells tagged ``study`` hold definitions only (data, models, the training function);
- one of them defines ``STUDIES = {"chNN-name": {"arms": {arm: config}, "seeds": [...]}}``
  and ``study_run(name, config, seed, max_steps=None) -> {"metrics": {...}, "losses": [...]}``;
- ``run`` executes the notebook's first code cell (its setup) and its ``study`` cells in a
  fresh namespace, on one thread, then every arm and seed, saving after each run (a stopped
  run resumes), into ``trained/studies/NAME.json``: settings, per-run metrics, the first
  training losses, CPU seconds, and the sha256 of the study cells' source;
- the notebook reads the file with the book helper ``load_study`` and asserts its claim on
  the spread; ``tests/test_studies.py`` fails when the stored study is stale (the cells
  changed) and re-runs the first updates of one seed to show the stored losses are this
  code's.

    python tools/studies.py list                 # every study, its notebook and state
    python tools/studies.py run NAME [NAME ...]  # run (or finish) studies
    python tools/studies.py check NAME           # the provenance check the tests run
"""

import argparse
import ast
import hashlib
import json
import os
import sys
import time
from pathlib import Path

import nbformat
from IPython.core.inputtransformer2 import TransformerManager

ROOT = Path(__file__).resolve().parent.parent
STUDIES_DIR = ROOT / "trained" / "studies"
TAG = "study"
FIRST_LOSSES = 10  # the training losses stored per run, for the provenance check
CHECK_STEPS = 3  # the updates the provenance check re-runs
CHECK_RTOL = 1e-4  # float32 sums differ between CPUs in the last digits, not more


class StudyError(RuntimeError):
    """A study that cannot be found, run or trusted."""


def study_cells(notebook: Path) -> list[str]:
    """The sources of the notebook's setup cell and its ``study`` cells, in order."""
    code = [c for c in nbformat.read(notebook, as_version=4).cells if c.cell_type == "code"]
    if not code:
        return []
    tagged = [c.source for c in code[1:] if TAG in c.metadata.get("tags", [])]
    return [code[0].source, *tagged] if tagged else []


def code_sha256(sources: list[str]) -> str:
    """The sha256 of the study's code: its cells' sources joined in order."""
    return hashlib.sha256("\n# --- cell ---\n".join(sources).encode()).hexdigest()


def declared_names(sources: list[str]) -> list[str]:
    """The study names that the cells' ``STUDIES = {...}`` literal declares."""
    names = []
    for source in sources[1:]:
        tree = ast.parse(TransformerManager().transform_cell(source))
        for node in tree.body:
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "STUDIES" for t in node.targets):
                if not isinstance(node.value, ast.Dict):
                    raise StudyError("STUDIES must be a dict literal of study names")
                names += [ast.literal_eval(k) for k in node.value.keys]
    return names


def find_notebooks() -> dict[str, Path]:
    """{study name: notebook} over the lecture notebooks."""
    found = {}
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for name in declared_names(study_cells(notebook)):
            if name in found:
                raise StudyError(f"study {name!r} is declared in {found[name].name} "
                                 f"and {notebook.name}")
            found[name] = notebook
    return found


def notebook_of(name: str) -> Path:
    """The notebook that declares the study ``name``, or a clear error."""
    found = find_notebooks()
    if name not in found:
        raise StudyError(f"no notebook declares the study {name!r} (known: "
                         f"{', '.join(sorted(found)) or 'none'})")
    return found[name]


def load_namespace(notebook: Path) -> tuple[dict, str]:
    """Execute the setup and ``study`` cells of ``notebook`` on one thread; the namespace
    and the code's sha256."""
    import matplotlib

    matplotlib.use("Agg")
    import torch

    torch.set_num_threads(1)
    sources = study_cells(notebook)
    if not sources:
        raise StudyError(f"{notebook.name} has no cells tagged {TAG!r}")
    namespace = {"__name__": "__study__"}
    cwd = os.getcwd()
    os.chdir(notebook.parent)  # where the notebook itself runs
    try:
        for source in sources:
            exec(compile(TransformerManager().transform_cell(source), str(notebook), "exec"),
                 namespace)
    finally:
        os.chdir(cwd)
    for needed in ("STUDIES", "study_run"):
        if needed not in namespace:
            raise StudyError(f"{notebook.name}: the {TAG!r} cells must define {needed}")
    return namespace, code_sha256(sources)


def stored_path(name: str) -> Path:
    """Where the study ``name`` is stored."""
    return STUDIES_DIR / f"{name}.json"


def check_result(name, result) -> dict:
    """``result`` of study_run as plain JSON data, or a clear error."""
    if not isinstance(result, dict) or set(result) != {"metrics", "losses"}:
        keys = sorted(result) if isinstance(result, dict) else type(result).__name__
        raise StudyError(f"{name}: study_run must return {{'metrics': ..., 'losses': ...}}, "
                         f"got {keys}")
    losses = [float(x) for x in result["losses"]]
    if not losses:
        raise StudyError(f"{name}: study_run returned no training losses")
    metrics = json.loads(json.dumps(result["metrics"], default=float))
    return {"metrics": metrics, "losses": losses}


def run(name: str, log=print) -> dict:
    """Run every arm and seed of ``name`` not stored yet (all of them if the code changed)."""
    notebook = notebook_of(name)
    namespace, digest = load_namespace(notebook)
    spec = namespace["STUDIES"][name]
    arms, seeds = spec["arms"], list(spec["seeds"])
    path = stored_path(name)
    stored = json.loads(path.read_text()) if path.is_file() else None
    if (stored is None or stored.get("code_sha256") != digest or stored.get("arms") != arms
            or stored.get("seeds") != seeds):
        stored = {"name": name, "notebook": f"notebooks/{notebook.name}",
                  "code_sha256": digest, "arms": arms, "seeds": seeds, "runs": {}}
    path.parent.mkdir(parents=True, exist_ok=True)
    for arm, config in arms.items():
        for seed in seeds:
            if str(seed) in stored["runs"].get(arm, {}):
                continue
            start = time.process_time()
            result = check_result(name, namespace["study_run"](name, config, seed))
            seconds = time.process_time() - start
            stored["runs"].setdefault(arm, {})[str(seed)] = {
                "metrics": result["metrics"], "first_losses": result["losses"][:FIRST_LOSSES],
                "updates": len(result["losses"]), "cpu_seconds": round(seconds, 1)}
            path.write_text(json.dumps(stored, indent=1) + "\n")  # resume from here
            log(f"{name}: {arm} seed {seed}: {result['metrics']} ({seconds:.1f} CPU s)")
    path.write_text(json.dumps(stored, indent=1) + "\n")
    return stored


def check(name: str) -> str:
    """Raise StudyError unless the stored study is complete, current and reproduced by its
    first updates; return a one-line summary."""
    path = stored_path(name)
    if not path.is_file():
        raise StudyError(f"study {name!r} is not stored: run `make study NAME={name}`")
    stored = json.loads(path.read_text())
    notebook = notebook_of(name)
    digest = code_sha256(study_cells(notebook))
    if stored.get("code_sha256") != digest:
        raise StudyError(f"study {name!r} is stale: {notebook.name}'s study cells changed "
                         f"since it ran; rerun `make study NAME={name}`")
    namespace, _ = load_namespace(notebook)
    spec = namespace["STUDIES"][name]
    if stored["arms"] != spec["arms"] or stored["seeds"] != list(spec["seeds"]):
        raise StudyError(f"study {name!r} is stale: its arms or seeds changed; rerun "
                         f"`make study NAME={name}`")
    missing = [f"{arm}/{seed}" for arm in spec["arms"] for seed in spec["seeds"]
               if str(seed) not in stored["runs"].get(arm, {})]
    if missing:
        raise StudyError(f"study {name!r} is incomplete ({', '.join(missing)}): "
                         f"`make study NAME={name}` finishes it")
    arm = next(iter(spec["arms"]))
    seed = spec["seeds"][0]
    result = check_result(name, namespace["study_run"](name, spec["arms"][arm], seed,
                                                       max_steps=CHECK_STEPS))
    fresh = result["losses"][:CHECK_STEPS]
    logged = stored["runs"][arm][str(seed)]["first_losses"][:CHECK_STEPS]
    if len(fresh) != len(logged) or any(abs(a - b) > CHECK_RTOL * max(abs(b), 1e-12)
                                        for a, b in zip(fresh, logged, strict=True)):
        raise StudyError(f"study {name!r}: the first {CHECK_STEPS} updates of {arm} seed {seed} "
                         f"give losses {fresh}, the stored run logged {logged}")
    return f"{name}: current, {len(spec['arms'])} arms x {len(spec['seeds'])} seeds, " \
           f"first {CHECK_STEPS} losses of {arm} seed {seed} reproduced"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list")
    for command in ("run", "check"):
        sub.add_parser(command).add_argument("names", nargs="*")
    args = parser.parse_args(argv)
    found = find_notebooks()
    if args.command == "list":
        for name, notebook in sorted(found.items()):
            path = stored_path(name)
            state = "stored" if path.is_file() else "not run"
            print(f"{name}: {notebook.relative_to(ROOT)} ({state})")
        return 0
    names = args.names or sorted(found)
    try:
        for name in names:
            print(run(name)["name"] + ": done" if args.command == "run" else check(name))
    except StudyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
