"""Named wrong answers for Homework 1 (solutions/ch01_bag_of_words.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    "case not folded": '''
def tokenize(text):
    if not isinstance(text, str):
        raise TypeError("tokenize expects a string")
    return re.findall(r"[A-Za-z0-9]+(?:'[A-Za-z0-9]+)*", text)
''',
    "split on whitespace (punctuation kept)": '''
def tokenize(text):
    if not isinstance(text, str):
        raise TypeError("tokenize expects a string")
    return text.lower().split()
''',
    "apostrophe splits words": '''
def tokenize(text):
    if not isinstance(text, str):
        raise TypeError("tokenize expects a string")
    return re.findall(r"[a-z0-9]+", text.lower())
''',
    "no type check": '''
def tokenize(text):
    return re.findall(r"[a-z0-9]+(?:'[a-z0-9]+)*", str(text).lower())
''',
    "first-seen order instead of sorted": '''
def build_vocabulary(docs):
    if len(docs) == 0:
        raise ValueError("empty")
    vocab = {}
    for doc in docs:
        for token in tokenize(doc):
            vocab.setdefault(token, len(vocab))
    return vocab
''',
    "indices start at 1": '''
def build_vocabulary(docs):
    if len(docs) == 0:
        raise ValueError("empty")
    tokens = sorted({token for doc in docs for token in tokenize(doc)})
    return {token: index + 1 for index, token in enumerate(tokens)}
''',
    "duplicates get several indices": '''
def build_vocabulary(docs):
    if len(docs) == 0:
        raise ValueError("empty")
    tokens = sorted(token for doc in docs for token in tokenize(doc))
    return {token: index for index, token in enumerate(tokens)}
''',
    "raw split instead of tokenize": '''
def build_vocabulary(docs):
    if len(docs) == 0:
        raise ValueError("empty")
    tokens = sorted({token for doc in docs for token in doc.split()})
    return {token: index for index, token in enumerate(tokens)}


def bag_of_words(docs, vocab):
    X = np.zeros((len(docs), len(vocab)), dtype=np.int64)
    for i, doc in enumerate(docs):
        for token in doc.split():
            if token in vocab:
                X[i, vocab[token]] += 1
    return X
''',
    "empty corpus accepted": '''
def build_vocabulary(docs):
    tokens = sorted({token for doc in docs for token in tokenize(doc)})
    return {token: index for index, token in enumerate(tokens)}
''',
    "counts replaced by presence": '''
def bag_of_words(docs, vocab):
    X = np.zeros((len(docs), len(vocab)), dtype=np.int64)
    for i, doc in enumerate(docs):
        for token in tokenize(doc):
            if token in vocab:
                X[i, vocab[token]] = 1
    return X
''',
    "transposed matrix": '''
def bag_of_words(docs, vocab):
    X = np.zeros((len(vocab), len(docs)), dtype=np.int64)
    for i, doc in enumerate(docs):
        for token in tokenize(doc):
            if token in vocab:
                X[vocab[token], i] += 1
    return X
''',
    "unknown token raises": '''
def bag_of_words(docs, vocab):
    X = np.zeros((len(docs), len(vocab)), dtype=np.int64)
    for i, doc in enumerate(docs):
        for token in tokenize(doc):
            X[i, vocab[token]] += 1
    return X
''',
    "bias omitted": '''
def predict_proba(X, w, b):
    return 1.0 / (1.0 + np.exp(-(X @ w)))
''',
    "logits returned without sigmoid": '''
def predict_proba(X, w, b):
    return X @ w + b
''',
    "sign of bias flipped": '''
def predict_proba(X, w, b):
    return 1.0 / (1.0 + np.exp(-(X @ w - b)))
''',
    "w multiplied from the wrong side": '''
def predict_proba(X, w, b):
    return 1.0 / (1.0 + np.exp(-(w @ X + b)))
''',
    "sum instead of mean": '''
def gradient(X, y, w, b):
    residual = predict_proba(X, w, b) - y
    return X.T @ residual, float(residual.sum())
''',
    "sign flipped (y - p)": '''
def gradient(X, y, w, b):
    residual = (y - predict_proba(X, w, b)) / X.shape[0]
    return X.T @ residual, float(residual.sum())
''',
    "bias gradient missing": '''
def gradient(X, y, w, b):
    residual = (predict_proba(X, w, b) - y) / X.shape[0]
    return X.T @ residual, 0.0
''',
    "X not transposed": '''
def gradient(X, y, w, b):
    residual = (predict_proba(X, w, b) - y) / X.shape[0]
    return X @ residual, float(residual.sum())
''',
    "gradient ascent (sign flipped)": '''
def train_logistic(X, y, lr, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        g_w, g_b = gradient(X, y, w, b)
        w, b = w + lr * g_w, b + lr * g_b
    return w, b
''',
    "steps ignored": '''
def train_logistic(X, y, lr, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    g_w, g_b = gradient(X, y, w, b)
    return w - lr * g_w, b - lr * g_b
''',
    "learning rate ignored": '''
def train_logistic(X, y, lr, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        g_w, g_b = gradient(X, y, w, b)
        w, b = w - 0.001 * g_w, b - 0.001 * g_b
    return w, b
''',
    "bias never updated": '''
def train_logistic(X, y, lr, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        g_w, _ = gradient(X, y, w, b)
        w = w - lr * g_w
    return w, b
''',
}
