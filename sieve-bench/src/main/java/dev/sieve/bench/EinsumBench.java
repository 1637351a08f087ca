package dev.sieve.bench;

import dev.sieve.bench.einsum.EinsumSuite;

/**
 * The tensor compiler's benchmark suite (Scorch's workloads): compiled kernels against Sieve's hand kernels in one
 * JVM, interleaved, on the files {@code scripts/einsum-workloads.py} writes; scripts/einsum-vs-torch.py adds the
 * torch.sparse peers. docs/compiler-benchmarks.md says how to run it.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp sieve-bench/target/sieve-bench.jar dev.sieve.bench.EinsumBench \
 *     dir=WORKLOADS [what=compile,agg,gcn,ae,bigbird,ops] [threads=2] [rounds=10] [warmup=3] [compileReps=3]
 *     [matrices=banded,...] [lengths=512,...] [json=true]
 * </pre>
 */
public final class EinsumBench {
    private EinsumBench() {}

    public static void main(String[] args) {
        EinsumSuite.main(args);
    }
}
