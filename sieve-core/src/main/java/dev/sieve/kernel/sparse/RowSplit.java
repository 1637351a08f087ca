package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;

/** Splits rows (or row blocks) of equal work evenly between threads (shared by the scalar and vector kernels). */
public final class RowSplit {
    private RowSplit() {}

    /**
     * Runs {@code body} over contiguous ranges of {@code [0, units)}; {@code work} is the product's
     * multiply-adds, which decides whether other threads are worth waking.
     */
    public static void forRange(int units, long work, ParallelRuntime runtime, ParallelRuntime.RangeBody body) {
        if (units <= 0) return;
        int parts = Math.min(StructuredSpmm.threadsFor(runtime, work), units);
        if (parts <= 1) {
            body.run(0, units);
            return;
        }
        runtime.runChunks(parts, (p, all) -> {
            int from = dev.sieve.parallel.Ranges.start(units, all, p), to = dev.sieve.parallel.Ranges.start(units, all, p + 1);
            if (to > from) body.run(from, to);
        });
    }
}
