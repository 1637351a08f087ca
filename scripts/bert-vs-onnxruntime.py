#!/usr/bin/env python3
"""BERT-base encoder latency: Sieve (dense and with pruned Linear weights) against ONNX Runtime Java, same sitting.

Each round runs the shared ONNX Runtime peer (../shared/peers/ort_bert.sh: a BERT-base-shaped
nn.TransformerEncoder exported from PyTorch, seq 128, batch 1) once and `sieve bench model --model bert-base
--json` once per layout, alternating, and keeps the best min (and the best median) of each. Prints a
Markdown table; progress goes to standard error.

usage: scripts/bert-vs-onnxruntime.py [--threads 2] [--rounds 3] [--peers DIR] [--no-ort] [LAYOUT[@SPARSITY] ...]
       default layouts: dense csr@0.9 bsr:4x4@0.9 tw:128@0.9 nm:1:10 nm:2:4
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_LAYOUTS = ["dense", "csr@0.9", "bsr:4x4@0.9", "tw:128@0.9", "nm:1:10", "nm:2:4"]


def last_json(cmd):
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()
    return json.loads(out[-1])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--iterations", type=int, default=20)
    ap.add_argument("--peers", default=os.path.join(ROOT, "..", "shared", "peers"))
    ap.add_argument("--no-ort", action="store_true", help="time Sieve only")
    ap.add_argument("layouts", nargs="*", default=DEFAULT_LAYOUTS)
    args = ap.parse_args()
    peer = os.path.join(args.peers, "ort_bert.sh")
    if not args.no_ort and not os.path.exists(peer):
        sys.exit(f"bert-vs-onnxruntime: error: {peer}: not found (pass --peers DIR or --no-ort)")

    best = {}  # name -> [min, median, sparsity]
    for r in range(args.rounds):
        if not args.no_ort:
            ort = last_json(["bash", peer, str(args.threads)])
            b = best.setdefault("onnxruntime", [float("inf"), float("inf"), 0.0])
            b[0], b[1] = min(b[0], ort["min_ms"]), min(b[1], ort["median_ms"])
            print(f"round {r + 1}: onnxruntime {ort['min_ms']:.1f} ms", file=sys.stderr, flush=True)
        for spec in args.layouts:
            layout, _, sparsity = spec.partition("@")
            cmd = [os.path.join(ROOT, "sieve"), "bench", "model", "--model", "bert-base", "--seq", "128", "--batch", "1",
                   "--layout", layout, "--threads", str(args.threads), "--iterations", str(args.iterations), "--json"]
            if sparsity:
                cmd += ["--sparsity", sparsity]
            res = last_json(cmd)
            b = best.setdefault(spec, [float("inf"), float("inf"), res["sparsity"]])
            b[0], b[1] = min(b[0], res["min_ms"]), min(b[1], res["median_ms"])
            print(f"round {r + 1}: sieve {spec} {res['min_ms']:.1f} ms", file=sys.stderr, flush=True)

    ref = best.get("dense", [None])[0]
    ort = best.get("onnxruntime", [None])[0]
    print("| runtime / layout | Linear sparsity | min ms | median ms | vs Sieve dense | vs ONNX Runtime |")
    print("|---|---|---|---|---|---|")
    for name, (mn, med, sp) in best.items():
        label = "ONNX Runtime 1.23.2 (dense)" if name == "onnxruntime" else "Sieve " + name.split("@")[0]
        vs_dense = f"{ref / mn:.2f}x" if ref else "-"
        vs_ort = f"{ort / mn:.2f}x" if ort else "-"
        print(f"| {label} | {sp:.2f} | {mn:.1f} | {med:.1f} | {vs_dense} | {vs_ort} |")


if __name__ == "__main__":
    main()
