#!/usr/bin/python3
"""Times one training epoch of a Fashion-MNIST reference model in PyTorch (the peer for `sieve train`).

    /usr/bin/python3 scripts/torch-fmnist-epoch.py [--model mlp|cnn] [--threads 2] [--epochs 1]
                                                   [--batch 128] [--data DIR] [--random]

Models (same as dev.sieve.models.Mlp / Cnn): mlp = 784-300-100-10 with ReLU; cnn = conv32-pool-conv64-pool-fc128
(Conv2d(1,32,3,p=1), ReLU, MaxPool2d(2), Conv2d(32,64,3,p=1), ReLU, MaxPool2d(2), Linear(3136,128), ReLU,
Linear(128,10)). Adam lr 1e-3, cross-entropy, shuffled batches of 128 over the 60k training images
(standardised with the Fashion-MNIST mean/std), torch.set_num_threads(THREADS). Reads the IDX files from
--data (default /usr/share/datasets/fashion-mnist); --random trains on random data of the same shape instead.
--batches N times only the first N batches. Prints one JSON line per epoch with its wall time; the time covers forward, backward and the optimizer step
of every batch (not the test pass or data loading).
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 300)
        self.fc2 = nn.Linear(300, 100)
        self.fc3 = nn.Linear(100, 10)

    def forward(self, x):
        x = x.reshape(x.shape[0], 784)
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(x)))))


class Cnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 64, 3, padding=1)
        self.fc1 = nn.Linear(64 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = x.reshape(x.shape[0], 1, 28, 28)
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--model", choices=["mlp", "cnn"], default="cnn")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    p.add_argument("--random", action="store_true")
    p.add_argument("--batches", type=int, default=0, help="time only the first N batches of each epoch (0: all)")
    a = p.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    if a.random:
        images = torch.randn(60000, 1, 28, 28)
        labels = torch.randint(0, 10, (60000,))
    else:
        x = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz")).astype(np.float32) / 255.0
        x = (x - 0.2860) / 0.3530
        images = torch.from_numpy(x).reshape(-1, 1, 28, 28)
        labels = torch.from_numpy(read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz")).astype(np.int64))
    net = Mlp() if a.model == "mlp" else Cnn()
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    n = images.shape[0]
    for epoch in range(a.epochs):
        perm = torch.randperm(n)
        batches = [(images[perm[i:i + a.batch]], labels[perm[i:i + a.batch]]) for i in range(0, n, a.batch)]
        if a.batches:
            batches = batches[:a.batches]
        loss_sum, seen = 0.0, 0
        start = time.perf_counter()
        for xb, yb in batches:
            opt.zero_grad()
            loss = F.cross_entropy(net(xb), yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * xb.shape[0]
            seen += xb.shape[0]
        seconds = time.perf_counter() - start
        print(json.dumps({"peer": "pytorch", "version": torch.__version__, "model": a.model, "epoch": epoch + 1,
                          "epoch_seconds": round(seconds, 3), "batches": len(batches), "batch": a.batch,
                          "threads": a.threads, "train_loss": round(loss_sum / seen, 4),
                          "data": "random" if a.random else "fashion-mnist"}), flush=True)


if __name__ == "__main__":
    main()
