"""The search for the trained tier's settings, on the development play (Pericles).

Every setting of the tier is chosen here by the validation loss on Pericles of a model
trained on the other 36 plays; The Tempest, chapter 10's test play, is not read. The search
runs in stages, each stage's choice fixing the next stage's trials:

1. dropout: the 10-minute LSTM (lr 0.004) with dropout 0.05, 0.1, 0.2; the GPT-shaped
   model (lr 0.002) with 0 and 0.1; the word LSTM (lr 0.004) with 0.2, 0.3, 0.4;
2. learning rate, at the chosen dropout: the LSTM with 0.002, 0.004 and 0.008 (the rate
   chosen here is shared by the RNN and the GRU, trained next with it), the GPT-shaped
   model with 0.001, 0.002 and 0.004, the word LSTM with 0.002, 0.004 and 0.008;
   then chapter 12's minGRU model (2 layers of 256 units, the LSTM's dropout) with 0.004,
   0.008 and 0.016; a grid whose best value is at its edge grows by the next value beyond
   that edge;
3. two more seeds (1 and 2) of each chosen 10-minute character model, for the comparisons;
4. the long run: the LSTM with the chosen dropout and rate for 4,400 steps, 256 or 320 units
   a layer.

A trial that a choice makes the tier's model is that model: its seed-0 run is promoted to
trained/ (checkpoint, log, manifest entry) without training it again.

    python trained/trials.py work      # run trials until the search is done (resumable;
                                       # start two for two cores, they share the queue)
    python trained/trials.py status    # the plan so far, each trial's validation loss
    python trained/trials.py test      # once, when the search is done: the chosen models and
                                       # their seeds on The Tempest (trained/trials/scores.json)
    python trained/trials.py promote   # the chosen trials become the tier (after RECIPES is
                                       # set to them; tests/test_trained.py checks they agree);
                                       # with names, only those (chosen before the rest)
"""

import argparse
import json
import os
import shutil
import time

import recipes
import torch
from recipes import bh

# The recipes the search starts from (the tier's first recipes, before this search).
CHAR = {"data": "chars", "kind": "LSTM", "n_embed": 64, "n_hidden": 256, "n_layers": 2,
        "dropout": 0.1, "batch": 64, "k": 128, "lr": 0.004, "warmup": 50, "clip": 1.0,
        "seed": 0}
WORD = {"data": "words", "kind": "LSTM", "n_embed": 128, "n_hidden": 256, "n_layers": 2,
        "dropout": 0.3, "batch": 32, "k": 64, "lr": 0.004, "warmup": 50, "clip": 1.0,
        "seed": 0, "steps": 1920, "eval_every": 192, "vocab_size": 2000}
CLAIMS = recipes.WORK / "trials" / "claims"
# The 10-minute budgets: steps per kind for 600 CPU seconds on one thread, from the CPU cost
# of a step measured with two trials running at once (RNN 0.197 s, GRU 0.512 s, LSTM 0.61 s
# at dropout 0.05 to 0.2; the GPT-shaped model 0.341 s without dropout, 0.485 s with it, as
# dropout falls on the attention weights and every residual branch). The minGRU model's step
# costs 1.53 times the LSTM's at dropout 0 (0.73 against 0.475 CPU s, 20 steps each, measured
# beside two running trials): its log-space scan (logcumsumexp) over 128 steps is the cost.
SHORT = {"RNN": 3000, "GRU": 1170, "LSTM": 980, "minGRU": 640, "GPT": 1240,
         "GPT without dropout": 1760}
GPT = {"data": "chars", "kind": "GPT", "n_embed": 128, "n_heads": 4, "n_layers": 4,
       "dropout": 0.0, "batch": 64, "k": 64, "lr": 0.002, "warmup": 50, "clip": 1.0,
       "seed": 0}


def short_steps(kind, dropout):
    """The step count of a 10-minute run."""
    return SHORT["GPT without dropout"] if kind == "GPT" and dropout == 0 else SHORT[kind]


