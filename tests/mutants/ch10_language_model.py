"""Named wrong answers for Homework 10 (solutions/ch10_language_model.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    # q1: make_tbptt_batches
    "targets not shifted by one": '''
def make_tbptt_batches(ids, batch_size, k):
    if ids.dim() != 1:
        raise ValueError("1-D")
    n_steps = len(ids) // batch_size
    if n_steps < 2:
        raise ValueError("too short")
    rows = ids[:n_steps * batch_size].view(batch_size, n_steps)
    batches = []
    for s in range(0, n_steps - 1, k):
        inputs = rows[:, s:min(s + k, n_steps - 1)]
        batches.append((inputs, inputs))
    return batches
''',
    "rows interleaved (view N by B then transpose)": '''
def make_tbptt_batches(ids, batch_size, k):
    if ids.dim() != 1:
        raise ValueError("1-D")
    n_steps = len(ids) // batch_size
    if n_steps < 2:
        raise ValueError("too short")
    rows = ids[:n_steps * batch_size].view(n_steps, batch_size).T
    batches = []
    for s in range(0, n_steps - 1, k):
        targets = rows[:, s + 1:s + 1 + k]
        batches.append((rows[:, s:s + targets.shape[1]], targets))
    return batches
''',
    "chunks cut from consecutive stream pieces": '''
def make_tbptt_batches(ids, batch_size, k):
    if ids.dim() != 1:
        raise ValueError("1-D")
    if len(ids) // batch_size < 2:
        raise ValueError("too short")
    batches = []
    for s in range(0, len(ids) - batch_size * k, batch_size * k):
        window = ids[s:s + batch_size * k + 1]
        batches.append((window[:-1].reshape(batch_size, k), window[1:].reshape(batch_size, k)))
    return batches
''',
    "last partial chunk dropped": '''
def make_tbptt_batches(ids, batch_size, k):
    if ids.dim() != 1:
        raise ValueError("1-D")
    n_steps = len(ids) // batch_size
    if n_steps < 2:
        raise ValueError("too short")
    rows = ids[:n_steps * batch_size].view(batch_size, n_steps)
    return [(rows[:, s:s + k], rows[:, s + 1:s + 1 + k])
            for s in range(0, n_steps - k, k)]
''',
    "empty final chunk (range up to N instead of N - 1)": '''
def make_tbptt_batches(ids, batch_size, k):
    if ids.dim() != 1:
        raise ValueError("1-D")
    n_steps = len(ids) // batch_size
    if n_steps < 2:
        raise ValueError("too short")
    rows = ids[:n_steps * batch_size].view(batch_size, n_steps)
    batches = []
    for s in range(0, n_steps, k):
        targets = rows[:, s + 1:s + 1 + k]
        batches.append((rows[:, s:s + targets.shape[1]], targets))
    return batches
''',
    "no check of the stream": '''
def make_tbptt_batches(ids, batch_size, k):
    n_steps = len(ids) // batch_size
    rows = ids[:n_steps * batch_size].view(batch_size, n_steps)
    batches = []
    for s in range(0, n_steps - 1, k):
        targets = rows[:, s + 1:s + 1 + k]
        batches.append((rows[:, s:s + targets.shape[1]], targets))
    return batches
''',
    # q2: lm_metrics
    "log2 vs ln mix-up in bits": '''
def lm_metrics(total_nats, n_tokens, n_chars):
    if n_tokens <= 0 or n_chars <= 0:
        raise ValueError("positive")
    nats = total_nats / n_tokens
    return float(nats), float(math.exp(nats)), float(total_nats * math.log(2) / n_chars)
''',
    "bits via log10": '''
def lm_metrics(total_nats, n_tokens, n_chars):
    if n_tokens <= 0 or n_chars <= 0:
        raise ValueError("positive")
    nats = total_nats / n_tokens
    return float(nats), float(math.exp(nats)), float(total_nats / (n_chars * math.log(10)))
''',
    "perplexity as 2 ** nats": '''
def lm_metrics(total_nats, n_tokens, n_chars):
    if n_tokens <= 0 or n_chars <= 0:
        raise ValueError("positive")
    nats = total_nats / n_tokens
    return float(nats), float(2 ** nats), float(total_nats / (n_chars * math.log(2)))
''',
    "perplexity of the summed loss": '''
def lm_metrics(total_nats, n_tokens, n_chars):
    if n_tokens <= 0 or n_chars <= 0:
        raise ValueError("positive")
    nats = total_nats / n_tokens
    return float(nats), float(math.exp(total_nats)), float(total_nats / (n_chars * math.log(2)))
''',
    "bits per token instead of per character": '''
def lm_metrics(total_nats, n_tokens, n_chars):
    if n_tokens <= 0 or n_chars <= 0:
        raise ValueError("positive")
    nats = total_nats / n_tokens
    return float(nats), float(math.exp(nats)), float(nats / math.log(2))
''',
    "no check of the counts": '''
def lm_metrics(total_nats, n_tokens, n_chars):
    nats = total_nats / max(n_tokens, 1)
    return float(nats), float(math.exp(nats)), float(total_nats / (max(n_chars, 1) * math.log(2)))
''',
    # q3: temperature_probs, sample_with_temperature
    "temperature applied to probabilities": '''
def temperature_probs(logits, temperature):
    if temperature <= 0:
        raise ValueError("positive")
    p = torch.softmax(logits, dim=-1) / temperature
    return p / p.sum(dim=-1, keepdim=True)
''',
    "temperature multiplies the logits": '''
def temperature_probs(logits, temperature):
    if temperature <= 0:
        raise ValueError("positive")
    return torch.softmax(logits * temperature, dim=-1)
''',
    "softmax over the wrong axis": '''
def temperature_probs(logits, temperature):
    if temperature <= 0:
        raise ValueError("positive")
    return torch.softmax(logits / temperature, dim=0)
''',
    "sampling ignores the temperature": '''
def sample_with_temperature(logits, temperature, generator):
    probs = torch.softmax(logits, dim=-1).reshape(-1, logits.shape[-1])
    return torch.multinomial(probs, 1, generator=generator).view(logits.shape[:-1])
''',
    "argmax instead of sampling": '''
def sample_with_temperature(logits, temperature, generator):
    return temperature_probs(logits, temperature).argmax(dim=-1)
''',
    "no check of the temperature": '''
def temperature_probs(logits, temperature):
    return torch.softmax(logits / temperature, dim=-1)
''',
    # q4: train_chunk
    "state never detached": '''
def train_chunk(model, optimizer, inputs, targets, state):
    logits, state = model(inputs, state)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item(), state
''',
    "state reset every chunk": '''
def train_chunk(model, optimizer, inputs, targets, state):
    logits, state = model(inputs)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item(), state.detach()
''',
    "no zero_grad (gradients accumulate)": '''
def train_chunk(model, optimizer, inputs, targets, state):
    logits, state = model(inputs, state)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
    loss.backward()
    optimizer.step()
    return loss.item(), state.detach()
''',
    "summed instead of mean loss": '''
def train_chunk(model, optimizer, inputs, targets, state):
    logits, state = model(inputs, state)
    loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                           reduction="sum")
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item(), state.detach()
''',
    # q5: evaluate_stream
    "eval state reset every chunk": '''
def evaluate_stream(model, ids, k):
    if len(ids) < 2:
        raise ValueError("too short")
    total = 0.0
    with torch.no_grad():
        for s in range(0, len(ids) - 1, k):
            targets = ids[None, s + 1:s + 1 + k]
            logits, _ = model(ids[None, s:s + targets.shape[1]])
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                     targets.reshape(-1), reduction="sum").item()
    return total / (len(ids) - 1)
''',
    "mean of chunk means": '''
def evaluate_stream(model, ids, k):
    if len(ids) < 2:
        raise ValueError("too short")
    means, state = [], None
    with torch.no_grad():
        for s in range(0, len(ids) - 1, k):
            targets = ids[None, s + 1:s + 1 + k]
            logits, state = model(ids[None, s:s + targets.shape[1]], state)
            means.append(F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                         targets.reshape(-1)).item())
    return sum(means) / len(means)
''',
    "eval targets not shifted": '''
def evaluate_stream(model, ids, k):
    if len(ids) < 2:
        raise ValueError("too short")
    total, state = 0.0, None
    with torch.no_grad():
        for s in range(0, len(ids) - 1, k):
            inputs = ids[None, s:min(s + k, len(ids) - 1)]
            logits, state = model(inputs, state)
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                     inputs.reshape(-1), reduction="sum").item()
    return total / (len(ids) - 1)
''',
    "no check of a too-short stream": '''
def evaluate_stream(model, ids, k):
    total, state = 0.0, None
    with torch.no_grad():
        for s in range(0, len(ids) - 1, k):
            targets = ids[None, s + 1:s + 1 + k]
            logits, state = model(ids[None, s:s + targets.shape[1]], state)
            total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]),
                                     targets.reshape(-1), reduction="sum").item()
    return total / max(len(ids) - 1, 1)
''',
}
