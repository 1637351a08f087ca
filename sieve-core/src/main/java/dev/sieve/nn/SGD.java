package dev.sieve.nn;

import dev.sieve.autograd.Variable;
import java.util.List;

/**
 * PyTorch's SGD (dampening 0): g = grad + wd·p; with momentum, buf = g on the first step, else
 * buf = μ·buf + g; then g = g + μ·buf (Nesterov) or g = buf; p -= lr·g.
 */
public final class SGD extends Optimizer {
    private final double momentum, weightDecay;
    private final boolean nesterov;
    private final float[][] buf;

    public SGD(List<Variable> params, double lr) {
        this(params, lr, 0, false, 0);
    }

    public SGD(List<Variable> params, double lr, double momentum, boolean nesterov, double weightDecay) {
        super(params, lr);
        if (momentum < 0 || weightDecay < 0) throw new IllegalArgumentException("momentum and weight decay must be >= 0");
        if (nesterov && momentum == 0) throw new IllegalArgumentException("Nesterov momentum requires momentum > 0");
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.buf = new float[params.size()][];
    }

    @Override
    protected void maskState(int index, float[] keep, int ko, int n) {
        zeroWhereDropped(buf[index], keep, ko, n);
    }

    @Override
    protected void update(int index, float[] p, int po, float[] g, int go, int n) {
        double lr = lr();
        boolean first = buf[index] == null;
        if (momentum != 0 && first) buf[index] = new float[n];
        float[] b = buf[index];
        for (int i = 0; i < n; i++) {
            double d = g[go + i] + weightDecay * p[po + i];
            if (momentum != 0) {
                double m = first ? d : momentum * b[i] + d;
                b[i] = (float) m;
                d = nesterov ? d + momentum * m : m;
            }
            p[po + i] = (float) (p[po + i] - lr * d);
        }
    }
}