def char_recipe(kind, dropout, lr, seed=0, n_hidden=256, steps=None):
    """A character recipe of the tier on the development split."""
    base = GPT if kind == "GPT" else {**CHAR, "kind": kind}
    steps = steps or short_steps(kind, dropout)
    recipe = {**base, "dropout": dropout, "lr": lr, "seed": seed, "steps": steps,
              "eval_every": steps // 10, "split": "dev"}
    if kind != "GPT":
        recipe["n_hidden"] = n_hidden
    return recipe


def word_recipe(dropout, lr):
    return {**WORD, "dropout": dropout, "lr": lr, "split": "dev"}


def trial_name(recipe):
    """A trial's name from the settings that vary."""
    if recipe["data"] == "words":
        base = "word-lstm"
    elif recipe["steps"] > 2 * short_steps(recipe["kind"], recipe["dropout"]):
        base = f"char-lstm-long-h{recipe['n_hidden']}"
    else:
        base = f"char-{recipe['kind'].lower()}"
    return f"{base}-d{recipe['dropout']:g}-lr{recipe['lr']:g}-s{recipe['seed']}"


def results():
    """{trial name: validation loss of its stored weights} for the finished trials."""
    if not recipes.TRIALS_MANIFEST.exists():
        return {}
    return {name: entry["val_loss"]
            for name, entry in json.loads(recipes.TRIALS_MANIFEST.read_text()).items()}


# The values a grid may grow to: a best value at the edge of its grid is not a choice but a
# sign that the grid is too narrow, so the grid takes the next value beyond that edge.
DROPOUTS = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5]
RATES = [0.0005, 0.001, 0.002, 0.004, 0.008, 0.016]


def best(recipes_by_value, done):
    """The value whose trial has the lowest validation loss, or None while any is unfinished."""
    names = {value: trial_name(r) for value, r in recipes_by_value.items()}
    if not all(name in done for name in names.values()):
        return None
    return min(names, key=lambda value: done[names[value]])


def bracketed(make, grid, ladder, done):
    """Trials over `grid`, widened along `ladder` until the best value is not at an edge
    (or is at the ladder's end): ({value: recipe}, the best value or None while unfinished)."""
    grid = sorted(grid)
    while True:
        trials = {value: make(value) for value in grid}
        chosen = best(trials, done)
        if chosen is None:
            return trials, None
        at = ladder.index(chosen)
        if chosen == grid[0] and at > 0:
            grid.insert(0, ladder[at - 1])
        elif chosen == grid[-1] and at < len(ladder) - 1:
            grid.append(ladder[at + 1])
        else:
            return trials, chosen


def plan(done):
    """(trials in priority order, the choices made so far) given the finished trials."""
    trials, chosen = [], {}
    lstm_d, chosen["char dropout"] = bracketed(lambda v: char_recipe("LSTM", v, 0.004),
                                               [0.05, 0.1, 0.2], DROPOUTS, done)
    gpt_d, chosen["gpt dropout"] = bracketed(lambda v: char_recipe("GPT", v, 0.002),
                                             [0.0, 0.1], DROPOUTS, done)
    word_d, chosen["word dropout"] = bracketed(lambda v: word_recipe(v, 0.004),
                                               [0.2, 0.3, 0.4], DROPOUTS, done)
    trials += [*lstm_d.values(), *gpt_d.values()]
    d, gd, wd = chosen["char dropout"], chosen["gpt dropout"], chosen["word dropout"]
    if d is not None:
        lstm_lr, chosen["char lr"] = bracketed(lambda v: char_recipe("LSTM", d, v),
                                               [0.002, 0.004, 0.008], RATES, done)
        trials += list(lstm_lr.values())
        if chosen["char lr"] is not None:
            trials += [char_recipe("RNN", d, chosen["char lr"]),
                       char_recipe("GRU", d, chosen["char lr"])]
    if gd is not None:
        gpt_lr, chosen["gpt lr"] = bracketed(lambda v: char_recipe("GPT", gd, v),
                                             [0.001, 0.002, 0.004], RATES, done)
        trials += list(gpt_lr.values())
    if chosen.get("char lr") is not None:
        mingru_lr, chosen["mingru lr"] = bracketed(lambda v: char_recipe("minGRU", d, v),
                                                   [0.004, 0.008, 0.016], RATES, done)
        trials += list(mingru_lr.values())
    else:
        chosen["mingru lr"] = None
    trials += list(word_d.values())
    if wd is not None:
        word_lr, chosen["word lr"] = bracketed(lambda v: word_recipe(wd, v),
                                               [0.002, 0.004, 0.008], RATES, done)
        trials += list(word_lr.values())
    if all(chosen.get(key) is not None for key in ("char lr", "gpt lr", "mingru lr")):
        for seed in (1, 2):
            trials += [char_recipe(kind, d, chosen["char lr"], seed) for kind in
                       ("RNN", "GRU", "LSTM")]
            trials.append(char_recipe("GPT", gd, chosen["gpt lr"], seed))
            trials.append(char_recipe("minGRU", d, chosen["mingru lr"], seed))
        long = {h: char_recipe("LSTM", d, chosen["char lr"], n_hidden=h, steps=4400)
                for h in (256, 320)}
        trials += list(long.values())
        chosen["long width"] = best(long, done)
    unique = {trial_name(r): r for r in trials}  # a stage may repeat an earlier trial
    return list(unique.items()), chosen


