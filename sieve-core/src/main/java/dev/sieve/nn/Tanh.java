package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/** Element-wise {@code tanh} as a module. */
public final class Tanh extends Layer {
    @Override
    public Variable forward(Variable x) {
        return Functions.tanh(x);
    }
}
