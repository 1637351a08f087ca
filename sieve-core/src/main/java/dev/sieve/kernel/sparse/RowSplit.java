package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;

/** Row-parallel loops balanced by a weight per row (usually the stored entries of a CSR row pointer). */
public final class RowSplit {
    private RowSplit() {}

    /**
     * Runs {@code body} over contiguous row ranges of {@code [0, rows)} whose weights
     * ({@code prefix[r+1] - prefix[r]}) are about equal, one range per thread. One thread runs inline
     * with no split at all.
     */
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

    /** {@link #byWeight(ParallelRuntime, int, int[], ParallelRuntime.RangeBody)} for a long prefix (e.g. flop counts). */
    public static void byWeight(ParallelRuntime runtime, int rows, long[] prefix, ParallelRuntime.RangeBody body) {
        if (rows <= 0) return;
        if (runtime.threads() == 1) {
            body.run(0, rows);
            return;
        }
        runtime.forWeightedRange(rows, prefix, body);
    }
}
