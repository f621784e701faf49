"""The trained-model tier: chapter 10's language models, trained for minutes, not seconds.

Each recipe below is seeded, runs on one CPU thread, and logs its whole learning curve.
It writes, for a recipe NAME:

    trained/logs/NAME.csv          one row per step: training loss, learning rate, CPU seconds
                                   (and the validation loss at the evaluation steps)
    trained/checkpoints/NAME.pt    the final weights in half precision, with the model's settings
    trained/manifest.json          sha256, size, parameters, steps, CPU time, validation loss

The model definition, the data and the evaluation are those of the notebooks: they come
from tools/book_helpers.py, the one source of the notebooks' generated blocks.

    python trained/recipes.py train [NAME ...]   # train (all recipes when no name is given)
    python trained/recipes.py list               # the recipes and their manifest entries

A run saves its full state every few CPU minutes under trained/work/ (not committed) and
resumes from it when started again, so a stopped session loses at most those minutes.
"""

import argparse
import csv
import fcntl
import json
import math
import sys
import time
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import book_helpers as bh  # noqa: E402  (the notebooks' one source)

TRAINED = ROOT / "trained"
CHECKPOINTS, LOGS, WORK = TRAINED / "checkpoints", TRAINED / "logs", TRAINED / "work"
MANIFEST = TRAINED / "manifest.json"
# The search for the settings (trials.py): curves and entries committed, checkpoints not.
TRIAL_LOGS, TRIALS_MANIFEST = TRAINED / "trials", TRAINED / "trials" / "manifest.json"
TRIAL_CHECKPOINTS = WORK / "trials"
SAVE_EVERY_CPU_SECONDS = 180
LOG_FIELDS = ["step", "train_loss", "lr", "cpu_seconds", "tokens", "val_loss"]

# Every setting below was chosen by the search in trained/trials.py on the development play,
# Pericles, with each model trained on the other 36 plays ("split": "dev"); The Tempest, the
# test play of chapter 10's tables, was scored once, after every choice (trials.py test,
# trained/trials/scores.json). Each model here is the seed-0 run of its chosen settings;
# trained/trials/ keeps every trial's curve and the scores of seeds 1 and 2.
#
# Shared by every recurrent character model: 2 layers, 64-dimensional embeddings, 256 hidden
# units, batches of 64 rows, truncated BPTT over 128 characters, Adam with warm-up and a
# cosine schedule, clipping at norm 1. Dropout 0 and learning rate 0.008 were chosen for the
# LSTM (dropout 0, 0.05, 0.1, 0.2; rate 0.002 to 0.016) and are shared by the RNN and GRU.
CHAR = {"data": "chars", "n_embed": 64, "n_hidden": 256, "n_layers": 2, "dropout": 0.0,
        "batch": 64, "k": 128, "lr": 0.008, "warmup": 50, "clip": 1.0, "seed": 0,
        "split": "dev"}
RECIPES = {
    # About 10 CPU minutes on one thread for each kind of cell, by step count (from the cost
    # of a step measured beside other runs: RNN 0.197 s, GRU 0.512 s, LSTM 0.61 s). The runs
    # then measured 6 to 9.4 CPU minutes: trained/trials/scores.json has each seed's.
    "char-rnn": {**CHAR, "kind": "RNN", "steps": 3000, "eval_every": 300},
    "char-gru": {**CHAR, "kind": "GRU", "steps": 1170, "eval_every": 117},
    "char-lstm": {**CHAR, "kind": "LSTM", "steps": 980, "eval_every": 98},
    # The long run: the LSTM for 4,400 steps, its width chosen on Pericles (256 or 320 units).
    "char-lstm-long": {**CHAR, "kind": "LSTM", "n_hidden": 320, "steps": 4400, "eval_every": 440},
    # Chapters 11 and 12's models, chosen by the same search: the GPT-shaped model (4 blocks of
    # width 128, 4 heads, context 64; dropout 0 or 0.1, rate 0.001 to 0.008) and the minGRU
    # model (the LSTM's shape and dropout, minGRU layers; rate 0.004 to 0.016).
    "char-gpt": {"data": "chars", "kind": "GPT", "n_embed": 128, "n_heads": 4, "n_layers": 4,
                 "dropout": 0.0, "batch": 64, "k": 64, "lr": 0.004, "warmup": 50, "clip": 1.0,
                 "seed": 0, "steps": 1760, "eval_every": 176, "split": "dev"},
    "char-mingru": {**CHAR, "kind": "minGRU", "lr": 0.016, "steps": 640, "eval_every": 64},
    # The word model: chapter 10's 2,000-word vocabulary (of the 36 plays it learns from);
    # dropout 0 to 0.4 and rate 0.002 to 0.008 searched.
    "word-lstm": {"data": "words", "kind": "LSTM", "n_embed": 128, "n_hidden": 256,
                  "n_layers": 2, "dropout": 0.05, "batch": 32, "k": 64, "lr": 0.004,
                  "warmup": 50, "clip": 1.0, "seed": 0, "steps": 1920, "eval_every": 192,
                  "vocab_size": 2000, "split": "dev"},
}
MODEL_KEYS = ("kind", "n_embed", "n_hidden", "n_layers", "dropout")


