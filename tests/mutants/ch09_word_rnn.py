"""Named wrong answers for Homework 9 (solutions/ch09_word_rnn.ipynb), as edits of the
master's solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

_WORDS = "words = sorted(token for token, count in counts.items() if count >= min_freq)"
_TRAIN_IDX = "build_vocab([texts[i] for i in train_idx], min_freq)"

MUTANTS = {
    # q1: build_vocab
    "<pad> shares the index of <unk>": edit("build_vocab", "vocab[PAD] = len(vocab)", "vocab[PAD] = 0"),
    "<pad> shares an index with a word": edit(
        "build_vocab", "vocab[PAD] = len(vocab)", "vocab[PAD] = len(words)"),
    "first-seen order instead of sorted": edit(
        "build_vocab", _WORDS, "words = [token for token, count in counts.items() if count >= min_freq]"),
    "min_freq ignored": edit("build_vocab", " if count >= min_freq)", ")"),
    "strict threshold (> min_freq)": edit("build_vocab", "count >= min_freq", "count > min_freq"),
    "documents counted instead of occurrences": edit(
        "build_vocab", "for token in tokenize(doc))", "for token in set(tokenize(doc)))"),
    "empty corpus accepted": edit("build_vocab", "if len(docs) == 0:", "if False:"),
    # q2: encode
    "unknown words raise": edit("encode", "vocab.get(token, vocab[UNK])", "vocab[token]"),
    "unknown words dropped": edit(
        "encode", "vocab.get(token, vocab[UNK]) for token in tokenize(text)",
        "vocab[token] for token in tokenize(text) if token in vocab"),
    "pads with <unk>": edit("encode", "[vocab[PAD]] *", "[vocab[UNK]] *"),
    "padding at the front": edit(
        "encode", "indices[:length] + [vocab[PAD]] * (length - len(indices))",
        "[vocab[PAD]] * (length - len(indices)) + indices[:length]"),
    "no truncation": edit("encode", "return indices[:length] +", "return indices +"),
    # q3: encode_splits
    "vocabulary built from the test split": edit(
        "encode_splits", _TRAIN_IDX, "build_vocab([texts[i] for i in test_idx], min_freq)"),
    "vocabulary built from all texts": edit("encode_splits", _TRAIN_IDX, "build_vocab(list(texts), min_freq)"),
    "splits swapped or reordered": [
        edit("encode_splits", "for i in train_idx]\n", "for i in sorted(train_idx)]\n"),
        edit("encode_splits", "for i in test_idx]", "for i in sorted(test_idx)]"),
    ],
    # q4: collate
    "sorted by length without reordering labels": edit(
        "collate", " for indices, _ in batch]", " for indices, _ in batch]\n    sequences.sort(key=len, reverse=True)"),
    "sorted by length (batch order lost)": edit(
        "collate", "    sequences = [",
        "    batch = sorted(batch, key=lambda pair: len(pair[0]), reverse=True)\n    sequences = ["),
    "pad_index ignored (pads with 0)": edit("collate", ", padding_value=pad_index)", ")"),
    "lengths taken after padding": edit(
        "collate", "torch.tensor([len(seq) for seq in sequences],",
        "torch.full((len(batch),), max(map(len, sequences)),"),
    "time-major layout": edit("collate", "pad_sequence(sequences, batch_first=True,", "pad_sequence(sequences,"),
    # q5: Classifier.forward
    "last padded position instead of last valid one": [
        edit("Classifier", "_, (h_n, _) = self.lstm(packed)", "output, _ = self.lstm(self.embedding(x))"),
        edit("Classifier", "self.out(h_n[-1])", "self.out(output[:, -1])"),
    ],
    "cell state instead of hidden state": [
        edit("Classifier", "(h_n, _) = self.lstm", "(h_n, c_n) = self.lstm"),
        edit("Classifier", "self.out(h_n[-1])", "self.out(c_n[-1])"),
    ],
    "enforce_sorted left True": edit(
        "Classifier", "batch_first=True,\n                                      enforce_sorted=False)",
        "batch_first=True)"),
    "h_n squeezed (a batch of one fails)": edit(
        "Classifier", "self.out(h_n[-1])[:, 0]", "self.out(h_n.squeeze())[:, 0]"),
    "output not squeezed": edit("Classifier", "self.out(h_n[-1])[:, 0]", "self.out(h_n[-1])"),
    "sigmoid applied (probabilities instead of logits)": edit(
        "Classifier", "return self.out(h_n[-1])[:, 0]", "return torch.sigmoid(self.out(h_n[-1])[:, 0])"),
    # q6a: padding_effect (the experiment)
    "padded read at the last valid step": edit(
        "padding_effect", "_, (h_n, _) = model.lstm(model.embedding(x))\n",
        "output, _ = model.lstm(model.embedding(x))\n            h_n = output[:, len(indices) - 1][None]\n"),
    "pads put in front": edit(
        "padding_effect", "[list(indices) + [pad_index] * n]", "[[pad_index] * n + list(indices)]"),
    "packed logit read with the padded length": edit(
        "padding_effect", "torch.tensor([len(indices)])", "torch.tensor([x.shape[1]])"),
    "pads never appended": edit(
        "padding_effect", "[list(indices) + [pad_index] * n]", "[list(indices)]"),
}
