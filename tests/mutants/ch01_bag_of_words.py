"""Named wrong answers for Homework 1 (solutions/ch01_bag_of_words.ipynb), as edits of the
master's solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

MUTANTS = {
    # q1: tokenize
    "case not folded": edit("tokenize", ", text.lower())", ", text, flags=re.IGNORECASE)"),
    "split on whitespace (punctuation kept)": edit(
        "tokenize", "re.findall(r\"[a-z0-9]+(?:'[a-z0-9]+)*\", text.lower())",
        "text.lower().split()"),
    "apostrophe splits words": edit("tokenize", "+(?:'[a-z0-9]+)*", "+"),
    # \w also matches accented letters and the underscore, which the statement excludes.
    "word characters instead of a-z and 0-9": edit(
        "tokenize", "r\"[a-z0-9]+(?:'[a-z0-9]+)*\"", "r\"\\w+(?:'\\w+)*\""),
    "no type check": [edit("tokenize", "if not isinstance(text, str):", "if False:"),
                      edit("tokenize", "text.lower()", "str(text).lower()")],
    # q2: build_vocabulary
    "first-seen order instead of sorted": edit(
        "build_vocabulary", "sorted({token for doc in docs for token in tokenize(doc)})",
        "dict.fromkeys(token for doc in docs for token in tokenize(doc))"),
    "indices start at 1": edit("build_vocabulary", "{token: index for", "{token: index + 1 for"),
    "duplicates get several indices": edit(
        "build_vocabulary", "sorted({token for doc in docs for token in tokenize(doc)})",
        "sorted(token for doc in docs for token in tokenize(doc))"),
    "raw split instead of tokenize": [
        edit("build_vocabulary", "in tokenize(doc)", "in doc.split()"),
        edit("bag_of_words", "in tokenize(doc)", "in doc.split()"),
    ],
    "empty corpus accepted": edit("build_vocabulary", "if len(docs) == 0:", "if False:"),
    # q3: bag_of_words
    "counts replaced by presence": edit("bag_of_words", "]] += 1", "]] = 1"),
    "transposed matrix": [
        edit("bag_of_words", "zeros((len(docs), len(vocab))", "zeros((len(vocab), len(docs))"),
        edit("bag_of_words", "X[i, vocab[token]]", "X[vocab[token], i]"),
    ],
    "unknown token raises": edit("bag_of_words", "if token in vocab:", "if True:"),
    # q4: predict_proba
    "bias omitted": edit("predict_proba", "X @ w + b", "X @ w"),
    "logits returned without sigmoid": edit(
        "predict_proba", "1.0 / (1.0 + np.exp(-(X @ w + b)))", "X @ w + b"),
    "sign of bias flipped": edit("predict_proba", "X @ w + b", "X @ w - b"),
    "w multiplied from the wrong side": edit("predict_proba", "X @ w + b", "w @ X + b"),
    # q5: gradient
    "sum instead of mean": edit("gradient", " / X.shape[0]", ""),
    "sign flipped (y - p)": edit("gradient", "predict_proba(X, w, b) - y", "y - predict_proba(X, w, b)"),
    "bias gradient missing": edit("gradient", "float(residual.sum())", "0.0"),
    "X not transposed": edit("gradient", "X.T @ residual", "X @ residual"),
    # q6: train_logistic
    "gradient ascent (sign flipped)": edit(
        "train_logistic", "w - lr * g_w, b - lr * g_b", "w + lr * g_w, b + lr * g_b"),
    "steps ignored": edit("train_logistic", "range(steps)", "range(1)"),
    "learning rate ignored": edit("train_logistic", "for _ in", "lr = 0.001\n    for _ in"),
    "bias never updated": edit("train_logistic", "b - lr * g_b", "b"),
    "bias step without the learning rate": edit("train_logistic", "b - lr * g_b", "b - g_b"),
    # q7a: learning_curve (the experiment)
    "first n overall not per class": edit(
        "learning_curve", "train = positive[:n] + negative[:n]",
        "train = list(docs)[:n]\n        positive = [d for d in train if d in positive]\n"
        "        negative = [d for d in train if d not in positive]"),
    "training loss not test": edit(
        "learning_curve", "p = predict_proba(bag_of_words(test_docs, vocab)",
        "test_labels, p = y, predict_proba(bag_of_words(train, vocab)"),
    "sum over test documents": edit("learning_curve", "float(np.mean(", "float(np.sum("),
}
