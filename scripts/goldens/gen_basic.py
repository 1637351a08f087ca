"""Goldens for activations, losses, optimizers and learning-rate schedules (PyTorch 1.13)."""
import math

import numpy as np
import torch

from golden_io import save

torch.manual_seed(1)
out = {}

# Activations: forward and input gradient for a fixed upstream gradient.
x = torch.linspace(-3, 3, 25).reshape(5, 5)
gy = torch.randn(5, 5)
out["act_x"], out["act_gy"] = x, gy
for name, fn in [("relu", torch.relu), ("gelu", torch.nn.GELU()), ("gelu_tanh", torch.nn.GELU(approximate="tanh")),
                 ("tanh", torch.tanh), ("sigmoid", torch.sigmoid), ("softmax1", lambda t: torch.softmax(t, 1)),
                 ("log_softmax1", lambda t: torch.log_softmax(t, 1))]:
    xi = x.clone().requires_grad_(True)
    y = fn(xi)
    y.backward(gy)
    out[name + "_y"], out[name + "_gx"] = y, xi.grad

# Losses.
logits = torch.randn(6, 4)
targets = torch.tensor([0, 3, 1, 1, 2, 0])
out["ce_logits"], out["ce_targets"] = logits, targets
for eps in (0.0, 0.1):
    li = logits.clone().requires_grad_(True)
    loss = torch.nn.CrossEntropyLoss(label_smoothing=eps)(li, targets)
    loss.backward()
    out["ce%g_loss" % eps], out["ce%g_grad" % eps] = loss.reshape(1), li.grad
a, b = torch.randn(3, 5), torch.randn(3, 5)
ai = a.clone().requires_grad_(True)
loss = torch.nn.MSELoss()(ai, b)
loss.backward()
out["mse_a"], out["mse_b"], out["mse_loss"], out["mse_grad"] = a, b, loss.reshape(1), ai.grad
z, t = torch.randn(4, 3) * 3, (torch.rand(4, 3) > 0.5).float()
zi = z.clone().requires_grad_(True)
loss = torch.nn.BCEWithLogitsLoss()(zi, t)
loss.backward()
out["bce_z"], out["bce_t"], out["bce_loss"], out["bce_grad"] = z, t, loss.reshape(1), zi.grad

# Optimizers: 5 steps on one parameter with a fixed sequence of gradients.
p0 = torch.randn(7)
grads = torch.randn(5, 7)
out["opt_p0"], out["opt_grads"] = p0, grads
configs = {
    "sgd": lambda p: torch.optim.SGD([p], lr=0.1),
    "sgd_momentum": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9),
    "sgd_nesterov_wd": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adam": lambda p: torch.optim.Adam([p], lr=0.01),
    "adam_wd": lambda p: torch.optim.Adam([p], lr=0.01, weight_decay=0.1),
    "adamw": lambda p: torch.optim.AdamW([p], lr=0.01, weight_decay=0.1),
}
for name, make in configs.items():
    p = p0.clone().requires_grad_(True)
    opt = make(p)
    for g in grads:
        p.grad = g.clone()
        opt.step()
    out["opt_" + name] = p.detach()

# Schedules: lr per step for 12 steps.
def lrs(make_sched, steps=12):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    s = make_sched(opt)
    vals = []
    for _ in range(steps):
        vals.append(opt.param_groups[0]["lr"])
        opt.step()
        s.step()
    return np.array(vals, dtype=np.float64)

out["lr_step"] = lrs(lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5))
out["lr_cosine"] = lrs(lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10, eta_min=0.01), 11)
save("basic", out)
