"""The shared helpers (tools/book_helpers.py) and the notebook blocks generated from them."""

import ast
import re

import numpy as np
import pandas as pd
import pytest
import torch

import book_helpers as bh
import helper_blocks
from conftest import LECTURES, ids, read

# ---- the helpers themselves -------------------------------------------------------------


def test_set_seed_makes_every_generator_repeat():
    bh.set_seed(3)
    first = (np.random.rand(), torch.rand(1).item(), __import__("random").random())
    bh.set_seed(3)
    assert (np.random.rand(), torch.rand(1).item(), __import__("random").random()) == first
    assert torch.are_deterministic_algorithms_enabled()


@pytest.mark.parametrize("seed", [-1, 1.5, "0", True, None])
def test_set_seed_refuses_what_is_not_a_seed(seed):
    with pytest.raises(ValueError, match="non-negative integer"):
        bh.set_seed(seed)


def test_compare_prints_one_verdict_whether_exact_or_close(capsys):
    bh.compare("exact", np.ones(3), np.ones(3))
    bh.compare("close", torch.ones(3, dtype=torch.float64), np.ones(3) + 1e-13)
    bh.compare("relative", [1e6], [1e6 + 1e-3], rtol=1e-6)
    assert capsys.readouterr().out == (
        "exact: agree (max abs diff < 1e-10)\nclose: agree (max abs diff < 1e-10)\n"
        "relative: agree (max rel diff < 1e-06)\n")
    assert bh.CHECKS[-1] == ("relative", "agree (max rel diff < 1e-06)")


def test_compare_keeps_python_floats_in_float64(capsys):
    bh.compare("float64 scalar", 0.1 + 0.2, 0.3, atol=1e-15)  # float32 would differ by 1e-8
    assert "agree" in capsys.readouterr().out


@pytest.mark.parametrize("ours, theirs", [([1.0, 2.0], [1.0, 2.1]), ([np.nan], [np.nan]),
                                          ([1.0], [np.inf])])
def test_compare_fails_loudly_on_a_difference(ours, theirs, capsys):
    with pytest.raises(AssertionError, match="differs by"):
        bh.compare("weights", ours, theirs)
    assert "weights: DIFFERENT" in capsys.readouterr().out


@pytest.mark.parametrize("args, kwargs, error, says", [
    (("w", np.ones(3), np.ones(4)), {}, ValueError, "shapes differ"),
    (("w", np.ones((2, 3)), np.ones((3, 2))), {}, ValueError, "shapes differ"),
    (("", 1.0, 1.0), {}, TypeError, "non-empty name"),
    ((np.ones(2), np.ones(2), np.ones(2)), {}, TypeError, "non-empty name"),
    (("w", 1.0, 1.0), {"atol": 0}, ValueError, "tolerance must be positive"),
    (("w", 1.0, 1.0), {"rtol": -1e-6}, ValueError, "tolerance must be positive"),
])
def test_compare_bad_input(args, kwargs, error, says):
    with pytest.raises(error, match=says):
        bh.compare(*args, **kwargs)


def test_check_shape_accepts_wildcards_and_shows_on_request(capsys):
    bh.check_shape(torch.zeros(2, 5, 3), (2, None, 3), "batch")
    bh.check_shape(np.zeros((4,)), (4,), "logits", show=True)
    assert capsys.readouterr().out == "logits: shape (4,)\n"


@pytest.mark.parametrize("x, shape, says", [
    (np.zeros((3, 2)), (2, 3), r"W has shape \(3, 2\), expected \(2, 3\)"),   # transposed
    (np.zeros((3,)), (3, 1), r"expected \(3, 1\)"),                          # missing axis
    (np.zeros((2, 3, 4)), (2, None), r"expected \(2, \*\)"),                 # extra axis
])
def test_check_shape_names_the_mismatch(x, shape, says):
    with pytest.raises(ValueError, match=says):
        bh.check_shape(x, shape, "W")


def test_check_shape_refuses_what_has_no_shape():
    with pytest.raises(TypeError, match="W has no shape: got list"):
        bh.check_shape([[1, 2]], (1, 2), "W")


def test_tokenize():
    assert bh.tokenize("It's NOT the 2nd time -- isn't it?") == [
        "it's", "not", "the", "2nd", "time", "isn't", "it"]
    with pytest.raises(TypeError, match="expects a string, got list"):
        bh.tokenize(["a"])


def test_load_play_reads_the_spoken_text():
    text = bh.load_play("tragedies/hamlet.md")
    assert text.startswith("BERNARDO") or "Who's there?" in text[:200]
    assert "**" not in text and "\n\n\n" not in text and not text.startswith("#")


