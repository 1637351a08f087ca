"""Goldens for nn.LSTM and nn.GRU: forward output, h_n (and c_n), gradients to the input, the initial
states and every parameter.

Cases per module (keys prefixed "<case>."):
  plain  2 layers, batch-first, batch 3, seq 5, input 4, hidden 6, zero initial states
  init   the same with given initial states (their gradients included)
  bidir  2 layers, bidirectional, time-major, no biases, with initial states
The loss seeds are random tensors grad_output, grad_h (and grad_c): backward of
sum(output·grad_output) + sum(h_n·grad_h) + sum(c_n·grad_c).
"""
import torch

from golden_io import save

B, T, I, H, L = 3, 5, 4, 6, 2


def case(out, prefix, module, batch_first, with_init, is_lstm, seed):
    torch.manual_seed(seed)
    d = 2 if module.bidirectional else 1
    x = torch.randn(*((B, T, I) if batch_first else (T, B, I)), requires_grad=True)
    h0 = torch.randn(L * d, B, H, requires_grad=True) if with_init else None
    c0 = torch.randn(L * d, B, H, requires_grad=True) if with_init and is_lstm else None
    if is_lstm:
        y, (h, c) = module(x, (h0, c0)) if with_init else module(x)
    else:
        y, h = module(x, h0) if with_init else module(x)
        c = None
    gy, gh = torch.randn_like(y), torch.randn_like(h)
    loss = (y * gy).sum() + (h * gh).sum()
    if c is not None:
        gc = torch.randn_like(c)
        loss = loss + (c * gc).sum()
        out[prefix + "c_n"] = c
        out[prefix + "grad_c"] = gc
    module.zero_grad()
    loss.backward()
    out[prefix + "x"] = x
    out[prefix + "output"] = y
    out[prefix + "h_n"] = h
    out[prefix + "grad_output"] = gy
    out[prefix + "grad_h"] = gh
    out[prefix + "grad_x"] = x.grad
    if with_init:
        out[prefix + "h0"] = h0
        out[prefix + "grad_h0"] = h0.grad
        if c0 is not None:
            out[prefix + "c0"] = c0
            out[prefix + "grad_c0"] = c0.grad
    for name, p in module.named_parameters():
        out[prefix + name] = p.detach().clone()
        out[prefix + "grad_" + name] = p.grad.clone()  # zero_grad() reuses the tensor


def generate(name, cls, is_lstm):
    out = {}
    torch.manual_seed(1)
    m = cls(I, H, num_layers=L, batch_first=True)
    case(out, "plain.", m, True, False, is_lstm, 2)
    case(out, "init.", m, True, True, is_lstm, 3)
    torch.manual_seed(4)
    bi = cls(I, H, num_layers=L, bias=False, bidirectional=True)
    case(out, "bidir.", bi, False, True, is_lstm, 5)
    save(name, out)


generate("rnn_lstm", torch.nn.LSTM, True)
generate("rnn_gru", torch.nn.GRU, False)
