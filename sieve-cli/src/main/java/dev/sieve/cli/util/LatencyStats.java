package dev.sieve.cli.util;

import java.util.Arrays;

/** Per-call latency percentiles of a task, timed call by call after a warm-up. */
public record LatencyStats(double p50Micros, double p95Micros, double minMicros, int calls) {
    /** Runs {@code task} {@code warmup} times untimed, then {@code calls} times, timing each call. */
    public static LatencyStats measure(Runnable task, int warmup, int calls) {
        if (calls < 1) throw new IllegalArgumentException("calls must be >= 1, got " + calls);
        for (int i = 0; i < warmup; i++) task.run();
        long[] ns = new long[calls];
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            task.run();
            ns[i] = System.nanoTime() - t0;
        }
        Arrays.sort(ns);
        return new LatencyStats(percentile(ns, 0.50) / 1e3, percentile(ns, 0.95) / 1e3, ns[0] / 1e3, calls);
    }

    /** The nearest-rank percentile of sorted values. */
    static double percentile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
