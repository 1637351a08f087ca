package dev.sieve.cli.train;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.cli.util.LatencyStats;
import dev.sieve.nn.Layer;
import dev.sieve.tensor.Tensor;
import dev.sieve.parallel.Parallel;

/**
 * How fast a model answers: one image at a time on one thread (the latency a request sees), and a batch on
 * all threads (throughput). Both run in eval mode without autograd.
 */
public final class ModelLatency {
    private ModelLatency() {}

    /** Per-call latency of {@code model} on {@code one} (a batch of 1) on a single thread. */
    public static LatencyStats singleImage(Layer model, Tensor one, int warmup, int calls) {
        model.eval();
        int threads = Parallel.threads();
        try (NoGrad ignored = NoGrad.enter()) {
            Parallel.setThreads(1);
            return LatencyStats.measure(() -> model.forward(Variable.constant(one)), warmup, calls);
        } finally {
            Parallel.setThreads(threads);
        }
    }

    /** Images per second of {@code model} on {@code batch} with the current thread count (median of the timed runs). */
    public static double throughput(Layer model, Tensor batch, int warmup, int calls) {
        model.eval();
        try (NoGrad ignored = NoGrad.enter()) {
            LatencyStats batched = LatencyStats.measure(() -> model.forward(Variable.constant(batch)), warmup, calls);
            return batch.dim(0) / (batched.p50Micros() / 1e6);
        }
    }
}
