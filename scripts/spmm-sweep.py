#!/usr/bin/env python3
"""Sparse W[M,K] · X[K,N] in every layout against Sieve dense, OpenBLAS dense and PyTorch CSR.

For each shape, token count and sparsity it runs the shared PyTorch peer once
(../shared/peers/torch_spmm.py: PyTorch 1.13 CSR and OpenBLAS dense on the same W and shape), then
`sieve bench spmm --json` for every layout that can hold that sparsity (n:m and n:m:g fix theirs),
and prints one Markdown table per shape and token count.

usage: scripts/spmm-sweep.py [--threads 2] [--shapes 3072x768,...] [--tokens 128,512]
                             [--sparsities 0.5,0.7,...] [--layouts csr,bsr:4x4,...] [--runs 20]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# layouts whose sparsity is fixed by construction, by the sparsity they give
FIXED = {0.5: ["nm:2:4", "nmg:2:4:16"], 0.75: ["nm:1:4", "nmg:1:4:32"], 0.9: ["nm:1:10"], 0.95: ["nm:1:20"],
         0.98: ["nm:1:50"]}
FREE = ["csr", "coo", "csc", "masked", "bsr:4x4", "tw:128"]


def last_json(cmd):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--shapes", default="768x768,3072x768,768x3072", help="MxK of W")
    ap.add_argument("--tokens", default="128,512")
    ap.add_argument("--sparsities", default="0.5,0.7,0.75,0.8,0.9,0.95,0.98")
    ap.add_argument("--layouts", default=None, help="comma-separated; default: every layout that fits")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers"))
    ap.add_argument("--no-peers", action="store_true", help="skip OpenBLAS and PyTorch")
    args = ap.parse_args()
    chosen = args.layouts.split(",") if args.layouts else None

    for shape in args.shapes.split(","):
        m, k = (int(x) for x in shape.split("x"))
        for n in (int(t) for t in args.tokens.split(",")):
            rows = []
            for s in (float(x) for x in args.sparsities.split(",")):
                peer = None
                if not args.no_peers:
                    peer = last_json(["/usr/bin/python3", os.path.join(args.peers, "torch_spmm.py"),
                                      str(m), str(k), str(n), str(s), str(args.threads)])
                layouts = [l for l in FREE + FIXED.get(s, []) if chosen is None or l in chosen]
                if s not in FIXED:
                    layouts = [l for l in layouts if not l.startswith("nm")]
                for layout in layouts:
                    r = last_json([os.path.join(ROOT, "sieve"), "bench", "spmm", "--m", str(m), "--k", str(k),
                                   "--n", str(n), "--sparsity", str(s), "--layout", layout,
                                   "--threads", str(args.threads), "--runs", str(args.runs), "--json"])
                    rows.append((s, layout, r, peer))
                    print(f"{shape} N={n} s={s} {layout}: {r['sparse_ms']:.3f} ms "
                          f"(dense {r['dense_ms']:.3f} ms)", file=sys.stderr, flush=True)
            print(f"\n### W {m}x{k}, {n} tokens, {args.threads} threads\n")
            print("| sparsity | layout | Sieve sparse ms | eff. GFLOP/s | vs Sieve dense | vs OpenBLAS dense | vs PyTorch CSR |")
            print("|---|---|---|---|---|---|---|")
            for s, layout, r, peer in rows:
                blas = f"{peer['dense_ms'] / r['sparse_ms']:.2f}x" if peer else "—"
                torch = f"{peer['csr_ms'] / r['sparse_ms']:.2f}x" if peer else "—"
                print(f"| {s:.2f} | {layout} | {r['sparse_ms']:.3f} | {r['sparse_gflops']:.1f} | "
                      f"{r['speedup']:.2f}x | {blas} | {torch} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
