#!/usr/bin/env python3
"""Writes the compiler benchmark workloads (Scorch's workloads) into a directory; numpy only.

Seeded and deterministic: the same seed and numpy version give byte-identical files. Both
dev.sieve.bench.EinsumBench and scripts/einsum-vs-torch.py read what this writes:

  DIR/workloads.properties      what was generated (sizes, sparsities, matrix names), key=value
  DIR/gcn/A.mtx                 power-law graph (Chung-Lu, labels shuffled), D^-1/2 (A+I) D^-1/2
  DIR/gcn/H.npy                 node features [n, F]
  DIR/gcn/W1.npy, W2.npy        dense layer weights [F, F]; W1_s90.npy ... the same with a random
                                fraction of entries zeroed (weight sparsity 0.5, 0.9, 0.99)
  DIR/ae/X.npy                  autoencoder inputs [batch, d0], uniform in [0, 1)
  DIR/ae/W{l}_s{pct}.npy        layer l weight [out, in] with that fraction zeroed (dense .npy with zeros;
                                the kept weights scaled by 1/sqrt(1 - sparsity))
  DIR/ae/b{l}.npy               biases [out]; layers d0 -> d1 -> d2 -> d1 -> d0
  DIR/bigbird/mask_L{L}.mtx     BigBird block mask (block 16: window of 3 blocks centred, 2 random blocks,
                                global first block row and column), values 1/sqrt(head) so that SDDMM
                                with the mask's values gives scaled scores
  DIR/bigbird/{Q,K,V}_L{L}.npy  [L, head]
  DIR/ops/{name}.mtx            matrices of varied structure (uniform random, power-law rows, banded,
                                block-diagonal with background noise)
  DIR/ops/B_{n}.npy, x_{n}.npy, D1_{n}.npy, D2_{n}.npy
                                SpMM operand [n, N], SpMV vector [n], SDDMM factors [n, K]

usage: scripts/einsum-workloads.py DIR [--small] [--seed 0]
  --small   a tiny version of everything, for checking the suite end to end in seconds
"""
import argparse
import os
import sys
import time

import numpy as np

FULL = dict(gcn_n=100_000, gcn_degree=8.0, gcn_features=128, ae_dims=(4096, 1024, 256), ae_batch=256,
            bigbird=(512, 1024, 2048, 4096), ops_small=4096, ops_large=16384)
SMALL = dict(gcn_n=5_000, gcn_degree=8.0, gcn_features=128, ae_dims=(512, 256, 64), ae_batch=64,
             bigbird=(512, 1024), ops_small=1024, ops_large=2048)
SPARSITIES = (0.5, 0.9, 0.99)
BLOCK, HEAD = 16, 64
SPMM_N, SDDMM_K = 128, 64


def pct(s):
    return str(int(round(s * 100)))


def write_mtx(path, rows, cols, r, c, v):
    """Coordinate real general, 1-based, sorted by (row, col); values with 9 significant digits (float32 exact)."""
    order = np.lexsort((c, r))
    r, c, v = r[order], c[order], v[order].astype(np.float32)
    with open(path, "w") as f:
        f.write("%%MatrixMarket matrix coordinate real general\n")
        f.write(f"{rows} {cols} {len(v)}\n")
        f.write("\n".join(f"{a} {b} {x:.9g}" for a, b, x in zip((r + 1).tolist(), (c + 1).tolist(), v.tolist())))
        f.write("\n")


