"""Provenance of the trained tier (trained/): every checkpoint is what its recipe makes.

- The manifest lists every recipe; each checkpoint is on disk, matches its sha256 and stays
  within the size limits (4 MB a file, 16 MB in all).
- Re-running the first steps of each recipe reproduces the losses its log recorded, within
  the tolerance the book allows float32 training on another CPU.
- A missing or corrupt checkpoint fails with a message that names the command rebuilding it.
- The notebook's evaluation of each checkpoint reproduces the logged validation loss: the
  chapter 10 notebook asserts it, and nbval runs it (tests/../notebooks/ch10_trained.ipynb).
"""

import csv
import json
import re
import shutil
import sys

import pytest
import torch
import yaml

import book_helpers as bh
import nbtolerance
from conftest import ROOT

sys.path.insert(0, str(ROOT / "trained"))
import recipes  # noqa: E402

MANIFEST = json.loads(recipes.MANIFEST.read_text())
FIRST_STEPS = 3
# The any-CPU tolerance for float32 training: the first steps agree to far better than this.
TRAINING = nbtolerance.tolerance_of({"tolerance": {
    "rel": 1e-4, "abs": 0.0, "why": "float32 training on another CPU's vector instructions"}})


def test_the_manifest_lists_every_recipe_and_nothing_else():
    assert sorted(MANIFEST) == sorted(recipes.RECIPES)


@pytest.mark.parametrize("name", sorted(recipes.RECIPES))
def test_each_checkpoint_matches_its_manifest_entry(name):
    entry = MANIFEST[name]
    path = recipes.TRAINED / entry["file"]
    assert path.is_file(), f"missing {path}: run `{recipes.rebuild_command(name)}`"
    assert bh.file_sha256(path) == entry["sha256"]
    assert path.stat().st_size == entry["bytes"] <= 4 * 2**20
    assert entry["recipe"] == recipes.RECIPES[name], "the recipe changed since it was trained"
    saved = torch.load(path, weights_only=True)
    assert all(v.dtype == torch.float16 for v in saved["state_dict"].values())
    assert sum(v.numel() for v in saved["state_dict"].values()) == entry["parameters"]
    log = recipes.read_log(name)
    assert len(log) == entry["steps"] == recipes.RECIPES[name]["steps"]
    assert [row["step"] for row in log] == list(range(1, len(log) + 1))
    assert log[-1]["cpu_seconds"] == entry["train_cpu_seconds"]
    # the log's last validation loss is of the float32 weights, the manifest's of the stored
    # float16 ones: rounding the weights costs almost nothing
    assert abs(log[-1]["val_loss"] - entry["val_loss"]) < 0.01


def test_the_whole_tier_fits_its_size_budget():
    assert sum(entry["bytes"] for entry in MANIFEST.values()) <= 16 * 2**20


@pytest.mark.parametrize("name", sorted(recipes.RECIPES))
def test_the_first_steps_of_each_recipe_reproduce_its_log(name):
    fresh = recipes.train(name, steps=FIRST_STEPS, write=False, quiet=True)
    logged = [row["train_loss"] for row in recipes.read_log(name)[:FIRST_STEPS]]
    problem = nbtolerance.first_mismatch(" ".join(f"{x:.6f}" for x in logged),
                                         " ".join(f"{x:.6f}" for x in fresh), TRAINING)
    assert problem is None, f"{name}: {problem}"


def test_a_changed_recipe_would_not_reproduce_the_log():
    # The check above can fail: one more hidden unit changes the very first loss.
    recipe = dict(recipes.RECIPES["char-rnn"], n_hidden=257)
    original = recipes.RECIPES["char-rnn"]
    recipes.RECIPES["char-rnn"] = recipe
    try:
        fresh = recipes.train("char-rnn", steps=1, write=False, quiet=True)
    finally:
        recipes.RECIPES["char-rnn"] = original
    logged = recipes.read_log("char-rnn")[0]["train_loss"]
    assert nbtolerance.first_mismatch(f"{logged:.6f}", f"{fresh[0]:.6f}", TRAINING) is not None


@pytest.fixture
def copied_tier(tmp_path, monkeypatch):
    """A copy of the repository's trained/ folder, the working directory inside it."""
    tier = tmp_path / "trained"
    shutil.copytree(recipes.TRAINED, tier, ignore=shutil.ignore_patterns("work", "__pycache__"))
    monkeypatch.chdir(tmp_path)
    return tier


