package dev.sieve.autograd;

import dev.sieve.ops.Elementwise;
import dev.sieve.ops.Indices;
import dev.sieve.ops.Reductions;
import dev.sieve.ops.Softmax;
import dev.sieve.tensor.Tensor;

/** Reductions, softmax and log-softmax and their gradients. */
final class Reduce {
    private Reduce() {}

    /** {@code g} (reduced along {@code axis}, with or without the axis kept) broadcast back to {@code dims}. */
    static Tensor expand(Tensor g, int[] dims, int axis) {
        int[] keep = dims.clone();
        keep[axis] = 1;
        return Elementwise.add(Tensor.zeros(dims), g.reshape(keep));
    }

    static Variable sum(Variable x) {
        int[] dims = x.dims();
        return Variable.result("sum", Reductions.sum(x.value()), g -> new Tensor[] {Tensor.full(g.item(), dims)}, x);
    }

    static Variable mean(Variable x) {
        int[] dims = x.dims();
        int n = x.value().size();
        return Variable.result("mean", Reductions.mean(x.value()), g -> new Tensor[] {Tensor.full(g.item() / n, dims)}, x);
    }

    static Variable sum(Variable x, int axis, boolean keepDims) {
        int[] dims = x.dims();
        int a = x.shape().normalizeAxis(axis);
        return Variable.result("sum", Reductions.sum(x.value(), a, keepDims), g -> new Tensor[] {expand(g, dims, a)}, x);
    }

    static Variable mean(Variable x, int axis, boolean keepDims) {
        int[] dims = x.dims();
        int a = x.shape().normalizeAxis(axis);
        int n = dims[a];
        return Variable.result("mean", Reductions.mean(x.value(), a, keepDims),
                g -> new Tensor[] {Elementwise.mul(expand(g, dims, a), 1f / n)}, x);
    }

    /** Maximum along an axis; the gradient goes to the first position of the maximum (its argmax). */
    static Variable max(Variable x, int axis, boolean keepDims) {
        int[] dims = x.dims();
        int a = x.shape().normalizeAxis(axis);
        Tensor y = Reductions.max(x.value(), a, keepDims);
        return Variable.result("max", y, g -> {
            Indices idx = Reductions.argmax(x.value(), a, false);
            int n = dims[a];
            int inner = x.shape().product(a + 1, dims.length);
            int outer = x.shape().product(0, a);
            Tensor gx = Tensor.zeros(dims);
            float[] gd = g.data(), out = gx.data();
            int go = g.offset();
            int[] iv = idx.values();
            for (int o = 0; o < outer; o++) {
                for (int i = 0; i < inner; i++) {
                    int r = o * inner + i;
                    out[(o * n + iv[r]) * inner + i] = gd[go + r];
                }
            }
            return new Tensor[] {gx};
        }, x);
    }

    static Variable softmax(Variable x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        Tensor y = Softmax.softmax(x.value(), a);
        return Variable.result("softmax", y, g -> {
            Tensor gy = Elementwise.mul(g, y);
            Tensor s = Reductions.sum(gy, a, true);
            return new Tensor[] {Elementwise.sub(gy, Elementwise.mul(y, s))};
        }, x);
    }

    static Variable logSoftmax(Variable x, int axis) {
        int a = x.shape().normalizeAxis(axis);
        Tensor y = Softmax.logSoftmax(x.value(), a);
        return Variable.result("logSoftmax", y, g -> {
            Tensor s = Reductions.sum(g, a, true);
            return new Tensor[] {Elementwise.sub(g, Elementwise.mul(Elementwise.exp(y), s))};
        }, x);
    }
}
