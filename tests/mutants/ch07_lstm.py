"""Named wrong answers for Homework 7 (solutions/ch07_lstm.ipynb), as edits of the master's
solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

_STEP = "h_t, c_t = lstm_cell(X[:, t], h_t, c_t, p)"

MUTANTS = {
    # q1: lstm_cell
    "no tanh on c(t) in h(t)": edit("lstm_cell", "o_t * torch.tanh(c_t)", "o_t * c_t"),
    "c(t) from tanh(c(t-1))": edit("lstm_cell", "f_t * c_prev", "f_t * torch.tanh(c_prev)"),
    "forget gate multiplies g not c(t-1)": edit(
        "lstm_cell", "f_t * c_prev + i_t * g_t", "c_prev + i_t * f_t * g_t"),
    # q2: lstm_forward
    "state not carried": [
        edit("lstm_forward", _STEP, "h_new, c_new = lstm_cell(X[:, t], h_t, c_t, p)"),
        edit("lstm_forward", "outputs.append(h_t)", "outputs.append(h_new)"),
        edit("lstm_forward", ", (h_t, c_t)", ", (h_new, c_new)"),
    ],
    "c reset every step": edit(
        "lstm_forward", _STEP, "h_t, c_t = lstm_cell(X[:, t], h_t, torch.zeros_like(c_t), p)"),
    "h0 and c0 ignored": [edit("lstm_forward", " if h0 is None else h0", ""),
                          edit("lstm_forward", " if c0 is None else c0", "")],
    # The default for c0 tied to h0 (`if h0 is None: h0, c0 = zeros`): c0 alone is
    # overwritten, h0 alone leaves c0 None.
    "c0 defaults only with h0": edit(
        "lstm_forward", "    c_t = torch.zeros(B, H, dtype=X.dtype) if c0 is None else c0\n",
        "    c_t = c0\n    if h0 is None:\n        c_t = torch.zeros(B, H, dtype=X.dtype)\n"),
    "batch and time swapped": edit("lstm_forward", "lstm_cell(X[:, t],", "lstm_cell(X[t],"),
    "outputs stacked along the wrong axis": edit(
        "lstm_forward", "torch.stack(outputs, dim=1)", "torch.stack(outputs, dim=0)"),
    "initial states returned instead of final": edit("lstm_forward", ", (h_t, c_t)", ", (h0, c0)"),
    "no shape check": [edit("lstm_forward", "if X.ndim != 3:", "if False:"),
                       edit("lstm_forward", "B, T, _ = X.shape", "B, T = X.shape[0], X.shape[1]")],
    # q3: params_from_torch
    "gate order ifog not ifgo": edit("params_from_torch", "enumerate(GATES)", 'enumerate("ifog")'),
    "gate order figo": edit("params_from_torch", "enumerate(GATES)", 'enumerate("figo")'),
    "single bias where PyTorch has two": edit(
        "params_from_torch", "(lstm.bias_ih_l0 + lstm.bias_hh_l0)", "lstm.bias_ih_l0"),
    "weights transposed": [
        edit("params_from_torch", "weight_ih_l0.detach()", "weight_ih_l0.detach().T"),
        edit("params_from_torch", "weight_hh_l0.detach()", "weight_hh_l0.detach().T"),
    ],
    # q4: lstm_param_count
    "one bias per gate in the count": edit("lstm_param_count", "H * H + 2 * H", "H * H + H"),
    "three gates instead of four": edit("lstm_param_count", "total += 4 *", "total += 3 *"),
    "num_layers ignored": edit("lstm_param_count", "range(num_layers)", "range(1)"),
    "later layers read D inputs instead of H": edit(
        "lstm_param_count", "D_in = D if layer == 0 else H", "D_in = D"),
    # The statement forbids building the module.
    "torch.nn.LSTM built to count": edit(
        "lstm_param_count", "    total = 0\n",
        "    return sum(q.numel() for q in torch.nn.LSTM(D, H, num_layers).parameters())\n"),
    # q5: set_forget_bias
    "input-gate rows set": [
        edit("set_forget_bias", 'f"bias_ih_l{layer}")[H:2 * H]', 'f"bias_ih_l{layer}")[:H]'),
        edit("set_forget_bias", 'f"bias_hh_l{layer}")[H:2 * H]', 'f"bias_hh_l{layer}")[:H]'),
    ],
    "bias_hh left as it was": edit(
        "set_forget_bias", '\n            getattr(lstm, f"bias_hh_l{layer}")[H:2 * H] = 0.0', ""),
    "only the first layer": edit("set_forget_bias", "range(lstm.num_layers)", "range(1)"),
    # q6a: first_step_gradient (the experiment)
    "gradient at the last step instead of the first": edit(
        "first_step_gradient", "X.grad[:, 0].norm()", "X.grad[:, -1].norm()"),
    "all outputs summed instead of h(T)": edit(
        "first_step_gradient", "_, (h_T, _) = lstm_forward(X, p)\n    h_T.sum()",
        "h_T, _ = lstm_forward(X, p)\n    h_T.sum()"),
    "squared norm instead of norm": edit(
        "first_step_gradient", "X.grad[:, 0].norm()", "X.grad[:, 0].norm() ** 2"),
    "loss from c(T) instead of h(T)": edit(
        "first_step_gradient", "_, (h_T, _) = lstm_forward", "_, (_, h_T) = lstm_forward"),
}
