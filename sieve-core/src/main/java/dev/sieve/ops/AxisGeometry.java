package dev.sieve.ops;

import dev.sieve.tensor.Shape;

/**
 * A tensor seen as [outer, n, inner] around one axis: element (o, j, i) is at
 * {@code (o * n + j) * inner + i}. Ops along an axis use contiguous-run kernels when inner == 1, and
 * otherwise treat each outer slice as an n x inner matrix processed row by row, so the kernels still
 * see contiguous runs (vectorised across the inner dimension).
 */
record AxisGeometry(int axis, int outer, int n, int inner) {

    static AxisGeometry of(Shape shape, int axis) {
        int a = shape.normalizeAxis(axis);
        return new AxisGeometry(a, shape.product(0, a), shape.dim(a), shape.product(a + 1, shape.rank()));
    }

    /** The shape after reducing the axis: the axis dropped, or kept as 1. */
    int[] reducedDims(Shape shape, boolean keepDims) {
        int[] d = shape.dims();
        if (keepDims) {
            d[axis] = 1;
            return d;
        }
        int[] r = new int[d.length - 1];
        for (int i = 0, k = 0; i < d.length; i++) if (i != axis) r[k++] = d[i];
        return r;
    }

    /**
     * Column blocks for the inner > 1 case: splitting the inner dimension gives threads work even when
     * outer is 1 (e.g. a reduction over axis 0), and keeps per-block scratch rows in cache.
     */
    int columnBlock() {
        return Math.min(inner, 512);
    }

    int columnBlocks() {
        int cb = columnBlock();
        return cb == 0 ? 0 : (inner + cb - 1) / cb;
    }
}
