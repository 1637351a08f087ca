package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/**
 * y = x·Wᵀ + b with W stored {@code [out, in]} like PyTorch. Init as PyTorch's default: W ~ U(-1/√in, 1/√in)
 * (kaiming_uniform with a = √5) and b ~ U(-1/√in, 1/√in).
 */
public final class Linear extends Layer {
    private final int in, out;
    private final Variable weight, bias;

    /** Initialised from the global generator ({@link Init#manualSeed}). */
    public Linear(int in, int out, boolean bias) {
        this(in, out, bias, Init.nextSeed());
    }

    public Linear(int in, int out, boolean bias, long seed) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("in and out must be positive: " + in + ", " + out);
        this.in = in;
        this.out = out;
        double bound = 1.0 / Math.sqrt(in);
        this.weight = registerParameter("weight", Variable.parameter(Init.uniform(seed, -bound, bound, out, in)));
        this.bias = bias ? registerParameter("bias", Variable.parameter(Init.uniform(seed ^ 0x9E3779B97F4A7C15L, -bound, bound, out))) : null;
    }

    @Override
    public Variable forward(Variable x) {
        return Functions.linear(x, weight, bias);
    }

    public Variable weight() {
        return weight;
    }

    /** The bias, or null. */
    public Variable bias() {
        return bias;
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }
}
