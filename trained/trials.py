"""The search for the trained tier's settings, on the development play (Pericles).

Every setting of the tier is chosen here by the validation loss on Pericles of a model
trained on the other 36 plays; The Tempest, chapter 10's test play, is not read. The search
runs in stages, each stage's choice fixing the next stage's trials:

1. dropout: the 10-minute LSTM (lr 0.004) with dropout 0.05, 0.1, 0.2; the GPT-shaped
   model (lr 0.002) with 0 and 0.1; the word LSTM (lr 0.004) with 0.2, 0.3, 0.4;
2. learning rate, at the chosen dropout: the LSTM with 0.002 and 0.008 (the rate chosen
   here is shared by the RNN and the GRU, trained next with it), the GPT-shaped model with
   0.001 and 0.004, the word LSTM with 0.002 and 0.008;
3. two more seeds (1 and 2) of each chosen 10-minute character model, for the comparisons;
4. the long run: the LSTM with the chosen dropout and rate for 4,400 steps, 256 or 320 units
   a layer.

A trial that a choice makes the tier's model is that model: its seed-0 run is promoted to
trained/ (checkpoint, log, manifest entry) without training it again.

    python trained/trials.py work      # run trials until the search is done (resumable;
                                       # start two for two cores, they share the queue)
    python trained/trials.py status    # the plan so far, each trial's validation loss
"""

import argparse
import json
import os
import time

import recipes

CHAR = recipes.RECIPES
CLAIMS = recipes.WORK / "trials" / "claims"
# The 10-minute budgets: steps per kind for 600 CPU seconds on one thread, from the CPU cost
# of a step measured with two trials running at once (RNN 0.197 s, GRU 0.512 s, LSTM 0.61 s
# at dropout 0.05 to 0.2; the GPT-shaped model 0.341 s without dropout, 0.485 s with it, as
# dropout falls on the attention weights and every residual branch).
SHORT = {"RNN": 3000, "GRU": 1170, "LSTM": 980, "GPT": 1240, "GPT without dropout": 1760}
GPT = {"data": "chars", "kind": "GPT", "n_embed": 128, "n_heads": 4, "n_layers": 4,
       "dropout": 0.0, "batch": 64, "k": 64, "lr": 0.002, "warmup": 50, "clip": 1.0,
       "seed": 0}


def short_steps(kind, dropout):
    """The step count of a 10-minute run."""
    return SHORT["GPT without dropout"] if kind == "GPT" and dropout == 0 else SHORT[kind]


def char_recipe(kind, dropout, lr, seed=0, n_hidden=256, steps=None):
    """A character recipe of the tier on the development split."""
    base = GPT if kind == "GPT" else {**{k: v for k, v in CHAR["char-lstm"].items()
                                         if k not in ("steps", "eval_every")}, "kind": kind}
    steps = steps or short_steps(kind, dropout)
    recipe = {**base, "dropout": dropout, "lr": lr, "seed": seed, "steps": steps,
              "eval_every": steps // 10, "split": "dev"}
    if kind != "GPT":
        recipe["n_hidden"] = n_hidden
    return recipe


def word_recipe(dropout, lr):
    return {**CHAR["word-lstm"], "dropout": dropout, "lr": lr, "split": "dev"}


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


def best(recipes_by_value, done):
    """The value whose trial has the lowest validation loss, or None while any is unfinished."""
    names = {value: trial_name(r) for value, r in recipes_by_value.items()}
    if not all(name in done for name in names.values()):
        return None
    return min(names, key=lambda value: done[names[value]])


def plan(done):
    """(trials in priority order, the choices made so far) given the finished trials."""
    trials, chosen = [], {}
    lstm_d = {d: char_recipe("LSTM", d, 0.004) for d in (0.05, 0.1, 0.2)}
    gpt_d = {d: char_recipe("GPT", d, 0.002) for d in (0.0, 0.1)}
    word_d = {d: word_recipe(d, 0.004) for d in (0.2, 0.3, 0.4)}
    trials += [*lstm_d.values(), *gpt_d.values()]
    chosen["char dropout"] = d = best(lstm_d, done)
    if d is not None:
        lstm_lr = {lr: char_recipe("LSTM", d, lr) for lr in (0.002, 0.004, 0.008)}
        trials += list(lstm_lr.values())
        chosen["char lr"] = lr = best(lstm_lr, done)
        if lr is not None:
            trials += [char_recipe("RNN", d, lr), char_recipe("GRU", d, lr)]
    chosen["gpt dropout"] = gd = best(gpt_d, done)
    if gd is not None:
        gpt_lr = {lr: char_recipe("GPT", gd, lr) for lr in (0.001, 0.002, 0.004)}
        trials += list(gpt_lr.values())
        chosen["gpt lr"] = best(gpt_lr, done)
    trials += list(word_d.values())
    chosen["word dropout"] = wd = best(word_d, done)
    if wd is not None:
        word_lr = {lr: word_recipe(wd, lr) for lr in (0.002, 0.004, 0.008)}
        trials += list(word_lr.values())
        chosen["word lr"] = best(word_lr, done)
    if chosen.get("char lr") is not None and chosen.get("gpt lr") is not None:
        for seed in (1, 2):
            trials += [char_recipe(kind, d, chosen["char lr"], seed) for kind in
                       ("RNN", "GRU", "LSTM")]
            trials.append(char_recipe("GPT", gd, chosen["gpt lr"], seed))
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


def status():
    done = results()
    trials, chosen = plan(done)
    for name, _ in trials:
        print(f"{name:36s} {done.get(name, '-')}")
    print(json.dumps(chosen))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["work", "status"])
    args = parser.parse_args()
    {"work": work, "status": status}[args.action]()


if __name__ == "__main__":
    main()
