package dev.sieve.kernel.sparse;

import dev.sieve.kernel.gemm.GemmMicroKernel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.TileWiseMatrix;

/**
 * Tile-wise SpMM on the dense GEMM's micro-kernel. For each tile and each {@code KC}-deep slice of
 * its kept columns, the rows of B those columns name are gathered straight into the micro-kernel's
 * packed sliver layout (gathering and packing are one copy), then the micro-kernel sweeps the tile's
 * rows, reading the tile's row-major block in place as A. Each {@code mr x nr} result goes through a
 * small buffer into the tile's kept output rows, which are scattered in C.
 *
 * <p>Loop order per slice: slivers of B outer (one {@code KC x nr} sliver stays in L1), row groups
 * inner (the tile's block streams from L2). A ragged last group of fewer than {@code mr} rows is
 * packed zero-padded. Scratch is per thread and reused, so steady-state calls allocate nothing but
 * the small split bookkeeping.
 */
public final class PackedTileWiseSpmm {
    /** Default depth of a slice: a KC x nr sliver of B (24 KiB for nr = 16) stays in L1 while it is reused; at 75% a BERT tile (384 of 768 columns) is then one slice. Measured on 3072x768, N=128: 128 -> 2.3x dense, 256 -> 3.6x, 384 -> 3.8x, 512 and 768 -> 3.8x. */
    static final int KC = 384;

    private final int kcMax;

    private final GemmMicroKernel kernel;
    private final int mr;
    private final int nr;
    private final ThreadLocal<Scratch> scratch;

    private static final class Scratch {
        float[] packedB = new float[0];
        final float[] tile;
        final float[] edgeA;

        Scratch(int mr, int nr, int kc) {
            tile = new float[mr * nr];
            edgeA = new float[mr * kc];
        }

        float[] packedB(int size) {
            if (packedB.length < size) packedB = new float[size];
            return packedB;
        }
    }

    public PackedTileWiseSpmm(GemmMicroKernel kernel) {
        this(kernel, KC);
    }

