"""Goldens for BatchNorm1d/2d, Embedding and a GCN layer (PyTorch 1.13).

batchnorm.safetensors, keys "<case>.<name>": each case sets weight/bias and running statistics, runs one
(or two) training-mode forward/backward steps with upstream gradient grad_y, and stores the output, the
gradients, the updated buffers, then an evaluation-mode forward (and its input gradient) on x_eval.
  bn1d       BatchNorm1d(4) on [6, 4]
  bn1d3      BatchNorm1d(3) on [4, 3, 5]
  bn2d       BatchNorm2d(3) on [2, 3, 4, 5]
  cumulative BatchNorm1d(3, momentum=None): two training steps (x, then x2), running stats after both
  plain      BatchNorm2d(2, affine=False, track_running_stats=False): batch statistics in both modes

embedding.safetensors: Embedding(10, 4, padding_idx=2) and Embedding(6, 3) (no padding) looked up with
repeated indices (and the padding index); forward and the weight's gradient.

gcn.safetensors, keys "<case>.<name>": a GCN layer in plain PyTorch, Â = D^-1/2 (A + I) D^-1/2 computed
densely and held as torch.sparse COO, y = torch.sparse.mm(Â, H @ W.T) + b; forward and gradients to H,
W and b.
  sym  undirected graph of 7 nodes (symmetric A), in 5, out 3
  dir  directed weighted graph of 6 nodes (asymmetric A, one node without in-edges), in 3, out 6
"""
import torch

from golden_io import save


def batchnorm_case(out, prefix, module, shape, seed, x_eval_shape=None, steps=1):
    torch.manual_seed(seed)
    if module.affine:
        with torch.no_grad():
            module.weight.copy_(torch.rand(module.num_features) + 0.5)
            module.bias.copy_(torch.randn(module.num_features))
        out[prefix + "weight"] = module.weight.detach().clone()
        out[prefix + "bias"] = module.bias.detach().clone()
    if module.track_running_stats:
        with torch.no_grad():
            module.running_mean.copy_(torch.randn(module.num_features) * 0.1)
            module.running_var.copy_(torch.rand(module.num_features) + 0.5)
            module.num_batches_tracked.fill_(3)
        out[prefix + "running_mean0"] = module.running_mean.clone()
        out[prefix + "running_var0"] = module.running_var.clone()
        out[prefix + "num_batches_tracked0"] = module.num_batches_tracked.clone()
    module.train()
    for step in range(steps):
        sfx = "" if step == 0 else str(step + 1)
        # Shifted and scaled so mean and variance are far from 0 and 1.
        x = (torch.randn(*shape) * 2 + 3).requires_grad_(True)
        y = module(x)
        gy = torch.randn_like(y)
        module.zero_grad()
        y.backward(gy)
        out[prefix + "x" + sfx] = x
        out[prefix + "y" + sfx] = y
        out[prefix + "grad_y" + sfx] = gy
        out[prefix + "grad_x" + sfx] = x.grad
        if module.affine:
            # Copies: zero_grad() zeroes these tensors in place before the next backward.
            out[prefix + "grad_weight" + sfx] = module.weight.grad.clone()
            out[prefix + "grad_bias" + sfx] = module.bias.grad.clone()
    if module.track_running_stats:
        out[prefix + "running_mean"] = module.running_mean.clone()
        out[prefix + "running_var"] = module.running_var.clone()
        out[prefix + "num_batches_tracked"] = module.num_batches_tracked.clone()
    module.eval()
    xe = (torch.randn(*(x_eval_shape or shape)) * 2 + 3).requires_grad_(True)
    ye = module(xe)
    gye = torch.randn_like(ye)
    module.zero_grad()
    ye.backward(gye)
    out[prefix + "x_eval"] = xe
    out[prefix + "y_eval"] = ye
    out[prefix + "grad_y_eval"] = gye
    out[prefix + "grad_x_eval"] = xe.grad


bn = {}
batchnorm_case(bn, "bn1d.", torch.nn.BatchNorm1d(4), (6, 4), 1, (5, 4))
batchnorm_case(bn, "bn1d3.", torch.nn.BatchNorm1d(3), (4, 3, 5), 2)
batchnorm_case(bn, "bn2d.", torch.nn.BatchNorm2d(3), (2, 3, 4, 5), 3)
batchnorm_case(bn, "cumulative.", torch.nn.BatchNorm1d(3, momentum=None), (5, 3), 4, steps=2)
batchnorm_case(bn, "plain.", torch.nn.BatchNorm2d(2, affine=False, track_running_stats=False), (3, 2, 2, 3), 5)
save("batchnorm", bn)

torch.manual_seed(6)
emb = {}
for prefix, module, idx in [
        ("pad.", torch.nn.Embedding(10, 4, padding_idx=2), torch.tensor([[3, 2, 7, 3], [0, 9, 3, 2], [7, 7, 2, 5]])),
        ("nopad.", torch.nn.Embedding(6, 3), torch.tensor([1, 4, 1, 1, 0]))]:
    y = module(idx)
    gy = torch.randn_like(y)
    y.backward(gy)
    emb[prefix + "weight"] = module.weight
    emb[prefix + "indices"] = idx
    emb[prefix + "y"] = y
    emb[prefix + "grad_y"] = gy
    emb[prefix + "grad_weight"] = module.weight.grad
save("embedding", emb)


def gcn_norm(a):
    a_tilde = a + torch.eye(a.shape[0])
    deg = a_tilde.sum(1)
    d = deg.pow(-0.5)
    d[torch.isinf(d)] = 0
    return d[:, None] * a_tilde * d[None, :]


def gcn_case(out, prefix, a, f_in, f_out, seed):
    torch.manual_seed(seed)
    a_hat = gcn_norm(a)
    a_sparse = a_hat.to_sparse()
    bound = (6.0 / (f_in + f_out)) ** 0.5  # glorot, as PyG's GCNConv
    w = (torch.rand(f_out, f_in) * 2 - 1).mul_(bound).requires_grad_(True)
    b = (torch.randn(f_out) * 0.1).requires_grad_(True)
    h = torch.randn(a.shape[0], f_in, requires_grad=True)
    y = torch.sparse.mm(a_sparse, h @ w.t()) + b
    gy = torch.randn_like(y)
    y.backward(gy)
    out.update({prefix + "adjacency": a, prefix + "a_hat": a_hat, prefix + "h": h, prefix + "weight": w, prefix + "bias": b,
                prefix + "y": y, prefix + "grad_y": gy, prefix + "grad_h": h.grad, prefix + "grad_weight": w.grad,
                prefix + "grad_bias": b.grad})


gcn = {}
torch.manual_seed(7)
n = 7
upper = (torch.rand(n, n) < 0.4).float().triu(1)
gcn_case(gcn, "sym.", upper + upper.t(), 5, 3, 8)
n = 6
directed = (torch.rand(n, n) < 0.35).float() * (torch.rand(n, n) + 0.5)
directed.fill_diagonal_(0)
directed[4, :] = 0  # node 4 receives nothing: its row of A + I is the self loop alone
gcn_case(gcn, "dir.", directed, 3, 6, 9)
save("gcn", gcn)
