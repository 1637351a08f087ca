#!/usr/bin/env python3
"""PyTorch reference for the LSTM classifier (dev.sieve.models.LstmClassifier) on Fashion-MNIST.

Image rows as a sequence: [n, 28, 28] -> LSTM(28, 128, batch_first) -> last hidden state -> Linear(128, 10).
Adam lr 1e-3, batch 128, shuffled, pixels scaled to [0, 1] and standardised with mean 0.2860, std 0.3530
(as `sieve train`). Prints per-epoch training seconds and test accuracy, then one JSON line.

Usage: /usr/bin/python3 scripts/torch-lstm-epoch.py [EPOCHS] [THREADS] [DATA_DIR]

OMP_WAIT_POLICY defaults to PASSIVE here (set it to ACTIVE to override): with OpenMP's default
spin-waiting, the LSTM's ~50 small parallel regions per batch collapse when the 2 cores are shared
with other processes (measured 775 s for one epoch instead of 42 s at a load average of 8-10).
"""
import gzip
import json
import os
import sys
import time

os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

import numpy as np  # noqa: E402
import torch  # noqa: E402

EPOCHS = int(sys.argv[1]) if len(sys.argv) > 1 else 2
THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 2
DATA = sys.argv[3] if len(sys.argv) > 3 else os.environ.get("SIEVE_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")
BATCH = 128


def idx(name):
    with gzip.open(os.path.join(DATA, name), "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def images(name):
    x = idx(name).astype(np.float32) / 255.0
    return torch.from_numpy((x - 0.2860) / 0.3530)


class LstmClassifier(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(28, 128, num_layers=1, batch_first=True)
        self.fc = torch.nn.Linear(128, 10)

    def forward(self, x):
        _, (h, _) = self.lstm(x)
        return self.fc(h[-1])


def main():
    torch.set_num_threads(THREADS)
    torch.manual_seed(42)
    xtr, ytr = images("train-images-idx3-ubyte.gz"), torch.from_numpy(idx("train-labels-idx1-ubyte.gz").astype(np.int64))
    xte, yte = images("t10k-images-idx3-ubyte.gz"), torch.from_numpy(idx("t10k-labels-idx1-ubyte.gz").astype(np.int64))
    model = LstmClassifier()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    seconds, accs = [], []
    for epoch in range(EPOCHS):
        model.train()
        perm = torch.randperm(len(xtr))
        t0 = time.perf_counter()
        for s in range(0, len(xtr), BATCH):
            i = perm[s:s + BATCH]
            opt.zero_grad()
            loss = loss_fn(model(xtr[i]), ytr[i])
            loss.backward()
            opt.step()
        seconds.append(time.perf_counter() - t0)
        model.eval()
        with torch.no_grad():
            correct = sum((model(xte[s:s + 1000]).argmax(1) == yte[s:s + 1000]).sum().item() for s in range(0, len(xte), 1000))
        accs.append(correct / len(xte))
        print("epoch %d/%d  test accuracy %.2f%%  %.2f s" % (epoch + 1, EPOCHS, 100 * accs[-1], seconds[-1]), flush=True)
    print(json.dumps({"model": "lstm", "torch": torch.__version__, "threads": THREADS, "batch": BATCH,
                      "omp_wait_policy": os.environ.get("OMP_WAIT_POLICY"),
                      "epoch_seconds": seconds, "test_accuracy": accs}))


if __name__ == "__main__":
    main()
