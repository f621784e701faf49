"""Named wrong answers for Homework 7 (solutions/ch07_lstm.ipynb): the format is explained in tests/test_mutants.py."""

_CELL = '''
def lstm_cell(x_t, h_prev, c_prev, p):
    i_t = torch.sigmoid(x_t @ p["W_xi"].T + h_prev @ p["W_hi"].T + p["b_i"])
    f_t = torch.sigmoid(x_t @ p["W_xf"].T + h_prev @ p["W_hf"].T + p["b_f"])
    g_t = torch.tanh(x_t @ p["W_xg"].T + h_prev @ p["W_hg"].T + p["b_g"])
    o_t = torch.sigmoid(x_t @ p["W_xo"].T + h_prev @ p["W_ho"].T + p["b_o"])
    c_t = {c_t}
    h_t = {h_t}
    return h_t, c_t
'''

_FORWARD = '''
def lstm_forward(X, p, h0=None, c0=None):
    if X.ndim != 3:
        raise ValueError("X must have shape (batch, time, features)")
    B, T, _ = X.shape
    H = p["W_hf"].shape[0]
    h_t = torch.zeros(B, H, dtype=X.dtype) if h0 is None else h0
    c_t = torch.zeros(B, H, dtype=X.dtype) if c0 is None else c0
    outputs = []
    for t in range(T):
{body}
    return {ret}
'''
_STEP = '''        h_t, c_t = lstm_cell(X[:, t], h_t, c_t, p)
        outputs.append(h_t)'''
_RET = "torch.stack(outputs, dim=1), (h_t, c_t)"

_LOAD = '''
def params_from_torch(lstm):
    W_x = lstm.weight_ih_l0.detach(){wt}.chunk(4)
    W_h = lstm.weight_hh_l0.detach(){wt}.chunk(4)
    b = ({bias}).detach().chunk(4)
    p = {{}}
    for n, k in enumerate({order}):
        p[f"W_x{{k}}"], p[f"W_h{{k}}"], p[f"b_{{k}}"] = W_x[n], W_h[n], b[n]
    return p
'''
_BIASES = "lstm.bias_ih_l0 + lstm.bias_hh_l0"

_COUNT = '''
def lstm_param_count(D, H, num_layers=1):
    total = 0
    for layer in range({layers}):
        D_in = {d_in}
        total += {gates} * (H * D_in + H * H + {biases} * H)
    return total
'''

_FORGET = '''
def set_forget_bias(lstm, value):
    H = lstm.hidden_size
    with torch.no_grad():
        for layer in range({layers}):
            getattr(lstm, f"bias_ih_l{{layer}}")[{rows}] = value
            {hh}
'''
_HH = 'getattr(lstm, f"bias_hh_l{layer}")[ROWS] = 0.0'

MUTANTS = {
    # q1: the cell
    "no tanh on c(t) in h(t)": _CELL.format(
        c_t="f_t * c_prev + i_t * g_t", h_t="o_t * c_t"),
    "c(t) from tanh(c(t-1))": _CELL.format(
        c_t="f_t * torch.tanh(c_prev) + i_t * g_t", h_t="o_t * torch.tanh(c_t)"),
    "forget gate multiplies g not c(t-1)": _CELL.format(
        c_t="c_prev + i_t * f_t * g_t", h_t="o_t * torch.tanh(c_t)"),
    # q2: the sequence
    "state not carried": _FORWARD.format(
        body='''        h_new, c_new = lstm_cell(X[:, t], h_t, c_t, p)  # h_t, c_t never updated
        outputs.append(h_new)''',
        ret="torch.stack(outputs, dim=1), (h_new, c_new)"),
    "c reset every step": _FORWARD.format(
        body='''        h_t, c_t = lstm_cell(X[:, t], h_t, torch.zeros_like(c_t), p)
        outputs.append(h_t)''', ret=_RET),
    "h0 and c0 ignored": '''
def lstm_forward(X, p, h0=None, c0=None):
    if X.ndim != 3:
        raise ValueError("X must have shape (batch, time, features)")
    B, T, _ = X.shape
    H = p["W_hf"].shape[0]
    h_t = torch.zeros(B, H, dtype=X.dtype)
    c_t = torch.zeros(B, H, dtype=X.dtype)
    outputs = []
    for t in range(T):
        h_t, c_t = lstm_cell(X[:, t], h_t, c_t, p)
        outputs.append(h_t)
    return torch.stack(outputs, dim=1), (h_t, c_t)
''',
    "batch and time swapped": _FORWARD.format(
        body='''        h_t, c_t = lstm_cell(X[t], h_t, c_t, p)
        outputs.append(h_t)''', ret=_RET),
    "outputs stacked along the wrong axis": _FORWARD.format(
        body=_STEP, ret="torch.stack(outputs, dim=0), (h_t, c_t)"),
    "initial states returned instead of final": _FORWARD.format(
        body=_STEP, ret="torch.stack(outputs, dim=1), (h0, c0)"),
    "no shape check": '''
def lstm_forward(X, p, h0=None, c0=None):
    B, T = X.shape[0], X.shape[1]
    H = p["W_hf"].shape[0]
    h_t = torch.zeros(B, H, dtype=X.dtype) if h0 is None else h0
    c_t = torch.zeros(B, H, dtype=X.dtype) if c0 is None else c0
    outputs = []
    for t in range(T):
        h_t, c_t = lstm_cell(X[:, t], h_t, c_t, p)
        outputs.append(h_t)
    return torch.stack(outputs, dim=1), (h_t, c_t)
''',
    # q3: loading nn.LSTM weights
    "gate order ifog not ifgo": _LOAD.format(
        wt="", bias=_BIASES, order='("i", "f", "o", "g")'),
    "gate order figo": _LOAD.format(wt="", bias=_BIASES, order='("f", "i", "g", "o")'),
    "single bias where PyTorch has two": _LOAD.format(
        wt="", bias="lstm.bias_ih_l0", order="GATES"),
    "weights transposed": _LOAD.format(wt=".T", bias=_BIASES, order="GATES"),
    # q4: counting
    "one bias per gate in the count": _COUNT.format(
        layers="num_layers", d_in="D if layer == 0 else H", gates=4, biases=1),
    "three gates instead of four": _COUNT.format(
        layers="num_layers", d_in="D if layer == 0 else H", gates=3, biases=2),
    "num_layers ignored": _COUNT.format(
        layers="1", d_in="D if layer == 0 else H", gates=4, biases=2),
    "later layers read D inputs instead of H": _COUNT.format(
        layers="num_layers", d_in="D", gates=4, biases=2),
    # q5: forget-gate bias
    "input-gate rows set": _FORGET.format(
        layers="lstm.num_layers", rows=":H", hh=_HH.replace("ROWS", ":H")),
    "bias_hh left as it was": _FORGET.format(
        layers="lstm.num_layers", rows="H:2 * H", hh="pass"),
    "only the first layer": _FORGET.format(
        layers="1", rows="H:2 * H", hh=_HH.replace("ROWS", "H:2 * H")),
}