def test_a_checkpoint_loads_in_eval_mode_with_its_manifest_parameters(copied_tier):
    model, entry = bh.load_checkpoint("word-lstm")
    assert not model.training
    assert sum(p.numel() for p in model.parameters()) == entry["parameters"]


def test_a_missing_checkpoint_names_the_command_that_rebuilds_it(copied_tier):
    (copied_tier / MANIFEST["char-rnn"]["file"]).unlink()
    with pytest.raises(FileNotFoundError, match=re.escape("make train MODEL=char-rnn")):
        bh.load_checkpoint("char-rnn")


def test_a_corrupt_checkpoint_names_the_command_that_rebuilds_it(copied_tier):
    path = copied_tier / MANIFEST["char-gru"]["file"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of the weights
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match=r"corrupt.*" + re.escape("make train MODEL=char-gru")):
        bh.load_checkpoint("char-gru")


def test_an_unknown_model_or_a_missing_manifest_says_what_to_run(copied_tier):
    with pytest.raises(KeyError, match="no trained model 'char-lstm-huge'"):
        bh.load_checkpoint("char-lstm-huge")
    (copied_tier / "manifest.json").unlink()
    with pytest.raises(FileNotFoundError, match=re.escape("make train")):
        bh.load_checkpoint("char-rnn")


def test_the_fetch_url_is_the_repository_of_config_yml():
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    owner_repo = config["url"].removeprefix("https://github.com/").strip("/")
    assert bh.TRAINED_URL == (f"https://raw.githubusercontent.com/{owner_repo}/"
                              f"{config['branch']}/trained/")


def test_recipes_refuse_an_unknown_name():
    with pytest.raises(recipes.RecipeError, match="no recipe 'char-transformer'"):
        recipes.train("char-transformer", steps=1, write=False)


def test_opened_alone_a_notebook_fetches_and_checks_the_checkpoint(tmp_path, monkeypatch):
    # As on Colab: no repository on disk. The fetch goes to a local server holding a copy of
    # trained/, the cache to a temporary home; a corrupted copy on the server is refused.
    from test_book import serve

    served = tmp_path / "served"
    shutil.copytree(recipes.TRAINED, served, ignore=shutil.ignore_patterns("work", "*.py"))
    elsewhere = tmp_path / "colab"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setattr(bh.Path, "home", lambda: tmp_path / "home")
    assert bh.trained_folder() is None
    with serve(served) as base:
        monkeypatch.setattr(bh, "TRAINED_URL", base + "/")
        model, entry = bh.load_checkpoint("char-rnn")
        assert entry["sha256"] == MANIFEST["char-rnn"]["sha256"]
        cached = tmp_path / "home" / ".cache" / "sequence-models" / "trained"
        assert (cached / "checkpoints" / "char-rnn.pt").is_file()
        path = served / MANIFEST["char-gru"]["file"]
        path.write_bytes(path.read_bytes()[:-100])  # a truncated download
        with pytest.raises(ValueError, match="corrupt.*delete it to fetch it again"):
            bh.load_checkpoint("char-gru")


# ---- the search for the settings on the development play (trained/trials.py) ----

import trials  # noqa: E402


def test_the_development_split_holds_out_pericles_and_never_reads_the_tempest(monkeypatch):
    read = []
    monkeypatch.setattr(recipes.bh, "load_chars", lambda play: read.append(play) or "ab")
    monkeypatch.setattr(recipes, "_DATA", {})
    recipes.load_data("chars", "dev")
    *train_plays, val_play = read
    assert val_play == recipes.DEV_PLAY == "romances/pericles.md"
    assert len(train_plays) == 36 and recipes.DEV_PLAY not in train_plays
    assert not any("tempest" in play for play in read)
    with pytest.raises(recipes.RecipeError, match="unknown split 'tempest'"):
        recipes.load_data("chars", "tempest")