def claim(name):
    """Take a trial for this worker (False if another live worker has it)."""
    CLAIMS.mkdir(parents=True, exist_ok=True)
    path = CLAIMS / name
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        pid = int(path.read_text() or 0)
        try:
            os.kill(pid, 0)
            return False  # its worker still runs
        except (ProcessLookupError, ValueError):
            path.write_text(str(os.getpid()))  # a stopped session's claim: take it over
            return True
    os.write(fd, str(os.getpid()).encode())
    os.close(fd)
    return True


def work():
    while True:
        done = results()
        trials, _ = plan(done)
        todo = [(n, r) for n, r in trials if n not in done]
        if not todo and all(v is not None for v in plan(done)[1].values()):
            print("search done", flush=True)
            return
        for name, recipe in todo:
            if claim(name):
                recipes.run(name, recipe, trial=True)
                (CLAIMS / name).unlink(missing_ok=True)
                break
        else:
            time.sleep(30)  # waiting for a stage another worker is finishing


def tier(done=None, complete=True):
    """{tier name: the chosen trial's recipe}: all of them once the search is done, else None;
    with complete=False, those whose settings are chosen so far."""
    done = results() if done is None else done
    _, c = plan(done)
    char = ("char dropout", "char lr")
    makers = {
        "char-rnn": (char, lambda: char_recipe("RNN", c["char dropout"], c["char lr"])),
        "char-gru": (char, lambda: char_recipe("GRU", c["char dropout"], c["char lr"])),
        "char-lstm": (char, lambda: char_recipe("LSTM", c["char dropout"], c["char lr"])),
        "char-gpt": (("gpt dropout", "gpt lr"),
                     lambda: char_recipe("GPT", c["gpt dropout"], c["gpt lr"])),
        "char-mingru": ((*char, "mingru lr"),
                        lambda: char_recipe("minGRU", c["char dropout"], c["mingru lr"])),
        "char-lstm-long": ((*char, "long width"),
                           lambda: char_recipe("LSTM", c["char dropout"], c["char lr"],
                                               n_hidden=c["long width"], steps=4400)),
        "word-lstm": (("word dropout", "word lr"),
                      lambda: word_recipe(c["word dropout"], c["word lr"]))}
    chosen = {name: make() for name, (keys, make) in makers.items()
              if all(c.get(key) is not None for key in keys)}
    if complete and len(chosen) < len(makers):
        return None
    return chosen


def seed_runs(done=None):
    """{tier name: [trial names of seeds 0, 1, 2]} for the 10-minute character models chosen."""
    chosen = tier(done, complete=False)
    return {name: [trial_name({**chosen[name], "seed": seed}) for seed in (0, 1, 2)]
            for name in ("char-rnn", "char-gru", "char-lstm", "char-gpt", "char-mingru")
            if name in chosen}


