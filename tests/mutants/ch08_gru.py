"""Named wrong answers for Homework 8 (solutions/ch08_gru.ipynb), as edits of the master's
solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

_BACKWARD = "reverse_padded(run_backward(reverse_padded(X, lengths)), lengths)"
_REVERSED = "lengths[:, None] - 1 - t, t)"

MUTANTS = {
    # q1: gru_cell
    "reset gate applied before the matrix product": edit(
        "gru_cell", "n_t = torch.tanh(a_n + r_t * c_n)",
        "H = h_prev.shape[1]\n"
        "    n_t = torch.tanh(a_n + (r_t * h_prev) @ W_hh[2 * H:].T + b_hh[2 * H:])"),
    "update-gate convention flipped": edit(
        "gru_cell", "(1 - z_t) * n_t + z_t * h_prev", "z_t * n_t + (1 - z_t) * h_prev"),
    "update and reset gates swapped": [edit("gru_cell", "a_r, a_z, a_n =", "a_z, a_r, a_n ="),
                                       edit("gru_cell", "c_r, c_z, c_n =", "c_z, c_r, c_n =")],
    "b_hn outside the reset gate": edit(
        "gru_cell", "r_t * c_n)", "r_t * (c_n - b_hh.chunk(3)[2]) + b_hh.chunk(3)[2])"),
    # q2: lecture_to_pytorch
    "update gate not negated": [edit("lecture_to_pytorch", f'-q["{k}"]', f'q["{k}"]')
                                for k in ("W_sx", "W_sh", "b_s")],
    "1 - W instead of -W": [edit("lecture_to_pytorch", f'-q["{k}"]', f'1 - q["{k}"]')
                            for k in ("W_sx", "W_sh", "b_s")],
    "update and reset rows swapped": [
        edit("lecture_to_pytorch", f'[q["{r}"], -q["{s}"],', f'[-q["{s}"], q["{r}"],')
        for r, s in (("W_rx", "W_sx"), ("W_rh", "W_sh"), ("b_r", "b_s"))],
    "b_hh added to the input bias": [
        edit("lecture_to_pytorch", 'q["b_hx"]])', 'q["b_hx"] + q["b_hh"]])'),
        edit("lecture_to_pytorch",
             'torch.cat([torch.zeros_like(q["b_r"]), torch.zeros_like(q["b_s"]), q["b_hh"]])',
             "torch.zeros_like(b_ih)"),
    ],
    # q3: reverse_padded
    "whole row reversed": edit(
        "reverse_padded", "X.gather(1, index[:, :, None].expand_as(X))", "X.flip(1)"),
    "padding reversed too": edit(
        "reverse_padded", _REVERSED, "lengths[:, None] - 1 - t, T - 1 - (t - lengths[:, None]))"),
    "off by one in the reversed index": edit(
        "reverse_padded", _REVERSED, "lengths[:, None] - t, t).clamp(max=T - 1)"),
    "index not expanded over the features": edit(
        "reverse_padded", "index[:, :, None].expand_as(X)", "index[:, :, None]"),
    "lengths not checked": edit(
        "reverse_padded", "if lengths.shape != (B,) or lengths.min() < 1 or lengths.max() > T:",
        "if False:"),
    # q4: bidirectional
    "backward outputs not reversed back into time order": edit(
        "bidirectional", _BACKWARD, "run_backward(reverse_padded(X, lengths))"),
    "padding read by the backward direction": edit(
        "bidirectional", _BACKWARD, "run_backward(X.flip(1)).flip(1)"),
    "directions in the wrong order": edit("bidirectional", "[out_f, out_b]", "[out_b, out_f]"),
    "padded steps not zeroed": edit("bidirectional", " * real[:, :, None]", ""),
    # q5: param_count
    "one bias vector per block": edit("param_count", "+ 2 * H)", "+ H)"),
    "GRU and LSTM gate counts swapped": edit(
        "param_count", '"GRU": 3, "LSTM": 4', '"GRU": 4, "LSTM": 3'),
    "upper layers read D inputs": edit(
        "param_count", "D_in = D if layer == 0 else directions * H", "D_in = D"),
    "upper-layer input not doubled": edit("param_count", "else directions * H", "else H"),
    "directions not doubled": edit(
        "param_count", "total += directions * blocks[cell]", "total += blocks[cell]"),
    # The statement forbids building the module.
    "torch.nn.GRU built to count": edit(
        "param_count", "    directions = 2 if bidirectional else 1\n",
        "    module = getattr(torch.nn, cell)(D, H, num_layers, bidirectional=bidirectional)\n"
        "    return sum(w.numel() for w in module.parameters())\n"),
    "unknown cell accepted": [edit("param_count", "if cell not in blocks:", "if False:"),
                              edit("param_count", "blocks[cell] *", "blocks.get(cell, 1) *")],
    # q6a: update_gate_path (the experiment)
    "keep product includes z(1)": edit("update_gate_path", "z[:, 1:].prod(dim=1)", "z.prod(dim=1)"),
    "the lecture's s used as the keep gate": edit(
        "update_gate_path", "gates.append(torch.sigmoid(a_z))", "gates.append(1 - torch.sigmoid(a_z))"),
    "gates from a zero state every step": edit(
        "update_gate_path", "+ (h @ W_hh.T + b_hh)[:, H:2 * H]",
        "+ (torch.zeros_like(h) @ W_hh.T + b_hh)[:, H:2 * H]"),
    "write share as the mean of z": edit("update_gate_path", "float((1 - z).mean())", "float(z.mean())"),
}