def test_the_search_fixes_each_stage_by_the_lowest_development_loss():
    trials_so_far, chosen = trials.plan({})
    assert chosen == {"char dropout": None, "gpt dropout": None, "word dropout": None,
                      "mingru lr": None}
    assert all(r["split"] == "dev" for _, r in trials_so_far)
    # the LSTM's dropout trials finish: 0.2 is lowest, at the grid's edge, so 0.3 is tried
    done = {"char-lstm-d0.05-lr0.004-s0": 1.70, "char-lstm-d0.1-lr0.004-s0": 1.69,
            "char-lstm-d0.2-lr0.004-s0": 1.68}
    names = [name for name, _ in trials.plan(done)[0]]
    assert "char-lstm-d0.3-lr0.004-s0" in names and trials.plan(done)[1]["char dropout"] is None
    # 0.3 is worse: 0.2 is inside the grid now, and the rate trials use it
    done["char-lstm-d0.3-lr0.004-s0"] = 1.685
    names = [name for name, _ in trials.plan(done)[0]]
    assert trials.plan(done)[1]["char dropout"] == 0.2
    assert {"char-lstm-d0.2-lr0.002-s0", "char-lstm-d0.2-lr0.008-s0"} <= set(names)
    assert len(names) == len(set(names))  # the shared trial (lr 0.004) is not run twice
    # the rate 0.008 wins: the RNN and GRU are trained with it, not before
    assert not any(name.startswith(("char-rnn", "char-gru")) for name in names)
    done |= {"char-lstm-d0.2-lr0.002-s0": 1.75, "char-lstm-d0.2-lr0.008-s0": 1.60,
             "char-lstm-d0.2-lr0.016-s0": 1.62}
    names = [name for name, _ in trials.plan(done)[0]]
    assert {"char-rnn-d0.2-lr0.008-s0", "char-gru-d0.2-lr0.008-s0"} <= set(names)
    # chapter 12's minGRU model takes the LSTM's dropout and searches its own rate
    assert {f"char-mingru-d0.2-lr{lr:g}-s0" for lr in (0.004, 0.008, 0.016)} <= set(names)
    done |= {"char-mingru-d0.2-lr0.004-s0": 1.80, "char-mingru-d0.2-lr0.008-s0": 1.78,
             "char-mingru-d0.2-lr0.016-s0": 1.79}
    assert trials.plan(done)[1]["mingru lr"] == 0.008
    assert not any(name.endswith("-s1") for name, _ in trials.plan(done)[0])  # GPT rate open
    # a best value at the end of its ladder is a choice: dropout 0 for the GPT-shaped model
    done |= {"char-gpt-d0-lr0.002-s0": 1.7, "char-gpt-d0.1-lr0.002-s0": 1.8}
    assert trials.plan(done)[1]["gpt dropout"] == 0.0
    # while any choice is open the tier is not done; the models chosen so far can be scored
    assert trials.tier(done) is None
    partial = trials.tier(done, complete=False)
    assert sorted(partial) == ["char-gru", "char-lstm", "char-mingru", "char-rnn"]
    assert partial["char-mingru"]["lr"] == 0.008 and partial["char-gru"]["dropout"] == 0.2
    assert trials.seed_runs(done)["char-gru"] == [f"char-gru-d0.2-lr0.008-s{seed}"
                                                  for seed in (0, 1, 2)]


TRIALS = (json.loads(recipes.TRIALS_MANIFEST.read_text())
          if recipes.TRIALS_MANIFEST.exists() else {})


@pytest.mark.parametrize("name", sorted(TRIALS))
def test_each_finished_trial_is_its_recipe_with_its_whole_curve(name):
    entry = TRIALS[name]
    assert trials.trial_name(entry["recipe"]) == name
    assert entry["recipe"]["split"] == "dev", "the search reads the development play only"
    with open(recipes.TRIAL_LOGS / f"{name}.csv") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == entry["steps"] == entry["recipe"]["steps"]
    assert float(rows[-1]["cpu_seconds"]) == entry["train_cpu_seconds"]
    assert abs(float(rows[-1]["val_loss"]) - entry["val_loss"]) < 0.01
    assert entry["command"] == "python trained/trials.py work"


def test_the_first_steps_of_a_trial_reproduce_its_log():
    if not TRIALS:
        pytest.skip("no trial has finished yet")
    name = sorted(TRIALS)[0]
    fresh = recipes.run(name, TRIALS[name]["recipe"], steps=FIRST_STEPS, write=False, quiet=True)
    with open(recipes.TRIAL_LOGS / f"{name}.csv") as f:
        logged = [float(row["train_loss"]) for row in csv.DictReader(f)][:FIRST_STEPS]
    problem = nbtolerance.first_mismatch(" ".join(f"{x:.6f}" for x in logged),
                                         " ".join(f"{x:.6f}" for x in fresh), TRAINING)
    assert problem is None, f"{name}: {problem}"


