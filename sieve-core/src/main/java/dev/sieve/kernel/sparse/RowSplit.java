package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.parallel.Ranges;

/** How the sparse kernels split their rows (or row blocks) between threads. */
public final class RowSplit {
    private RowSplit() {}

    /**
     * Rows {@code [0, units)} in equal contiguous ranges, on one thread when {@code work} (stored
     * values times columns) is too small to pay for a hand-off. For layouts whose rows carry equal work
     * (n:m, n:m:g blocks, tile-wise rows).
     */
    public static void forRange(int units, long work, ParallelRuntime runtime, ParallelRuntime.RangeBody body) {
        if (units <= 0) return;
        int parts = Math.min(StructuredSpmm.threadsFor(runtime, work), units);
        if (parts <= 1) {
            body.run(0, units);
            return;
        }
        runtime.runChunks(parts, (p, all) -> {
            int from = Ranges.start(units, all, p), to = Ranges.start(units, all, p + 1);
            if (to > from) body.run(from, to);
        });
    }

    /** Rows {@code [0, rows)} in ranges of nearly equal weight, {@code prefix} being a CSR row pointer. */
    public static void byWeight(ParallelRuntime runtime, int rows, int[] prefix, ParallelRuntime.RangeBody body) {
        if (rows <= 0) return;
        if (runtime.threads() == 1) {
            body.run(0, rows);
            return;
        }
        long[] wide = new long[rows + 1];
        for (int i = 0; i <= rows; i++) wide[i] = prefix[i];
        runtime.forWeightedRange(rows, wide, body);
    }

    /** As {@link #byWeight(ParallelRuntime, int, int[], ParallelRuntime.RangeBody)} with a 64-bit prefix (e.g. flops). */
    public static void byWeight(ParallelRuntime runtime, int rows, long[] prefix, ParallelRuntime.RangeBody body) {
        if (rows <= 0) return;
        if (runtime.threads() == 1) {
            body.run(0, rows);
            return;
        }
        runtime.forWeightedRange(rows, prefix, body);
    }
}
