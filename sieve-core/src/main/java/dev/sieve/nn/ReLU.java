package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/** Element-wise {@code relu} as a module. */
public final class ReLU extends Layer {
    @Override
    public Variable forward(Variable x) {
        return Functions.relu(x);
    }
}