@pytest.fixture
def tiny_trials(tmp_path, monkeypatch):
    """A temporary trials tree with three tiny finished trials (LSTM, minGRU, GPT-shaped)."""
    for attr, sub in [("TRAINED", ""), ("TRIAL_CHECKPOINTS", "work/trials"), ("WORK", "work"),
                      ("TRIAL_LOGS", "trials"), ("TRIALS_MANIFEST", "trials/manifest.json")]:
        monkeypatch.setattr(recipes, attr, tmp_path / sub)
    train_ids, val_ids, n_tokens, extra = recipes.load_data("chars", "dev")
    monkeypatch.setitem(recipes._DATA, ("chars", "dev"),  # the first pages of the plays
                        (train_ids[:8192], val_ids[:1024], n_tokens, extra))
    tiny = {"n_embed": 8, "n_hidden": 16, "n_layers": 2, "steps": 2, "eval_every": 0, "k": 16}
    made = {}
    for kind, extra in [("LSTM", {}), ("minGRU", {}), ("GPT", {"n_heads": 2})]:
        recipe = {**trials.char_recipe(kind, 0.0, 0.004), **tiny, **extra}
        made[kind] = trials.trial_name(recipe)
        recipes.run(made[kind], recipe, write=True, quiet=True, trial=True)
    return made


def test_the_test_play_is_read_with_the_vocabulary_the_dev_models_learnt():
    words = recipes.test_ids("words")
    _, _, n_words, vocab = recipes.load_data("words", "dev")
    _, test_plays = bh.split_plays()
    tokens = bh.tokenize_lm("\n".join(bh.load_play(p) for p in test_plays))
    assert len(words) == len(tokens) and int(words.max()) < n_words
    first = [vocab.get(tok, 0) for tok in tokens[:200]]
    assert words[:200].tolist() == first  # the 36 plays' vocabulary
    assert first != bh.encode_tokens(tokens[:200], recipes.load_data("words", "test")[3]).tolist()
    assert torch.equal(recipes.test_ids("chars"), recipes.load_data("chars", "test")[1])
    with pytest.raises(recipes.RecipeError, match="unknown data 'bytes'"):
        recipes.test_ids("bytes")


def test_a_finished_trial_loads_as_the_model_its_entry_scores(tiny_trials):
    for kind, name in tiny_trials.items():
        model, entry, saved = trials.load_trial(name)
        assert not model.training and model.kind == kind
        assert sum(p.numel() for p in model.parameters()) == entry["parameters"]
        _, val_ids, _, _ = recipes.load_data("chars", "dev")
        assert round(recipes.evaluate(model, val_ids), 5) == entry["val_loss"]


def test_a_missing_or_altered_trial_checkpoint_is_refused(tiny_trials):
    with pytest.raises(recipes.RecipeError, match="no finished trial 'char-lstm-huge'"):
        trials.load_trial("char-lstm-huge")
    entry = json.loads(recipes.TRIALS_MANIFEST.read_text())[tiny_trials["GPT"]]
    path = recipes.TRAINED / entry["file"]
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(recipes.RecipeError, match="not the checkpoint its entry describes"):
        trials.load_trial(tiny_trials["GPT"])
    path.unlink()
    with pytest.raises(recipes.RecipeError, match="is missing: train the trial again"):
        trials.load_trial(tiny_trials["GPT"])


