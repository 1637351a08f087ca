package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/** Softmax along {@code dim} (negative counts from the end), as {@code torch.nn.Softmax(dim)}. */
public final class Softmax extends Layer {
    private final int dim;

    public Softmax(int dim) {
        this.dim = dim;
    }

    public int dim() {
        return dim;
    }

    @Override
    public Variable forward(Variable x) {
        return Functions.softmax(x, dim);
    }
}
