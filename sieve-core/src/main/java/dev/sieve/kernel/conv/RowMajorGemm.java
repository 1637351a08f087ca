package dev.sieve.kernel.conv;

import dev.sieve.kernel.VectorizationProvider;

/**
 * Single-threaded {@code C (+)= A · B} for the operands of a convolution, all row-major and read in place:
 * a sweep of {@link ConvKernels#tile} over C, with K split into balanced slices of at most {@value #KC}
 * so that a tile's column strip of B stays in L1. Ragged edges go through small zero-padded copies.
 * Unlike the general GEMM nothing is packed: each image's B (im2col matrix or output gradient) is
 * already contiguous and small, so a packed copy would cost more than it saves.
 */
public final class RowMajorGemm {
    static final int KC = 512;

    private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);
    private static final ConvKernels KERNELS = VectorizationProvider.get().kernels(ConvKernels.class);

    private RowMajorGemm() {}

    /** With the provider's kernels. */
    public static void multiply(int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean accumulate) {
        multiply(KERNELS, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc, accumulate);
    }

    public static void multiply(ConvKernels kern, int m, int n, int k, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                                float[] c, int cOff, int ldc, boolean accumulate) {
        if (m <= 0 || n <= 0) return;
        if (k <= 0) {
            if (!accumulate) for (int i = 0; i < m; i++) java.util.Arrays.fill(c, cOff + i * ldc, cOff + i * ldc + n, 0f);
            return;
        }
        int mr = kern.tileRows(), nr = kern.tileCols();
        int fullRows = m - m % mr, fullCols = n - n % nr;
        int slices = (k + KC - 1) / KC;
        Buffers buf = BUFFERS.get();
        for (int s = 0; s < slices; s++) {
            int p0 = (int) ((long) k * s / slices), kc = (int) ((long) k * (s + 1) / slices) - p0;
            boolean acc = accumulate || s > 0;
            for (int j = 0; j < fullCols; j += nr) {
                int bAt = bOff + p0 * ldb + j;
                for (int i = 0; i < fullRows; i += mr) {
                    kern.tile(kc, a, aOff + i * lda + p0, lda, b, bAt, ldb, c, cOff + i * ldc + j, ldc, acc);
                }
            }
            if (fullRows < m) {
                // Ragged rows: a zero-padded copy of A's last rows, the tile computed aside, live rows stored.
                float[] aEdge = buf.aEdge(mr * kc), tile = buf.tile(mr * nr);
                java.util.Arrays.fill(aEdge, 0, mr * kc, 0f);
                for (int i = fullRows; i < m; i++) System.arraycopy(a, aOff + i * lda + p0, aEdge, (i - fullRows) * kc, kc);
                for (int j = 0; j < fullCols; j += nr) {
                    kern.tile(kc, aEdge, 0, kc, b, bOff + p0 * ldb + j, ldb, tile, 0, nr, false);
                    store(tile, nr, m - fullRows, nr, c, cOff + fullRows * ldc + j, ldc, acc);
                }
            }
            if (fullCols < n) {
                // Ragged columns: a zero-padded copy of B's last columns.
                int live = n - fullCols;
                float[] bEdge = buf.bEdge(kc * nr), tile = buf.tile(mr * nr);
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(b, bOff + (p0 + p) * ldb + fullCols, bEdge, p * nr, live);
                    java.util.Arrays.fill(bEdge, p * nr + live, (p + 1) * nr, 0f);
                }
                for (int i = 0; i < fullRows; i += mr) {
                    kern.tile(kc, a, aOff + i * lda + p0, lda, bEdge, 0, nr, tile, 0, nr, false);
                    store(tile, nr, mr, live, c, cOff + i * ldc + fullCols, ldc, acc);
                }
                if (fullRows < m) {
                    float[] aEdge = buf.aEdge(mr * kc);
                    kern.tile(kc, aEdge, 0, kc, bEdge, 0, nr, tile, 0, nr, false);
                    store(tile, nr, m - fullRows, live, c, cOff + fullRows * ldc + fullCols, ldc, acc);
                }
            }
        }
    }

    private static void store(float[] tile, int nr, int rows, int cols, float[] c, int cAt, int ldc, boolean accumulate) {
        for (int i = 0; i < rows; i++) {
            int ci = cAt + i * ldc, ti = i * nr;
            if (accumulate) {
                for (int j = 0; j < cols; j++) c[ci + j] += tile[ti + j];
            } else {
                System.arraycopy(tile, ti, c, ci, cols);
            }
        }
    }

    private static final class Buffers {
        private float[] aEdge = new float[0], bEdge = new float[0], tile = new float[0];

        float[] aEdge(int size) {
            if (aEdge.length < size) aEdge = new float[size];
            return aEdge;
        }

        float[] bEdge(int size) {
            if (bEdge.length < size) bEdge = new float[size];
            return bEdge;
        }

        float[] tile(int size) {
            if (tile.length < size) tile = new float[size];
            return tile;
        }
    }
}
