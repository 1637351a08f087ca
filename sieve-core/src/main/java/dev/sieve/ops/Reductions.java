package dev.sieve.ops;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.ReductionKernels;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;

/**
 * Sum, mean, max and argmax over a whole tensor or along one axis ({@code keepDims} keeps the reduced
 * axis with size 1, as PyTorch's {@code keepdim}).
 *
 * <p>Results are deterministic and independent of the thread count: whole-tensor reductions work in
 * fixed-size blocks whose partial results are combined in order, and axis reductions give every
 * output element to one thread, which adds along the axis in order.
 *
 * <p>NaN: max is NaN when a NaN is present, and argmax points at the first NaN. The max or argmax of
 * an empty tensor or axis is an error; the sum of nothing is 0 and the mean of nothing NaN.
 */
public final class Reductions {
    /** Block size of whole-tensor reductions: fixed, so partial sums do not depend on the thread count. */
    private static final int BLOCK = 1 << 15;

    private Reductions() {}

    private static ReductionKernels kernels() {
        return VectorizationProvider.get().reductions();
    }

    // ---- whole tensor ----------------------------------------------------------------------------

    /** Sum of all elements, as a 0-d tensor. */
    public static Tensor sum(Tensor x) {
        float[] partial = blockwise(x, (d, off, n) -> kernels().sum(d, off, n));
        double total = 0; // partial sums combined in double, in block order
        for (float p : partial) total += p;
        return Tensor.scalar((float) total);
    }

    /** Mean of all elements, as a 0-d tensor (NaN when empty). */
    public static Tensor mean(Tensor x) {
        return Tensor.scalar(sum(x).item() / x.size());
    }

    /** Largest element, as a 0-d tensor. */
    public static Tensor max(Tensor x) {
        requireNonEmpty(x.shape(), "max");
        float m = Float.NEGATIVE_INFINITY;
        for (float p : blockwise(x, (d, off, n) -> kernels().max(d, off, n))) m = Math.max(m, p);
        return Tensor.scalar(m);
    }

    /** Row-major position of the first largest element (or of the first NaN). */
    public static int argmax(Tensor x) {
        requireNonEmpty(x.shape(), "argmax");
        float[] d = x.data();
        int base = x.offset();
        // positions within a block are < 2^15, so they survive the trip through float exactly
        float[] local = blockwise(x, (data, off, n) -> kernels().argmax(data, off, n));
        int best = 0;
        for (int b = 0; b < local.length; b++) {
            int i = b * BLOCK + (int) local[b];
            float v = d[base + i], bv = d[base + best];
            if (b == 0 || (!Float.isNaN(bv) && (Float.isNaN(v) || v > bv))) best = i;
        }
        return best;
    }

    @FunctionalInterface
    private interface BlockFunction {
        float apply(float[] data, int off, int n);
    }

    /** {@code f} over consecutive blocks of BLOCK elements, in parallel; one result per block. */
    private static float[] blockwise(Tensor x, BlockFunction f) {
        int size = x.size();
        float[] d = x.data();
        int off = x.offset();
        int blocks = (size + BLOCK - 1) / BLOCK;
        float[] partial = new float[blocks];
        Work.rows(blocks, BLOCK, Work.CHEAP, (from, to) -> {
            for (int b = from; b < to; b++) {
                int start = b * BLOCK;
                partial[b] = f.apply(d, off + start, Math.min(BLOCK, size - start));
            }
        });
        return partial;
    }

    // ---- along an axis ---------------------------------------------------------------------------

    public static Tensor sum(Tensor x, int axis) {
        return sum(x, axis, false);
    }

    public static Tensor sum(Tensor x, int axis, boolean keepDims) {
        return reduceAxis(x, AxisGeometry.of(x.shape(), axis), keepDims, BinaryOp.ADD);
    }

    public static Tensor mean(Tensor x, int axis) {
        return mean(x, axis, false);
    }

    public static Tensor mean(Tensor x, int axis, boolean keepDims) {
        AxisGeometry g = AxisGeometry.of(x.shape(), axis);
        Tensor out = reduceAxis(x, g, keepDims, BinaryOp.ADD);
        float[] od = out.data();
        VectorizationProvider.get().dense().binaryRunScalar(BinaryOp.DIV, od, 0, g.n(), od, 0, od.length);
        return out;
    }

    public static Tensor max(Tensor x, int axis) {
        return max(x, axis, false);
    }

    public static Tensor max(Tensor x, int axis, boolean keepDims) {
        AxisGeometry g = AxisGeometry.of(x.shape(), axis);
        if (g.n() == 0) throw new IllegalArgumentException("max along axis " + axis + " of shape " + x.shape() + ": the axis is empty");
        return reduceAxis(x, g, keepDims, BinaryOp.MAX);
    }

