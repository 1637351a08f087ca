#!/usr/bin/python3
"""The tensor compiler's workloads against torch.sparse, in one sitting, on the same files.

For each of --sittings sittings it times the torch peers in this process and runs the Java harness
(dev.sieve.bench.EinsumBench: compiled kernels and Sieve's hand kernels) and `sieve bench einsum` for the
GCN aggregation, alternating which goes first; then it prints Markdown tables of min / median times and
Sieve's speedup over torch (torch time / Sieve time; min over sittings of each min, median of the medians).

Peers, PyTorch 1.13 CPU as Debian ships it (no MKL: CSR x CSR, CSR x vector and CSR softmax are missing):
  agg      torch.sparse.mm(A, H) with A in CSR and in COO; the faster is the baseline
  gcn      relu(A @ relu(A @ (X @ W1)) @ W2), A·T as above; X @ W dense, or X @ W_csr (torch.mm with a CSR
           right operand, timed at 99% only: it runs at ~0.3 GFLOP/s) for sparse weights; the faster is the baseline
  ae       feature-major like Sieve: h = act(torch.sparse.mm(W_csr, h) + b) per layer; also dense W @ h
  bigbird  scores as dense Q @ K^T (OpenBLAS) gathered at the mask, times 1/sqrt(head), or (L <= 2048)
           torch.sparse.sampled_addmm(M, Q, K^T, beta=0, alpha=1/sqrt(head)) (the mask's values are all
           1/sqrt(head), so both equal M .* QK^T); -> COO -> torch.sparse.softmax -> torch.sparse.mm with V
           (COO, or converted to CSR); the fastest variant is the baseline
  ops      SpMV: COO torch.mv, CSR torch.sparse.mm(A, x[:, None]); SpMM: CSR and COO torch.sparse.mm;
           SpGEMM: COO torch.sparse.mm(A, A); SDDMM: row-gathered dot products (U[r] * V[c]).sum(1) times S's
           values, in chunks of 65536 entries, and (n <= 2048) sampled_addmm(S, U, V^T, beta=0) times S's
           values. CPU sampled_addmm in 1.13 costs as much as the dense product, hence the size limit
Timing follows the Java harness: warm-up per candidate (at least 3 calls and 100 ms; torch needs no JIT warm-up),
then --rounds interleaved rounds (fewer, at least 3, when a round would exceed 12 s / rounds), each sample the mean
of enough calls to last 10 ms (at most 50).

usage: scripts/einsum-vs-torch.py WORKLOADS [--threads 2] [--sittings 2] [--rounds 10] [--what agg,gcn,ae,bigbird,ops,compile]
                                  [--matrices a,b] [--no-cli] [--no-java] [--log FILE]
"""
import os
import sys

# Measuring conditions, set before torch loads: OpenBLAS's own AVX-512 kernels (the environment forces Haswell),
# and OpenMP threads that sleep instead of spinning while the JVM runs.
os.environ.pop("OPENBLAS_CORETYPE", None)
os.environ.pop("OPENBLAS_L2_SIZE", None)
os.environ["OMP_WAIT_POLICY"] = "PASSIVE"
if os.environ.get("_EINSUM_PEER_REEXEC") != "1":
    os.environ["_EINSUM_PEER_REEXEC"] = "1"
    os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

import argparse
import json
import math
import statistics
import subprocess
import time
import warnings

warnings.filterwarnings("ignore")
import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE_MS, MAX_REPS, MIN_WARMUP_MS, MAX_WARMUP_MS, WARMUP_CALLS = 10.0, 50, 100.0, 1000.0, 3
ROUND_BUDGET_MS, MIN_ROUNDS = 12_000.0, 3
# torch 1.13's CPU sampled_addmm computes the whole dense product (time ~ n^2, not nnz): skip it above this size.
SAMPLED_MAX_N = 2048
GATHER_CHUNK = 1 << 16
# torch.mm(X, W_csr) runs at ~0.3 GFLOP/s here: seconds per GCN layer at 50% and 90%, far behind torch's own dense
# X @ W, which is the baseline there anyway; so the CSR-weight variant is timed only from this sparsity up.
TORCH_CSR_W_MIN_PCT = 99
SECTIONS = ["compile", "agg", "gcn", "ae", "bigbird", "ops"]


