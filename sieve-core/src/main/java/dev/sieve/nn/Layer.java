package dev.sieve.nn;

import dev.sieve.autograd.Variable;

/** A module with one input and one output, composable in a {@link Sequential}. */
public abstract class Layer extends Module {
    public abstract Variable forward(Variable x);
}