def test_the_test_scores_of_the_chosen_models_reach_the_notebooks(tiny_trials, monkeypatch):
    chosen = {"char-lstm": tiny_trials["LSTM"], "char-gpt": tiny_trials["GPT"]}
    manifest = json.loads(recipes.TRIALS_MANIFEST.read_text())
    monkeypatch.setattr(trials, "tier", lambda complete=True: {
        name: manifest[trial]["recipe"] for name, trial in chosen.items()})
    monkeypatch.setattr(trials, "seed_runs", lambda: {"char-lstm": [tiny_trials["LSTM"]]})
    train_ids, test_ids, n_tokens, extra = recipes.load_data("chars", "test")
    monkeypatch.setitem(recipes._DATA, ("chars", "test"),
                        (train_ids[:8192], test_ids[:1024], n_tokens, extra))
    trials.test_scores()
    monkeypatch.setattr(bh, "trained_file", lambda part: recipes.TRAINED / part)
    table = bh.tier_scores("char-gpt")
    assert list(table.index) == [0] and table.loc[0, "trial"] == tiny_trials["GPT"]
    assert table.loc[0, "dev"] == manifest[tiny_trials["GPT"]]["val_loss"]
    model, _, _ = trials.load_trial(tiny_trials["GPT"])
    assert table.loc[0, "test"] == round(recipes.evaluate(model, test_ids[:1024]), 5)
    assert table.loc[0, "read (M)"] == 2 * 64 * 16 / 1e6  # two steps of 64 rows x 16
    with pytest.raises(KeyError, match="no scores for 'char-rnn'.*char-gpt, char-lstm"):
        bh.tier_scores("char-rnn")
    curves = bh.tier_curves("char-gpt")  # two steps: the last one evaluated
    assert curves.seed.tolist() == [0] and curves.step.tolist() == [2]
    assert curves.fraction.tolist() == [1.0] and curves.dev.tolist() == [
        pytest.approx(table.loc[0, "dev"], abs=0.01)]
    with pytest.raises(KeyError, match="no scores for 'char-rnn'"):
        bh.tier_curves("char-rnn")
    (recipes.TRAINED / "trials" / "scores.json").unlink()
    with pytest.raises(FileNotFoundError, match="run `python trained/trials.py test`"):
        bh.tier_scores("char-gpt")


def test_a_chosen_trial_is_promoted_alone_to_the_tier(tiny_trials, monkeypatch, tmp_path):
    manifest = json.loads(recipes.TRIALS_MANIFEST.read_text())
    gpt = manifest[tiny_trials["GPT"]]
    monkeypatch.setattr(trials, "tier", lambda complete=True: None if complete else {
        "char-gpt": gpt["recipe"]})
    for attr, sub in [("CHECKPOINTS", "checkpoints"), ("LOGS", "logs"),
                      ("MANIFEST", "manifest.json")]:
        monkeypatch.setattr(recipes, attr, recipes.TRAINED / sub)
    recipes.CHECKPOINTS.mkdir()
    recipes.LOGS.mkdir()
    with pytest.raises(recipes.RecipeError, match="the search is not done"):
        trials.promote()
    with pytest.raises(recipes.RecipeError, match="not chosen yet: char-rnn"):
        trials.promote(["char-gpt", "char-rnn"])
    monkeypatch.setitem(recipes.RECIPES, "char-gpt", {**gpt["recipe"], "lr": 0.5})
    with pytest.raises(recipes.RecipeError, match="set recipes.RECIPES to the chosen"):
        trials.promote(["char-gpt"])
    monkeypatch.setitem(recipes.RECIPES, "char-gpt", gpt["recipe"])
    trials.promote(["char-gpt"])
    promoted = json.loads(recipes.MANIFEST.read_text())
    assert list(promoted) == ["char-gpt"]
    assert promoted["char-gpt"]["val_loss"] == gpt["val_loss"]
    assert promoted["char-gpt"]["recipe"] == gpt["recipe"]
    monkeypatch.setattr(bh, "trained_file", lambda part: recipes.TRAINED / part)
    model, entry = bh.load_checkpoint("char-gpt")
    assert model.kind == "GPT" and entry["parameters"] == gpt["parameters"]


def test_each_tier_recipe_the_search_has_chosen_is_the_one_trained():
    chosen = trials.tier(complete=False) or {}
    promoted = {name: recipes.RECIPES[name] for name in chosen
                if recipes.RECIPES[name].get("split") == "dev"}
    assert {"char-gpt", "char-mingru"} <= set(promoted)
    for name, recipe in promoted.items():
        assert recipe == chosen[name], f"{name}: RECIPES differs from the search's choice"


def test_make_train_without_a_model_trains_every_recipe():
    makefile = (ROOT / "Makefile").read_text().replace("\\\n", " ")
    named = set()
    for line in makefile.splitlines():
        if "trained/recipes.py train" in line and "$(MODEL)" not in line:
            for part in line.split("trained/recipes.py train")[1:]:
                named |= set(re.findall(r"\b(?:char|word)-[a-z-]+\b", part.split(";")[0]))
    assert named == set(recipes.RECIPES)
