package dev.sieve.autograd;

import dev.sieve.ops.MatMul;
import dev.sieve.ops.Reductions;
import dev.sieve.tensor.Tensor;

/** Matrix products and the fully connected layer, and their gradients. */
final class Linalg {
    private Linalg() {}

    /**
     * Matrix product of operands of rank >= 2 (2-D, or batched with broadcast batch dimensions):
     * dA = dC·Bᵀ, dB = Aᵀ·dC, each summed over batch dimensions the operand was broadcast along.
     */
    static Variable matmul(Variable a, Variable b) {
        if (a.value().rank() < 2 || b.value().rank() < 2) {
            throw new IllegalArgumentException("matmul: autograd supports operands of rank >= 2, got shapes " + a.shape() + " and " + b.shape());
        }
        Tensor av = a.value(), bv = b.value();
        return Variable.result("matmul", MatMul.matmul(av, bv), g -> new Tensor[] {
                a.requiresGrad() ? Pointwise.unbroadcast(MatMul.matmul(g, bv.transpose(-1, -2)), av.shape()) : null,
                b.requiresGrad() ? Pointwise.unbroadcast(MatMul.matmul(av.transpose(-1, -2), g), bv.shape()) : null}, a, b);
    }

    /** {@code x · wᵀ + bias}: x is [..., in], w is [out, in], bias is [out] or null. */
    static Variable linear(Variable x, Variable w, Variable bias) {
        Tensor xv = x.value(), wv = w.value();
        Tensor y = MatMul.linear(xv, wv, bias == null ? null : bias.value());
        int in = wv.dim(1), out = wv.dim(0);
        return Variable.result("linear", y, g -> {
            Tensor g2 = g.reshape(-1, out);
            Tensor gx = x.requiresGrad() ? MatMul.matmul(g2, wv).reshape(xv.dims()) : null;
            Tensor gw = w.requiresGrad() ? MatMul.matmul(g2.t(), xv.reshape(-1, in)) : null;
            Tensor gb = bias != null && bias.requiresGrad() ? Reductions.sum(g2, 0) : null;
            return new Tensor[] {gx, gw, gb};
        }, x, w, bias);
    }
}
