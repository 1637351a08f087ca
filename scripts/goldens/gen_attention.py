"""Goldens for the transformer layers: LayerNorm, Softmax, MultiheadAttention (key padding mask, causal mask,
batch-first, cross-attention without bias), TransformerEncoderLayer post- and pre-norm, and a TransformerEncoder
stack with a final norm. Each file holds the inputs, parameters (param.<state-dict name>), the output(s), the
seed gradient(s) and the gradients to every input and parameter (grad.<name>). Dropout is 0 throughout.
"""
import torch

from golden_io import save

torch.manual_seed(0)


def randomise(module, scale=0.5):
    """Every parameter random (so layer-norm affines and zero-initialised biases are exercised)."""
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(torch.randn_like(p) * scale)


def params_and_grads(module):
    out = {}
    for name, p in module.named_parameters():
        out["param." + name] = p
        out["grad." + name] = p.grad
    return out


def causal(n):
    return torch.triu(torch.full((n, n), float("-inf")), diagonal=1)


def layernorm():
    ln = torch.nn.LayerNorm((3, 4), eps=1e-5)
    randomise(ln)
    x = torch.randn(2, 3, 4, requires_grad=True)
    y = ln(x)
    gy = torch.randn_like(y)
    y.backward(gy)
    save("attention_layernorm", {"x": x, "y": y, "grad_y": gy, "grad_x": x.grad, **params_and_grads(ln)})


def softmax():
    sm = torch.nn.Softmax(dim=1)
    x = torch.randn(2, 3, 4, requires_grad=True)
    y = sm(x)
    gy = torch.randn_like(y)
    y.backward(gy)
    save("attention_softmax", {"x": x, "y": y, "grad_y": gy, "grad_x": x.grad})


def mha(name, batch_first, bias, l, s, self_attention, key_padding=None, attn_mask=None):
    e, h, n = 8, 2, 3
    m = torch.nn.MultiheadAttention(e, h, dropout=0.0, bias=bias, batch_first=batch_first)
    randomise(m)
    shape = (lambda length: (n, length, e)) if batch_first else (lambda length: (length, n, e))
    q = torch.randn(*shape(l), requires_grad=True)
    if self_attention:
        k = v = q
    else:
        k = torch.randn(*shape(s), requires_grad=True)
        v = torch.randn(*shape(s), requires_grad=True)
    out, w = m(q, k, v, key_padding_mask=key_padding, attn_mask=attn_mask, need_weights=True)
    gy, gw = torch.randn_like(out), torch.randn_like(w)
    ((out * gy).sum() + (w * gw).sum()).backward()
    t = {"query": q, "y": out, "weights": w, "grad_y": gy, "grad_weights": gw, "grad_query": q.grad,
         **params_and_grads(m)}
    if not self_attention:
        t.update({"key": k, "value": v, "grad_key": k.grad, "grad_value": v.grad})
    if key_padding is not None:
        t["key_padding_mask"] = key_padding.to(torch.int64)
    if attn_mask is not None:
        t["attn_mask"] = attn_mask
    save(name, t)


def encoder_layer(name, norm_first, activation, batch_first, eps, src_mask, key_padding):
    e, h, ff, n, l = 8, 2, 16, 2, 5
    layer = torch.nn.TransformerEncoderLayer(e, h, ff, dropout=0.0, activation=activation, layer_norm_eps=eps,
                                             batch_first=batch_first, norm_first=norm_first)
    randomise(layer)
    x = torch.randn(*((n, l, e) if batch_first else (l, n, e)), requires_grad=True)
    y = layer(x, src_mask=src_mask, src_key_padding_mask=key_padding)
    gy = torch.randn_like(y)
    y.backward(gy)
    t = {"x": x, "y": y, "grad_y": gy, "grad_x": x.grad, **params_and_grads(layer)}
    if src_mask is not None:
        t["attn_mask"] = src_mask
    if key_padding is not None:
        t["key_padding_mask"] = key_padding.to(torch.int64)
    save(name, t)


def encoder_stack():
    e, h, ff, n, l = 8, 2, 16, 2, 4
    layer = torch.nn.TransformerEncoderLayer(e, h, ff, dropout=0.0, activation="gelu", batch_first=True)
    enc = torch.nn.TransformerEncoder(layer, 2, norm=torch.nn.LayerNorm(e), enable_nested_tensor=False)
    randomise(enc)
    x = torch.randn(n, l, e, requires_grad=True)
    y = enc(x)
    gy = torch.randn_like(y)
    y.backward(gy)
    save("attention_encoder_stack", {"x": x, "y": y, "grad_y": gy, "grad_x": x.grad, **params_and_grads(enc)})


layernorm()
softmax()
kpm = torch.tensor([[False, False, False, True, True], [False] * 5, [True, False, False, False, False]])
mha("attention_mha_kpm", batch_first=False, bias=True, l=5, s=5, self_attention=True, key_padding=kpm)
mha("attention_mha_causal", batch_first=True, bias=True, l=4, s=4, self_attention=True, attn_mask=causal(4))
cross_kpm = torch.tensor([[False, False, True, False, False], [False] * 5, [False, False, False, False, True]])
mha("attention_mha_cross", batch_first=True, bias=False, l=3, s=5, self_attention=False,
    key_padding=cross_kpm, attn_mask=torch.randn(3, 5))
encoder_layer("attention_encoder_post", norm_first=False, activation="relu", batch_first=False, eps=1e-5,
              src_mask=causal(5), key_padding=torch.tensor([[False] * 4 + [True], [False] * 5]))
encoder_layer("attention_encoder_pre", norm_first=True, activation="gelu", batch_first=True, eps=1e-6,
              src_mask=None, key_padding=torch.tensor([[False] * 5, [False, False, True, True, False]]))
encoder_stack()
