package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;

/** Mean squared error, mean over all elements (target broadcast to the input's shape). */
public final class MSELoss {
    public Variable forward(Variable input, Variable target) {
        Variable d = Functions.sub(input, target);
        return Functions.mean(Functions.mul(d, d));
    }
}
