"""Named wrong answers for Homework 5 (solutions/ch05_task_types.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    # q1: last_valid
    "last padded position": '''
def last_valid(outputs, lengths):
    if lengths.min() < 1 or lengths.max() > outputs.shape[1]:
        raise ValueError("bad lengths")
    return outputs[:, -1]
''',
    "lengths used without subtracting one": '''
def last_valid(outputs, lengths):
    if lengths.min() < 1 or lengths.max() > outputs.shape[1]:
        raise ValueError("bad lengths")
    return outputs[torch.arange(outputs.shape[0]), lengths.clamp(max=outputs.shape[1] - 1)]
''',
    "first position": '''
def last_valid(outputs, lengths):
    if lengths.min() < 1 or lengths.max() > outputs.shape[1]:
        raise ValueError("bad lengths")
    return outputs[:, 0]
''',
    "lengths of one sequence applied to all": '''
def last_valid(outputs, lengths):
    if lengths.min() < 1 or lengths.max() > outputs.shape[1]:
        raise ValueError("bad lengths")
    return outputs[:, lengths[0] - 1]
''',
    "no length check": '''
def last_valid(outputs, lengths):
    return outputs[torch.arange(outputs.shape[0]), lengths - 1]
''',
    # q2: masked_cross_entropy
    "loss counts pad positions": '''
def masked_cross_entropy(logits, targets, lengths):
    return F.cross_entropy(logits.transpose(1, 2), targets)
''',
    "ignore_index masking": '''
def masked_cross_entropy(logits, targets, lengths):
    return F.cross_entropy(logits.transpose(1, 2), targets, ignore_index=0)
''',
    "mask off by one": '''
def masked_cross_entropy(logits, targets, lengths):
    loss_bt = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    mask = (torch.arange(targets.shape[1])[None, :] <= lengths[:, None]).to(loss_bt.dtype)
    return (loss_bt * mask).sum() / mask.sum()
''',
    "per-sequence means": '''
def masked_cross_entropy(logits, targets, lengths):
    loss_bt = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    mask = (torch.arange(targets.shape[1])[None, :] < lengths[:, None]).to(loss_bt.dtype)
    return ((loss_bt * mask).sum(dim=1) / mask.sum(dim=1)).mean()
''',
    "sum not mean": '''
def masked_cross_entropy(logits, targets, lengths):
    loss_bt = F.cross_entropy(logits.transpose(1, 2), targets, reduction="none")
    mask = (torch.arange(targets.shape[1])[None, :] < lengths[:, None]).to(loss_bt.dtype)
    return (loss_bt * mask).sum()
''',
    # q3: teacher_forcing
    "targets not shifted by one": '''
def teacher_forcing(sequences, bos, eos, pad=0):
    lengths = torch.tensor([len(s) + 1 for s in sequences])
    inputs = torch.full((len(sequences), int(lengths.max())), pad, dtype=torch.long)
    for b, s in enumerate(sequences):
        inputs[b, :len(s) + 1] = torch.tensor([bos] + list(s))
    return inputs, inputs.clone(), lengths
''',
    "shifted the wrong way": '''
def teacher_forcing(sequences, bos, eos, pad=0):
    lengths = torch.tensor([len(s) + 1 for s in sequences])
    inputs = torch.full((len(sequences), int(lengths.max())), pad, dtype=torch.long)
    targets = inputs.clone()
    for b, s in enumerate(sequences):
        inputs[b, :len(s) + 1] = torch.tensor(list(s) + [eos])
        targets[b, :len(s) + 1] = torch.tensor([bos] + list(s))
    return inputs, targets, lengths
''',
    "no eos in targets": '''
def teacher_forcing(sequences, bos, eos, pad=0):
    lengths = torch.tensor([len(s) + 1 for s in sequences])
    inputs = torch.full((len(sequences), int(lengths.max())), pad, dtype=torch.long)
    targets = inputs.clone()
    for b, s in enumerate(sequences):
        inputs[b, :len(s) + 1] = torch.tensor([bos] + list(s))
        targets[b, :len(s)] = torch.tensor(list(s))
    return inputs, targets, lengths
''',
    "lengths without the eos step": '''
def teacher_forcing(sequences, bos, eos, pad=0):
    lengths = torch.tensor([len(s) + 1 for s in sequences])
    inputs = torch.full((len(sequences), int(lengths.max())), pad, dtype=torch.long)
    targets = inputs.clone()
    for b, s in enumerate(sequences):
        inputs[b, :len(s) + 1] = torch.tensor([bos] + list(s))
        targets[b, :len(s) + 1] = torch.tensor(list(s) + [eos])
    return inputs, targets, lengths - 1
''',
    "padded with the wrong value": '''
def teacher_forcing(sequences, bos, eos, pad=0):
    lengths = torch.tensor([len(s) + 1 for s in sequences])
    inputs = torch.zeros((len(sequences), int(lengths.max())), dtype=torch.long)
    targets = inputs.clone()
    for b, s in enumerate(sequences):
        inputs[b, :len(s) + 1] = torch.tensor([bos] + list(s))
        targets[b, :len(s) + 1] = torch.tensor(list(s) + [eos])
    return inputs, targets, lengths
''',
    # q4: greedy_decode
    "decoder fed its own first output off by one step": '''
def greedy_decode(step, h0, bos, eos, max_len):
    h = h0
    previous = torch.full((h0.shape[0],), bos, dtype=torch.long)
    tokens = previous.clone()
    outputs = [[] for _ in range(h0.shape[0])]
    done = [False] * h0.shape[0]
    for _ in range(max_len):
        logits, h = step(tokens, h)
        # feeds the output of the step before, so the first output arrives one step late
        tokens, previous = previous, logits.argmax(dim=1)
        for b, token in enumerate(previous.tolist()):
            if not done[b]:
                if token == eos:
                    done[b] = True
                else:
                    outputs[b].append(token)
        if all(done):
            break
    return outputs
''',
    "bos fed at every step": '''
def greedy_decode(step, h0, bos, eos, max_len):
    h = h0
    bos_tokens = torch.full((h0.shape[0],), bos, dtype=torch.long)
    outputs = [[] for _ in range(h0.shape[0])]
    done = [False] * h0.shape[0]
    for _ in range(max_len):
        logits, h = step(bos_tokens, h)
        for b, token in enumerate(logits.argmax(dim=1).tolist()):
            if not done[b]:
                if token == eos:
                    done[b] = True
                else:
                    outputs[b].append(token)
        if all(done):
            break
    return outputs
''',
    "state not carried": '''
def greedy_decode(step, h0, bos, eos, max_len):
    tokens = torch.full((h0.shape[0],), bos, dtype=torch.long)
    outputs = [[] for _ in range(h0.shape[0])]
    done = [False] * h0.shape[0]
    for _ in range(max_len):
        logits, _ = step(tokens, h0)
        tokens = logits.argmax(dim=1)
        for b, token in enumerate(tokens.tolist()):
            if not done[b]:
                if token == eos:
                    done[b] = True
                else:
                    outputs[b].append(token)
        if all(done):
            break
    return outputs
''',
    "eos kept in the output": '''
def greedy_decode(step, h0, bos, eos, max_len):
    h = h0
    tokens = torch.full((h0.shape[0],), bos, dtype=torch.long)
    outputs = [[] for _ in range(h0.shape[0])]
    done = [False] * h0.shape[0]
    for _ in range(max_len):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=1)
        for b, token in enumerate(tokens.tolist()):
            if not done[b]:
                outputs[b].append(token)
                done[b] = token == eos
        if all(done):
            break
    return outputs
''',
    "stops when the first sequence ends": '''
def greedy_decode(step, h0, bos, eos, max_len):
    h = h0
    tokens = torch.full((h0.shape[0],), bos, dtype=torch.long)
    outputs = [[] for _ in range(h0.shape[0])]
    for _ in range(max_len):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=1)
        if (tokens == eos).any():
            break
        for b, token in enumerate(tokens.tolist()):
            outputs[b].append(token)
    return outputs
''',
    "one step too many": '''
def greedy_decode(step, h0, bos, eos, max_len):
    h = h0
    tokens = torch.full((h0.shape[0],), bos, dtype=torch.long)
    outputs = [[] for _ in range(h0.shape[0])]
    done = [False] * h0.shape[0]
    for _ in range(max_len + 1):
        logits, h = step(tokens, h)
        tokens = logits.argmax(dim=1)
        for b, token in enumerate(tokens.tolist()):
            if not done[b]:
                if token == eos:
                    done[b] = True
                else:
                    outputs[b].append(token)
        if all(done):
            break
    return outputs
''',
    # q5: encode_sorted
    "batch mixing when sorted by length": '''
def encode_sorted(rnn, X, lengths):
    sorted_lengths, perm = torch.sort(lengths, descending=True)
    packed = nn.utils.rnn.pack_padded_sequence(X[perm], sorted_lengths, batch_first=True)
    _, h_n = rnn(packed)
    return h_n[-1]
''',
    "perm not inverted": '''
def encode_sorted(rnn, X, lengths):
    sorted_lengths, perm = torch.sort(lengths, descending=True)
    packed = nn.utils.rnn.pack_padded_sequence(X[perm], sorted_lengths, batch_first=True)
    _, h_n = rnn(packed)
    return h_n[-1][perm]
''',
    "padding read as input": '''
def encode_sorted(rnn, X, lengths):
    _, h_n = rnn(X)
    return h_n[-1]
''',
}
