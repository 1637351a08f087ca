#!/usr/bin/env python3
"""Runs `sieve train --prune-to` over a grid of models, methods, layouts and sparsities, against the dense
model trained for the same total number of epochs, and prints a markdown table of test accuracy, the loss
against that dense baseline, and the single-image latency of each pruned model against its dense original
(measured in the same run, one thread).

Each model's dense starting point is trained once (--dense-epochs, saved next to --out) and every pruned run
starts from it with `--init CKPT --epochs 0`, pruning over --prune-epochs and fine-tuning --finetune-epochs.
Every run's JSON line is appended to --out (JSONL); runs already there are skipped, so an interrupted grid
resumes where it stopped. With --global, layouts that have a global form (unstructured, bsr, tw) rank all
layers against one threshold; n:m and n:m:g are always per layer.

  scripts/prune-grid.py --models mlp --methods magnitude,taylor --layouts csr,nmg:2:4:8,tw:32,bsr:4x4 \\
      --sparsities 0.5,0.75,0.9,0.95 --global --out prune-grid.jsonl
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
    p.add_argument("--dense-epochs", type=int, default=5, help="dense epochs before pruning")
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
        return (r["model"], r.get("method", "dense"), r.get("layout", "dense"), round(r.get("sparsity", 0.0), 2),
                r["epochs"], r.get("prune_epochs", 0), r.get("finetune_epochs", 0), bool(r.get("global", False)))

    def record(r):
        with open(args.out, "a") as f:
            f.write(json.dumps(r) + "\n")
        have[key(r)] = r

    have = {key(r): r for r in done}
    total = args.dense_epochs + args.prune_epochs + args.finetune_epochs
    rows = []
    for model in args.models.split(","):
        base_key = (model, "dense", "dense", 0.0, total, 0, 0, False)
        if base_key not in have:
            r = run(args, ["--model", model, "--epochs", str(total)])
            if r:
                record(r)
        dense = have.get(base_key)
        start = os.path.splitext(args.out)[0] + ".%s-dense-e%d-seed%d.safetensors" % (model, args.dense_epochs, args.seed)
        if not os.path.exists(start):
            if run(args, ["--model", model, "--epochs", str(args.dense_epochs), "-o", start]) is None:
                sys.exit("could not train the dense starting point of " + model)
        for method in args.methods.split(","):
            for layout in args.layouts.split(","):
                fixed = implied(layout)
                glob = args.glob and fixed is None
                for s in ([fixed] if fixed is not None else [float(x) for x in args.sparsities.split(",")]):
                    k = (model, method, layout, round(s, 2), 0, args.prune_epochs, args.finetune_epochs, glob)
                    r = have.get(k)
                    if r is None:
                        extra = ["--model", model, "--init", start, "--epochs", "0", "--prune-to", str(s), "--layout", layout,
                                 "--method", method, "--prune-epochs", str(args.prune_epochs),
                                 "--finetune-epochs", str(args.finetune_epochs)]
                        if glob:
                            extra.append("--global")
                        r = run(args, extra)
                        if r is None:
                            continue
                        record(r)
                    rows.append((model, method, layout, s, r, dense))
    print("| model | method | threshold | layout | sparsity | test accuracy | dense, %d epochs | loss (points) "
          "| dense p50 (us) | pruned p50 (us) | speedup |" % total)
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for model, method, layout, s, r, dense in rows:
        d = dense["test_accuracy"] if dense else float("nan")
        dl, pl = r.get("dense_p50_us", float("nan")), r.get("p50_us", float("nan"))
        print("| %s | %s | %s | %s | %.0f%% | %.2f%% | %.2f%% | %+.2f | %.0f | %.0f | %.2fx |" % (
            model, method, "global" if r.get("global") else "per layer", layout, 100 * r["sparsity"],
            100 * r["test_accuracy"], 100 * d, 100 * (r["test_accuracy"] - d), dl, pl, dl / pl))


if __name__ == "__main__":
    main()
