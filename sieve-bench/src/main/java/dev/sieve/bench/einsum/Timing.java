package dev.sieve.bench.einsum;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Interleaved timing: every round times each candidate back to back, so a burst of load from the machine's other
 * jobs hits them all alike (this machine is shared). A round's sample is the mean of {@code reps} calls, with reps
 * chosen during warm-up so a sample lasts at least {@link #SAMPLE_MS} (at most {@link #MAX_REPS} calls); one call
 * when a call is longer than that. Warm-up is per candidate, see {@link #interleaved}. scripts/einsum-vs-torch.py times the torch peers by the same rule.
 */
public final class Timing {
    static final double SAMPLE_MS = 10;
    static final int MAX_REPS = 50;
    static final double MIN_WARMUP_MS = 300, MAX_WARMUP_MS = 1000;
    static final int WARMUP_CALLS = 200, MAX_WARMUP_CALLS = 2000;
    /** Slow groups (seconds per call) get fewer rounds, at least MIN_ROUNDS, so the suite stays within minutes. */
    static final double ROUND_BUDGET_MS = 12_000;
    static final int MIN_ROUNDS = 3;

    private Timing() {}

    /** Something to time. */
    public record Candidate(String name, Runnable body) {}

    /** Per-sample times of one candidate, in milliseconds per call, sorted. */
    public record Stats(String name, double[] sortedMs, int reps) {
        public double min() {
            return sortedMs[0];
        }

        public double median() {
            int n = sortedMs.length;
            return n % 2 == 1 ? sortedMs[n / 2] : (sortedMs[n / 2 - 1] + sortedMs[n / 2]) / 2;
        }
    }

    /**
     * Warm-up, then {@code rounds} timed rounds; results in candidate order. Each candidate is first called on its
     * own at least {@code warmup} times and for {@link #MIN_WARMUP_MS}, then on until {@link #WARMUP_CALLS} calls
     * or {@link #MAX_WARMUP_MS} (at least 2 calls): Vector API code runs 10-100x slower until C2 compiles it, C2
     * waits for call and loop counts (not time), and a kernel deoptimised by another input's shape needs a few
     * hundred calls to recover. reps comes from the last warm-up call. When one round would take longer than
     * {@link #ROUND_BUDGET_MS} / rounds, fewer rounds are run (at least {@link #MIN_ROUNDS}; Stats says how many).
     */
    public static List<Stats> interleaved(int warmup, int rounds, List<Candidate> candidates) {
        int n = candidates.size();
        int[] reps = new int[n];
        double roundMs = 0;
        for (int c = 0; c < n; c++) {
            Runnable body = candidates.get(c).body();
            long start = System.nanoTime();
            double last = Double.MAX_VALUE;
            for (int calls = 0; calls < MAX_WARMUP_CALLS; calls++) {
                double elapsed = (System.nanoTime() - start) / 1e6;
                if (calls >= 2 && elapsed >= MAX_WARMUP_MS) break;
                if (calls >= Math.max(1, warmup) && elapsed >= MIN_WARMUP_MS && calls >= WARMUP_CALLS) break;
                last = callMs(body);
            }
            reps[c] = (int) Math.max(1, Math.min(MAX_REPS, Math.ceil(SAMPLE_MS / Math.max(1e-6, last))));
            roundMs += reps[c] * last;
        }
        rounds = Math.min(rounds, (int) Math.max(MIN_ROUNDS, ROUND_BUDGET_MS / roundMs));
        double[][] samples = new double[n][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int c = 0; c < n; c++) {
                Runnable body = candidates.get(c).body();
                long t0 = System.nanoTime();
                for (int i = 0; i < reps[c]; i++) body.run();
                samples[c][r] = (System.nanoTime() - t0) / 1e6 / reps[c];
            }
        }
        List<Stats> out = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            Arrays.sort(samples[c]);
            out.add(new Stats(candidates.get(c).name(), samples[c], reps[c]));
        }
        return out;
    }

    static double callMs(Runnable body) {
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e6;
    }
}
