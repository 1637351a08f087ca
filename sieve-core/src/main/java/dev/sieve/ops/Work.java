package dev.sieve.ops;

import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;

/**
 * Splitting op work between threads. Handing a chunk to a worker and waiting for it costs
 * microseconds, so work is only split once each chunk has enough to do: the grains below are element
 * counts that take several microseconds for the kind of kernel named.
 */
final class Work {
    /** add, mul, relu, neg ...: memory-bound, ~0.1 ns per element. */
    static final long CHEAP = 1 << 16;
    /** exp, tanh, gelu, softmax, layer norm ...: ~1 ns per element. */
    static final long COSTLY = 1 << 13;

    private Work() {}

    /**
     * Runs {@code body} over rows {@code [0, rows)} in parallel chunks of at least {@code grain / rowWork}
     * rows, where {@code rowWork} is the number of elements one row touches.
     */
    static void rows(int rows, long rowWork, long grain, ParallelRuntime.RangeBody body) {
        if (rows <= 0) return;
        long grainRows = Math.max(1, grain / Math.max(1, rowWork));
        Parallel.runtime().forRange(rows, (int) Math.min(Integer.MAX_VALUE, grainRows), body);
    }

    /** Flat elementwise work over {@code [0, n)}. */
    static void elements(int n, long grain, ParallelRuntime.RangeBody body) {
        rows(n, 1, grain, body);
    }
}
