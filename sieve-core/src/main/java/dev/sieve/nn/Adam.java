package dev.sieve.nn;

import dev.sieve.autograd.Variable;
import dev.sieve.parallel.Parallel;
import java.util.List;

/**
 * PyTorch's Adam (L2 weight decay added to the gradient) and, with {@code decoupled}, AdamW's update
 * (p *= 1 − lr·wd before the Adam step). Per element, step t counted per parameter:
 * m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p -= lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps).
 */
public class Adam extends Optimizer {
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final float[][] m, v;
    private final int[] steps;

    public Adam(List<Variable> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    public Adam(List<Variable> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    Adam(List<Variable> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        super(params, lr);
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1))
            throw new IllegalArgumentException("betas must be in [0, 1): " + beta1 + ", " + beta2);
        if (!(eps >= 0) || !(weightDecay >= 0)) throw new IllegalArgumentException("eps and weight decay must be >= 0");
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new float[params.size()][];
        this.v = new float[params.size()][];
        this.steps = new int[params.size()];
    }

    @Override
    protected void maskState(int index, float[] keep, int ko, int n) {
        zeroWhereDropped(m[index], keep, ko, n);
        zeroWhereDropped(v[index], keep, ko, n);
    }

    @Override
    protected void update(int index, float[] p, int po, float[] g, int go, int n) {
        if (m[index] == null) {
            m[index] = new float[n];
            v[index] = new float[n];
        }
        float[] mi = m[index], vi = v[index];
        int t = ++steps[index];
        double lr = lr();
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / bc1, sqrtBc2 = Math.sqrt(bc2);
        // Elements are independent, so splitting them across threads gives the same result for any count;
        // small parameters (biases) stay on the calling thread.
        Parallel.runtime().forRange(n, PARALLEL_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                double pi = p[po + i];
                double gi = g[go + i];
                if (decoupled) pi = pi * (1 - lr * weightDecay);
                else gi = gi + weightDecay * pi;
                double mm = beta1 * mi[i] + (1 - beta1) * gi;
                double vv = beta2 * vi[i] + (1 - beta2) * gi * gi;
                mi[i] = (float) mm;
                vi[i] = (float) vv;
                p[po + i] = (float) (pi - stepSize * mm / (Math.sqrt(vv) / sqrtBc2 + eps));
            }
        });
    }

    /** Elements per thread below which an update is not split. */
    private static final int PARALLEL_GRAIN = 1 << 15;
}