@pytest.mark.parametrize("play, error, says", [
    ("tragedies/no-such-play.md", FileNotFoundError, "no play 'tragedies/no-such-play.md'"),
    ("hamlet", ValueError, "a path like 'tragedies/hamlet.md'"),
    (3, ValueError, "a path like"),
])
def test_load_play_bad_input(play, error, says):
    with pytest.raises(error, match=says):
        bh.load_play(play)


def test_load_movie_reviews():
    reviews = bh.load_movie_reviews()
    assert isinstance(reviews, pd.DataFrame) and len(reviews) == 10605
    assert {"id", "sentiment", "text"} <= set(reviews.columns)


def test_a_missing_data_package_names_the_install_command():
    with pytest.raises(ModuleNotFoundError,
                       match=r"package nosuchpkg: pip install --no-deps nosuchpkg==1\.0"):
        bh.data_package_folder("nosuchpkg", "nosuchpkg==1.0")


# ---- the generator ----------------------------------------------------------------------

SOURCE = '''
import numpy as np

SCALE = 2.0  # a constant


def double(x):
    """Twice x."""
    return SCALE * np.asarray(x)


def unused():
    """Never asked for."""
'''


def test_a_block_brings_its_dependencies_and_nothing_else():
    body, needs = helper_blocks.block_body(["double"], SOURCE)
    assert body.startswith("SCALE = 2.0  # a constant\n\n\ndef double(x):")
    assert "unused" not in body and needs == {"np"}


def test_regenerate_rewrites_a_stale_block_and_keeps_the_rest():
    cell = ("import numpy as np\n# >>> book helpers: double\nold copy\n# <<< book helpers\n"
            "print(double(1))")
    new = helper_blocks.regenerate(cell, "", SOURCE)
    assert new.startswith("import numpy as np\n# >>> book helpers: double\n" + helper_blocks.NOTE)
    assert "old copy" not in new and new.endswith("# <<< book helpers\nprint(double(1))")
    assert helper_blocks.regenerate(new, "", SOURCE) == new  # stable


@pytest.mark.parametrize("cell, says", [
    ("# >>> book helpers: triple\n# <<< book helpers", r"unknown helpers \['triple'\]"),
    ("# >>> book helpers: double\n# <<< book helpers", r"use \['np'\]: import them"),
    ("import numpy as np\n# >>> book helpers: double\n", "without its end line"),
    ("# <<< book helpers", "without"),
    ("import numpy as np\n# >>> book helpers: \n# <<< book helpers", "unknown helpers"),
])
def test_regenerate_bad_blocks(cell, says):
    with pytest.raises(helper_blocks.BlockError, match=says):
        helper_blocks.regenerate(cell, "", SOURCE)


# ---- the notebooks ------------------------------------------------------------------------

SHARED = {name for name, (_, _, _, is_function) in
          helper_blocks._definitions(helper_blocks.SOURCE.read_text())[0].items() if is_function}
BLOCK = re.compile(r"^# >>> book helpers: .*?^# <<< book helpers$", re.MULTILINE | re.DOTALL)


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_helper_blocks_are_current(path):
    nb = read(path)
    assert helper_blocks.regenerate_notebook(nb) == [], (
        f"{path.name}: a helper block differs from tools/book_helpers.py; run `make helpers` "
        "and re-execute the notebook")


@pytest.mark.parametrize("path", LECTURES, ids=ids(LECTURES))
def test_no_hand_made_copy_of_a_shared_helper(path):
    """Outside the generated blocks, no notebook defines a function of book_helpers."""
    nb = read(path)
    assert BLOCK.search(nb.cells[1].source), f"{path.name}: the setup cell has no helper block"
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        outside = BLOCK.sub("", cell.source)
        defined = {node.name for node in ast.walk(ast.parse(
            helper_blocks.TransformerManager().transform_cell(outside)))
            if isinstance(node, ast.FunctionDef)}
        assert not defined & SHARED, (
            f"{path.name} cell {index} defines {sorted(defined & SHARED)} by hand: ask for "
            "it in a helper block instead")


def test_book_style_pairs_every_colour_with_its_own_line_style():
    import matplotlib.pyplot as plt

    assert len(bh.BOOK_COLORS) == len(set(bh.BOOK_COLORS)) == len(bh.BOOK_LINESTYLES)
    assert len({str(style) for style in bh.BOOK_LINESTYLES}) == len(bh.BOOK_LINESTYLES)
    bh.set_book_style()
    cycle = list(plt.rcParams["axes.prop_cycle"])
    assert [c["color"] for c in cycle] == bh.BOOK_COLORS
    assert [c["linestyle"] for c in cycle] == bh.BOOK_LINESTYLES