# ---- timing (the Java harness's rule) ----------------------------------------------------------

def interleaved(rounds, candidates):
    """candidates: [(name, fn)] -> {name: (min_ms, median_ms)}; warm-up per candidate, then interleaved rounds."""
    reps, round_ms = {}, 0.0
    for name, fn in candidates:
        start, calls, last = time.perf_counter(), 0, None
        while True:
            elapsed = (time.perf_counter() - start) * 1e3
            if calls >= 2 and elapsed >= MAX_WARMUP_MS or calls >= WARMUP_CALLS and elapsed >= MIN_WARMUP_MS:
                break
            t = time.perf_counter()
            fn()
            last = (time.perf_counter() - t) * 1e3
            calls += 1
        reps[name] = max(1, min(MAX_REPS, math.ceil(SAMPLE_MS / max(1e-6, last))))
        round_ms += reps[name] * last
    rounds = min(rounds, max(MIN_ROUNDS, int(ROUND_BUDGET_MS / round_ms)))
    samples = {name: [] for name, _ in candidates}
    for _ in range(rounds):
        for name, fn in candidates:
            t = time.perf_counter()
            for _ in range(reps[name]):
                fn()
            samples[name].append((time.perf_counter() - t) * 1e3 / reps[name])
    return {name: (min(s), statistics.median(s)) for name, s in samples.items()}


# ---- loading -----------------------------------------------------------------------------------

def props(d):
    out = {}
    with open(os.path.join(d, "workloads.properties")) as f:
        for line in f:
            if "=" in line and not line.startswith("#"):
                k, v = line.rstrip("\n").split("=", 1)
                out[k] = v
    return out


def read_mtx(path):
    """Coordinate real general Matrix Market -> (rows, cols, r, c, v) with 0-based int64 indices, float32 values."""
    with open(path) as f:
        line = f.readline()
        while line.startswith("%"):
            line = f.readline()
        rows, cols, nnz = (int(x) for x in line.split())
        data = np.loadtxt(f, dtype=np.float64, ndmin=2) if nnz else np.zeros((0, 3))
    return rows, cols, data[:, 0].astype(np.int64) - 1, data[:, 1].astype(np.int64) - 1, data[:, 2].astype(np.float32)


def coo_tensor(m):
    rows, cols, r, c, v = m
    return torch.sparse_coo_tensor(torch.from_numpy(np.stack([r, c])), torch.from_numpy(v), (rows, cols)).coalesce()


def npy(d, rel):
    return torch.from_numpy(np.load(os.path.join(d, rel)))


def pct(s):
    return str(int(round(float(s) * 100)))


# ---- torch peers -------------------------------------------------------------------------------