class RecipeError(RuntimeError):
    """A recipe that cannot run, or a trained model that is missing or corrupt."""


def rebuild_command(name):
    """The command that rebuilds one trained model."""
    return f"make train MODEL={name}"


_DATA = {}
# The development play: the search below trains on the other 36 plays and chooses every
# setting by its loss on this play, so The Tempest (chapter 10's test play) scores nothing
# until the final table.
DEV_PLAY = "romances/pericles.md"


def load_data(kind, split="test"):
    """Training and validation token ids (and the vocabulary) of chapter 10, cached.

    split "test": the 37 training plays, validated on The Tempest (the tier as first trained);
    split "dev": 36 training plays, validated on the development play."""
    if (kind, split) not in _DATA:
        train_plays, val_plays = bh.split_plays()
        if split == "dev":
            train_plays, val_plays = [p for p in train_plays if p != DEV_PLAY], [DEV_PLAY]
        elif split != "test":
            raise RecipeError(f"unknown split {split!r}")
        if kind == "chars":
            train = bh.encode_chars("\n\n".join(bh.load_chars(p) for p in train_plays))
            val = bh.encode_chars("\n\n".join(bh.load_chars(p) for p in val_plays))
            _DATA[kind, split] = (train, val, len(bh.ALPHABET), None)
        elif kind == "words":
            train_tokens = [tok for p in train_plays for tok in bh.tokenize_lm(bh.load_play(p))]
            val_tokens = bh.tokenize_lm("\n".join(bh.load_play(p) for p in val_plays))
            vocab = bh.build_lm_vocabulary(train_tokens, RECIPES["word-lstm"]["vocab_size"])
            _DATA[kind, split] = (bh.encode_tokens(train_tokens, vocab),
                                  bh.encode_tokens(val_tokens, vocab), len(vocab), vocab)
        else:
            raise RecipeError(f"unknown data {kind!r}")
    return _DATA[kind, split]


def test_ids(kind):
    """The test play (The Tempest) as the models of the dev split read it: its characters, or
    its words encoded with the vocabulary of the 36 training plays (not of all 37)."""
    if kind == "chars":
        return load_data("chars", "test")[1]
    if kind != "words":
        raise RecipeError(f"unknown data {kind!r}")
    _, test_plays = bh.split_plays()
    vocab = load_data("words", "dev")[3]
    return bh.encode_tokens(bh.tokenize_lm("\n".join(bh.load_play(p) for p in test_plays)),
                            vocab)


def build_model(recipe, n_tokens):
    """The recipe's model (book_helpers.language_model of its settings), untrained."""
    return bh.language_model(model_keys(recipe), n_tokens)


def evaluate(model, ids):
    """Validation nats per token: state carried (recurrent) or half-overlapping windows (GPT)."""
    if getattr(model, "kind", None) == "GPT":
        return bh.evaluate_windows(model, ids)
    return bh.evaluate_lm(model, ids)


