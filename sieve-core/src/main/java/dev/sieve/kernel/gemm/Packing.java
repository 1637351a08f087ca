package dev.sieve.kernel.gemm;

/**
 * Copies blocks of A and B into the sliver layouts the micro-kernel reads, padding partial slivers
 * with zeros so the kernel never needs edge cases.
 */
final class Packing {
    private Packing() {}

    /**
     * Packs {@code op(A)[i0:i0+rows, p0:p0+kc]}, scaled by alpha, into slivers of {@code mr} rows:
     * {@code dst[dstOff + s*mr*kc + p*mr + r] = alpha * op(A)(i0 + s*mr + r, p0 + p)}.
     */
    static void packA(GemmDriver.Operand a, int i0, int rows, int p0, int kc, int mr, float alpha, float[] dst, int dstOff) {
        float[] src = a.data();
        int ld = a.ld();
        for (int s = 0; s * mr < rows; s++) {
            int base = dstOff + s * mr * kc;
            int r0 = i0 + s * mr;
            int live = Math.min(mr, rows - s * mr);
            if (!a.transposed()) {
                // A(i, p) = src[off + i*ld + p]: walk each row contiguously, scatter with stride mr.
                for (int r = 0; r < live; r++) {
                    int from = a.offset() + (r0 + r) * ld + p0;
                    int to = base + r;
                    if (alpha == 1f) {
                        for (int p = 0; p < kc; p++, to += mr) dst[to] = src[from + p];
                    } else {
                        for (int p = 0; p < kc; p++, to += mr) dst[to] = alpha * src[from + p];
                    }
                }
            } else {
                // A(i, p) = src[off + p*ld + i]: each k step is a contiguous run of rows.
                for (int p = 0; p < kc; p++) {
                    int from = a.offset() + (p0 + p) * ld + r0;
                    int to = base + p * mr;
                    for (int r = 0; r < live; r++) dst[to + r] = alpha * src[from + r];
                }
            }
            if (live < mr) {
                for (int p = 0; p < kc; p++) {
                    for (int r = live; r < mr; r++) dst[base + p * mr + r] = 0f;
                }
            }
        }
    }

    /**
     * Packs {@code op(B)[p0:p0+kc, j0:j0+cols]} into slivers of {@code nr} columns:
     * {@code dst[t*nr*kc + p*nr + j] = op(B)(p0 + p, j0 + t*nr + j)}, zero-padding the last sliver.
     */
    static void packB(GemmDriver.Operand b, GemmMicroKernel kernel, int p0, int kc, int j0, int cols, int nr, float[] dst) {
        float[] src = b.data();
        int ld = b.ld();
        int done = 0;
        if (!b.transposed()) {
            done = kernel.packFullSliversOfB(src, b.offset() + p0 * ld + j0, ld, kc, cols, dst);
        } else {
            done = kernel.packFullSliversOfTransposedB(src, b.offset() + j0 * ld + p0, ld, kc, cols, dst);
        }
        for (int t = done / nr; t * nr < cols; t++) {
            int base = t * nr * kc;
            int c0 = j0 + t * nr;
            int live = Math.min(nr, cols - t * nr);
            if (!b.transposed()) {
                // B(p, j) = src[off + p*ld + j]: copy a contiguous run of live columns per k step.
                for (int p = 0; p < kc; p++) {
                    int from = b.offset() + (p0 + p) * ld + c0;
                    int to = base + p * nr;
                    System.arraycopy(src, from, dst, to, live);
                    for (int j = live; j < nr; j++) dst[to + j] = 0f;
                }
            } else {
                // B(p, j) = src[off + j*ld + p]: each column of op(B) is a contiguous row of src.
                for (int j = 0; j < live; j++) {
                    int from = b.offset() + (c0 + j) * ld + p0;
                    int to = base + j;
                    for (int p = 0; p < kc; p++, to += nr) dst[to] = src[from + p];
                }
                if (live < nr) {
                    for (int p = 0; p < kc; p++) {
                        for (int j = live; j < nr; j++) dst[base + p * nr + j] = 0f;
                    }
                }
            }
        }
    }
}