def load_trial(name):
    """(model in eval mode, manifest entry, the saved checkpoint) of a finished trial."""
    manifest = json.loads(recipes.TRIALS_MANIFEST.read_text())
    if name not in manifest:
        raise recipes.RecipeError(f"no finished trial {name!r}: run `python trained/trials.py "
                                  f"work`")
    entry = manifest[name]
    path = recipes.TRAINED / entry["file"]
    if not path.is_file():
        raise recipes.RecipeError(f"{path} is missing: train the trial again "
                                  f"(delete its entry in {recipes.TRIALS_MANIFEST})")
    saved = torch.load(path, weights_only=True)
    if bh.file_sha256(path) != entry["sha256"]:
        raise recipes.RecipeError(f"{path} is not the checkpoint its entry describes")
    model = bh.language_model(saved["config"], saved["state_dict"]["out.weight"].shape[0])
    model.load_state_dict({k: v.float() for k, v in saved["state_dict"].items()})
    return model.eval(), entry, saved


def test_scores():
    """Score every chosen model and its seeds once on The Tempest, after its choices are made
    (a model still searched for is left out, and joins when this runs again):
    trained/trials/scores.json, {tier name: {seed: the trial's name, settings and budget, its
    loss on Pericles ("dev") and on The Tempest ("test")}}. The search never reads the test
    play; the notebooks read this file with book_helpers.tier_scores."""
    chosen = tier(complete=False)
    if not chosen:
        raise recipes.RecipeError("no model is chosen yet: run `python trained/trials.py work`")
    torch.set_num_threads(1)  # as the notebooks score them (and as the models trained)
    runs = {name: [trial_name(recipe)] for name, recipe in chosen.items()} | seed_runs()
    scores = {}
    for name, trial_names in runs.items():
        scores[name] = {}
        for trial in trial_names:
            model, entry, _ = load_trial(trial)
            test_ids = recipes.test_ids(entry["recipe"]["data"])
            scores[name][str(entry["recipe"]["seed"])] = {
                "trial": trial, "kind": entry["recipe"]["kind"],
                "parameters": entry["parameters"], "steps": entry["steps"],
                "train_cpu_seconds": entry["train_cpu_seconds"],
                "tokens_read": entry["tokens_read"], "dev": entry["val_loss"],
                "test": round(recipes.evaluate(model, test_ids), 5)}
            print(f"{trial:36s} test {scores[name][str(entry['recipe']['seed'])]['test']}",
                  flush=True)
    recipes.TRIAL_LOGS.mkdir(parents=True, exist_ok=True)
    (recipes.TRIAL_LOGS / "scores.json").write_text(json.dumps(scores, indent=1) + "\n")


def promote(names=None):
    """Make each chosen trial (seed 0) the tier's model: checkpoint, log and manifest entry;
    all of them once the search is done, or the named ones whose settings are chosen."""
    chosen = tier(complete=names is None)
    if chosen is None:
        raise recipes.RecipeError("the search is not done: run `python trained/trials.py work`")
    if names:
        unknown = sorted(set(names) - set(chosen))
        if unknown:
            raise recipes.RecipeError(f"not chosen yet: {', '.join(unknown)}")
        chosen = {name: chosen[name] for name in names}
    if chosen != {name: recipes.RECIPES.get(name) for name in chosen}:
        raise recipes.RecipeError("set recipes.RECIPES to the chosen recipes first: "
                                  + json.dumps(chosen, indent=1))
    for name, recipe in chosen.items():
        trial = trial_name(recipe)
        model, entry, saved = load_trial(trial)
        path = recipes.CHECKPOINTS / f"{name}.pt"
        torch.save({**saved, "name": name}, path)
        shutil.copy(recipes.TRIAL_LOGS / f"{trial}.csv", recipes.LOGS / f"{name}.csv")
        log = [{**row, "step": int(row["step"]), "tokens": int(row["tokens"])}
               for row in recipes.read_log(name)]
        recipes.write_manifest_entry(name, recipe, model, path, entry["val_loss"], log,
                                     manifest_path=recipes.MANIFEST)
        print(f"{name}: the trial {trial}", flush=True)


def status():
    done = results()
    trials, chosen = plan(done)
    for name, _ in trials:
        print(f"{name:36s} {done.get(name, '-')}")
    print(json.dumps(chosen))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["work", "status", "test", "promote"])
    parser.add_argument("names", nargs="*", help="promote: only these tier models")
    args = parser.parse_args()
    if args.action == "promote":
        promote(args.names or None)
    else:
        {"work": work, "status": status, "test": test_scores}[args.action]()


if __name__ == "__main__":
    main()
