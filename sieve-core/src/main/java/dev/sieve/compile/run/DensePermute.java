package dev.sieve.compile.run;

import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;

/**
 * Re-stores an all-dense tensor in another mode order (a transpose, for rank 2) without going through
 * coordinates: destination positions in order, source offsets by strides; rank 2 in 32 x 32 tiles so both
 * sides stay in cache.
 */
final class DensePermute {
    private static final int TILE = 32;

    private DensePermute() {}

    static FormattedTensor permute(FormattedTensor t, Format to) {
        int[] dims = t.dims();
        float[] out = permute(t.vals(), dims, t.format(), to);
        int r = dims.length;
        return FormattedTensor.wrap(dims, to, new int[r][], new int[r][], out);
    }

    /** {@code src} stored in {@code from}'s mode order, returned in {@code to}'s. */
    static float[] permute(float[] src, int[] dims, Format from, Format to) {
        int r = dims.length;
        float[] dst = new float[src.length];
        long[] srcStride = strides(dims, from);
        if (r == 2) {
            // dst level sizes: rows = dims[to.mode(0)], cols = dims[to.mode(1)]; src strides for those modes
            int rows = dims[to.mode(0)], cols = dims[to.mode(1)];
            long sr = srcStride[to.mode(0)], sc = srcStride[to.mode(1)];
            for (int i0 = 0; i0 < rows; i0 += TILE) {
                for (int j0 = 0; j0 < cols; j0 += TILE) {
                    int i1 = Math.min(rows, i0 + TILE), j1 = Math.min(cols, j0 + TILE);
                    for (int i = i0; i < i1; i++) {
                        int d = i * cols;
                        for (int j = j0; j < j1; j++) dst[d + j] = src[(int) (i * sr + j * sc)];
                    }
                }
            }
            return dst;
        }
        int[] idx = new int[r]; // coordinates per destination level
        for (int p = 0; p < dst.length; p++) {
            long s = 0;
            for (int k = 0; k < r; k++) s += idx[k] * srcStride[to.mode(k)];
            dst[p] = src[(int) s];
            for (int k = r - 1; k >= 0; k--) {
                if (++idx[k] < dims[to.mode(k)]) break;
                idx[k] = 0;
            }
        }
        return dst;
    }

    /** Per mode, the stride of that mode in a dense tensor stored in {@code f}'s mode order. */
    private static long[] strides(int[] dims, Format f) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int k = dims.length - 1; k >= 0; k--) {
            s[f.mode(k)] = acc;
            acc *= dims[f.mode(k)];
        }
        return s;
    }
}
