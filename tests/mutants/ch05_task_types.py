"""Named wrong answers for Homework 5 (solutions/ch05_task_types.ipynb), as edits of the
master's solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

_ROWS = "outputs[torch.arange(outputs.shape[0]), lengths - 1]"
_TARGETS = "targets[b, :len(s) + 1] = torch.tensor(list(s) + [eos])"

MUTANTS = {
    # q1: last_valid
    "last padded position": edit("last_valid", _ROWS, "outputs[:, -1]"),
    "lengths used without subtracting one": edit(
        "last_valid", "lengths - 1]", "lengths.clamp(max=outputs.shape[1] - 1)]"),
    "first position": edit("last_valid", _ROWS, "outputs[:, 0]"),
    "lengths of one sequence applied to all": edit("last_valid", _ROWS, "outputs[:, lengths[0] - 1]"),
    "no length check": edit(
        "last_valid", "if lengths.min() < 1 or lengths.max() > outputs.shape[1]:", "if False:"),
    "length 1 rejected": edit("last_valid", "lengths.min() < 1", "lengths.min() <= 1"),
    "length 0 accepted": edit("last_valid", "lengths.min() < 1", "lengths.min() < 0"),
    # q2: masked_cross_entropy
    "loss counts pad positions": edit(
        "masked_cross_entropy", "(loss_bt * mask).sum() / mask.sum()", "loss_bt.mean()"),
    "ignore_index masking": edit(
        "masked_cross_entropy", "(torch.arange(targets.shape[1])[None, :] < lengths[:, None])",
        "(targets != 0)"),
    "mask off by one": edit("masked_cross_entropy", "< lengths[:, None]", "<= lengths[:, None]"),
    "per-sequence means": edit(
        "masked_cross_entropy", "(loss_bt * mask).sum() / mask.sum()",
        "((loss_bt * mask).sum(dim=1) / mask.sum(dim=1)).mean()"),
    "sum not mean": edit("masked_cross_entropy", " / mask.sum()", ""),
    # q3: teacher_forcing
    "targets not shifted by one": edit(
        "teacher_forcing", _TARGETS, "targets[b, :len(s) + 1] = torch.tensor([bos] + list(s))"),
    "shifted the wrong way": [
        edit("teacher_forcing", "inputs[b, :len(s) + 1] = torch.tensor([bos] + list(s))",
             "inputs[b, :len(s) + 1] = torch.tensor(list(s) + [eos])"),
        edit("teacher_forcing", _TARGETS,
             "targets[b, :len(s) + 1] = torch.tensor([bos] + list(s))"),
    ],
    "no eos in targets": edit(
        "teacher_forcing", _TARGETS, "targets[b, :len(s)] = torch.tensor(list(s))"),
    "lengths without the eos step": edit(
        "teacher_forcing", "return inputs, targets, lengths", "return inputs, targets, lengths - 1"),
    "padded with the wrong value": edit("teacher_forcing", "int(lengths.max())), pad,",
                                        "int(lengths.max())), 0,"),
    # q4: greedy_decode
    "decoder fed its own first output off by one step": [
        # feeds the output of the step before, so the first output arrives one step late
        edit("greedy_decode", "    outputs = [[]", "    previous = tokens\n    outputs = [[]"),
        edit("greedy_decode", "tokens = logits.argmax(dim=1)",
             "tokens, previous = previous, logits.argmax(dim=1)"),
        edit("greedy_decode", "enumerate(tokens.tolist())", "enumerate(previous.tolist())"),
    ],
    "bos fed at every step": edit(
        "greedy_decode", "step(tokens, h)", "step(torch.full_like(tokens, bos), h)"),
    "state not carried": edit("greedy_decode", "logits, h = step(tokens, h)",
                              "logits, _ = step(tokens, h)"),
    "eos kept in the output": edit(
        "greedy_decode",
        "if token == eos:\n                    done[b] = True\n"
        "                else:\n                    outputs[b].append(token)",
        "outputs[b].append(token)\n                done[b] = token == eos"),
    "stops when the first sequence ends": edit("greedy_decode", "if all(done):", "if any(done):"),
    "one step too many": edit("greedy_decode", "range(max_len)", "range(max_len + 1)"),
    # q5: encode_sorted
    "batch mixing when sorted by length": edit("encode_sorted", "h_n[-1][torch.argsort(perm)]", "h_n[-1]"),
    "perm not inverted": edit("encode_sorted", "[torch.argsort(perm)]", "[perm]"),
    # Right answers, but the statement forbids letting PyTorch sort the batch.
    "packed with enforce_sorted=False": [
        edit("encode_sorted", "X[perm], sorted_lengths, batch_first=True)",
             "X, lengths, batch_first=True, enforce_sorted=False)"),
        edit("encode_sorted", "h_n[-1][torch.argsort(perm)]", "h_n[-1]"),
    ],
    "padding read as input": [edit("encode_sorted", "rnn(packed)", "rnn(X)"),
                              edit("encode_sorted", "h_n[-1][torch.argsort(perm)]", "h_n[-1]")],
    # q6a: padding_errors (the experiment)
    "right and left swapped": edit("padding_errors", "return right, left", "return left, right"),
    "sum over the batch": edit("padding_errors", ".norm(dim=1).mean()", ".norm(dim=1).sum()"),
    "squared distance": edit("padding_errors", ".norm(dim=1)", ".pow(2).sum(dim=1)"),
    "norm over the batch axis": edit("padding_errors", ".norm(dim=1)", ".norm(dim=0)"),
}