class Peers:
    def __init__(self, d, p, rounds):
        self.d, self.p, self.rounds = d, p, rounds
        self.cache = {}

    def mtx(self, rel):
        if rel not in self.cache:
            self.cache[rel] = coo_tensor(read_mtx(os.path.join(self.d, rel)))
        return self.cache[rel]

    def rec(self, section, workload, op, name, t, **extra):
        return dict(section=section, workload=workload, op=op, impl=name, min_ms=t[0], median_ms=t[1], **extra)

    def agg(self):
        a = self.mtx("gcn/A.mtx")
        ac, h = a.to_sparse_csr(), npy(self.d, "gcn/H.npy")
        t = interleaved(self.rounds, [("torch-csr", lambda: torch.sparse.mm(ac, h)), ("torch-coo", lambda: torch.sparse.mm(a, h))])
        return [self.rec("gcn", "gcn-agg", "A·H", k, v, nnz=a._nnz()) for k, v in t.items()]

    def best_adjacency(self):
        """The faster of CSR and COO for A·H, for the end-to-end GCN."""
        a = self.mtx("gcn/A.mtx")
        ac, h = a.to_sparse_csr(), npy(self.d, "gcn/H.npy")
        t = interleaved(2, [("csr", lambda: torch.sparse.mm(ac, h)), ("coo", lambda: torch.sparse.mm(a, h))])
        return (ac, "csr") if t["csr"][0] <= t["coo"][0] else (a, "coo")

    def gcn(self):
        a, layout = self.best_adjacency()
        x = npy(self.d, "gcn/H.npy")
        out = []
        variants = ["dense"] + ["s" + pct(s) for s in self.p["gcn.sparsities"].split(",")]
        for v in variants:
            suffix = "" if v == "dense" else "_" + v
            w1, w2 = npy(self.d, f"gcn/W1{suffix}.npy"), npy(self.d, f"gcn/W2{suffix}.npy")

            def run(mm1, mm2):
                return lambda: torch.relu(torch.sparse.mm(a, mm2(torch.relu(torch.sparse.mm(a, mm1(x))))))

            cands = [("torch-denseW", run(lambda t: t @ w1, lambda t: t @ w2))]
            if v != "dense" and int(v[1:]) >= TORCH_CSR_W_MIN_PCT:
                c1, c2 = w1.to_sparse_csr(), w2.to_sparse_csr()
                cands.append(("torch-sparseW", run(lambda t: torch.mm(t, c1), lambda t: torch.mm(t, c2))))
            t = interleaved(self.rounds, cands)
            out += [self.rec("gcn", "gcn-e2e", "W " + v, k, tv, adjacency=layout) for k, tv in t.items()]
        return out

    def ae(self):
        dims = [int(x) for x in self.p["ae.dims"].split(",")]
        layers = len(dims) - 1
        xt = npy(self.d, "ae/X.npy").t().contiguous()
        bias = [npy(self.d, f"ae/b{l}.npy")[:, None] for l in range(layers)]
        out = []
        for s in self.p["ae.sparsities"].split(","):
            ws = [npy(self.d, f"ae/W{l}_s{pct(s)}.npy") for l in range(layers)]
            cs = [w.to_sparse_csr() for w in ws]

            def run(mats, mm):
                def f():
                    h = xt
                    for l in range(layers):
                        h = mm(mats[l], h).add_(bias[l])
                        h = torch.sigmoid_(h) if l == layers - 1 else torch.relu_(h)
                    return h
                return f

            t = interleaved(self.rounds, [("torch-sparse", run(cs, torch.sparse.mm)), ("torch-dense", run(ws, torch.mm))])
            out += [self.rec("ae", "ae", "s" + pct(s), k, v, nnz=int(sum(c._nnz() for c in cs))) for k, v in t.items()]
        return out

    def bigbird(self):
        head = int(self.p["bigbird.head"])
        alpha = 1.0 / math.sqrt(head)
        out = []
        for L in self.p["bigbird.lengths"].split(","):
            m = self.mtx(f"bigbird/mask_L{L}.mtx")
            mc = m.to_sparse_csr()
            q, k, v = (npy(self.d, f"bigbird/{n}_L{L}.npy") for n in "QKV")
            idx = m.indices()
            rows, cols = idx[0], idx[1]
            kt = k.t()

            def sampled_scores():
                return torch.sparse.sampled_addmm(mc, q, kt, beta=0.0, alpha=alpha).to_sparse_coo()

            def gathered_scores():
                return torch.sparse_coo_tensor(idx, (q @ kt)[rows, cols] * alpha, m.shape)._coalesced_(True)

            def attention(scores, csr_spmm):
                def f():
                    p = torch.sparse.softmax(scores(), 1)
                    return torch.sparse.mm(p.to_sparse_csr() if csr_spmm else p, v)
                return f

            cands = [("torch-gathered-coo", attention(gathered_scores, False)), ("torch-gathered-csr", attention(gathered_scores, True))]
            if int(L) <= SAMPLED_MAX_N:
                cands.append(("torch-sampled-coo", attention(sampled_scores, False)))
            t = interleaved(self.rounds, cands)
            out += [self.rec("bigbird", "L" + L, "attention", kk, vv, nnz=m._nnz()) for kk, vv in t.items()]
        return out

    def ops(self, only=None):
        out = []
        spgemm = self.p["ops.spgemm"].split(",")
        for name in self.p["ops.matrices"].split(","):
            if only and name not in only:
                continue
            a = self.mtx(f"ops/{name}.mtx")
            ac = a.to_sparse_csr()
            n = a.shape[0]
            b, x = npy(self.d, f"ops/B_{n}.npy"), npy(self.d, f"ops/x_{n}.npy")
            u, v = npy(self.d, f"ops/D1_{n}.npy"), npy(self.d, f"ops/D2_{n}.npy")
            vt = v.t()
            rows, cols = a.indices()[0], a.indices()[1]
            x2 = x[:, None]
            crow, col, vals = ac.crow_indices(), ac.col_indices(), ac.values()

            def sddmm_sampled():
                s = torch.sparse.sampled_addmm(ac, u, vt, beta=0.0)
                return torch.sparse_csr_tensor(crow, col, s.values() * vals, ac.shape)

            def sddmm_gather():
                out = torch.empty_like(vals)
                for at in range(0, len(vals), GATHER_CHUNK):
                    r, c = rows[at:at + GATHER_CHUNK], cols[at:at + GATHER_CHUNK]
                    torch.mul((u[r] * v[c]).sum(1), vals[at:at + GATHER_CHUNK], out=out[at:at + GATHER_CHUNK])
                return torch.sparse_csr_tensor(crow, col, out, ac.shape)

            groups = {"spmv": [("torch-coo-mv", lambda: torch.mv(a, x)), ("torch-csr-mm", lambda: torch.sparse.mm(ac, x2))],
                      "spmm": [("torch-csr", lambda: torch.sparse.mm(ac, b)), ("torch-coo", lambda: torch.sparse.mm(a, b))],
                      "sddmm": [("torch-gather-dot", sddmm_gather)]}
            if n <= SAMPLED_MAX_N:
                groups["sddmm"].append(("torch-sampled", sddmm_sampled))
            if name in spgemm:
                groups["spgemm"] = [("torch-coo", lambda: torch.sparse.mm(a, a))]
            for op, cands in groups.items():
                t = interleaved(self.rounds, cands)
                out += [self.rec("ops", name, op, k, v, nnz=a._nnz()) for k, v in t.items()]
        return out


