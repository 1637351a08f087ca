package dev.sieve.autograd;

import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Slicing and joining along an axis, and their gradients: {@code narrow} (a range of one axis),
 * {@code cat} (join along an existing axis) and {@code stack} (join along a new axis).
 *
 * <p>Every tensor is viewed as {@code [outer, n, inner]} around the axis, so each operation is
 * {@code outer} block copies of {@code n·inner} contiguous floats.
 */
final class Indexing {
    private Indexing() {}

    /** Elements {@code [from, from + length)} along {@code axis} (as {@code torch.narrow}). */
    static Variable narrow(Variable x, int axis, int from, int length) {
        Shape s = x.shape();
        if (s.rank() == 0) throw new IllegalArgumentException("narrow: needs a tensor of rank >= 1, got a scalar");
        int a = s.normalizeAxis(axis);
        int n = s.dim(a);
        if (length < 0 || from < 0 || from + (long) length > n) {
            throw new IllegalArgumentException("narrow: range [" + from + ", " + ((long) from + length) + ") out of bounds for axis "
                    + axis + " of size " + n + " (shape " + s + ")");
        }
        int[] inDims = s.dims();
        int outer = s.product(0, a), inner = s.product(a + 1, s.rank());
        return Variable.result("narrow", x.value().slice(a, from, from + length), g -> {
            Tensor gx = Tensor.zeros(inDims);
            copyBlocks(g.data(), g.offset(), length * inner, gx.data(), from * inner, n * inner, outer);
            return new Tensor[] {gx};
        }, x);
    }

    /** Joins {@code xs} along {@code axis}; all other dimensions must agree (as {@code torch.cat}). */
    static Variable cat(int axis, Variable... xs) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("cat: needs at least one tensor");
        Shape first = xs[0].shape();
        if (first.rank() == 0) throw new IllegalArgumentException("cat: tensors must have rank >= 1, got a scalar");
        int a = first.normalizeAxis(axis);
        int total = 0;
        for (int i = 0; i < xs.length; i++) {
            Shape si = xs[i].shape();
            if (si.rank() != first.rank() || !sameExcept(si.dims(), first.dims(), a)) {
                throw new IllegalArgumentException("cat along axis " + axis + ": tensor " + i + " has shape " + si
                        + ", tensor 0 has shape " + first + " (all dimensions but the joined one must agree)");
            }
            total += si.dim(a);
        }
        int[] outDims = first.dims();
        outDims[a] = total;
        return join("cat", xs, outDims, first.product(0, a), first.product(a + 1, first.rank()), i -> xs[i].shape().dim(a));
    }

    /** Joins equally shaped {@code xs} along a new axis {@code axis} (as {@code torch.stack}). */
    static Variable stack(int axis, Variable... xs) {
        if (xs == null || xs.length == 0) throw new IllegalArgumentException("stack: needs at least one tensor");
        Shape first = xs[0].shape();
        for (int i = 1; i < xs.length; i++) {
            if (!xs[i].shape().equals(first)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + xs[i].shape() + ", tensor 0 has shape " + first);
            }
        }
        int r = first.rank();
        int a = axis < 0 ? axis + r + 1 : axis;
        if (a < 0 || a > r) throw new IllegalArgumentException("stack: axis " + axis + " out of range for rank " + r + " inputs");
        int[] outDims = new int[r + 1];
        int[] d = first.dims();
        for (int i = 0, j = 0; i <= r; i++) outDims[i] = i == a ? xs.length : d[j++];
        return join("stack", xs, outDims, first.product(0, a), first.product(a, r), i -> 1);
    }

    /** The output as {@code [outer, Σ n_i, inner]}; input i is {@code [outer, n_i, inner]}. */
    private static Variable join(String name, Variable[] xs, int[] outDims, int outer, int inner, java.util.function.IntUnaryOperator extent) {
        int k = xs.length;
        int[] start = new int[k + 1];
        for (int i = 0; i < k; i++) start[i + 1] = start[i] + extent.applyAsInt(i);
        int rowStride = start[k] * inner;
        Tensor out = Tensor.zeros(outDims);
        for (int i = 0; i < k; i++) {
            Tensor v = xs[i].value();
            copyBlocks(v.data(), v.offset(), (start[i + 1] - start[i]) * inner, out.data(), start[i] * inner, rowStride, outer);
        }
        Tensor[] values = new Tensor[k];
        for (int i = 0; i < k; i++) values[i] = xs[i].value();
        return Variable.result(name, out, g -> {
            Tensor[] grads = new Tensor[k];
            for (int i = 0; i < k; i++) {
                if (!xs[i].requiresGrad()) continue;
                int block = (start[i + 1] - start[i]) * inner;
                Tensor gi = Tensor.zeros(values[i].dims());
                copyStrided(g.data(), g.offset() + start[i] * inner, rowStride, gi.data(), block, outer);
                grads[i] = gi;
            }
            return grads;
        }, xs);
    }

    /** Copies {@code outer} contiguous blocks of {@code block} floats into rows of stride {@code dstStride}. */
    private static void copyBlocks(float[] src, int srcOff, int block, float[] dst, int dstOff, int dstStride, int outer) {
        if (block == 0) return;
        for (int o = 0; o < outer; o++) System.arraycopy(src, srcOff + o * block, dst, dstOff + o * dstStride, block);
    }

    /** Gathers {@code outer} blocks of {@code block} floats, {@code srcStride} apart, into contiguous storage. */
    private static void copyStrided(float[] src, int srcOff, int srcStride, float[] dst, int block, int outer) {
        if (block == 0) return;
        for (int o = 0; o < outer; o++) System.arraycopy(src, srcOff + o * srcStride, dst, o * block, block);
    }

    private static boolean sameExcept(int[] a, int[] b, int axis) {
        int[] x = a.clone(), y = b.clone();
        x[axis] = 0;
        y[axis] = 0;
        return Arrays.equals(x, y);
    }
}
