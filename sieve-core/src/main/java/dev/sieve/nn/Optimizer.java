package dev.sieve.nn;

import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.List;

/**
 * Updates parameter values in place from their gradients. Parameters without a gradient are skipped (as in
 * PyTorch). State is kept per parameter in float arrays; each element's update is computed in double.
 */
public abstract class Optimizer {
    protected final List<Variable> params;
    private double lr;

    protected Optimizer(List<Variable> params, double lr) {
        if (params == null || params.isEmpty()) throw new IllegalArgumentException("no parameters to optimize");
        for (Variable p : params)
            if (!p.isLeaf() || !p.requiresGrad())
                throw new IllegalArgumentException("optimizer parameters must be leaves that require grad");
        if (!(lr >= 0)) throw new IllegalArgumentException("learning rate must be >= 0: " + lr);
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    public double lr() {
        return lr;
    }

    public void setLr(double lr) {
        if (!(lr >= 0)) throw new IllegalArgumentException("learning rate must be >= 0: " + lr);
        this.lr = lr;
    }

    public List<Variable> parameters() {
        return params;
    }

    public void zeroGrad() {
        for (Variable p : params) p.zeroGrad();
    }

    /** One update of every parameter that has a gradient. */
    public void step() {
        for (int i = 0; i < params.size(); i++) {
            Variable p = params.get(i);
            Tensor g = p.grad();
            if (g == null) continue;
            Tensor v = p.value();
            update(i, v.data(), v.offset(), g.data(), g.offset(), v.size());
        }
    }

    /** Updates {@code p[po .. po+n)} of parameter {@code index} from {@code g[go .. go+n)}. */
    protected abstract void update(int index, float[] p, int po, float[] g, int go, int n);
}