# ---- Sieve -------------------------------------------------------------------------------------

def run_logged(cmd, log):
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if log:
        with open(log, "a") as f:
            f.write("$ " + " ".join(cmd) + "\n" + proc.stdout + proc.stderr + "\n")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:6])}... failed ({proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return proc.stdout


def java_bench(args, what, extra, log):
    jar = os.path.join(ROOT, "sieve-bench", "target", "sieve-bench.jar")
    if not os.path.isfile(jar):
        raise SystemExit(f"{jar} is missing: build first (. scripts/jdk.sh && mvn -B -q package -DskipTests)")
    java = (f". '{ROOT}/scripts/jdk.sh' && exec java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmn1g -XX:+UseTransparentHugePages "
            f"-cp '{jar}' dev.sieve.bench.EinsumBench dir='{args.workloads}' what={','.join(what)} threads={args.threads} "
            f"rounds={args.rounds} json=true {' '.join(extra)}")
    out = run_logged(["bash", "-c", java], log)
    recs, tables = [], []
    for line in out.splitlines():
        if line.startswith('{"bench":"einsum"'):
            recs.append(json.loads(line))
        else:
            tables.append(line)
    return recs, "\n".join(tables)


def cli_agg(args, log):
    d = args.workloads
    out = run_logged([os.path.join(ROOT, "sieve"), "bench", "einsum", "C(i,j) = A(i,k) * H(k,j)", os.path.join(d, "gcn/A.mtx"),
                      os.path.join(d, "gcn/H.npy"), "--threads", str(args.threads), "--warmup", "50",
                      "--iterations", str(args.rounds), "--json"], log)
    j = json.loads(out.strip().splitlines()[-1])
    return [dict(section="gcn", workload="gcn-agg", op="A·H", impl="cli", min_ms=j["min_ms"], median_ms=j["median_ms"],
                 compile_ms=j.get("compile_ms"), cache_hit_us=j.get("cache_hit_us"))]


# ---- tables ------------------------------------------------------------------------------------

def combine(sittings):
    """[[records]] -> {(section, workload, op, impl): (min of mins, median of medians, one record)}"""
    by = {}
    for recs in sittings:
        for r in recs:
            if "min_ms" not in r:
                continue
            by.setdefault((r["section"], r["workload"], r["op"], r["impl"]), []).append(r)
    return {k: (min(r["min_ms"] for r in v), statistics.median(r["median_ms"] for r in v), v[0]) for k, v in by.items()}


def fmt(x):
    if x is None or not math.isfinite(x):
        return "-"
    a = abs(x)
    return f"{x:.0f}" if a >= 100 else f"{x:.1f}" if a >= 10 else f"{x:.2f}" if a >= 0.1 else f"{x:.2g}"


def table(title, header, rows):
    print(f"\n### {title}\n")
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for r in rows:
        print("| " + " | ".join(fmt(c) if isinstance(c, float) or c is None else str(c) for c in r) + " |")


def best(res, key3, prefix="torch"):
    """The fastest (by min) impl whose name starts with prefix, for (section, workload, op)."""
    cands = [(v[0], k[3], v) for k, v in res.items() if k[:3] == key3 and k[3].startswith(prefix)]
    return min(cands) if cands else (None, None, None)


def get(res, key3, impl):
    v = res.get(key3 + (impl,))
    return (v[0], v[1]) if v else (None, None)


def ratio(a, b):
    return a / b if a and b else None


def report(res, args, p):
    threads = args.threads
    key = ("gcn", "gcn-agg", "A·H")
    if any(k[:3] == key for k in res):
        tmin, tname, tv = best(res, key)
        nnz, f = int(p["gcn.nnz"]), int(p["gcn.features"])
        rows = []
        for impl in [k[3] for k in res if k[:3] == key]:
            mn, md = get(res, key, impl)
            rows.append([impl, mn, md, 2 * nnz * f / mn / 1e6, ratio(tmin, mn), ratio(tv[1], md) if tv else None])
        table(f"GCN aggregation A·H: n {p['gcn.n']}, nnz {nnz}, F {f}, threads {threads} (bar: Sieve >= 6x torch.sparse.mm; "
              f"baseline {tname})", ["impl", "min ms", "median ms", "GFLOP/s", "speedup vs torch (min)", "speedup (median)"], rows)

    rows = []
    for k in sorted({k[:3] for k in res if k[1] == "gcn-e2e"}, key=lambda k: (k[2] != "W dense", k[2])):
        tmin, tname, tv = best(res, k)
        cm, cmed = get(res, k, "compiled")
        hm, hmed = get(res, k, "hand")
        rows.append([k[2][2:], get(res, k, "torch-denseW")[0], get(res, k, "torch-sparseW")[0], cm, hm, ratio(tmin, cm),
                     ratio(tv[1], cmed) if tv else None, ratio(tmin, hm)])
    if rows:
        table(f"2-layer GCN end to end, threads {threads} (min ms; speedup = best torch / Sieve)",
              ["weights", "torch dense W", "torch CSR W", "Sieve compiled", "Sieve hand", "compiled speedup (min)",
               "(median)", "hand speedup (min)"], rows)

    rows = []
    for k in sorted({k[:3] for k in res if k[0] == "ae"}):
        ts, td = get(res, k, "torch-sparse"), get(res, k, "torch-dense")
        cm, cmed = get(res, k, "compiled")
        hm, _ = get(res, k, "hand")
        fm, fmed = get(res, k, "fused")  # bias and activation fused into the kernel's stores
        rows.append([k[2][1:] + "%", ts[0], td[0], cm, hm, fm, ratio(ts[0], cm), ratio(ts[0], fm), ratio(ts[1], fmed), ratio(td[0], fm),
                     ratio(ts[0], hm)])
    if rows:
        table(f"Sparse autoencoder {p.get('ae.dims')}, batch {p.get('ae.batch')}, end to end, threads {threads} (min ms)",
              ["sparsity", "torch.sparse", "torch dense", "Sieve compiled", "Sieve hand", "Sieve fused", "compiled vs torch.sparse (min)",
               "fused vs torch.sparse (min)", "(median)", "fused vs torch dense", "hand vs torch.sparse"], rows)

    rows = []
    for k in sorted({k[:3] for k in res if k[0] == "bigbird" and k[2] == "attention"}, key=lambda k: int(k[1][1:])):
        tmin, tname, tv = best(res, k)
        cm, cmed = get(res, k, "compiled")
        hm, _ = get(res, k, "hand")
        rows.append([k[1][1:], tv[2].get("nnz") if tv else None, tname, tmin, cm, hm, ratio(tmin, cm), ratio(tv[1], cmed) if tv else None,
                     ratio(tmin, hm)])
    if rows:
        table(f"BigBird attention (SDDMM -> softmax -> SpMM), threads {threads} (min ms)",
              ["seq", "nnz", "torch variant", "torch", "Sieve compiled", "Sieve hand", "compiled speedup (min)", "(median)",
               "hand speedup"], rows)

    rows = []
    order = {m: i for i, m in enumerate(p.get("ops.matrices", "").split(","))}
    op_order = {"spmv": 0, "spmm": 1, "sddmm": 2, "spgemm": 3}
    for k in sorted({k[:3] for k in res if k[0] == "ops"}, key=lambda k: (order.get(k[1], 99), op_order.get(k[2], 9))):
        tmin, tname, tv = best(res, k)
        cm, cmed = get(res, k, "compiled")
        hm, hmed = get(res, k, "hand")
        rows.append([k[1], k[2], tname, tmin, cm, hm, ratio(cm, hm), ("yes" if cm <= 1.15 * hm else "NO") if cm and hm else "-",
                     ratio(tmin, cm), ratio(tmin, hm)])
    if rows:
        table(f"SpMV / SpMM / SpGEMM / SDDMM, threads {threads} (min ms; bar: compiled within 1.15x of hand)",
              ["matrix", "op", "torch variant", "torch", "Sieve compiled", "Sieve hand", "compiled/hand", "<= 1.15x",
               "compiled vs torch", "hand vs torch"], rows)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("workloads", help="directory written by scripts/einsum-workloads.py")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sittings", type=int, default=2, help="torch and Sieve alternately, this many times each")
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--what", default=",".join(SECTIONS))
    ap.add_argument("--matrices", default=None, help="only these ops matrices (comma-separated)")
    ap.add_argument("--no-cli", action="store_true", help="skip `sieve bench einsum` for A·H")
    ap.add_argument("--no-java", action="store_true", help="torch peers only")
    ap.add_argument("--log", default=None, help="append the raw output of every run to this file")
    args = ap.parse_args()
    args.workloads = os.path.abspath(args.workloads)
    what = args.what.split(",")
    for s in what:
        if s not in SECTIONS:
            raise SystemExit(f"--what: unknown section {s}; sections: {SECTIONS}")
    only = args.matrices.split(",") if args.matrices else None
    torch.set_num_threads(args.threads)
    p = props(args.workloads)
    peers = Peers(args.workloads, p, args.rounds)
    print(f"# einsum-vs-torch: {args.workloads} ({p['scale']}), threads {args.threads}, {args.sittings} sittings x {args.rounds} rounds, "
          f"torch {torch.__version__}, OMP_WAIT_POLICY={os.environ['OMP_WAIT_POLICY']}, "
          f"OPENBLAS_CORETYPE={os.environ.get('OPENBLAS_CORETYPE', '(unset)')}", flush=True)
    t0 = time.perf_counter()
    sittings, compile_table = [], None
    for s in range(args.sittings):
        recs = []

        def torch_part():
            for sec, fn in (("agg", peers.agg), ("gcn", peers.gcn), ("ae", peers.ae), ("bigbird", peers.bigbird),
                            ("ops", lambda: peers.ops(only))):
                if sec in what:
                    ts = time.perf_counter()
                    recs.extend(fn())
                    print(f"  sitting {s + 1}: torch {sec} {time.perf_counter() - ts:.0f} s", file=sys.stderr, flush=True)

        def sieve_part():
            nonlocal compile_table
            java_what = [w for w in what if w != "compile" or s == 0]  # compile cost: once
            if not args.no_java and java_what:
                ts = time.perf_counter()
                extra = ["matrices=" + args.matrices] if args.matrices else []
                r, tables = java_bench(args, java_what, extra, args.log)
                recs.extend(r)
                start = tables.find("### Compile time")
                if start >= 0:
                    compile_table = tables[start:tables.find("\n(compile", start)].strip()
                print(f"  sitting {s + 1}: EinsumBench {time.perf_counter() - ts:.0f} s", file=sys.stderr, flush=True)
            if not args.no_cli and "agg" in what:
                recs.extend(cli_agg(args, args.log))

        for part in ((torch_part, sieve_part) if s % 2 == 0 else (sieve_part, torch_part)):
            part()
        sittings.append(recs)
    res = combine(sittings)
    if compile_table:
        print("\n" + compile_table)
    report(res, args, p)
    if args.log:
        with open(args.log, "a") as f:
            for recs in sittings:
                for r in recs:
                    f.write(json.dumps(r) + "\n")
    print(f"\n# done in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    main()
