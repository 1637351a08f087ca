package dev.sieve.autograd;

import dev.sieve.tensor.Tensor;

/** Shape operations and their gradients. */
final class Shaping {
    private Shaping() {}

    static Variable reshape(Variable x, int... dims) {
        int[] original = x.dims();
        return Variable.result("reshape", x.value().reshape(dims), g -> new Tensor[] {g.reshape(original)}, x);
    }

    static Variable transpose(Variable x, int a, int b) {
        return Variable.result("transpose", x.value().transpose(a, b), g -> new Tensor[] {g.transpose(a, b)}, x);
    }
}
