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

    /**
     * Zeroes this optimizer's per-element state of {@code param} (SGD's momentum buffer, Adam's first and
     * second moments) wherever {@code keep} is 0, so that pruned positions restart from nothing: with a
     * masked gradient and masked state, the next updates leave a pruned weight at 0. {@code keep} has
     * {@code param}'s number of elements (any shape); state not allocated yet (before the first step) is
     * left alone.
     *
     * @throws IllegalArgumentException if {@code param} is not one of this optimizer's parameters, or the
     *     sizes differ
     */
    public void maskState(Variable param, Tensor keep) {
        int index = -1;
        for (int i = 0; i < params.size() && index < 0; i++) if (params.get(i) == param) index = i;
        if (index < 0) throw new IllegalArgumentException("maskState: the parameter " + param + " is not optimized by this optimizer");
        if (keep == null || keep.size() != param.value().size())
            throw new IllegalArgumentException("maskState: keep has " + (keep == null ? "no" : keep.size() + "") + " elements, the parameter "
                    + param.value().size());
        maskState(index, keep.data(), keep.offset(), keep.size());
    }

    /** Zeroes the state of parameter {@code index} where {@code keep[ko .. ko+n)} is 0; no state by default. */
    protected void maskState(int index, float[] keep, int ko, int n) {}

    /** Zeroes {@code state[i]} where {@code keep[ko + i]} is 0; a null state (not allocated yet) is skipped. */
    protected static void zeroWhereDropped(float[] state, float[] keep, int ko, int n) {
        if (state == null) return;
        for (int i = 0; i < n; i++) if (keep[ko + i] == 0f) state[i] = 0f;
    }

    /** Updates {@code p[po .. po+n)} of parameter {@code index} from {@code g[go .. go+n)}. */
    protected abstract void update(int index, float[] p, int po, float[] g, int go, int n);
}
