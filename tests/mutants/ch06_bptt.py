"""Named wrong answers for Homework 6 (solutions/ch06_bptt.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    # q1: one step backward
    "missing (1 - h²) factor": '''
def rnn_step_backward(dh_t, x_t, h_prev, h_t, W_hh):
    da = dh_t
    return da.T @ x_t, da.T @ h_prev, da.sum(axis=0), da @ W_hh
''',
    "derivative 1 - h instead of 1 - h²": '''
def rnn_step_backward(dh_t, x_t, h_prev, h_t, W_hh):
    da = (1.0 - h_t) * dh_t
    return da.T @ x_t, da.T @ h_prev, da.sum(axis=0), da @ W_hh
''',
    "W_hh not transposed in dh_prev": '''
def rnn_step_backward(dh_t, x_t, h_prev, h_t, W_hh):
    da = (1.0 - h_t**2) * dh_t
    return da.T @ x_t, da.T @ h_prev, da.sum(axis=0), da @ W_hh.T
''',
    "gradients averaged over the batch": '''
def rnn_step_backward(dh_t, x_t, h_prev, h_t, W_hh):
    da = (1.0 - h_t**2) * dh_t
    n = dh_t.shape[0]
    return da.T @ x_t / n, da.T @ h_prev / n, da.mean(axis=0), da @ W_hh
''',
    # q2: BPTT over a sequence
    "gradients not accumulated over time (only the last step)": '''
def bptt(params, X, Y):
    H, P = rnn_forward(params, X)
    batch, T, _ = X.shape
    rows, steps = np.arange(batch)[:, None], np.arange(T)
    loss = float(-np.log(P[rows, steps, Y]).sum() / batch)
    dY = P.copy()
    dY[rows, steps, Y] -= 1.0
    dY /= batch
    grads = {}
    t = T - 1  # only the last step's terms
    grads["W_yh"] = dY[:, t].T @ H[:, t + 1]
    grads["b_y"] = dY[:, t].sum(axis=0)
    dh = dY[:, t] @ params["W_yh"]
    grads["W_hx"], grads["W_hh"], grads["b_h"], _ = rnn_step_backward(
        dh, X[:, t], H[:, t], H[:, t + 1], params["W_hh"])
    return loss, grads
''',
    "dh_next dropped": '''
def bptt(params, X, Y):
    H, P = rnn_forward(params, X)
    batch, T, _ = X.shape
    rows, steps = np.arange(batch)[:, None], np.arange(T)
    loss = float(-np.log(P[rows, steps, Y]).sum() / batch)
    dY = P.copy()
    dY[rows, steps, Y] -= 1.0
    dY /= batch
    grads = {name: np.zeros_like(value) for name, value in params.items()}
    for t in reversed(range(T)):
        grads["W_yh"] += dY[:, t].T @ H[:, t + 1]
        grads["b_y"] += dY[:, t].sum(axis=0)
        dh = dY[:, t] @ params["W_yh"]  # the gradient from step t + 1 is forgotten
        dW_hx, dW_hh, db_h, _ = rnn_step_backward(dh, X[:, t], H[:, t], H[:, t + 1],
                                                  params["W_hh"])
        grads["W_hx"] += dW_hx
        grads["W_hh"] += dW_hh
        grads["b_h"] += db_h
    return loss, grads
''',
    "one-hot target not subtracted": '''
def bptt(params, X, Y):
    H, P = rnn_forward(params, X)
    batch, T, _ = X.shape
    rows, steps = np.arange(batch)[:, None], np.arange(T)
    loss = float(-np.log(P[rows, steps, Y]).sum() / batch)
    dY = P / batch  # p instead of p - e_c
    grads = {name: np.zeros_like(value) for name, value in params.items()}
    dh_next = np.zeros((batch, params["W_hh"].shape[0]))
    for t in reversed(range(T)):
        grads["W_yh"] += dY[:, t].T @ H[:, t + 1]
        grads["b_y"] += dY[:, t].sum(axis=0)
        dh = dY[:, t] @ params["W_yh"] + dh_next
        dW_hx, dW_hh, db_h, dh_next = rnn_step_backward(dh, X[:, t], H[:, t], H[:, t + 1],
                                                        params["W_hh"])
        grads["W_hx"] += dW_hx
        grads["W_hh"] += dW_hh
        grads["b_h"] += db_h
    return loss, grads
''',
    "loss averaged over time instead of summed": '''
def bptt(params, X, Y):
    H, P = rnn_forward(params, X)
    batch, T, _ = X.shape
    rows, steps = np.arange(batch)[:, None], np.arange(T)
    loss = float(-np.log(P[rows, steps, Y]).mean())
    dY = P.copy()
    dY[rows, steps, Y] -= 1.0
    dY /= batch * T
    grads = {name: np.zeros_like(value) for name, value in params.items()}
    dh_next = np.zeros((batch, params["W_hh"].shape[0]))
    for t in reversed(range(T)):
        grads["W_yh"] += dY[:, t].T @ H[:, t + 1]
        grads["b_y"] += dY[:, t].sum(axis=0)
        dh = dY[:, t] @ params["W_yh"] + dh_next
        dW_hx, dW_hh, db_h, dh_next = rnn_step_backward(dh, X[:, t], H[:, t], H[:, t + 1],
                                                        params["W_hh"])
        grads["W_hx"] += dW_hx
        grads["W_hh"] += dW_hh
        grads["b_h"] += db_h
    return loss, grads
''',
    # q3: clipping by the global norm
    "squared norm instead of norm": '''
def clip_grad_norm(grads, max_norm):
    total = float(sum(np.sum(g * g) for g in grads))
    if total > max_norm:
        return [g * max_norm / total for g in grads], total
    return [g.copy() for g in grads], total
''',
    "clipping each tensor separately instead of by the global norm": '''
def clip_grad_norm(grads, max_norm):
    clipped = []
    for g in grads:
        norm = float(np.sqrt(np.sum(g**2)))
        clipped.append(g * min(1.0, max_norm / (norm + 1e-6)))
    return clipped, float(np.sqrt(sum(np.sum(g**2) for g in grads)))
''',
    "always rescaled to max_norm": '''
def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    return [g * max_norm / (total_norm + 1e-6) for g in grads], total_norm
''',
    "clipped norm returned": '''
def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    clipped = [g * min(1.0, max_norm / (total_norm + 1e-6)) for g in grads]
    return clipped, float(np.sqrt(sum(np.sum(g**2) for g in clipped)))
''',
    "input arrays modified in place": '''
def clip_grad_norm(grads, max_norm):
    total_norm = float(np.sqrt(sum(np.sum(g**2) for g in grads)))
    scale = min(1.0, max_norm / (total_norm + 1e-6))
    for g in grads:
        g *= scale
    return grads, total_norm
''',
    # q4: truncated BPTT
    "hidden state not detached between chunks": '''
def tbptt_train(rnn, head, optimizer, X, Y, k):
    h, losses = None, []
    for s in range(0, X.shape[1], k):
        out, h = rnn(X[:, s:s + k], h)
        logits = head(out)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y[:, s:s + k].reshape(-1))
        optimizer.zero_grad()
        loss.backward(retain_graph=True)
        optimizer.step()
        losses.append(loss.item())
    return losses
''',
    "detached every step": '''
def tbptt_train(rnn, head, optimizer, X, Y, k):
    h, losses = None, []
    for s in range(0, X.shape[1], k):
        outs = []
        for t in range(s, min(s + k, X.shape[1])):
            out, h = rnn(X[:, t:t + 1], h)
            outs.append(out)
            h = h.detach()
        logits = head(torch.cat(outs, dim=1))
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y[:, s:s + k].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
''',
    "hidden state reset to zero in every chunk": '''
def tbptt_train(rnn, head, optimizer, X, Y, k):
    losses = []
    for s in range(0, X.shape[1], k):
        out, _ = rnn(X[:, s:s + k])
        logits = head(out)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y[:, s:s + k].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    return losses
''',
    "last shorter chunk dropped": '''
def tbptt_train(rnn, head, optimizer, X, Y, k):
    h, losses = None, []
    for s in range(0, X.shape[1] - k + 1, k):
        out, h = rnn(X[:, s:s + k], h)
        logits = head(out)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), Y[:, s:s + k].reshape(-1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        h = h.detach()
        losses.append(loss.item())
    return losses
''',
}
