"""Golden for nn.Linear and the reference MLP: forward, and gradients to input, weight and bias."""
import torch

from golden_io import save

torch.manual_seed(0)
lin = torch.nn.Linear(7, 5)
x = torch.randn(3, 7, requires_grad=True)
y = lin(x)
gy = torch.randn_like(y)
y.backward(gy)
save("linear", {"weight": lin.weight, "bias": lin.bias, "x": x, "y": y, "grad_y": gy,
                "grad_x": x.grad, "grad_weight": lin.weight.grad, "grad_bias": lin.bias.grad})