def learning_rate(recipe, step):
    """Linear warm-up for `warmup` steps, then a cosine decay to zero at the last step."""
    if step < recipe["warmup"]:
        return recipe["lr"] * (step + 1) / recipe["warmup"]
    progress = (step - recipe["warmup"]) / max(1, recipe["steps"] - recipe["warmup"])
    return recipe["lr"] * 0.5 * (1 + math.cos(math.pi * progress))


def chunk_at(rows, k, step):
    """(inputs, targets, new_epoch) of a step: the chunks run along the rows, epoch after epoch."""
    per_epoch = (rows.shape[1] - 2) // k
    s = (step % per_epoch) * k
    return rows[:, s:s + k], rows[:, s + 1:s + 1 + k], step % per_epoch == 0


def half_precision(state_dict):
    """The weights rounded to float16, as stored in a checkpoint."""
    return {key: value.to(torch.float16) for key, value in state_dict.items()}


def train(name, steps=None, write=True, quiet=False):
    """Run recipe `name` (its first `steps` steps if given); return the training losses."""
    if name not in RECIPES:
        raise RecipeError(f"no recipe {name!r}; the recipes are {sorted(RECIPES)}")
    return run(name, RECIPES[name], steps, write, quiet)


def run(name, recipe, steps=None, write=True, quiet=False, trial=False):
    """Train `recipe` under `name`; a trial writes to trained/trials/, not the tier."""
    steps = recipe["steps"] if steps is None else steps
    torch.set_num_threads(1)  # one thread: reproducible sums, and the budget is one core
    train_ids, val_ids, n_tokens, _ = load_data(recipe["data"], recipe.get("split", "test"))
    rows = bh.batchify(train_ids, recipe["batch"])
    bh.set_seed(recipe["seed"])
    model = build_model(recipe, n_tokens)
    optimizer = torch.optim.Adam(model.parameters(), lr=recipe["lr"])
    step, cpu_used, state, log = 0, 0.0, None, []
    resume = WORK / f"{name}.resume.pt"
    if write and resume.exists():
        saved = torch.load(resume, weights_only=False)
        if saved["recipe"] == recipe:
            model.load_state_dict(saved["model"])
            optimizer.load_state_dict(saved["optimizer"])
            torch.set_rng_state(saved["rng"])
            step, cpu_used, state, log = (saved["step"], saved["cpu_seconds"], saved["state"],
                                          saved["log"])
            if not quiet:
                print(f"{name}: resuming at step {step} ({cpu_used:.0f} CPU s)", flush=True)
    model.train()
    last_save, start = cpu_used, time.process_time() - cpu_used
    while step < steps:
        inputs, targets, new_epoch = chunk_at(rows, recipe["k"], step)
        if new_epoch:
            state = None  # the rows start again from their beginning
        for group in optimizer.param_groups:
            group["lr"] = learning_rate(recipe, step)
        logits, state = model(inputs, state)
        loss = bh.sequence_loss(logits, targets)
        optimizer.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=recipe["clip"])
        optimizer.step()
        state = None if state is None else bh.detach_state(state)
        step += 1
        cpu_used = time.process_time() - start
        row = {"step": step, "train_loss": loss.item(), "lr": optimizer.param_groups[0]["lr"],
               "cpu_seconds": round(cpu_used, 2), "tokens": step * inputs.numel(),
               "val_loss": ""}
        if write and (step == steps or (recipe["eval_every"] and step % recipe["eval_every"] == 0)):
            paused = time.process_time()  # evaluation does not count as training time
            row["val_loss"] = round(evaluate(model, val_ids), 5)  # restores train mode
            start += time.process_time() - paused
        log.append(row)
        if not quiet and (step % 50 == 0 or row["val_loss"] != ""):
            print(f"{name}: step {step}/{steps} loss {row['train_loss']:.4f} "
                  f"val {row['val_loss']} cpu {cpu_used:.0f} s", flush=True)
        if write and cpu_used - last_save > SAVE_EVERY_CPU_SECONDS and step < steps:
            WORK.mkdir(parents=True, exist_ok=True)
            torch.save({"recipe": recipe, "model": model.state_dict(),
                        "optimizer": optimizer.state_dict(), "rng": torch.get_rng_state(),
                        "step": step, "cpu_seconds": cpu_used, "state": state, "log": log},
                       resume.with_suffix(".tmp"))
            resume.with_suffix(".tmp").replace(resume)
            last_save = cpu_used
    if write:
        finish(name, recipe, model, val_ids, log, trial)
        resume.unlink(missing_ok=True)
    return [row["train_loss"] for row in log]