    /** With a given slice depth (for tuning). */
    public PackedTileWiseSpmm(GemmMicroKernel kernel, int kc) {
        if (kc < 1) throw new IllegalArgumentException("slice depth must be >= 1, got " + kc);
        this.kernel = kernel;
        this.kcMax = kc;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(mr, nr, kc));
    }

    /** See {@link TileWiseKernels#spmm}. */
    public void spmm(TileWiseMatrix a, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc, boolean accumulate,
                     ParallelRuntime runtime) {
        StructuredSpmm.check(a, b, bOff, ldb, n, c, cOff, ldc);
        if (n == 0) return;
        TileWiseSplit.run(a, n, nr, runtime, (i0, i1, j0, j1) -> compute(a, i0, i1, j0, j1, b, bOff, ldb, c, cOff, ldc, accumulate));
    }

    /** Output rows {@code [i0, i1)}, columns {@code [j0, j1)}. */
    private void compute(TileWiseMatrix a, int i0, int i1, int j0, int j1, float[] b, int bOff, int ldb,
                         float[] c, int cOff, int ldc, boolean accumulate) {
        int[] kept = a.keptRows();
        int k0 = TileWiseSplit.firstKeptAtOrAfter(kept, i0), k1 = TileWiseSplit.firstKeptAtOrAfter(kept, i1);
        if (!accumulate) {
            // dropped rows are zero; kept rows are written by their first slice
            for (int i = i0, k = k0; i < i1; i++) {
                if (k < k1 && kept[k] == i) k++;
                else StructuredSpmm.zero(c, cOff + i * ldc, j0, j1);
            }
        }
        if (k0 == k1) return;
        Scratch s = scratch.get();
        int g = a.tileSize(), width = j1 - j0, slivers = (width + nr - 1) / nr;
        float[] packed = s.packedB(kcMax * slivers * nr);
        int[] colPtr = a.tileColPtr(), tileCols = a.tileCols(), dataPtr = a.tileDataPtr();
        float[] v = a.data();
        for (int t = k0 / g; t * g < k1; t++) {
            int rs = Math.max(k0, t * g), re = Math.min(k1, t * g + a.tileRowCount(t));
            int kt = colPtr[t + 1] - colPtr[t];
            if (kt == 0) {
                if (!accumulate) for (int k = rs; k < re; k++) StructuredSpmm.zero(c, cOff + kept[k] * ldc, j0, j1);
                continue;
            }
            int ragged = (re - rs) % mr, fullEnd = re - ragged;
            for (int pc = 0; pc < kt; pc += kcMax) {
                int kc = Math.min(kcMax, kt - pc);
                gatherB(b, bOff, ldb, tileCols, colPtr[t] + pc, kc, j0, width, packed);
                int aSlice = dataPtr[t] + pc; // A(r, p) of this slice = v[aSlice + r * kt + p], r relative to the tile
                if (ragged > 0) packRaggedA(v, aSlice + (fullEnd - t * g) * kt, kt, ragged, kc, s.edgeA);
                boolean add = accumulate || pc > 0;
                for (int sl = 0; sl < slivers; sl++) {
                    int bAt = sl * nr * kc, cols = Math.min(nr, width - sl * nr), col0 = j0 + sl * nr;
                    for (int k = rs; k < fullEnd; k += mr) {
                        kernel.computeRowMajorA(kc, v, aSlice + (k - t * g) * kt, kt, packed, bAt, s.tile, 0, nr, false);
                        scatter(s.tile, kept, k, mr, cols, c, cOff, ldc, col0, add);
                    }
                    if (ragged > 0) {
                        kernel.compute(kc, s.edgeA, 0, packed, bAt, s.tile, 0, nr, false);
                        scatter(s.tile, kept, fullEnd, ragged, cols, c, cOff, ldc, col0, add);
                    }
                }
            }
        }
    }

    /**
     * Gathers rows {@code tileCols[from .. from+kc)} of B, columns {@code [j0, j0+width)}, into slivers:
     * {@code dst[s*nr*kc + p*nr + j] = B(tileCols[from+p], j0 + s*nr + j)}, zero-padding the last one.
     */
    private void gatherB(float[] b, int bOff, int ldb, int[] tileCols, int from, int kc, int j0, int width, float[] dst) {
        int full = width / nr, rest = width - full * nr;
        for (int p = 0; p < kc; p++) {
            int src = bOff + tileCols[from + p] * ldb + j0;
            int to = p * nr;
            for (int sl = 0; sl < full; sl++, src += nr, to += nr * kc) System.arraycopy(b, src, dst, to, nr);
            if (rest > 0) {
                System.arraycopy(b, src, dst, to, rest);
                java.util.Arrays.fill(dst, to + rest, to + nr, 0f);
            }
        }
    }

    /** Packs {@code rows < mr} rows of row-major A (stride lda) into one zero-padded sliver: {@code dst[p*mr + r]}. */
    private void packRaggedA(float[] v, int from, int lda, int rows, int kc, float[] dst) {
        java.util.Arrays.fill(dst, 0, kc * mr, 0f);
        for (int r = 0; r < rows; r++) {
            for (int p = 0, to = r; p < kc; p++, to += mr) dst[to] = v[from + r * lda + p];
        }
    }

    /** Writes (or adds) the live {@code rows x cols} corner of a micro-tile into kept rows {@code kept[k ..]} of C. */
    private void scatter(float[] tile, int[] kept, int k, int rows, int cols, float[] c, int cOff, int ldc, int col0, boolean add) {
        for (int r = 0; r < rows; r++) {
            int ci = cOff + kept[k + r] * ldc + col0, ti = r * nr;
            if (add) {
                for (int j = 0; j < cols; j++) c[ci + j] += tile[ti + j];
            } else {
                System.arraycopy(tile, ti, c, ci, cols);
            }
        }
    }
}
