"""Named wrong answers for Homework 8 (solutions/ch08_gru.ipynb): the format is explained in tests/test_mutants.py."""

MUTANTS = {
    # q1: gru_cell
    "reset gate applied before the matrix product": '''
def gru_cell(x_t, h_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    a_r, a_z, a_n = (x_t @ W_ih.T + b_ih).chunk(3, dim=1)
    c_r, c_z, _ = (h_prev @ W_hh.T + b_hh).chunk(3, dim=1)
    r_t = torch.sigmoid(a_r + c_r)
    z_t = torch.sigmoid(a_z + c_z)
    n_t = torch.tanh(a_n + (r_t * h_prev) @ W_hh[2 * H:].T + b_hh[2 * H:])
    return (1 - z_t) * n_t + z_t * h_prev
''',
    "update-gate convention flipped": '''
def gru_cell(x_t, h_prev, W_ih, W_hh, b_ih, b_hh):
    a_r, a_z, a_n = (x_t @ W_ih.T + b_ih).chunk(3, dim=1)
    c_r, c_z, c_n = (h_prev @ W_hh.T + b_hh).chunk(3, dim=1)
    r_t = torch.sigmoid(a_r + c_r)
    z_t = torch.sigmoid(a_z + c_z)
    n_t = torch.tanh(a_n + r_t * c_n)
    return z_t * n_t + (1 - z_t) * h_prev
''',
    "update and reset gates swapped": '''
def gru_cell(x_t, h_prev, W_ih, W_hh, b_ih, b_hh):
    a_z, a_r, a_n = (x_t @ W_ih.T + b_ih).chunk(3, dim=1)
    c_z, c_r, c_n = (h_prev @ W_hh.T + b_hh).chunk(3, dim=1)
    r_t = torch.sigmoid(a_r + c_r)
    z_t = torch.sigmoid(a_z + c_z)
    n_t = torch.tanh(a_n + r_t * c_n)
    return (1 - z_t) * n_t + z_t * h_prev
''',
    "b_hn outside the reset gate": '''
def gru_cell(x_t, h_prev, W_ih, W_hh, b_ih, b_hh):
    H = h_prev.shape[1]
    a_r, a_z, a_n = (x_t @ W_ih.T + b_ih).chunk(3, dim=1)
    c_r, c_z, c_n = (h_prev @ W_hh.T + b_hh).chunk(3, dim=1)
    r_t = torch.sigmoid(a_r + c_r)
    z_t = torch.sigmoid(a_z + c_z)
    n_t = torch.tanh(a_n + r_t * (c_n - b_hh[2 * H:]) + b_hh[2 * H:])
    return (1 - z_t) * n_t + z_t * h_prev
''',
    # q2: lecture_to_pytorch
    "update gate not negated": '''
def lecture_to_pytorch(q):
    W_ih = torch.cat([q["W_xr"], q["W_xs"], q["W_xh"]])
    W_hh = torch.cat([q["W_hr"], q["W_hs"], q["W_hh"]])
    b_ih = torch.cat([q["b_r"], q["b_s"], q["b_xh"]])
    b_hh = torch.cat([torch.zeros_like(q["b_r"]), torch.zeros_like(q["b_s"]), q["b_hh"]])
    return W_ih, W_hh, b_ih, b_hh
''',
    "1 - W instead of -W": '''
def lecture_to_pytorch(q):
    W_ih = torch.cat([q["W_xr"], 1 - q["W_xs"], q["W_xh"]])
    W_hh = torch.cat([q["W_hr"], 1 - q["W_hs"], q["W_hh"]])
    b_ih = torch.cat([q["b_r"], 1 - q["b_s"], q["b_xh"]])
    b_hh = torch.cat([torch.zeros_like(q["b_r"]), torch.zeros_like(q["b_s"]), q["b_hh"]])
    return W_ih, W_hh, b_ih, b_hh
''',
    "update and reset rows swapped": '''
def lecture_to_pytorch(q):
    W_ih = torch.cat([-q["W_xs"], q["W_xr"], q["W_xh"]])
    W_hh = torch.cat([-q["W_hs"], q["W_hr"], q["W_hh"]])
    b_ih = torch.cat([-q["b_s"], q["b_r"], q["b_xh"]])
    b_hh = torch.cat([torch.zeros_like(q["b_r"]), torch.zeros_like(q["b_s"]), q["b_hh"]])
    return W_ih, W_hh, b_ih, b_hh
''',
    "b_hh added to the input bias": '''
def lecture_to_pytorch(q):
    W_ih = torch.cat([q["W_xr"], -q["W_xs"], q["W_xh"]])
    W_hh = torch.cat([q["W_hr"], -q["W_hs"], q["W_hh"]])
    b_ih = torch.cat([q["b_r"], -q["b_s"], q["b_xh"] + q["b_hh"]])
    b_hh = torch.zeros_like(b_ih)
    return W_ih, W_hh, b_ih, b_hh
''',
    # q3: reverse_padded
    "whole row reversed": '''
def reverse_padded(X, lengths):
    B, T = X.shape[:2]
    lengths = torch.as_tensor(lengths)
    if lengths.shape != (B,) or lengths.min() < 1 or lengths.max() > T:
        raise ValueError("bad lengths")
    return X.flip(1)
''',
    "padding reversed too": '''
def reverse_padded(X, lengths):
    B, T = X.shape[:2]
    lengths = torch.as_tensor(lengths)
    if lengths.shape != (B,) or lengths.min() < 1 or lengths.max() > T:
        raise ValueError("bad lengths")
    t = torch.arange(T)
    L = lengths[:, None]
    index = torch.where(t < L, L - 1 - t, T - 1 - (t - L))
    return X.gather(1, index[:, :, None].expand_as(X))
''',
    "off by one in the reversed index": '''
def reverse_padded(X, lengths):
    B, T = X.shape[:2]
    lengths = torch.as_tensor(lengths)
    if lengths.shape != (B,) or lengths.min() < 1 or lengths.max() > T:
        raise ValueError("bad lengths")
    t = torch.arange(T)
    index = torch.where(t < lengths[:, None], lengths[:, None] - t, t).clamp(max=T - 1)
    return X.gather(1, index[:, :, None].expand_as(X))
''',
    "index not expanded over the features": '''
def reverse_padded(X, lengths):
    B, T = X.shape[:2]
    lengths = torch.as_tensor(lengths)
    if lengths.shape != (B,) or lengths.min() < 1 or lengths.max() > T:
        raise ValueError("bad lengths")
    t = torch.arange(T)
    index = torch.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
    return X.gather(1, index[:, :, None])
''',
    "lengths not checked": '''
def reverse_padded(X, lengths):
    B, T = X.shape[:2]
    lengths = torch.as_tensor(lengths)
    t = torch.arange(T)
    index = torch.where(t < lengths[:, None], lengths[:, None] - 1 - t, t)
    return X.gather(1, index[:, :, None].expand_as(X))
''',
    # q4: bidirectional
    "backward outputs not reversed back into time order": '''
def bidirectional(run_forward, run_backward, X, lengths):
    lengths = torch.as_tensor(lengths)
    out_f = run_forward(X)
    out_b = run_backward(reverse_padded(X, lengths))
    real = torch.arange(X.shape[1]) < lengths[:, None]
    return torch.cat([out_f, out_b], dim=2) * real[:, :, None]
''',
    "padding read by the backward direction": '''
def bidirectional(run_forward, run_backward, X, lengths):
    lengths = torch.as_tensor(lengths)
    out_f = run_forward(X)
    out_b = run_backward(X.flip(1)).flip(1)
    real = torch.arange(X.shape[1]) < lengths[:, None]
    return torch.cat([out_f, out_b], dim=2) * real[:, :, None]
''',
    "directions in the wrong order": '''
def bidirectional(run_forward, run_backward, X, lengths):
    lengths = torch.as_tensor(lengths)
    out_f = run_forward(X)
    out_b = reverse_padded(run_backward(reverse_padded(X, lengths)), lengths)
    real = torch.arange(X.shape[1]) < lengths[:, None]
    return torch.cat([out_b, out_f], dim=2) * real[:, :, None]
''',
    "padded steps not zeroed": '''
def bidirectional(run_forward, run_backward, X, lengths):
    lengths = torch.as_tensor(lengths)
    out_f = run_forward(X)
    out_b = reverse_padded(run_backward(reverse_padded(X, lengths)), lengths)
    return torch.cat([out_f, out_b], dim=2)
''',
    # q5: param_count
    "one bias vector per block": '''
def param_count(cell, D, H, num_layers=1, bidirectional=False):
    blocks = {"RNN": 1, "GRU": 3, "LSTM": 4}
    if cell not in blocks:
        raise ValueError("unknown cell")
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        D_in = D if layer == 0 else directions * H
        total += directions * blocks[cell] * (H * (D_in + H) + H)
    return total
''',
    "GRU and LSTM gate counts swapped": '''
def param_count(cell, D, H, num_layers=1, bidirectional=False):
    blocks = {"RNN": 1, "GRU": 4, "LSTM": 3}
    if cell not in blocks:
        raise ValueError("unknown cell")
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        D_in = D if layer == 0 else directions * H
        total += directions * blocks[cell] * (H * (D_in + H) + 2 * H)
    return total
''',
    "upper layers read D inputs": '''
def param_count(cell, D, H, num_layers=1, bidirectional=False):
    blocks = {"RNN": 1, "GRU": 3, "LSTM": 4}
    if cell not in blocks:
        raise ValueError("unknown cell")
    directions = 2 if bidirectional else 1
    return num_layers * directions * blocks[cell] * (H * (D + H) + 2 * H)
''',
    "upper-layer input not doubled": '''
def param_count(cell, D, H, num_layers=1, bidirectional=False):
    blocks = {"RNN": 1, "GRU": 3, "LSTM": 4}
    if cell not in blocks:
        raise ValueError("unknown cell")
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        D_in = D if layer == 0 else H
        total += directions * blocks[cell] * (H * (D_in + H) + 2 * H)
    return total
''',
    "directions not doubled": '''
def param_count(cell, D, H, num_layers=1, bidirectional=False):
    blocks = {"RNN": 1, "GRU": 3, "LSTM": 4}
    if cell not in blocks:
        raise ValueError("unknown cell")
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        D_in = D if layer == 0 else directions * H
        total += blocks[cell] * (H * (D_in + H) + 2 * H)
    return total
''',
    "unknown cell accepted": '''
def param_count(cell, D, H, num_layers=1, bidirectional=False):
    blocks = {"RNN": 1, "GRU": 3, "LSTM": 4}
    directions = 2 if bidirectional else 1
    total = 0
    for layer in range(num_layers):
        D_in = D if layer == 0 else directions * H
        total += directions * blocks.get(cell, 1) * (H * (D_in + H) + 2 * H)
    return total
''',
}
