"""The shared helpers (tools/book_helpers.py) and the notebook blocks generated from them."""

import ast
import re

import numpy as np
import pandas as pd
import pytest
import torch

import book_helpers as bh
import helper_blocks
from conftest import LECTURES, MASTERS, ids, read

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


@pytest.mark.parametrize("path", LECTURES + MASTERS, ids=ids(LECTURES + MASTERS))
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


# ---- the GPT-shaped model of the trained tier and its windowed evaluation ----

def test_char_transformer_is_causal_and_gpt_sized():
    torch.manual_seed(0)
    model = bh.CharTransformer(63, 128, 4, 4, 64).eval()
    # nanoGPT's shape at width 128, 4 layers, 4 heads, context 64: about 0.82 M parameters
    assert sum(p.numel() for p in model.parameters()) == 817_727
    ids = torch.randint(0, 63, (2, 20))
    changed = ids.clone()
    changed[:, 12:] = (changed[:, 12:] + 1) % 63  # a different future
    with torch.no_grad():
        a, state = model(ids)
        b, _ = model(changed)
    assert state is None and a.shape == (2, 20, 63)
    assert torch.allclose(a[:, :12], b[:, :12], atol=1e-6)  # the past does not see it
    assert not torch.allclose(a[:, 12:], b[:, 12:])


@pytest.mark.parametrize("kwargs, error, says", [
    ({"n_embed": 130}, ValueError, "multiple of n_heads"),
    ({"dropout": 1.0}, ValueError, r"dropout must be in \[0, 1\)"),
])
def test_char_transformer_bad_settings(kwargs, error, says):
    settings = {"n_tokens": 63, "n_embed": 128, "n_heads": 4, "n_layers": 1, "context": 8,
                **kwargs}
    with pytest.raises(error, match=says):
        bh.CharTransformer(**settings)


def test_char_transformer_bad_input():
    model = bh.CharTransformer(63, 16, 2, 1, 8)
    with pytest.raises(ValueError, match="at most 8 tokens, got 9"):
        model(torch.zeros(1, 9, dtype=torch.long))
    with pytest.raises(ValueError, match="carries no state"):
        model(torch.zeros(1, 4, dtype=torch.long), state=torch.zeros(1))


@pytest.mark.parametrize("length", [2, 5, 8, 9, 17, 30, 33])
def test_evaluate_windows_scores_every_token_once_with_half_a_context(length, monkeypatch):
    seen = []  # (target index, how many tokens of the past the model read for it)

    class Probe(torch.nn.Module):
        context, kind = 8, "GPT"

        def forward(self, ids, state=None):
            seen.append(ids[0].tolist())
            return torch.zeros(1, ids.shape[1], 50), None

    scored = []
    original = bh.sequence_loss

    def counting(logits, targets, reduction="mean"):
        scored.extend(targets.flatten().tolist())
        return original(logits, targets, reduction)

    monkeypatch.setattr(bh, "sequence_loss", counting)
    loss = bh.evaluate_windows(Probe(), torch.arange(length))
    assert scored == list(range(1, length))  # every target once, in order
    assert loss == pytest.approx(np.log(50))
    # after the first window, every scored target had at least half a context before it
    for window in seen[1:]:
        assert len(window) > 4


def test_evaluate_windows_bad_input():
    with pytest.raises(ValueError, match="at least 2 tokens"):
        bh.evaluate_windows(bh.CharTransformer(63, 16, 2, 1, 8), torch.tensor([3]))


# ---- minGRU: the scan in log space against the step-by-step recurrence ----

@pytest.mark.parametrize("with_state", [False, True])
def test_mingru_scan_equals_the_step_by_step_recurrence(with_state):
    torch.manual_seed(0)
    layer = bh.MinGRU(5, 7, dtype=torch.float64)
    x = 3 * torch.randn(3, 40, 5, dtype=torch.float64)  # gates near 0 and 1 as well
    h0 = torch.rand(3, 7, dtype=torch.float64) + 0.1 if with_state else None
    states, last = layer(x, h0)
    h = torch.zeros(3, 7, dtype=torch.float64) if h0 is None else h0
    steps = []
    for t in range(40):
        h = layer.step(x[:, t], h)
        steps.append(h)
    assert torch.allclose(states, torch.stack(steps, dim=1), rtol=1e-12, atol=1e-13)
    assert torch.equal(last, states[:, -1])


def test_mingru_language_model_carries_its_state_across_chunks():
    torch.manual_seed(0)
    model = bh.MinGRULanguageModel(11, 6, 8, n_layers=2).double().eval()
    ids = torch.randint(0, 11, (2, 30))
    whole, _ = model(ids)
    first, state = model(ids[:, :13])
    second, _ = model(ids[:, 13:], state)
    assert torch.allclose(torch.cat([first, second], dim=1), whole, atol=1e-12)


def test_mingru_bad_input():
    layer = bh.MinGRU(5, 7)
    with pytest.raises(ValueError, match=r"x has shape \(2, 3, 4\), expected \(\*, \*, 5\)"):
        layer(torch.randn(2, 3, 4))
    with pytest.raises(ValueError, match=r"h0 has shape \(3, 7\), expected \(2, 7\)"):
        layer(torch.randn(2, 3, 5), torch.rand(3, 7))
    with pytest.raises(ValueError, match=r"dropout must be in \[0, 1\)"):
        bh.MinGRULanguageModel(11, 6, 8, dropout=1.5)


def test_language_model_builds_each_kind_a_checkpoint_config_names():
    lstm = bh.language_model({"kind": "LSTM", "n_embed": 4, "n_hidden": 6, "n_layers": 2,
                              "dropout": 0.0}, n_tokens=7)
    assert isinstance(lstm, bh.LanguageModel) and lstm.rnn.hidden_size == 6
    mingru = bh.language_model({"kind": "minGRU", "n_embed": 4, "n_hidden": 6, "n_layers": 3,
                                "dropout": 0.0}, n_tokens=7)
    assert isinstance(mingru, bh.MinGRULanguageModel) and len(mingru.layers) == 3
    gpt = bh.language_model({"kind": "GPT", "n_embed": 8, "n_heads": 2, "n_layers": 1,
                             "context": 5, "dropout": 0.0}, n_tokens=7)
    assert isinstance(gpt, bh.CharTransformer) and gpt.context == 5
    for model in (lstm, mingru, gpt):
        assert model(torch.zeros(2, 5, dtype=torch.long))[0].shape == (2, 5, 7)
    with pytest.raises(ValueError, match="config must be a dict with a 'kind'"):
        bh.language_model({"n_embed": 4}, n_tokens=7)
    with pytest.raises(ValueError, match="kind must be one of"):
        bh.language_model({"kind": "Transformer", "n_embed": 4, "n_hidden": 6}, n_tokens=7)
