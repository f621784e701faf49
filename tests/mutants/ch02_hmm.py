"""Named wrong answers for Homework 2 (solutions/ch02_hmm.ipynb), as edits of the master's
solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit

MUTANTS = {
    # q1: forward_log
    "transposed transition matrix": edit("forward_log", "np.log(A),", "np.log(A).T,"),
    "initial step uses A instead of pi": edit("forward_log", "np.log(pi)", "np.log(pi @ A)"),
    # E is (N, M): with N = M, E.T indexes without an error and gives wrong emissions.
    "E transposed": edit("forward_log", "np.log(E)", "np.log(E).T"),
    "no log-sum-exp (underflow to -inf on a 500-step sequence)": edit(
        "forward_log", "np.logaddexp.reduce(log_alpha[t - 1][:, None] + log_A, axis=0)",
        "np.log(np.exp(log_alpha[t - 1][:, None] + log_A).sum(axis=0))"),
    # q2: viterbi
    "greedy per-step argmax instead of Viterbi": edit(
        "viterbi", "return path,", "return delta.argmax(axis=1),"),
    "transposed A in Viterbi": edit("viterbi", "np.log(A),", "np.log(A).T,"),
    "backtracking off by one": edit("viterbi", "psi[t, path[t]]", "psi[t - 1, path[t]]"),
    "probabilities instead of logs (underflow)": [
        edit("viterbi", "log_A, log_E = np.log(A), np.log(E)", "log_A, log_E = A, E"),
        edit("viterbi", "np.log(pi) + log_E", "pi * log_E"),
        edit("viterbi", "[:, None] + log_A", "[:, None] * log_A"),
        edit("viterbi", "scores.max(axis=0) + log_E", "scores.max(axis=0) * log_E"),
        edit("viterbi", "float(delta[-1].max())", "float(np.log(delta[-1].max()))"),
    ],
    # q3: backward_log, posteriors
    "emission at t in backward": edit(
        "backward_log", "log_beta[t + 1], axis=1)", "log_beta[t + 1], axis=1) + log_E[:, x[t]]"),
    "transposed A in backward": edit("backward_log", "np.log(A),", "np.log(A).T,"),
    "backward loop stops before t = 0": edit(
        "backward_log", "range(len(x) - 2, -1, -1)", "range(len(x) - 2, 0, -1)"),
    "filtering instead of smoothing": [
        edit("posteriors", " + backward_log(x, pi, A, E)", ""),
        edit("posteriors", "reduce(log_joint[-1])", "reduce(log_joint, axis=1)[:, None]"),
    ],
    # q4: baum_welch_step
    "A normalised over columns": edit(
        "baum_welch_step", "xi_sum / gamma[:-1].sum(axis=0)[:, None]",
        "xi_sum / xi_sum.sum(axis=0, keepdims=True)"),
    "xi without emission": [
        edit("baum_welch_step", "(np.log(E[:, x[1:]]).T + log_beta[1:])", "log_beta[1:]"),
        edit("baum_welch_step", "xi_sum / gamma[:-1].sum(axis=0)[:, None]",
             "xi_sum / xi_sum.sum(axis=1, keepdims=True)"),
    ],
    "E counted from alpha": [
        edit("baum_welch_step", "    E_new = np.stack(",
             "    filtered = np.exp(log_alpha - np.logaddexp.reduce(log_alpha, axis=1)[:, None])\n"
             "    E_new = np.stack("),
        edit("baum_welch_step", "[gamma[x == k]", "[filtered[x == k]"),
        edit("baum_welch_step", "E_new /= gamma", "E_new /= filtered"),
    ],
    "pi from gamma_T": edit("baum_welch_step", "return gamma[0],", "return gamma[-1],"),
    # q5a: decoding_accuracy (the experiment)
    "count instead of fraction": edit(
        "decoding_accuracy", "float(np.mean(path == z)), float(np.mean(guess == z))",
        "float(np.sum(path == z)), float(np.sum(guess == z))"),
    "path compared with x instead of z": edit("decoding_accuracy", "path == z", "path == x"),
    # E is (N, M); E[x] reads row x_t as if E were (M, N): with M = N it runs and is wrong.
    "E indexed by symbol first": edit(
        "decoding_accuracy", "E[:, x].argmax(axis=0)", "E[x].argmax(axis=1)"),
}
