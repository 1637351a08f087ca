package dev.sieve.cli.util;

import java.util.Arrays;

/**
 * Times a piece of work the way BENCHMARKS.md asks: warm up (the JIT needs it), then repeat timed
 * runs and report min and median.
 */
public final class Timing {
    /** Minimum and median wall time in milliseconds over {@code runs} timed runs. */
    public record Result(double minMs, double medianMs, int runs) {}

    private Timing() {}

    /**
     * Runs {@code work} at least {@code warmupRuns} times and for at least {@code warmupMillis}, then
     * {@code runs} timed runs (and more, up to {@code maxRuns}, while the total stays under one second).
     */
    public static Result measure(Runnable work, int warmupRuns, long warmupMillis, int runs, int maxRuns) {
        long warmEnd = System.nanoTime() + warmupMillis * 1_000_000L;
        for (int i = 0; i < warmupRuns || System.nanoTime() < warmEnd; i++) work.run();
        double[] times = new double[Math.max(runs, maxRuns)];
        int n = 0;
        long start = System.nanoTime();
        while (n < times.length && (n < runs || System.nanoTime() - start < 1_000_000_000L)) {
            long t0 = System.nanoTime();
            work.run();
            times[n++] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = Arrays.copyOf(times, n);
        Arrays.sort(sorted);
        return new Result(sorted[0], sorted[n / 2], n);
    }
}
