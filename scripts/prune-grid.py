#!/usr/bin/env python3
"""Runs `sieve train --prune-to` over a grid of models, methods, layouts and sparsities, plus the dense
baseline trained for the same total number of epochs, and prints a markdown table of test accuracy
(and the loss against that dense baseline). Every run's JSON line is appended to --out (JSONL), and
runs already in that file are skipped, so an interrupted grid resumes where it stopped.

  scripts/prune-grid.py --models mlp --methods magnitude,taylor --layouts csr,nmg:2:4:8,tw:64,bsr:4x4 \
      --sparsities 0.5,0.75,0.9,0.95 --out prune-grid.jsonl
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def implied(layout):
    """The sparsity an n:m or n:m:g layout fixes, else None."""
    if layout.startswith("nm:") or layout.startswith("nmg:"):
        n, m = layout.split(":")[1:3]
        return 1 - int(n) / int(m)
    return None


def run(args, extra):
    cmd = [os.path.join(ROOT, "sieve"), "train", "--json", "--threads", str(args.threads), "--seed", str(args.seed)] + extra
    print("+", " ".join(cmd[1:]), file=sys.stderr, flush=True)
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        print(out.stderr, file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--models", default="mlp")
    p.add_argument("--methods", default="magnitude")
    p.add_argument("--layouts", default="csr")
    p.add_argument("--sparsities", default="0.5,0.75,0.9,0.95")
    p.add_argument("--epochs", type=int, default=5, help="dense epochs before pruning")
    p.add_argument("--prune-epochs", type=int, default=4)
    p.add_argument("--finetune-epochs", type=int, default=2)
    p.add_argument("--global", dest="glob", action="store_true")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--out", default="prune-grid.jsonl")
    args = p.parse_args()

    done = []
    if os.path.exists(args.out):
        with open(args.out) as f:
            done = [json.loads(line) for line in f if line.strip()]

    def key(r):
        return (r["model"], r.get("method", "dense"), r.get("layout", "dense"), round(r.get("sparsity", 0.0), 2), r["epochs"])

    have = {key(r): r for r in done}
    total = args.epochs + args.prune_epochs + args.finetune_epochs
    rows = []
    for model in args.models.split(","):
        base_key = (model, "dense", "dense", 0.0, total)
        if base_key not in have:
            r = run(args, ["--model", model, "--epochs", str(total)])
            if r:
                with open(args.out, "a") as f:
                    f.write(json.dumps(r) + "\n")
                have[base_key] = r
        dense = have.get(base_key)
        for method in args.methods.split(","):
            for layout in args.layouts.split(","):
                fixed = implied(layout)
                for s in ([fixed] if fixed is not None else [float(x) for x in args.sparsities.split(",")]):
                    k = (model, method, layout, round(s, 2), args.epochs)
                    r = have.get(k)
                    if r is None:
                        extra = ["--model", model, "--epochs", str(args.epochs), "--prune-to", str(s), "--layout", layout,
                                 "--method", method, "--prune-epochs", str(args.prune_epochs),
                                 "--finetune-epochs", str(args.finetune_epochs)]
                        if args.glob:
                            extra.append("--global")
                        r = run(args, extra)
                        if r is None:
                            continue
                        with open(args.out, "a") as f:
                            f.write(json.dumps(r) + "\n")
                        have[k] = r
                    rows.append((model, method, layout, s, r, dense))
    print("| model | method | layout | sparsity | test accuracy | dense, %d epochs | loss (points) |" % total)
    print("|---|---|---|---|---|---|---|")
    for model, method, layout, s, r, dense in rows:
        d = dense["test_accuracy"] if dense else float("nan")
        print("| %s | %s | %s | %.0f%% | %.2f%% | %.2f%% | %+.2f |" % (model, method, layout, 100 * r["sparsity"],
                                                               100 * r["test_accuracy"], 100 * d, 100 * (d - r["test_accuracy"])))


if __name__ == "__main__":
    main()
