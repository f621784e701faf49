"""Named wrong answers for Homework 2 (solutions/ch02_hmm.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    "transposed transition matrix": '''
def forward_log(x, pi, A, B):
    log_A, log_B = np.log(A).T, np.log(B)
    log_alpha = np.empty((len(x), len(pi)))
    log_alpha[0] = np.log(pi) + log_B[:, x[0]]
    for t in range(1, len(x)):
        log_alpha[t] = (np.logaddexp.reduce(log_alpha[t - 1][:, None] + log_A, axis=0)
                        + log_B[:, x[t]])
    return log_alpha

''',
    "initial step uses A instead of pi": '''
def forward_log(x, pi, A, B):
    log_A, log_B = np.log(A), np.log(B)
    log_alpha = np.empty((len(x), len(pi)))
    log_alpha[0] = np.log(pi @ A) + log_B[:, x[0]]
    for t in range(1, len(x)):
        log_alpha[t] = (np.logaddexp.reduce(log_alpha[t - 1][:, None] + log_A, axis=0)
                        + log_B[:, x[t]])
    return log_alpha
''',
    "no log-sum-exp (underflow to -inf on a 500-step sequence)": '''
def forward_log(x, pi, A, B):
    alpha = np.empty((len(x), len(pi)))
    alpha[0] = pi * B[:, x[0]]
    for t in range(1, len(x)):
        alpha[t] = (alpha[t - 1] @ A) * B[:, x[t]]
    with np.errstate(divide="ignore"):
        return np.log(alpha)
''',
    "greedy per-step argmax instead of Viterbi": '''
def viterbi(x, pi, A, B):
    log_A, log_B = np.log(A), np.log(B)
    T, N = len(x), len(pi)
    delta = np.empty((T, N))
    delta[0] = np.log(pi) + log_B[:, x[0]]
    for t in range(1, T):
        delta[t] = (delta[t - 1][:, None] + log_A).max(axis=0) + log_B[:, x[t]]
    return delta.argmax(axis=1), float(delta[-1].max())
''',
    "transposed A in Viterbi": '''def viterbi(x, pi, A, B):
    log_A, log_B = np.log(A).T, np.log(B)
    T, N = len(x), len(pi)
    delta = np.empty((T, N))
    psi = np.zeros((T, N), dtype=np.int64)
    delta[0] = np.log(pi) + log_B[:, x[0]]
    for t in range(1, T):
        scores = delta[t - 1][:, None] + log_A
        psi[t] = scores.argmax(axis=0)
        delta[t] = scores.max(axis=0) + log_B[:, x[t]]
    path = np.empty(T, dtype=np.int64)
    path[-1] = delta[-1].argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = psi[t, path[t]]
    return path, float(delta[-1].max())
''',
    "backtracking off by one": '''
def viterbi(x, pi, A, B):
    log_A, log_B = np.log(A), np.log(B)
    T, N = len(x), len(pi)
    delta = np.empty((T, N))
    psi = np.zeros((T, N), dtype=np.int64)
    delta[0] = np.log(pi) + log_B[:, x[0]]
    for t in range(1, T):
        scores = delta[t - 1][:, None] + log_A
        psi[t] = scores.argmax(axis=0)
        delta[t] = scores.max(axis=0) + log_B[:, x[t]]
    path = np.empty(T, dtype=np.int64)
    path[-1] = delta[-1].argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = psi[t - 1, path[t]]
    return path, float(delta[-1].max())
''',
    "probabilities instead of logs (underflow)": '''
def viterbi(x, pi, A, B):
    T, N = len(x), len(pi)
    delta = np.empty((T, N))
    psi = np.zeros((T, N), dtype=np.int64)
    delta[0] = pi * B[:, x[0]]
    for t in range(1, T):
        scores = delta[t - 1][:, None] * A
        psi[t] = scores.argmax(axis=0)
        delta[t] = scores.max(axis=0) * B[:, x[t]]
    path = np.empty(T, dtype=np.int64)
    path[-1] = delta[-1].argmax()
    for t in range(T - 1, 0, -1):
        path[t - 1] = psi[t, path[t]]
    with np.errstate(divide="ignore"):
        return path, float(np.log(delta[-1].max()))
''',
    "emission at t in backward": '''
def backward_log(x, pi, A, B):
    log_A, log_B = np.log(A), np.log(B)
    log_beta = np.zeros((len(x), len(pi)))
    for t in range(len(x) - 2, -1, -1):
        log_beta[t] = (np.logaddexp.reduce(log_A + log_B[:, x[t + 1]] + log_beta[t + 1], axis=1)
                       + log_B[:, x[t]])
    return log_beta
''',
    "transposed A in backward": '''
def backward_log(x, pi, A, B):
    log_A, log_B = np.log(A).T, np.log(B)
    log_beta = np.zeros((len(x), len(pi)))
    for t in range(len(x) - 2, -1, -1):
        log_beta[t] = np.logaddexp.reduce(log_A + log_B[:, x[t + 1]] + log_beta[t + 1], axis=1)
    return log_beta
''',
    "filtering instead of smoothing": '''
def posteriors(x, pi, A, B):
    log_alpha = forward_log(x, pi, A, B)
    return np.exp(log_alpha - np.logaddexp.reduce(log_alpha, axis=1)[:, None])
''',
    "A normalised over columns": '''
def baum_welch_step(x, pi, A, B):
    log_alpha, log_beta = forward_log(x, pi, A, B), backward_log(x, pi, A, B)
    log_px = np.logaddexp.reduce(log_alpha[-1])
    gamma = np.exp(log_alpha + log_beta - log_px)
    log_xi = (log_alpha[:-1, :, None] + np.log(A)[None]
              + (np.log(B[:, x[1:]]).T + log_beta[1:])[:, None, :] - log_px)
    xi_sum = np.exp(log_xi).sum(axis=0)
    A_new = xi_sum / xi_sum.sum(axis=0, keepdims=True)
    B_new = np.stack([gamma[x == k].sum(axis=0) for k in range(B.shape[1])], axis=1)
    B_new /= gamma.sum(axis=0)[:, None]
    return gamma[0], A_new, B_new
''',
    "xi without emission": '''
def baum_welch_step(x, pi, A, B):
    log_alpha, log_beta = forward_log(x, pi, A, B), backward_log(x, pi, A, B)
    log_px = np.logaddexp.reduce(log_alpha[-1])
    gamma = np.exp(log_alpha + log_beta - log_px)
    log_xi = log_alpha[:-1, :, None] + np.log(A)[None] + log_beta[1:][:, None, :]
    xi_sum = np.exp(log_xi).sum(axis=0)
    A_new = xi_sum / xi_sum.sum(axis=1, keepdims=True)
    B_new = np.stack([gamma[x == k].sum(axis=0) for k in range(B.shape[1])], axis=1)
    B_new /= gamma.sum(axis=0)[:, None]
    return gamma[0], A_new, B_new
''',
    "B counted from alpha": '''
def baum_welch_step(x, pi, A, B):
    log_alpha, log_beta = forward_log(x, pi, A, B), backward_log(x, pi, A, B)
    log_px = np.logaddexp.reduce(log_alpha[-1])
    gamma = np.exp(log_alpha + log_beta - log_px)
    filtered = np.exp(log_alpha - np.logaddexp.reduce(log_alpha, axis=1)[:, None])
    log_xi = (log_alpha[:-1, :, None] + np.log(A)[None]
              + (np.log(B[:, x[1:]]).T + log_beta[1:])[:, None, :] - log_px)
    xi_sum = np.exp(log_xi).sum(axis=0)
    A_new = xi_sum / gamma[:-1].sum(axis=0)[:, None]
    B_new = np.stack([filtered[x == k].sum(axis=0) for k in range(B.shape[1])], axis=1)
    B_new /= filtered.sum(axis=0)[:, None]
    return gamma[0], A_new, B_new
''',
    "pi from gamma_T": '''
def baum_welch_step(x, pi, A, B):
    log_alpha, log_beta = forward_log(x, pi, A, B), backward_log(x, pi, A, B)
    log_px = np.logaddexp.reduce(log_alpha[-1])
    gamma = np.exp(log_alpha + log_beta - log_px)
    log_xi = (log_alpha[:-1, :, None] + np.log(A)[None]
              + (np.log(B[:, x[1:]]).T + log_beta[1:])[:, None, :] - log_px)
    xi_sum = np.exp(log_xi).sum(axis=0)
    A_new = xi_sum / gamma[:-1].sum(axis=0)[:, None]
    B_new = np.stack([gamma[x == k].sum(axis=0) for k in range(B.shape[1])], axis=1)
    B_new /= gamma.sum(axis=0)[:, None]
    return gamma[-1], A_new, B_new
''',
}
