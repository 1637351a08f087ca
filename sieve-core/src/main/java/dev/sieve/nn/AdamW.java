package dev.sieve.nn;

import dev.sieve.autograd.Variable;
import java.util.List;

/** PyTorch's AdamW: Adam with decoupled weight decay (p *= 1 − lr·wd); default wd 0.01 as in PyTorch. */
public final class AdamW extends Adam {
    public AdamW(List<Variable> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0.01);
    }

    public AdamW(List<Variable> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(params, lr, beta1, beta2, eps, weightDecay, true);
    }
}
