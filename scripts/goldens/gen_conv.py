"""Goldens for nn.Conv2d, MaxPool2d, AvgPool2d and the reference CNN (dev.sieve.models.Cnn).

conv2d.safetensors: for each configuration cK (listed in the metadata as
  "in,out,kh,kw,sh,sw,ph,pw,dh,dw,groups,bias,n,h,w"): cK.weight, cK.bias, cK.x, cK.y, cK.grad_y and the
  gradients cK.grad_x, cK.grad_weight, cK.grad_bias.
pool.safetensors: for each pK (metadata "max|avg,kh,kw,sh,sw,ph,pw,dh,dw,count_include_pad,n,c,h,w"; stride 0
  means the default): pK.x, pK.y, pK.grad_y, pK.grad_x.
cnn.safetensors: the CNN's state-dict names in order and shapes (metadata "names" and "shape.<name>"); its
  parameters are set from a formula (param_value below, mirrored in the Java test) instead of being stored,
  to keep the file small; x [3, 1, 28, 28], logits, grad_logits and the gradients to x and to the small
  parameters.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from golden_io import save

torch.manual_seed(0)

CONVS = [
    # in, out, kh, kw, sh, sw, ph, pw, dh, dw, groups, bias, n, h, w
    (3, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, True, 2, 7, 6),
    (4, 6, 3, 2, 2, 3, 1, 0, 1, 1, 2, True, 3, 9, 8),
    (4, 4, 3, 3, 1, 1, 2, 2, 2, 2, 4, False, 2, 8, 7),
    (3, 5, 1, 1, 1, 1, 0, 0, 1, 1, 1, True, 1, 5, 5),
    (2, 3, 5, 3, 3, 2, 2, 1, 1, 2, 1, True, 2, 11, 9),
    (1, 8, 3, 3, 1, 1, 1, 1, 1, 1, 1, True, 2, 12, 12),
]

tensors, meta = {}, {}
for i, (cin, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups, bias, n, h, w) in enumerate(CONVS):
    conv = nn.Conv2d(cin, cout, (kh, kw), stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw), groups=groups, bias=bias)
    x = torch.randn(n, cin, h, w, requires_grad=True)
    y = conv(x)
    gy = torch.randn_like(y)
    y.backward(gy)
    p = "c%d." % i
    tensors.update({p + "weight": conv.weight, p + "x": x, p + "y": y, p + "grad_y": gy, p + "grad_x": x.grad,
                    p + "grad_weight": conv.weight.grad})
    if bias:
        tensors.update({p + "bias": conv.bias, p + "grad_bias": conv.bias.grad})
    meta["c%d" % i] = ",".join(str(int(v)) for v in (cin, cout, kh, kw, sh, sw, ph, pw, dh, dw, groups, bias, n, h, w))
save("conv2d", tensors, meta)

POOLS = [
    # kind, kh, kw, sh, sw (0: default), ph, pw, dh, dw, count_include_pad, n, c, h, w
    ("max", 2, 2, 0, 0, 0, 0, 1, 1, True, 2, 3, 8, 9),
    ("max", 3, 3, 2, 2, 1, 1, 1, 1, True, 2, 2, 7, 7),
    ("max", 3, 2, 2, 1, 1, 1, 2, 1, True, 1, 2, 9, 6),
    ("avg", 2, 2, 0, 0, 0, 0, 1, 1, True, 2, 3, 8, 9),
    ("avg", 3, 3, 2, 2, 1, 1, 1, 1, True, 2, 2, 7, 7),
    ("avg", 3, 3, 2, 2, 1, 1, 1, 1, False, 2, 2, 7, 7),
    ("avg", 4, 2, 3, 1, 2, 1, 1, 1, True, 1, 2, 9, 6),
]
tensors, meta = {}, {}
for i, (kind, kh, kw, sh, sw, ph, pw, dh, dw, cip, n, c, h, w) in enumerate(POOLS):
    x = torch.randn(n, c, h, w, requires_grad=True)
    stride = None if sh == 0 else (sh, sw)
    if kind == "max":
        y = F.max_pool2d(x, (kh, kw), stride=stride, padding=(ph, pw), dilation=(dh, dw))
    else:
        y = F.avg_pool2d(x, (kh, kw), stride=stride, padding=(ph, pw), count_include_pad=cip)
    gy = torch.randn_like(y)
    y.backward(gy)
    p = "p%d." % i
    tensors.update({p + "x": x, p + "y": y, p + "grad_y": gy, p + "grad_x": x.grad})
    meta["p%d" % i] = ",".join(str(v if isinstance(v, str) else int(v)) for v in (kind, kh, kw, sh, sw, ph, pw, dh, dw, cip, n, c, h, w))
save("pool", tensors, meta)


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(torch.flatten(x, 1)))
        return self.fc2(x)


def param_value(k, i, fan_in):
    """Parameter k's element i (flat): deterministic, in the init's range, mirrored by CnnGoldenTest."""
    return math.sin(0.731 * i + 1.3 * k) / math.sqrt(fan_in)


net = Cnn()
meta = {"names": ",".join(net.state_dict().keys())}
with torch.no_grad():
    for k, (name, t) in enumerate(net.state_dict().items()):
        meta["shape." + name] = ",".join(str(d) for d in t.shape)
        fan_in = t[0].numel() if t.dim() > 1 else (net.get_submodule(name.split(".")[0]).weight[0].numel())
        vals = torch.tensor([param_value(k, i, fan_in) for i in range(t.numel())], dtype=torch.float64)
        t.copy_(vals.reshape(t.shape).float())
x = torch.randn(3, 1, 28, 28, requires_grad=True)
logits = net(x)
g = torch.randn_like(logits)
logits.backward(g)
save("cnn", {"x": x, "logits": logits, "grad_logits": g, "grad_x": x.grad,
             "grad.conv1.weight": net.conv1.weight.grad, "grad.conv1.bias": net.conv1.bias.grad,
             "grad.conv2.bias": net.conv2.bias.grad, "grad.fc1.bias": net.fc1.bias.grad,
             "grad.fc2.weight": net.fc2.weight.grad, "grad.fc2.bias": net.fc2.bias.grad}, meta)
