"""Named wrong answers for Homework 9 (solutions/ch09_word_rnn.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    "<pad> shares the index of <unk>": '''
def build_vocab(docs, min_freq=1):
    if len(docs) == 0:
        raise ValueError("empty")
    counts = Counter(token for doc in docs for token in tokenize(doc))
    words = sorted(token for token, count in counts.items() if count >= min_freq)
    vocab = {UNK: 0, **{word: index + 1 for index, word in enumerate(words)}}
    vocab[PAD] = 0
    return vocab
''',
    "<pad> shares an index with a word": '''
def build_vocab(docs, min_freq=1):
    if len(docs) == 0:
        raise ValueError("empty")
    counts = Counter(token for doc in docs for token in tokenize(doc))
    words = sorted(token for token, count in counts.items() if count >= min_freq)
    vocab = {UNK: 0, **{word: index + 1 for index, word in enumerate(words)}}
    vocab[PAD] = len(words)
    return vocab
''',
    "first-seen order instead of sorted": '''
def build_vocab(docs, min_freq=1):
    if len(docs) == 0:
        raise ValueError("empty")
    counts = Counter(token for doc in docs for token in tokenize(doc))
    words = [token for token, count in counts.items() if count >= min_freq]
    vocab = {UNK: 0, **{word: index + 1 for index, word in enumerate(words)}}
    vocab[PAD] = len(vocab)
    return vocab
''',
    "min_freq ignored": '''
def build_vocab(docs, min_freq=1):
    if len(docs) == 0:
        raise ValueError("empty")
    words = sorted({token for doc in docs for token in tokenize(doc)})
    vocab = {UNK: 0, **{word: index + 1 for index, word in enumerate(words)}}
    vocab[PAD] = len(vocab)
    return vocab
''',
    "strict threshold (> min_freq)": '''
def build_vocab(docs, min_freq=1):
    if len(docs) == 0:
        raise ValueError("empty")
    counts = Counter(token for doc in docs for token in tokenize(doc))
    words = sorted(token for token, count in counts.items() if count > min_freq)
    vocab = {UNK: 0, **{word: index + 1 for index, word in enumerate(words)}}
    vocab[PAD] = len(vocab)
    return vocab
''',
    "documents counted instead of occurrences": '''
def build_vocab(docs, min_freq=1):
    if len(docs) == 0:
        raise ValueError("empty")
    counts = Counter(token for doc in docs for token in set(tokenize(doc)))
    words = sorted(token for token, count in counts.items() if count >= min_freq)
    vocab = {UNK: 0, **{word: index + 1 for index, word in enumerate(words)}}
    vocab[PAD] = len(vocab)
    return vocab
''',
    "empty corpus accepted": '''
def build_vocab(docs, min_freq=1):
    counts = Counter(token for doc in docs for token in tokenize(doc))
    words = sorted(token for token, count in counts.items() if count >= min_freq)
    vocab = {UNK: 0, **{word: index + 1 for index, word in enumerate(words)}}
    vocab[PAD] = len(vocab)
    return vocab
''',
    "unknown words raise": '''
def encode(text, vocab, length):
    indices = [vocab[token] for token in tokenize(text)]
    return indices[:length] + [vocab[PAD]] * (length - len(indices))
''',
    "unknown words dropped": '''
def encode(text, vocab, length):
    indices = [vocab[token] for token in tokenize(text) if token in vocab]
    return indices[:length] + [vocab[PAD]] * (length - len(indices))
''',
    "pads with <unk>": '''
def encode(text, vocab, length):
    indices = [vocab.get(token, vocab[UNK]) for token in tokenize(text)]
    return indices[:length] + [vocab[UNK]] * (length - len(indices))
''',
    "padding at the front": '''
def encode(text, vocab, length):
    indices = [vocab.get(token, vocab[UNK]) for token in tokenize(text)]
    return [vocab[PAD]] * (length - len(indices)) + indices[:length]
''',
    "no truncation": '''
def encode(text, vocab, length):
    indices = [vocab.get(token, vocab[UNK]) for token in tokenize(text)]
    return indices + [vocab[PAD]] * (length - len(indices))
''',
    "vocabulary built from the test split": '''
def encode_splits(texts, train_idx, test_idx, min_freq, length):
    vocab = build_vocab([texts[i] for i in test_idx], min_freq)
    train_ids = [encode(texts[i], vocab, length) for i in train_idx]
    test_ids = [encode(texts[i], vocab, length) for i in test_idx]
    return vocab, train_ids, test_ids
''',
    "vocabulary built from all texts": '''
def encode_splits(texts, train_idx, test_idx, min_freq, length):
    vocab = build_vocab(list(texts), min_freq)
    train_ids = [encode(texts[i], vocab, length) for i in train_idx]
    test_ids = [encode(texts[i], vocab, length) for i in test_idx]
    return vocab, train_ids, test_ids
''',
    "splits swapped or reordered": '''
def encode_splits(texts, train_idx, test_idx, min_freq, length):
    vocab = build_vocab([texts[i] for i in train_idx], min_freq)
    train_ids = [encode(texts[i], vocab, length) for i in sorted(train_idx)]
    test_ids = [encode(texts[i], vocab, length) for i in sorted(test_idx)]
    return vocab, train_ids, test_ids
''',
    "sorted by length without reordering labels": '''
def collate(batch, pad_index):
    sequences = sorted((torch.as_tensor(indices, dtype=torch.long) for indices, _ in batch),
                       key=len, reverse=True)
    lengths = torch.tensor([len(seq) for seq in sequences], dtype=torch.long)
    x = pad_sequence(sequences, batch_first=True, padding_value=pad_index)
    y = torch.tensor([label for _, label in batch], dtype=torch.float32)
    return x, lengths, y
''',
    "sorted by length (batch order lost)": '''
def collate(batch, pad_index):
    batch = sorted(batch, key=lambda pair: len(pair[0]), reverse=True)
    sequences = [torch.as_tensor(indices, dtype=torch.long) for indices, _ in batch]
    lengths = torch.tensor([len(seq) for seq in sequences], dtype=torch.long)
    x = pad_sequence(sequences, batch_first=True, padding_value=pad_index)
    y = torch.tensor([label for _, label in batch], dtype=torch.float32)
    return x, lengths, y
''',
    "pad_index ignored (pads with 0)": '''
def collate(batch, pad_index):
    sequences = [torch.as_tensor(indices, dtype=torch.long) for indices, _ in batch]
    lengths = torch.tensor([len(seq) for seq in sequences], dtype=torch.long)
    x = pad_sequence(sequences, batch_first=True)
    y = torch.tensor([label for _, label in batch], dtype=torch.float32)
    return x, lengths, y
''',
    "lengths taken after padding": '''
def collate(batch, pad_index):
    sequences = [torch.as_tensor(indices, dtype=torch.long) for indices, _ in batch]
    x = pad_sequence(sequences, batch_first=True, padding_value=pad_index)
    lengths = torch.full((len(batch),), x.shape[1], dtype=torch.long)
    y = torch.tensor([label for _, label in batch], dtype=torch.float32)
    return x, lengths, y
''',
    "time-major layout": '''
def collate(batch, pad_index):
    sequences = [torch.as_tensor(indices, dtype=torch.long) for indices, _ in batch]
    lengths = torch.tensor([len(seq) for seq in sequences], dtype=torch.long)
    x = pad_sequence(sequences, padding_value=pad_index)
    y = torch.tensor([label for _, label in batch], dtype=torch.float32)
    return x, lengths, y
''',
    "last padded position instead of last valid one": '''
class Classifier(nn.Module):
    def __init__(self, vocab_size, pad_index, k=8, H=6):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, k, padding_idx=pad_index)
        self.lstm = nn.LSTM(k, H, batch_first=True)
        self.out = nn.Linear(H, 1)

    def forward(self, x, lengths):
        output, _ = self.lstm(self.embedding(x))
        return self.out(output[:, -1])[:, 0]
''',
    "cell state instead of hidden state": '''
class Classifier(nn.Module):
    def __init__(self, vocab_size, pad_index, k=8, H=6):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, k, padding_idx=pad_index)
        self.lstm = nn.LSTM(k, H, batch_first=True)
        self.out = nn.Linear(H, 1)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(self.embedding(x), lengths, batch_first=True,
                                      enforce_sorted=False)
        _, (h_n, c_n) = self.lstm(packed)
        return self.out(c_n[-1])[:, 0]
''',
    "enforce_sorted left True": '''
class Classifier(nn.Module):
    def __init__(self, vocab_size, pad_index, k=8, H=6):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, k, padding_idx=pad_index)
        self.lstm = nn.LSTM(k, H, batch_first=True)
        self.out = nn.Linear(H, 1)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(self.embedding(x), lengths, batch_first=True)
        _, (h_n, c_n) = self.lstm(packed)
        return self.out(h_n[-1])[:, 0]
''',
    "output not squeezed": '''
class Classifier(nn.Module):
    def __init__(self, vocab_size, pad_index, k=8, H=6):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, k, padding_idx=pad_index)
        self.lstm = nn.LSTM(k, H, batch_first=True)
        self.out = nn.Linear(H, 1)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(self.embedding(x), lengths, batch_first=True,
                                      enforce_sorted=False)
        _, (h_n, c_n) = self.lstm(packed)
        return self.out(h_n[-1])
''',
    "sigmoid applied (probabilities instead of logits)": '''
class Classifier(nn.Module):
    def __init__(self, vocab_size, pad_index, k=8, H=6):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, k, padding_idx=pad_index)
        self.lstm = nn.LSTM(k, H, batch_first=True)
        self.out = nn.Linear(H, 1)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(self.embedding(x), lengths, batch_first=True,
                                      enforce_sorted=False)
        _, (h_n, c_n) = self.lstm(packed)
        return torch.sigmoid(self.out(h_n[-1])[:, 0])
''',
}
