package dev.sieve.tensor;

/** Gathers a strided source into contiguous row-major output (the work behind transpose/permute). */
final class Permute {
    private Permute() {}

    static void copy(float[] src, int srcOffset, int[] outDims, int[] srcStrides, float[] out) {
        int r = outDims.length;
        if (r == 2) {
            copy2d(src, srcOffset, outDims[0], outDims[1], srcStrides[0], srcStrides[1], out);
            return;
        }
        int[] idx = new int[r];
        int last = r - 1;
        int innerN = outDims[last];
        int innerStride = srcStrides[last];
        int o = 0;
        int base = srcOffset;
        while (true) {
            for (int j = 0, s = base; j < innerN; j++, s += innerStride) out[o++] = src[s];
            int axis = last - 1;
            while (axis >= 0) {
                idx[axis]++;
                base += srcStrides[axis];
                if (idx[axis] < outDims[axis]) break;
                base -= srcStrides[axis] * idx[axis];
                idx[axis] = 0;
                axis--;
            }
            if (axis < 0) return;
        }
    }

    /** Below this many elements a transpose stays on the calling thread. */
    private static final int PARALLEL_THRESHOLD = 1 << 16;
    private static final int BLOCK = 32;

    /**
     * Blocked 2-D gather so both source and destination stay in cache for large transposes; large ones
     * split their block rows between threads (each output element is written once, so the result does
     * not depend on the split).
     */
    private static void copy2d(float[] src, int off, int rows, int cols, int rs, int cs, float[] out) {
        int blockRows = (rows + BLOCK - 1) / BLOCK;
        if ((long) rows * cols < PARALLEL_THRESHOLD || blockRows < 2) {
            copy2d(src, off, 0, rows, cols, rs, cs, out);
            return;
        }
        dev.sieve.parallel.Parallel.runtime().forRange(blockRows, 1,
                (b0, b1) -> copy2d(src, off, b0 * BLOCK, Math.min(rows, b1 * BLOCK), cols, rs, cs, out));
    }

    private static void copy2d(float[] src, int off, int rowFrom, int rowTo, int cols, int rs, int cs, float[] out) {
        final int b = BLOCK;
        for (int i0 = rowFrom; i0 < rowTo; i0 += b) {
            int i1 = Math.min(rowTo, i0 + b);
            for (int j0 = 0; j0 < cols; j0 += b) {
                int j1 = Math.min(cols, j0 + b);
                for (int i = i0; i < i1; i++) {
                    int s = off + i * rs + j0 * cs;
                    int d = i * cols + j0;
                    for (int j = j0; j < j1; j++, s += cs) out[d++] = src[s];
                }
            }
        }
    }
}
