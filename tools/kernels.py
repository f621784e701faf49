"""The environment every Jupyter kernel and CLI tool started by our tooling runs in."""

import os
import sys
from pathlib import Path

BIN = Path(sys.executable).parent


def tool(name: str) -> str:
    """Path of a console script (otter, jupyter-book) installed beside this interpreter."""
    return str(BIN / name)


def kernel_env() -> dict:
    """This interpreter first on PATH (so kernels find its packages), a fixed hash seed, and
    the inline matplotlib backend: an inherited non-interactive backend (MPLBACKEND=Agg)
    would make figure cells produce no output."""
    env = dict(os.environ)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env["PYTHONHASHSEED"] = "0"
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    return env
