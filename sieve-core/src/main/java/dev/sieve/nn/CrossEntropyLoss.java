package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;

/**
 * Cross-entropy from logits {@code [N, C]} and integer class targets, mean over the batch. With label
 * smoothing ε: loss = (1-ε)·NLL + ε·mean over classes of −log p, computed as −mean_N Σ_C q·log_softmax(x)
 * with q = (1-ε)·onehot + ε/C, so the gradient comes from autograd.
 */
public final class CrossEntropyLoss {
    private final double labelSmoothing;

    public CrossEntropyLoss() {
        this(0.0);
    }

    public CrossEntropyLoss(double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
            throw new IllegalArgumentException("label smoothing must be in [0, 1]: " + labelSmoothing);
        this.labelSmoothing = labelSmoothing;
    }

    public Variable forward(Variable logits, int[] targets) {
        int[] d = logits.dims();
        if (d.length != 2) throw new IllegalArgumentException("logits must be [N, C], got rank " + d.length);
        int n = d[0], c = d[1];
        if (targets.length != n)
            throw new IllegalArgumentException("expected " + n + " targets, got " + targets.length);
        Tensor q = Tensor.zeros(n, c);
        float[] qd = q.data();
        float off = (float) (labelSmoothing / c), on = (float) (1 - labelSmoothing + labelSmoothing / c);
        for (int i = 0; i < n; i++) {
            int t = targets[i];
            if (t < 0 || t >= c) throw new IllegalArgumentException("target " + t + " out of range [0, " + c + ")");
            for (int j = 0; j < c; j++) qd[i * c + j] = j == t ? on : off;
        }
        Variable logp = Functions.logSoftmax(logits, 1);
        Variable perSample = Functions.sum(Functions.mul(logp, Variable.constant(q)), 1, false);
        return Functions.neg(Functions.mean(perSample));
    }
}
