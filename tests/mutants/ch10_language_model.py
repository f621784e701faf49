"""Named wrong answers for Homework 10 (solutions/ch10_language_model.ipynb), as edits of
the master's solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

_CHUNKS = "range(0, n_steps - 1, k)"
_CHECK = "if n_tokens <= 0 or n_chars <= 0:"
_BITS = "float(total_nats / (n_chars * math.log(2)))"
_STEP = "logits, state = model(ids[None, s:s + targets.shape[1]], state)"

MUTANTS = {
    # q1: make_tbptt_batches
    "targets not shifted by one": edit(
        "make_tbptt_batches", "targets))", "rows[:, s:s + targets.shape[1]]))"),
    "rows interleaved (view N by B then transpose)": edit(
        "make_tbptt_batches", ".view(batch_size, n_steps)", ".view(n_steps, batch_size).T"),
    "chunks cut from consecutive stream pieces": edit(
        "make_tbptt_batches",
        "for s in range(0, n_steps - 1, k):\n"
        "        targets = rows[:, s + 1:s + 1 + k]\n"
        "        batches.append((rows[:, s:s + targets.shape[1]], targets))",
        "for s in range(0, len(ids) - batch_size * k, batch_size * k):\n"
        "        window = ids[s:s + batch_size * k + 1]\n"
        "        batches.append((window[:-1].reshape(batch_size, k),\n"
        "                        window[1:].reshape(batch_size, k)))"),
    "last partial chunk dropped": edit("make_tbptt_batches", _CHUNKS, "range(0, n_steps - k, k)"),
    "empty final chunk (range up to N instead of N - 1)": edit(
        "make_tbptt_batches", _CHUNKS, "range(0, n_steps, k)"),
    "no check of the stream": [edit("make_tbptt_batches", "if ids.dim() != 1:", "if False:"),
                               edit("make_tbptt_batches", "if n_steps < 2:", "if False:")],
    "no 1-D check (a 2-D stream accepted)": edit(
        "make_tbptt_batches", "if ids.dim() != 1:", "if False:"),
    "one-step rows accepted": edit("make_tbptt_batches", "n_steps < 2", "n_steps < 1"),
    "two-step rows rejected": edit("make_tbptt_batches", "n_steps < 2", "n_steps < 3"),
    # q2: lm_metrics
    "log2 vs ln mix-up in bits": edit("lm_metrics", _BITS, "float(total_nats * math.log(2) / n_chars)"),
    "bits via log10": edit("lm_metrics", "math.log(2)", "math.log(10)"),
    "perplexity as 2 ** nats": edit("lm_metrics", "math.exp(nats_per_token)", "2 ** nats_per_token"),
    "perplexity of the summed loss": edit(
        "lm_metrics", "math.exp(nats_per_token)", "math.exp(total_nats)"),
    "bits per token instead of per character": edit(
        "lm_metrics", "(n_chars * math.log(2))", "(n_tokens * math.log(2))"),
    "no check of the counts": [
        edit("lm_metrics", _CHECK, "if False:"),
        edit("lm_metrics", "total_nats / n_tokens", "total_nats / max(n_tokens, 1)"),
        edit("lm_metrics", "(n_chars * math.log(2))", "(max(n_chars, 1) * math.log(2))"),
    ],
    "a count of 1 rejected": edit("lm_metrics", _CHECK, "if n_tokens <= 1 or n_chars <= 1:"),
    "a count of 0 accepted": edit("lm_metrics", _CHECK, "if n_tokens < 0 or n_chars < 0:"),
    "n_chars not checked": edit("lm_metrics", _CHECK, "if n_tokens <= 0:"),
    # q3: temperature_probs, sample_with_temperature
    "temperature applied to probabilities": edit(
        "temperature_probs", "return torch.softmax(logits / temperature, dim=-1)",
        "p = torch.softmax(logits, dim=-1) / temperature\n"
        "    return p / p.sum(dim=-1, keepdim=True)"),
    "temperature multiplies the logits": edit(
        "temperature_probs", "logits / temperature", "logits * temperature"),
    "softmax over the wrong axis": edit("temperature_probs", "dim=-1)", "dim=0)"),
    "sampling ignores the temperature": edit(
        "sample_with_temperature", "temperature_probs(logits, temperature)",
        "torch.softmax(logits, dim=-1)"),
    "argmax instead of sampling": edit(
        "sample_with_temperature", "torch.multinomial(probs, 1, generator=generator)",
        "probs.argmax(dim=-1)"),
    "no check of the temperature": edit("temperature_probs", "if temperature <= 0:", "if False:"),
    # q4: train_chunk
    "state never detached": edit("train_chunk", "state.detach()", "state"),
    "state reset every chunk": edit("train_chunk", "model(inputs, state)", "model(inputs)"),
    "no zero_grad (gradients accumulate)": edit("train_chunk", "    optimizer.zero_grad()\n", ""),
    "summed instead of mean loss": edit(
        "train_chunk", "targets.reshape(-1))", 'targets.reshape(-1), reduction="sum")'),
    # q5: evaluate_stream
    "eval state reset every chunk": edit(
        "evaluate_stream", _STEP, "logits, _ = model(ids[None, s:s + targets.shape[1]])"),
    "mean of chunk means": [
        edit("evaluate_stream", ', reduction="sum").item()', ").item()"),
        edit("evaluate_stream", "return total / (len(ids) - 1)",
             "return total / len(range(0, len(ids) - 1, k))"),
    ],
    "eval targets not shifted": edit(
        "evaluate_stream", "targets.reshape(-1), reduction",
        "ids[None, s:s + targets.shape[1]].reshape(-1), reduction"),
    "no check of a too-short stream": [
        edit("evaluate_stream", "if len(ids) < 2:", "if False:"),
        edit("evaluate_stream", "total / (len(ids) - 1)", "total / max(len(ids) - 1, 1)"),
    ],
    "one-token stream accepted": edit("evaluate_stream", "len(ids) < 2", "len(ids) < 1"),
    "two-token stream rejected": edit("evaluate_stream", "len(ids) < 2", "len(ids) < 3"),
    # q6a: temperature_report (the experiment)
    "perplexity of the untempered logits": edit(
        "temperature_report", "nats = -log_p.gather(",
        "nats = -torch.log_softmax(logits, dim=1).gather("),
    "report targets not shifted by one": edit(
        "temperature_report", "ids[1:, None]", "ids[:-1, None]"),
    "untempered entropy": edit(
        "temperature_report", "-(log_p.exp() * log_p)",
        "-(torch.softmax(logits, dim=1) * torch.log_softmax(logits, dim=1))"),
    "entropy in bits": edit(
        "temperature_report", ".sum(dim=1).mean()", ".sum(dim=1).mean() / math.log(2)"),
    "cross-entropy instead of perplexity": edit(
        "temperature_report", "float(torch.exp(nats))", "float(nats)"),
}
