"""Named wrong answers for Homework 3 (solutions/ch03_rnn.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    # q1: rnn_step
    "sigmoid instead of tanh": '''
def rnn_step(x_t, h_prev, W_hx, W_hh, b_h):
    return 1.0 / (1.0 + np.exp(-(x_t @ W_hx.T + h_prev @ W_hh.T + b_h)))
''',
    "missing bias": '''
def rnn_step(x_t, h_prev, W_hx, W_hh, b_h):
    return np.tanh(x_t @ W_hx.T + h_prev @ W_hh.T)
''',
    "W_hh transposed": '''
def rnn_step(x_t, h_prev, W_hx, W_hh, b_h):
    return np.tanh(x_t @ W_hx.T + h_prev @ W_hh + b_h)
''',
    "W_hx transposed": '''
def rnn_step(x_t, h_prev, W_hx, W_hh, b_h):
    return np.tanh(x_t @ W_hx + h_prev @ W_hh.T + b_h)
''',
    # q2: rnn_forward
    "only the last state returned": '''
def rnn_forward(X, h0, W_hx, W_hh, b_h):
    h_t = h0
    for t in range(X.shape[1]):
        h_t = rnn_step(X[:, t], h_t, W_hx, W_hh, b_h)
    return h_t
''',
    "h0 ignored": '''
def rnn_forward(X, h0, W_hx, W_hh, b_h):
    h_t, states = np.zeros((X.shape[0], W_hh.shape[0])), []
    for t in range(X.shape[1]):
        h_t = rnn_step(X[:, t], h_t, W_hx, W_hh, b_h)
        states.append(h_t)
    return np.stack(states, axis=1)


def stacked_rnn_forward(X, h0, layers):
    inputs, last = X, []
    for W_hx, W_hh, b_h in layers:
        inputs = rnn_forward(inputs, np.zeros((X.shape[0], W_hh.shape[0])), W_hx, W_hh, b_h)
        last.append(inputs[:, -1])
    return inputs, np.stack(last)
''',
    "time and batch axes swapped": '''
def rnn_forward(X, h0, W_hx, W_hh, b_h):
    h_t, states = h0, []
    for t in range(X.shape[0]):
        h_t = rnn_step(X[t], h_t, W_hx, W_hh, b_h)
        states.append(h_t)
    return np.stack(states)
''',
    "h0 returned as the first state": '''
def rnn_forward(X, h0, W_hx, W_hh, b_h):
    h_t, states = h0, []
    for t in range(X.shape[1]):
        states.append(h_t)
        h_t = rnn_step(X[:, t], h_t, W_hx, W_hh, b_h)
    return np.stack(states, axis=1)
''',
    # q3: stacked_rnn_forward
    "layers not chained": '''
def stacked_rnn_forward(X, h0, layers):
    outputs, last = None, []
    for l, (W_hx, W_hh, b_h) in enumerate(layers):
        outputs = rnn_forward(X, h0[l], W_hx, W_hh, b_h)
        last.append(outputs[:, -1])
    return outputs, np.stack(last)
''',
    "h_n is the top layer repeated": '''
def stacked_rnn_forward(X, h0, layers):
    inputs = X
    for l, (W_hx, W_hh, b_h) in enumerate(layers):
        inputs = rnn_forward(inputs, h0[l], W_hx, W_hh, b_h)
    return inputs, np.stack([inputs[:, -1]] * len(layers))
''',
    "every layer starts from h0[0]": '''
def stacked_rnn_forward(X, h0, layers):
    inputs, last = X, []
    for W_hx, W_hh, b_h in layers:
        inputs = rnn_forward(inputs, h0[0], W_hx, W_hh, b_h)
        last.append(inputs[:, -1])
    return inputs, np.stack(last)
''',
    "h_n taken at the first time step": '''
def stacked_rnn_forward(X, h0, layers):
    inputs, first = X, []
    for l, (W_hx, W_hh, b_h) in enumerate(layers):
        inputs = rnn_forward(inputs, h0[l], W_hx, W_hh, b_h)
        first.append(inputs[:, 0])
    return inputs, np.stack(first)
''',
    # q4: sequence_loss
    "loss at the last step only": '''
def sequence_loss(states, W_yh, b_y, targets):
    z_y = states[:, -1] @ W_yh.T + b_y
    z_y = z_y - z_y.max(axis=-1, keepdims=True)
    log_y = z_y - np.log(np.exp(z_y).sum(axis=-1, keepdims=True))
    return float(-np.take_along_axis(log_y, targets[:, -1:], axis=-1).mean())
''',
    "softmax over the time axis": '''
def sequence_loss(states, W_yh, b_y, targets):
    z_y = states @ W_yh.T + b_y
    z_y = z_y - z_y.max(axis=1, keepdims=True)
    log_y = z_y - np.log(np.exp(z_y).sum(axis=1, keepdims=True))
    return float(-np.take_along_axis(log_y, targets[..., None], axis=-1).mean())
''',
    "sum instead of mean": '''
def sequence_loss(states, W_yh, b_y, targets):
    z_y = states @ W_yh.T + b_y
    z_y = z_y - z_y.max(axis=-1, keepdims=True)
    log_y = z_y - np.log(np.exp(z_y).sum(axis=-1, keepdims=True))
    return float(-np.take_along_axis(log_y, targets[..., None], axis=-1).sum())
''',
    "output bias missing": '''
def sequence_loss(states, W_yh, b_y, targets):
    z_y = states @ W_yh.T
    z_y = z_y - z_y.max(axis=-1, keepdims=True)
    log_y = z_y - np.log(np.exp(z_y).sum(axis=-1, keepdims=True))
    return float(-np.take_along_axis(log_y, targets[..., None], axis=-1).mean())
''',
    "not numerically stable": '''
def sequence_loss(states, W_yh, b_y, targets):
    e = np.exp(states @ W_yh.T + b_y)
    y = e / e.sum(axis=-1, keepdims=True)
    return float(-np.log(np.take_along_axis(y, targets[..., None], axis=-1)).mean())
''',
    # q5: weights_from_torch
    "only bias_ih used": '''
def weights_from_torch(rnn):
    return [tuple(getattr(rnn, f"{name}_l{k}").detach().double().numpy()
                  for name in ("weight_ih", "weight_hh", "bias_ih"))
            for k in range(rnn.num_layers)]
''',
    "weights transposed": '''
def weights_from_torch(rnn):
    layers = []
    for k in range(rnn.num_layers):
        W_hx = getattr(rnn, f"weight_ih_l{k}").detach().double().numpy().T
        W_hh = getattr(rnn, f"weight_hh_l{k}").detach().double().numpy().T
        b_h = (getattr(rnn, f"bias_ih_l{k}") + getattr(rnn, f"bias_hh_l{k}"))
        layers.append((W_hx, W_hh, b_h.detach().double().numpy()))
    return layers
''',
    "only the first layer loaded": '''
def weights_from_torch(rnn):
    b_h = rnn.bias_ih_l0 + rnn.bias_hh_l0
    return [(rnn.weight_ih_l0.detach().double().numpy(),
             rnn.weight_hh_l0.detach().double().numpy(), b_h.detach().double().numpy())]
''',
    "float32 module not converted": '''
def weights_from_torch(rnn):
    layers = []
    for k in range(rnn.num_layers):
        W_hx = getattr(rnn, f"weight_ih_l{k}").detach().numpy()
        W_hh = getattr(rnn, f"weight_hh_l{k}").detach().numpy()
        b_h = (getattr(rnn, f"bias_ih_l{k}") + getattr(rnn, f"bias_hh_l{k}"))
        layers.append((W_hx, W_hh, b_h.detach().numpy()))
    return layers
''',
}
