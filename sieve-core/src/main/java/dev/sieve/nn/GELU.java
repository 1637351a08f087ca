package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/** GELU as a module: exact (erf) by default, or the tanh approximation. */
public final class GELU extends Layer {
    private final boolean tanhApproximation;

    public GELU() {
        this(false);
    }

    public GELU(boolean tanhApproximation) {
        this.tanhApproximation = tanhApproximation;
    }

    @Override
    public Variable forward(Variable x) {
        return tanhApproximation ? Functions.geluTanh(x) : Functions.gelu(x);
    }
}
