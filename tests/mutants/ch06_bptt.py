"""Named wrong answers for Homework 6 (solutions/ch06_bptt.ipynb), as edits of the master's
solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

_RETURN = "return [g * scale for g in grads], total_norm"

MUTANTS = {
    # q1: rnn_step_backward
    "missing (1 - h²) factor": edit("rnn_step_backward", "da = (1.0 - h_t**2) * dh_t", "da = dh_t"),
    "derivative 1 - h instead of 1 - h²": edit("rnn_step_backward", "(1.0 - h_t**2)", "(1.0 - h_t)"),
    "W_hh not transposed in dh_prev": edit("rnn_step_backward", "da @ W_hh", "da @ W_hh.T"),
    # The factor applied to the parameter gradients but dh_t passed back unchanged; a test
    # with h_t = 0 (tanh' = 1) cannot tell.
    "dh_prev = dh_t @ W_hh": edit(
        "rnn_step_backward", "da @ W_hh", "dh_t @ W_hh"),
    "gradients averaged over the batch": edit(
        "rnn_step_backward", "da.T @ x_t, da.T @ h_prev, da.sum(axis=0)",
        "da.T @ x_t / len(da), da.T @ h_prev / len(da), da.mean(axis=0)"),
    # q2: bptt
    "gradients not accumulated over time (only the last step)": edit(
        "bptt", "for t in reversed(range(T)):", "for t in [T - 1]:"),
    "dh_next dropped": edit("bptt", '@ params["W_yh"] + dh_next', '@ params["W_yh"]'),
    "one-hot target not subtracted": edit("bptt", "    dY[rows, steps, Y] -= 1.0\n", ""),
    "loss averaged over time instead of summed": [
        edit("bptt", "np.log(P[rows, steps, Y]).sum() / batch)", "np.log(P[rows, steps, Y]).mean())"),
        edit("bptt", "dY /= batch", "dY /= batch * T"),
    ],
    # q3: clip_grad_norm
    "squared norm instead of norm": edit(
        "clip_grad_norm", "float(np.sqrt(sum(np.sum(g**2) for g in grads)))",
        "float(sum(np.sum(g**2) for g in grads))"),
    "clipping each tensor separately instead of by the global norm": edit(
        "clip_grad_norm", "[g * scale for g in grads]",
        "[g * min(1.0, max_norm / (float(np.sqrt(np.sum(g**2))) + 1e-6)) for g in grads]"),
    "always rescaled to max_norm": edit(
        "clip_grad_norm", "min(1.0, max_norm / (total_norm + 1e-6))", "max_norm / (total_norm + 1e-6)"),
    "no epsilon (division by zero on an all-zero gradient)": edit(
        "clip_grad_norm", "max_norm / (total_norm + 1e-6)", "max_norm / total_norm"),
    "clipped norm returned": edit("clip_grad_norm", _RETURN, _RETURN + " * scale"),
    "input arrays modified in place": edit(
        "clip_grad_norm", _RETURN, "for g in grads:\n        g *= scale\n    return grads, total_norm"),
    # q4: tbptt_train
    "hidden state not detached between chunks": [
        edit("tbptt_train", "        h = h.detach()\n", ""),
        edit("tbptt_train", "loss.backward()", "loss.backward(retain_graph=True)"),
    ],
    "detached every step": edit(
        "tbptt_train", "out, h = rnn(X[:, s:s + k], h)",
        "outs = []\n"
        "        for t in range(s, min(s + k, X.shape[1])):\n"
        "            out_t, h = rnn(X[:, t:t + 1], h)\n"
        "            outs.append(out_t)\n"
        "            h = h.detach()\n"
        "        out = torch.cat(outs, dim=1)"),
    "hidden state reset to zero in every chunk": edit(
        "tbptt_train", "rnn(X[:, s:s + k], h)", "rnn(X[:, s:s + k])"),
    "2 classes assumed": edit(
        "tbptt_train", "logits.reshape(-1, logits.shape[-1])", "logits.reshape(-1, 2)"),
    "last shorter chunk dropped": edit(
        "tbptt_train", "range(0, X.shape[1], k)", "range(0, X.shape[1] - k + 1, k)"),
    # q5a: gradient_norms (the experiment)
    "tanh derivative left out": edit(
        "gradient_norms",
        'rnn_step_backward(dh, X[:, t], H[:, t], H[:, t + 1], params["W_hh"])[3]',
        'dh @ params["W_hh"]'),
    "sum over the batch": edit(
        "gradient_norms", 'dy @ params["W_yh"] / batch', 'dy @ params["W_yh"]'),
    "every step's loss added": edit(
        "gradient_norms", 'params["W_hh"])[3]',
        'params["W_hh"])[3] + (P[:, t - 1] - np.eye(P.shape[-1])[c]) @ params["W_yh"] / batch'),
    "squared gradient norm": edit("gradient_norms", "np.linalg.norm(d)", "np.sum(d**2)"),
    "h(t) and h(t - 1) swapped in the step": edit(
        "gradient_norms", "H[:, t], H[:, t + 1]", "H[:, t + 1], H[:, t]"),
}
