"""Named wrong answers for Homework 12 (solutions/ch12_linear_recurrences.ipynb), as edits of
the master's solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit, rewrite

_SOLVE_W = "torch.linalg.solve(V, W.to(V.dtype))"
_SOLVE_Z0 = "torch.linalg.solve(V, z0.to(V.dtype).T).T"
_PAIRS = "combine((a[:, :-shift], b[:, :-shift]), (a[:, shift:], b[:, shift:]))"
_SUMS = "torch.logcumsumexp(log_b - log_a_bar, dim=1)"
_GATES = "return torch.sigmoid(-d), torch.sigmoid(d)"

MUTANTS = {
    # q1: lru_parameters, lru_eigenvalues
    "theta from atan(imag / real)": edit(
        "lru_parameters", "torch.angle(lam)", "torch.atan(lam.imag / lam.real)"),
    "nu as log|lambda|": edit("lru_parameters", "torch.log(-torch.log(r))", "torch.log(r)"),
    "nu as -log|lambda|": edit("lru_parameters", "torch.log(-torch.log(r))", "-torch.log(r)"),
    "one exp missing in lru_eigenvalues": edit(
        "lru_eigenvalues", "-torch.exp(nu.double())", "-nu.double()"),
    "modulus 1 or more accepted": edit("lru_parameters", "((r > 0) & (r < 1))", "(r > 0)"),
    "modulus exactly 1 accepted": edit("lru_parameters", "(r < 1)", "(r <= 1)"),
    # q2: diagonalise, run_diagonal
    "V^-1 replaced by V^T": [edit("diagonalise", _SOLVE_W, "V.T @ W.to(V.dtype)"),
                             edit("diagonalise", _SOLVE_Z0, "z0.to(V.dtype) @ V")],
    "V^-1 replaced by V^H": [edit("diagonalise", _SOLVE_W, "V.conj().T @ W.to(V.dtype)"),
                             edit("diagonalise", _SOLVE_Z0, "z0.to(V.dtype) @ V.conj()")],
    "eigenvectors as rows": edit(
        "diagonalise", "return lam, B_in, V, h0", "return lam, B_in, V.T, h0"),
    "h(0) = z(0) not mapped": edit("diagonalise", _SOLVE_Z0, "z0.to(V.dtype)"),
    "h @ C instead of h @ C^T": edit("run_diagonal", "@ C.T).real", "@ C).real"),
    "modulus instead of the real part": edit("run_diagonal", "@ C.T).real", "@ C.T).abs()"),
    "z(0) to z(T-1) returned": edit(
        "run_diagonal", "h_t = lam * h_t + b[:, t]\n        h.append(h_t)",
        "h.append(h_t)\n        h_t = lam * h_t + b[:, t]"),
    # q3: combine, scan
    "operands of combine swapped": edit("combine", "a2 * b1 + b2", "a1 * b2 + b1"),
    "decays not multiplied in combine": edit("combine", "a1 * a2,", "a2,"),
    "floor(log2 T) rounds": edit(
        "scan", "math.ceil(math.log2(a.shape[1]))", "int(math.log2(a.shape[1]))"),
    "h(0) added without a(1)": edit(
        "scan", "b[:, :1] + a[:, :1] * h0[:, None]", "b[:, :1] + h0[:, None]"),
    "pairs combined in the wrong order": edit(
        "scan", _PAIRS, "combine((a[:, shift:], b[:, shift:]), (a[:, :-shift], b[:, :-shift]))"),
    "shapes not checked": edit("scan", "if a.ndim != 3 or b.shape != a.shape:", "if False:"),
    # The statement asks for the Hillis-Steele rounds; this answer walks the steps in order,
    # one combine per step, and gets every number right.
    "a loop over the steps": rewrite('''
        def scan(a, b, h0=None):
            if a.ndim != 3 or b.shape != a.shape:
                raise ValueError("a and b must have one shape (B, T, n)")
            first = b[:, 0] if h0 is None else b[:, 0] + a[:, 0] * h0
            pairs = [(a[:, 0], first)]
            for t in range(1, a.shape[1]):
                pairs.append(combine(pairs[-1], (a[:, t], b[:, t])))
            return (torch.stack([p[0] for p in pairs], dim=1),
                    torch.stack([p[1] for p in pairs], dim=1))
    '''),
    # Updating a and b in place changes every line that touches them: written out in full.
    "inputs modified in place": rewrite('''
        def scan(a, b, h0=None):
            if a.ndim != 3 or b.shape != a.shape:
                raise ValueError("a and b must have one shape (B, T, n)")
            if h0 is not None:
                b[:, 0] += a[:, 0] * h0
            for k in range(math.ceil(math.log2(a.shape[1]))):
                shift = 2 ** k
                a[:, shift:], b[:, shift:] = combine((a[:, :-shift], b[:, :-shift]),
                                                     (a[:, shift:], b[:, shift:]))
            return a, b
    '''),
    # q4: log_space_scan
    "exponentials summed (the product form)": edit(
        "log_space_scan", _SUMS, "(log_b - log_a_bar).exp().cumsum(dim=1).log()"),
    "logsumexp over all steps": edit(
        "log_space_scan", _SUMS, "torch.logsumexp(log_b - log_a_bar, dim=1, keepdim=True)"),
    "decays shifted by one step": edit(
        "log_space_scan", "log_a.cumsum(dim=1)", "(log_a.cumsum(dim=1) - log_a)"),
    "h(0) folded in without a(1)": edit(
        "log_space_scan", "log_a[:, :1] + log_h0[:, None]", "log_h0[:, None]"),
    "log_h0 ignored": edit("log_space_scan", "if log_h0 is not None:", "if False:"),
    "the lecture's nan check (a zero gate passes)": edit(
        "log_space_scan", "torch.isfinite(log_a).all()", "~log_a.isnan().any()"),
    "log_h0 not checked": edit(
        "log_space_scan", '(("log_b", log_b), ("log_h0", log_h0))', '(("log_b", log_b),)'),
    # Leaving log space is the whole mistake: the recurrence on the numbers themselves.
    "a linear loop then the log": rewrite('''
        def log_space_scan(log_a, log_b, log_h0=None):
            if not bool(torch.isfinite(log_a).all()):
                raise ValueError("log_a must hold finite numbers")
            for name, x in (("log_b", log_b), ("log_h0", log_h0)):
                if x is not None and bool(x.isnan().any()):
                    raise ValueError(f"{name} holds nan")
            a, b = log_a.exp(), log_b.exp()
            h_t = torch.zeros_like(b[:, 0]) if log_h0 is None else log_h0.exp()
            h = []
            for t in range(a.shape[1]):
                h_t = a[:, t] * h_t + b[:, t]
                h.append(h_t)
            return torch.stack(h, dim=1).log()
    '''),
    # q5: min_lstm_gates, min_lstm, min_lstm_step
    "gates not normalised": edit(
        "min_lstm_gates", _GATES, "return torch.sigmoid(k_f), torch.sigmoid(k_i)"),
    "f' and i' swapped": edit(
        "min_lstm_gates", _GATES, "return torch.sigmoid(d), torch.sigmoid(-d)"),
    "softmax of the pre-activations": edit(
        "min_lstm_gates", "F.softplus(-k_f) - F.softplus(-k_i)", "k_i - k_f"),
    "normalised in linear space (0/0 when both gates vanish)": edit(
        "min_lstm_gates", _GATES,
        "f, i = torch.sigmoid(k_f), torch.sigmoid(k_i)\n    return f / (f + i), i / (f + i)"),
    "tanh on the candidate": [
        edit("min_lstm", '(X @ p["W_hx"].T + p["b_h"])', 'torch.tanh(X @ p["W_hx"].T + p["b_h"])'),
        edit("min_lstm_step", '(x_t @ p["W_hx"].T + p["b_h"])',
             'torch.tanh(x_t @ p["W_hx"].T + p["b_h"])')],
    "h0 ignored by min_lstm": edit("min_lstm", '+ p["b_h"]), h0)', '+ p["b_h"]))'),
    # q6a: breakdown_step (the experiment)
    "step counted from 0": edit("breakdown_step", "int(steps[0, 0]) + 1", "int(steps[0, 0])"),
    "dtype ignored": edit(
        "breakdown_step", "torch.full((1, T, 1), gate, dtype=dtype)",
        "torch.full((1, T, 1), gate, dtype=torch.float64)"),
    "the last failing step": edit("breakdown_step", "steps[0, 0]", "steps[-1, 0]"),
    "error when the product form never breaks": edit(
        "breakdown_step", " if len(steps) else None", ""),
}
