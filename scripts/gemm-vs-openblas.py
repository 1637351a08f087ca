#!/usr/bin/env python3
"""Sieve's dense GEMM against OpenBLAS on the same machine, in the same sitting.

For each shape it alternates `sieve bench gemm --json` and the shared OpenBLAS peer script
(../shared/peers/openblas_gemm.py, which enables OpenBLAS's strongest kernels) for a few rounds,
keeps the best time of each, and prints a Markdown table with the ratio Sieve / OpenBLAS.

usage: scripts/gemm-vs-openblas.py [--threads 2] [--rounds 3] [--peers DIR] [MxKxN ...]
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SHAPES = ["128x768x768", "128x768x3072", "128x3072x768", "1024x1024x1024"]


def last_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    return json.loads(out[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers"))
    ap.add_argument("--transpose-b", action="store_true", help="time Sieve's X·W^T form (OpenBLAS stays A·B)")
    ap.add_argument("shapes", nargs="*", default=DEFAULT_SHAPES)
    args = ap.parse_args()
    peer = os.path.join(args.peers, "openblas_gemm.py")
    if not os.path.exists(peer):
        sys.exit(f"gemm-vs-openblas: error: {peer}: not found (pass --peers DIR)")

    rows = []
    for shape in args.shapes:
        m, k, n = (int(x) for x in shape.split("x"))
        best_sieve, best_blas = float("inf"), float("inf")
        for _ in range(args.rounds):
            blas = last_json(["/usr/bin/python3", peer, str(m), str(k), str(n), str(args.threads)])
            best_blas = min(best_blas, blas["min_ms"])
            cmd = [os.path.join(ROOT, "sieve"), "bench", "gemm", "--m", str(m), "--k", str(k), "--n", str(n),
                   "--threads", str(args.threads), "--json"]
            if args.transpose_b:
                cmd.append("--transpose-b")
            sieve = last_json(cmd)
            best_sieve = min(best_sieve, sieve["ms"])
        flops = 2.0 * m * k * n
        rows.append((shape, best_blas, flops / best_blas / 1e6, best_sieve, flops / best_sieve / 1e6))
        print(f"{shape}: openblas {best_blas:.3f} ms, sieve {best_sieve:.3f} ms", file=sys.stderr, flush=True)

    print(f"| shape MxKxN | OpenBLAS ms | OpenBLAS GFLOP/s | Sieve ms | Sieve GFLOP/s | Sieve / OpenBLAS |")
    print("|---|---|---|---|---|---|")
    for shape, bt, bg, st, sg in rows:
        print(f"| {shape} | {bt:.3f} | {bg:.1f} | {st:.3f} | {sg:.1f} | {sg / bg:.2f} |")


if __name__ == "__main__":
    main()
