"""Named wrong answers for Homework 11 (solutions/ch11_attention.ipynb), as edits of the master's
solution: the format is explained in tests/test_mutants.py."""

from test_mutants import edit, rewrite

_WINDOW = "(offset >= 0) & (offset <= w)"
_MASK = "~allowed.unsqueeze(-3)"
_NORM1 = "layer_norm(X, layer.norm1.weight, layer.norm1.bias, layer.norm1.eps)"
_NORM2 = "layer_norm(U, layer.norm2.weight, layer.norm2.bias, layer.norm2.eps)"
_OUT = "U + hidden @ layer.linear2.weight.T + layer.linear2.bias"
_NORM = "J[0, :, :, 0].norm(dim=(1, 3))"

MUTANTS = {
    # q1: window_mask, key_padding_mask
    "window one step short": edit("window_mask", "(offset <= w)", "(offset < w)"),
    "window open to the future": edit("window_mask", _WINDOW, "offset.abs() <= w"),
    "window transposed": edit(
        "window_mask", "offset = t[:, None] - t[None, :]", "offset = t[None, :] - t[:, None]"),
    "PyTorch's convention for the window": edit("window_mask", _WINDOW, f"~({_WINDOW})"),
    "negative window accepted": edit("window_mask", "if w < 0:", "if False:"),
    "our convention for the key padding mask": edit(
        "key_padding_mask", "torch.arange(T) >= lengths", "torch.arange(T) < lengths"),
    "pads start one step late": edit(
        "key_padding_mask", "torch.arange(T) >= lengths", "torch.arange(T) > lengths"),
    "lengths not checked": edit(
        "key_padding_mask",
        "if lengths.ndim != 1 or lengths.min() < 1 or lengths.max() > T:", "if False:"),
    # q2: multi_head_attention
    "scaled by sqrt(D) instead of sqrt(d_k)": edit(
        "multi_head_attention", "math.sqrt(d_k)", "math.sqrt(D)"),
    "scores not scaled": edit("multi_head_attention", " / math.sqrt(d_k)", ""),
    "softmax over the queries": edit("multi_head_attention", "dim=-1", "dim=-2"),
    "heads split without the transpose": edit(
        "multi_head_attention", "Z.reshape(B, Z.shape[1], n_heads, d_k).transpose(1, 2)",
        "Z.reshape(B, n_heads, Z.shape[1], d_k)"),
    "heads merged without the transpose": edit(
        "multi_head_attention", "(weights @ V).transpose(1, 2).reshape(B, T, D)",
        "(weights @ V).reshape(B, T, D)"),
    "in-projection not transposed": [
        edit("multi_head_attention", f"W_in[{rows}].T", f"W_in[{rows}]")
        for rows in (":D", "D:2 * D", "2 * D:")],
    "in-projection biases left out": [
        edit("multi_head_attention", f" + b_in[{rows}]", "")
        for rows in (":D", "D:2 * D", "2 * D:")],
    "PyTorch's mask convention": edit("multi_head_attention", _MASK, "allowed.unsqueeze(-3)"),
    "mask not broadcast over the heads": edit("multi_head_attention", _MASK, "~allowed"),
    "D not divisible by the heads accepted": edit(
        "multi_head_attention", "if D % n_heads:", "if False:"),
    # The statement forbids the module; this answer builds one and calls it.
    "nn.MultiheadAttention called": rewrite('''
        def multi_head_attention(X_q, X_kv, W_in, b_in, W_out, b_out, n_heads, allowed=None):
            mha = torch.nn.MultiheadAttention(X_q.shape[-1], n_heads, batch_first=True,
                                              dtype=X_q.dtype)
            with torch.no_grad():
                mha.in_proj_weight.copy_(W_in)
                mha.in_proj_bias.copy_(b_in)
                mha.out_proj.weight.copy_(W_out)
                mha.out_proj.bias.copy_(b_out)
            mask = None if allowed is None else ~allowed
            return mha(X_q, X_kv, X_kv, attn_mask=mask, average_attn_weights=False)
    '''),
    # q3: sinusoidal_encoding, shift_encoding
    "sine and cosine swapped": edit(
        "sinusoidal_encoding", "[torch.sin(angles), torch.cos(angles)]",
        "[torch.cos(angles), torch.sin(angles)]"),
    "sines and cosines in two halves": edit(
        "sinusoidal_encoding", "torch.stack([torch.sin(angles), torch.cos(angles)], dim=-1)"
        ".flatten(-2)", "torch.cat([torch.sin(angles), torch.cos(angles)], dim=-1)"),
    "frequencies 10000^(-i/D)": edit(
        "sinusoidal_encoding", "torch.arange(0, D, 2, dtype=torch.float64)",
        "torch.arange(D // 2, dtype=torch.float64)"),
    "odd D accepted": edit("sinusoidal_encoding", "if D % 2:", "if False:"),
    "turned the wrong way": [
        edit("shift_encoding", "sin_p * cos_k + cos_p * sin_k", "sin_p * cos_k - cos_p * sin_k"),
        edit("shift_encoding", "cos_p * cos_k - sin_p * sin_k", "cos_p * cos_k + sin_p * sin_k")],
    "one angle k for every pair": edit(
        "shift_encoding", "torch.cos(k * omega), torch.sin(k * omega)",
        "math.cos(k), math.sin(k)"),
    # Decoding the positions is a different method, not a small edit of the rotation.
    "position decoded from the first pair": rewrite('''
        def shift_encoding(P, k):
            positions = torch.atan2(P[:, 0], P[:, 1])  # omega_0 = 1: the first pair's angle
            return sinusoidal_encoding(positions + k, P.shape[1])
    '''),
    # q4: layer_norm, pre_norm_block
    "unbiased variance in the layer norm": edit(
        "layer_norm", "((Z - mean) ** 2).mean(-1, keepdim=True)", "Z.var(-1, keepdim=True)"),
    "eps outside the square root": edit(
        "layer_norm", "torch.sqrt(var + eps)", "(torch.sqrt(var) + eps)"),
    # The lecture's order moves every line of the block: written out in full.
    "the lecture's post-norm order": rewrite('''
        def pre_norm_block(X, layer, allowed=None):
            a = layer.self_attn
            attended, _ = multi_head_attention(X, X, a.in_proj_weight, a.in_proj_bias,
                                               a.out_proj.weight, a.out_proj.bias, a.num_heads,
                                               allowed)
            U = layer_norm(X + attended, layer.norm1.weight, layer.norm1.bias, layer.norm1.eps)
            hidden = torch.relu(U @ layer.linear1.weight.T + layer.linear1.bias)
            Y = U + hidden @ layer.linear2.weight.T + layer.linear2.bias
            return layer_norm(Y, layer.norm2.weight, layer.norm2.bias, layer.norm2.eps)
    '''),
    "norm1 and norm2 swapped": [
        edit("pre_norm_block", _NORM1, _NORM1.replace("norm1", "norm2")),
        edit("pre_norm_block", _NORM2, _NORM2.replace("norm2", "norm1"))],
    "a layer norm after the block": edit(
        "pre_norm_block", f"return {_OUT}",
        f"return layer_norm({_OUT}, layer.norm2.weight, layer.norm2.bias, layer.norm2.eps)"),
    "attention reads x instead of LN1(x)": edit(
        "pre_norm_block", "multi_head_attention(Z, Z,", "multi_head_attention(X, X,"),
    "residual from LN1(x) instead of x": edit(
        "pre_norm_block", "U = X + attended", "U = Z + attended"),
    "feed-forward reads u instead of LN2(u)": edit(
        "pre_norm_block", "torch.relu(Z @ layer.linear1", "torch.relu(U @ layer.linear1"),
    # The statement forbids calling the layer; this answer does nothing else.
    "the layer itself called": rewrite('''
        def pre_norm_block(X, layer, allowed=None):
            return layer(X, src_mask=None if allowed is None else ~allowed)
    '''),
    # q5a: influence_matrix (the experiment)
    "rows and columns swapped": edit("influence_matrix", _NORM, f"{_NORM}.T"),
    "squared norm": edit("influence_matrix", _NORM, f"{_NORM} ** 2"),
    "Jacobian axes grouped wrongly": edit(
        "influence_matrix", _NORM,
        "J[0, :, :, 0].reshape(X.shape[1], X.shape[1], -1).norm(dim=-1)"),
    "gradient of the summed output": edit(
        "influence_matrix", "jacobian(f, X)", "jacobian(lambda Z: f(Z).sum(-1, keepdim=True), X)"),
}