def model_keys(recipe):
    """The settings that rebuild a recipe's model from its checkpoint."""
    if recipe["kind"] == "GPT":
        return {"kind": "GPT", "n_embed": recipe["n_embed"], "n_heads": recipe["n_heads"],
                "n_layers": recipe["n_layers"], "context": recipe["k"],
                "dropout": recipe["dropout"]}
    return {key: recipe[key] for key in MODEL_KEYS}


def finish(name, recipe, model, val_ids, log, trial=False):
    """Store the half-precision checkpoint, the learning curve and the manifest entry (for a
    trial: the checkpoint under trained/work/trials/, the curve and entry under trials/)."""
    checkpoints, logs = (TRIAL_CHECKPOINTS, TRIAL_LOGS) if trial else (CHECKPOINTS, LOGS)
    checkpoints.mkdir(parents=True, exist_ok=True)
    logs.mkdir(parents=True, exist_ok=True)
    weights = half_precision(model.state_dict())
    path = checkpoints / f"{name}.pt"
    torch.save({"name": name, "config": model_keys(recipe), "state_dict": weights}, path)
    model.load_state_dict({k: v.float() for k, v in weights.items()})
    val_loss = evaluate(model, val_ids)  # of the stored, rounded weights
    with open(logs / f"{name}.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, LOG_FIELDS)
        writer.writeheader()
        writer.writerows(log)
    with open(TRAINED / ".manifest.lock", "w") as lock:  # two recipes may run at once
        fcntl.flock(lock, fcntl.LOCK_EX)
        write_manifest_entry(name, recipe, model, path, val_loss, log,
                             TRIALS_MANIFEST if trial else MANIFEST)
    print(f"{name}: validation {val_loss:.4f} nats per token, {path.stat().st_size:,} bytes",
          flush=True)


def write_manifest_entry(name, recipe, model, path, val_loss, log, manifest_path=MANIFEST):
    """Add or replace one model's entry in the manifest (or the trials' manifest)."""
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    manifest[name] = {
        "file": path.relative_to(TRAINED).as_posix(), "sha256": bh.file_sha256(path),
        "bytes": path.stat().st_size,
        "parameters": sum(p.numel() for p in model.parameters()), "steps": len(log),
        "train_cpu_seconds": log[-1]["cpu_seconds"], "tokens_read": log[-1]["tokens"],
        "val_loss": round(val_loss, 5), "recipe": recipe, "torch": torch.__version__,
        "command": ("python trained/trials.py work" if manifest_path == TRIALS_MANIFEST
                    else rebuild_command(name))}
    manifest_path.write_text(json.dumps(dict(sorted(manifest.items())), indent=1) + "\n")


def read_log(name):
    """The logged learning curve of a trained model, as a list of dicts of floats."""
    path = LOGS / f"{name}.csv"
    if not path.exists():
        raise RecipeError(f"no log for {name}: run `{rebuild_command(name)}`")
    with open(path) as f:
        return [{k: (float(v) if v != "" else None) for k, v in row.items()}
                for row in csv.DictReader(f)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("action", choices=["train", "list"])
    parser.add_argument("names", nargs="*", help="recipes (default: all)")
    args = parser.parse_args()
    names = args.names or list(RECIPES)
    unknown = [n for n in names if n not in RECIPES]
    if unknown:
        parser.error(f"unknown recipes {unknown}; the recipes are {sorted(RECIPES)}")
    if args.action == "list":
        manifest = json.loads(MANIFEST.read_text()) if MANIFEST.exists() else {}
        for name in names:
            entry = manifest.get(name, {})
            print(f"{name:15s} {RECIPES[name]['steps']:5d} steps  "
                  f"val {entry.get('val_loss', '-')}  cpu {entry.get('train_cpu_seconds', '-')} s")
        return
    for name in names:
        train(name)


if __name__ == "__main__":
    main()