def unique_pairs(r, c, cols):
    key = np.unique(r.astype(np.int64) * cols + c.astype(np.int64))
    return (key // cols).astype(np.int64), (key % cols).astype(np.int64)


def sparsify(rng, w, s):
    """w with round(s * size) entries, chosen at random, set to zero."""
    flat = w.reshape(-1).copy()
    drop = rng.choice(flat.size, size=int(round(s * flat.size)), replace=False)
    flat[drop] = 0
    return flat.reshape(w.shape)


def glorot(rng, fan_out, fan_in):
    lim = np.sqrt(6.0 / (fan_in + fan_out))
    return rng.uniform(-lim, lim, size=(fan_out, fan_in)).astype(np.float32)


# ---- GCN ---------------------------------------------------------------------------------------

def power_law_graph(rng, n, degree, gamma=2.5):
    """Chung-Lu: about n·degree/2 undirected edges with endpoints drawn by weight w_i ~ (i+1)^(-1/(gamma-1)), labels
    shuffled so hubs are spread over the rows; then self loops and the symmetric normalisation of GCN."""
    w = (np.arange(n) + 1.0) ** (-1.0 / (gamma - 1.0))
    p = w / w.sum()
    m = int(n * degree / 2)
    u = rng.choice(n, size=m, p=p)
    v = rng.choice(n, size=m, p=p)
    keep = u != v
    u, v = u[keep], v[keep]
    perm = rng.permutation(n)
    u, v = perm[u], perm[v]
    r, c = unique_pairs(np.concatenate([u, v, np.arange(n)]), np.concatenate([v, u, np.arange(n)]), n)
    deg = np.bincount(r, minlength=n).astype(np.float64)
    vals = (1.0 / np.sqrt(deg[r] * deg[c])).astype(np.float32)
    return r, c, vals


def gcn(rng, out, cfg, props):
    d = os.path.join(out, "gcn")
    os.makedirs(d, exist_ok=True)
    n, f = cfg["gcn_n"], cfg["gcn_features"]
    r, c, v = power_law_graph(rng, n, cfg["gcn_degree"])
    write_mtx(os.path.join(d, "A.mtx"), n, n, r, c, v)
    np.save(os.path.join(d, "H.npy"), rng.standard_normal((n, f), dtype=np.float32))
    for name in ("W1", "W2"):
        w = glorot(rng, f, f)
        np.save(os.path.join(d, f"{name}.npy"), w)
        for s in SPARSITIES:
            np.save(os.path.join(d, f"{name}_s{pct(s)}.npy"), sparsify(rng, w, s))
    row_len = np.bincount(r, minlength=n)
    props.update({"gcn.n": n, "gcn.nnz": len(v), "gcn.features": f, "gcn.max_row": int(row_len.max()),
                  "gcn.sparsities": ",".join(str(s) for s in SPARSITIES)})


# ---- sparse autoencoder ------------------------------------------------------------------------

def autoencoder(rng, out, cfg, props):
    d = os.path.join(out, "ae")
    os.makedirs(d, exist_ok=True)
    d0, d1, d2 = cfg["ae_dims"]
    dims = [d0, d1, d2, d1, d0]
    np.save(os.path.join(d, "X.npy"), rng.random((cfg["ae_batch"], d0), dtype=np.float32))
    for l in range(4):
        w = glorot(rng, dims[l + 1], dims[l])
        np.save(os.path.join(d, f"b{l}.npy"), (0.01 * rng.standard_normal(dims[l + 1])).astype(np.float32))
        for s in SPARSITIES:
            # Scale the kept weights up so activations keep their size at every sparsity.
            np.save(os.path.join(d, f"W{l}_s{pct(s)}.npy"), (sparsify(rng, w, s) / np.sqrt(1 - s)).astype(np.float32))
    props.update({"ae.dims": ",".join(map(str, dims)), "ae.batch": cfg["ae_batch"],
                  "ae.sparsities": ",".join(str(s) for s in SPARSITIES)})


# ---- BigBird -----------------------------------------------------------------------------------

def bigbird_blocks(rng, nb, random_blocks=2):
    """Per block row: the window i-1, i, i+1, `random_blocks` other random blocks, and block 0 (global column);
    block row 0 is global (every block)."""
    rows = []
    for i in range(nb):
        if i == 0:
            rows.append(np.arange(nb))
            continue
        chosen = {j for j in (i - 1, i, i + 1) if 0 <= j < nb} | {0}
        free = np.setdiff1d(np.arange(nb), np.fromiter(chosen, dtype=np.int64))
        if len(free):
            chosen |= set(rng.choice(free, size=min(random_blocks, len(free)), replace=False).tolist())
        rows.append(np.array(sorted(chosen)))
    return rows


def bigbird(rng, out, cfg, props):
    d = os.path.join(out, "bigbird")
    os.makedirs(d, exist_ok=True)
    nnzs = []
    for L in cfg["bigbird"]:
        nb = L // BLOCK
        rs, cs = [], []
        inner = np.arange(BLOCK)
        for bi, cols in enumerate(bigbird_blocks(rng, nb)):
            # every element row of block row bi takes every column of the chosen blocks
            ecols = (cols[:, None] * BLOCK + inner[None, :]).reshape(-1)
            for e in range(BLOCK):
                rs.append(np.full(len(ecols), bi * BLOCK + e))
                cs.append(ecols)
        r, c = np.concatenate(rs), np.concatenate(cs)
        v = np.full(len(r), 1.0 / np.sqrt(HEAD), dtype=np.float32)
        write_mtx(os.path.join(d, f"mask_L{L}.mtx"), L, L, r, c, v)
        for name in ("Q", "K", "V"):
            np.save(os.path.join(d, f"{name}_L{L}.npy"), rng.standard_normal((L, HEAD), dtype=np.float32))
        nnzs.append(str(len(r)))
    props.update({"bigbird.lengths": ",".join(map(str, cfg["bigbird"])), "bigbird.nnz": ",".join(nnzs),
                  "bigbird.block": BLOCK, "bigbird.head": HEAD})


# ---- kernels on matrices of varied structure ---------------------------------------------------

def uniform(rng, n, density):
    nnz = int(round(density * n * n))
    flat = np.unique(rng.integers(0, n * n, size=nnz))
    while len(flat) < nnz:  # draws collide: top up until there are enough distinct positions
        flat = np.unique(np.concatenate([flat, rng.integers(0, n * n, size=nnz - len(flat) + 16)]))
    flat = rng.permutation(flat)[:nnz]
    return flat // n, flat % n


def power_law_rows(rng, n, avg):
    """Row lengths from a Pareto (alpha 1.5) scaled to the average, capped at n; columns uniform."""
    lens = rng.pareto(1.5, size=n) + 1.0
    lens = np.minimum(np.maximum(1, np.round(lens * avg / lens.mean())), n).astype(np.int64)
    r = np.repeat(np.arange(n), lens)
    c = rng.integers(0, n, size=len(r))
    return unique_pairs(r, c, n)


def banded(n, half):
    offs = np.arange(-half, half + 1)
    r = np.repeat(np.arange(n), len(offs))
    c = r + np.tile(offs, n)
    keep = (c >= 0) & (c < n)
    return r[keep], c[keep]


def block_diagonal(rng, n, block, density, noise_per_row):
    """Dense-ish diagonal blocks (each entry kept with `density`) plus a few random entries per row."""
    nb = n // block
    br = np.repeat(np.arange(nb), block * block)
    inner_r = np.tile(np.repeat(np.arange(block), block), nb)
    inner_c = np.tile(np.tile(np.arange(block), block), nb)
    r, c = br * block + inner_r, br * block + inner_c
    keep = rng.random(len(r)) < density
    nr = np.repeat(np.arange(n), noise_per_row)
    nc = rng.integers(0, n, size=len(nr))
    return unique_pairs(np.concatenate([r[keep], nr]), np.concatenate([c[keep], nc]), n)


def ops(rng, out, cfg, props):
    d = os.path.join(out, "ops")
    os.makedirs(d, exist_ok=True)
    small, large = cfg["ops_small"], cfg["ops_large"]
    # name -> (n, (rows, cols), whether SpGEMM A·A is run: not for 10%, whose product is dense and takes seconds)
    mats = {
        "uniform-1pct": (small, uniform(rng, small, 0.01), True),
        "uniform-10pct": (small, uniform(rng, small, 0.10), False),
        "powerlaw-rows": (large, power_law_rows(rng, large, 16), True),
        "banded": (large, banded(large, 8), True),
        "block-diagonal": (large, block_diagonal(rng, large, 64, 0.5, 2), True),
    }
    sizes = set()
    for name, (n, (r, c), _) in mats.items():
        v = rng.uniform(-1, 1, size=len(r)).astype(np.float32)
        write_mtx(os.path.join(d, f"{name}.mtx"), n, n, r, c, v)
        props[f"ops.{name}.n"] = n
        props[f"ops.{name}.nnz"] = len(r)
        sizes.add(n)
    for n in sorted(sizes):
        np.save(os.path.join(d, f"B_{n}.npy"), rng.standard_normal((n, SPMM_N), dtype=np.float32))
        np.save(os.path.join(d, f"x_{n}.npy"), rng.standard_normal(n, dtype=np.float32))
        np.save(os.path.join(d, f"D1_{n}.npy"), rng.standard_normal((n, SDDMM_K), dtype=np.float32))
        np.save(os.path.join(d, f"D2_{n}.npy"), rng.standard_normal((n, SDDMM_K), dtype=np.float32))
    props.update({"ops.matrices": ",".join(mats), "ops.spgemm": ",".join(k for k, m in mats.items() if m[2]),
                  "ops.spmm_n": SPMM_N, "ops.sddmm_k": SDDMM_K})


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dir")
    ap.add_argument("--small", action="store_true", help="tiny sizes, for a dry run")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    cfg = SMALL if args.small else FULL
    os.makedirs(args.dir, exist_ok=True)
    props = {"scale": "small" if args.small else "full", "seed": args.seed, "numpy": np.__version__}
    # One generator per part, so changing one part's sizes leaves the others' files unchanged.
    for i, part in enumerate((gcn, autoencoder, bigbird, ops)):
        t = time.perf_counter()
        part(np.random.default_rng([args.seed, i]), args.dir, cfg, props)
        print(f"{part.__name__}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    with open(os.path.join(args.dir, "workloads.properties"), "w") as f:
        for k, v in props.items():
            f.write(f"{k}={v}\n")
    print(f"wrote {args.dir}/workloads.properties", file=sys.stderr)


if __name__ == "__main__":
    main()
