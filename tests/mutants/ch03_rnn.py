"""Named wrong answers for Homework 3 (solutions/ch03_rnn.ipynb), as edits of the master's
solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

MUTANTS = {
    # q1: rnn_step
    "sigmoid instead of tanh": [edit("rnn_step", "np.tanh(", "1.0 / (1.0 + np.exp(-("),
                                edit("rnn_step", " + b_h)", " + b_h)))")],
    "missing bias": edit("rnn_step", " + b_h)", ")"),
    "W_hh transposed": edit("rnn_step", "@ W_hh.T", "@ W_hh"),
    "W_hx transposed": edit("rnn_step", "@ W_hx.T", "@ W_hx"),
    # q2: rnn_forward
    "only the last state returned": edit("rnn_forward", "np.stack(states, axis=1)", "h_t"),
    "h0 ignored": edit("rnn_forward", "h_t, states = h0,",
                       "h_t, states = np.zeros((X.shape[0], W_hh.shape[0])),"),
    "time and batch axes swapped": [
        edit("rnn_forward", "range(X.shape[1])", "range(X.shape[0])"),
        edit("rnn_forward", "X[:, t]", "X[t]"),
        edit("rnn_forward", "np.stack(states, axis=1)", "np.stack(states)"),
    ],
    "h0 returned as the first state": [
        edit("rnn_forward", "        states.append(h_t)\n", ""),
        edit("rnn_forward", "        h_t = rnn_step(", "        states.append(h_t)\n        h_t = rnn_step("),
    ],
    # q3: stacked_rnn_forward
    "layers not chained": edit("stacked_rnn_forward", "rnn_forward(inputs,", "rnn_forward(X,"),
    "h_n is the top layer repeated": edit(
        "stacked_rnn_forward", "np.stack(last)", "np.stack([inputs[:, -1]] * len(layers))"),
    "every layer starts from h0[0]": edit("stacked_rnn_forward", "h0[k]", "h0[0]"),
    "h_n stacked batch first": edit("stacked_rnn_forward", "np.stack(last)",
                                     "np.stack(last, axis=1)"),
    "h_n taken at the first time step": edit(
        "stacked_rnn_forward", "last.append(inputs[:, -1])", "last.append(inputs[:, 0])"),
    # q4: sequence_loss
    "loss at the last step only": [
        edit("sequence_loss", "z_y = states @", "z_y = states[:, -1:] @"),
        edit("sequence_loss", "targets[..., None]", "targets[:, -1:, None]"),
    ],
    "softmax over the time axis": [
        edit("sequence_loss", "z_y.max(axis=-1,", "z_y.max(axis=1,"),
        edit("sequence_loss", "np.exp(z_y).sum(axis=-1,", "np.exp(z_y).sum(axis=1,"),
    ],
    "sum instead of mean": edit("sequence_loss", "-picked.mean()", "-picked.sum()"),
    "output bias missing": edit("sequence_loss", "@ W_yh.T + b_y", "@ W_yh.T"),
    # The stable softmax of the statement's old wording, then np.log: log 0 = -inf.
    "log of a stable softmax": edit(
        "sequence_loss", "z_y - np.log(np.exp(z_y).sum(axis=-1, keepdims=True))",
        "np.log(np.exp(z_y) / np.exp(z_y).sum(axis=-1, keepdims=True))"),
    "not numerically stable": edit(
        "sequence_loss", "    z_y = z_y - z_y.max(axis=-1, keepdims=True)\n", ""),
    # q5: weights_from_torch
    "only bias_ih used": edit(
        "weights_from_torch",
        '(getattr(rnn, f"bias_ih_l{k}") + getattr(rnn, f"bias_hh_l{k}"))',
        'getattr(rnn, f"bias_ih_l{k}")'),
    "weights transposed": [
        edit("weights_from_torch", 'f"weight_ih_l{k}").detach().double().numpy()',
             'f"weight_ih_l{k}").detach().double().numpy().T'),
        edit("weights_from_torch", 'f"weight_hh_l{k}").detach().double().numpy()',
             'f"weight_hh_l{k}").detach().double().numpy().T'),
    ],
    "only the first layer loaded": edit("weights_from_torch", "range(rnn.num_layers)", "range(1)"),
    "float32 module not converted": [
        edit("weights_from_torch", 'f"weight_ih_l{k}").detach().double()', 'f"weight_ih_l{k}").detach()'),
        edit("weights_from_torch", 'f"weight_hh_l{k}").detach().double()', 'f"weight_hh_l{k}").detach()'),
        edit("weights_from_torch", "b_h.detach().double()", "b_h.detach()"),
    ],
    # q6a: state_distances (the experiment)
    "squared distance": edit(
        "state_distances", "np.linalg.norm(H_a - H_b, axis=-1)", "np.sum((H_a - H_b) ** 2, axis=-1)"),
    "mean absolute difference": edit(
        "state_distances", "np.linalg.norm(H_a - H_b, axis=-1)", "np.abs(H_a - H_b).mean(axis=-1)"),
    "bias ignored": edit("state_distances", "W_hh, b_h)", "W_hh, 0 * b_h)"),
    "norm over the batch axis": edit(
        "state_distances", "H_b, axis=-1)", "H_b, axis=0)"),
}
