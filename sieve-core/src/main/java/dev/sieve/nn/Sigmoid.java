package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/** Element-wise {@code sigmoid} as a module. */
public final class Sigmoid extends Layer {
    @Override
    public Variable forward(Variable x) {
        return Functions.sigmoid(x);
    }
}