    /** Sum ({@code ADD}) or max ({@code MAX}) along the axis. */
    private static Tensor reduceAxis(Tensor x, AxisGeometry g, boolean keepDims, BinaryOp combine) {
        Tensor out = Tensor.zeros(g.reducedDims(x.shape(), keepDims));
        if (out.size() == 0 || g.n() == 0) return out;
        float[] xd = x.data(), od = out.data();
        int xOff = x.offset(), n = g.n(), inner = g.inner();
        if (inner == 1) {
            ReductionKernels rk = kernels();
            Work.rows(g.outer(), n, Work.CHEAP, (from, to) -> {
                for (int o = from; o < to; o++) {
                    int off = xOff + o * n;
                    od[o] = combine == BinaryOp.ADD ? rk.sum(xd, off, n) : rk.max(xd, off, n);
                }
            });
            return out;
        }
        // Each outer slice is an n x inner matrix: fold its rows into the output row, one column block at a time.
        DenseKernels dk = VectorizationProvider.get().dense();
        int cb = g.columnBlock(), blocks = g.columnBlocks();
        Work.rows(g.outer() * blocks, (long) n * cb, Work.CHEAP, (from, to) -> {
            for (int u = from; u < to; u++) {
                int o = u / blocks, c0 = (u % blocks) * cb, len = Math.min(cb, inner - c0);
                int dst = o * inner + c0, src = xOff + o * n * inner + c0;
                System.arraycopy(xd, src, od, dst, len);
                for (int j = 1; j < n; j++) dk.binary(combine, od, dst, xd, src + j * inner, od, dst, len);
            }
        });
        return out;
    }

    public static Indices argmax(Tensor x, int axis) {
        return argmax(x, axis, false);
    }

    /** Position along {@code axis} of the first largest element (or first NaN) of every slice. */
    public static Indices argmax(Tensor x, int axis, boolean keepDims) {
        AxisGeometry g = AxisGeometry.of(x.shape(), axis);
        Shape shape = Shape.of(g.reducedDims(x.shape(), keepDims));
        int[] idx = new int[shape.size()];
        if (idx.length == 0) return new Indices(idx, shape);
        if (g.n() == 0) throw new IllegalArgumentException("argmax along axis " + axis + " of shape " + x.shape() + ": the axis is empty");
        float[] xd = x.data();
        int xOff = x.offset(), n = g.n(), inner = g.inner();
        if (inner == 1) {
            ReductionKernels rk = kernels();
            Work.rows(g.outer(), n, Work.CHEAP, (from, to) -> {
                for (int o = from; o < to; o++) idx[o] = rk.argmax(xd, xOff + o * n, n);
            });
            return new Indices(idx, shape);
        }
        int cb = g.columnBlock(), blocks = g.columnBlocks();
        Work.rows(g.outer() * blocks, (long) n * cb, Work.CHEAP, (from, to) -> {
            float[] best = new float[cb];
            for (int u = from; u < to; u++) {
                int o = u / blocks, c0 = (u % blocks) * cb, len = Math.min(cb, inner - c0);
                int dst = o * inner + c0, src = xOff + o * n * inner + c0;
                System.arraycopy(xd, src, best, 0, len);
                java.util.Arrays.fill(idx, dst, dst + len, 0);
                for (int j = 1; j < n; j++) {
                    int row = src + j * inner;
                    for (int i = 0; i < len; i++) {
                        float v = xd[row + i], b = best[i];
                        // keep the first NaN; otherwise take a NaN or a strictly larger value (ties keep the first)
                        if (b == b && (v > b || v != v)) {
                            best[i] = v;
                            idx[dst + i] = j;
                        }
                    }
                }
            }
        });
        return new Indices(idx, shape);
    }

    // ---- undoing a broadcast -----------------------------------------------------------------------

    /**
     * Sums {@code x} down to {@code shape}, which must broadcast to x's shape: the reverse of
     * broadcasting, as needed for the gradient of a broadcast operand.
     */
    public static Tensor sumTo(Tensor x, Shape shape) {
        if (!Broadcast.broadcastsTo(shape, x.shape())) {
            throw new IllegalArgumentException("cannot sum shape " + x.shape() + " down to " + shape + ": " + shape
                    + " does not broadcast to " + x.shape());
        }
        int lead = x.rank() - shape.rank();
        Tensor r = x;
        for (int i = 0; i < x.rank(); i++) {
            boolean reduce = i < lead || (shape.dim(i - lead) == 1 && x.dim(i) != 1);
            if (reduce) r = sum(r, i, true);
        }
        return r == x ? x.copy().reshape(shape.dims()) : r.reshape(shape.dims());
    }

    private static void requireNonEmpty(Shape shape, String what) {
        if (shape.size() == 0) throw new IllegalArgumentException(what + " of an empty tensor of shape " + shape);
    }
}
