package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.CsrSpmmRows.WIDE;

import dev.sieve.kernel.sparse.RowSplit;
import dev.sieve.parallel.ParallelRuntime;

/**
 * Drives the CSR SpMM row kernels over threads, packing B when that pays.
 *
 * <p><b>Why pack.</b> Every stored entry reads a 256-byte piece (one wide strip) of a B row, at a
 * random row. Read in place, those pieces sit {@code ldb} floats apart: with a power-of-two row
 * length such as 512 tokens they all fall into a few cache sets and evict each other, and a wide B
 * does not fit L2 at all. So the full wide strips of B are first copied, in parallel, into a
 * strip-major buffer ({@code pk[s·K·WIDE + k·WIDE ..]}: strip s, row k), where each strip is one
 * contiguous block. Measured: about 20% faster at N = 512 and on 768 x 3072 (see
 * docs/kernels-unstructured.md); the copy is K·N floats, cheap beside nnz·N FMAs.
 *
 * <p><b>Why block K.</b> When a packed strip is larger than L2 (K·WIDE·4 bytes > 256 KB, e.g. K = 3072),
 * rows are walked once per block of K (columns increase within a CSR row, so a cursor per row tells
 * where its next block starts). Accumulators go through C between blocks; the FMA chain per element
 * is unchanged, so results stay bit-identical to the one-pass kernel. Blocks for L1 (64 rows) were
 * measured and lost: too few entries per visit.
 *
 * <p>Threads own row ranges balanced on nnz, as everywhere; columns past the last full strip go
 * through the unpacked row kernel.
 */
final class CsrSpmmDriver {
    /** A packed block should stay in L2 (512 KB per core here) next to A's stream and C's rows. */
    static final int L2_BLOCK_BYTES = 256 * 1024;
    /** No packing beyond this many floats (64 MB, kept per calling thread): such a B is streamed in place. */
    static final long MAX_PACKED = 1L << 24;

    private static final ThreadLocal<float[][]> PACKED = ThreadLocal.withInitial(() -> new float[][] {new float[0]});
    private static final ThreadLocal<int[][]> CURSORS = ThreadLocal.withInitial(() -> new int[][] {new int[0]});

    private CsrSpmmDriver() {}

    /**
     * C[rows, n] = A · B + beta · C for A given as CSR-ordered arrays over {@code k} columns.
     * {@code sortedColumns}: columns increase within each row (CSR guarantees it; a COO view may not),
     * which K blocking needs; without it B is still packed but walked in one block.
     */
    static void multiply(int rows, int k, int[] rp, int[] ci, float[] v, boolean sortedColumns, float[] b, int bOff,
                         int ldb, int n, float beta, float[] c, int cOff, int ldc, ParallelRuntime runtime) {
        int strips = n / WIDE;
        long packedSize = (long) k * strips * WIDE;
        // Pack only when B rows are reused (about two entries per B row or more) and it fits; and not when K
        // blocking would walk every row once per block for less than one entry each (a graph's adjacency times
        // its features: 100k rows, ~9 entries each, 98 blocks of K), where the blocks cost more than they save.
        long blocks = sortedColumns ? ((long) k + L2_BLOCK_BYTES / (WIDE * Float.BYTES) - 1) / (L2_BLOCK_BYTES / (WIDE * Float.BYTES)) : 1;
        boolean sparseBlocks = blocks > 1 && rp[rows] < (long) rows * blocks;
        if (strips == 0 || k == 0 || rp[rows] < 2L * k || packedSize > MAX_PACKED || sparseBlocks) {
            RowSplit.byWeight(runtime, rows, rp, (r0, r1) -> CsrSpmmRows.rows(rp, ci, v, r0, r1, b, bOff, ldb, n, beta, c, cOff, ldc));
            return;
        }
        float[] pk = packBuffer((int) packedSize);
        runtime.forRange(k, 32, (k0, k1) -> {
            for (int row = k0; row < k1; row++) {
                for (int s = 0; s < strips; s++) {
                    System.arraycopy(b, bOff + row * ldb + s * WIDE, pk, (s * k + row) * WIDE, WIDE);
                }
            }
        });
        int packedCols = strips * WIDE;
        int kBlock = sortedColumns ? Math.max(1, L2_BLOCK_BYTES / (WIDE * Float.BYTES)) : k;
        RowSplit.byWeight(runtime, rows, rp, (r0, r1) -> {
            int[] cur = cursors(r1 - r0);
            for (int s = 0; s < strips; s++) {
                int base = s * k * WIDE, j = s * WIDE;
                for (int i = r0; i < r1; i++) cur[i - r0] = rp[i];
                for (int k0 = 0; k0 < k; k0 += kBlock) {
                    int kEnd = Math.min(k, k0 + kBlock);
                    boolean first = k0 == 0;
                    for (int i = r0; i < r1; i++) {
                        int p = cur[i - r0], e = rp[i + 1];
                        // later blocks skip rows with nothing in them; the first writes every row (beta·C or 0)
                        if (!first && (p == e || ci[p] >= kEnd)) continue;
                        cur[i - r0] = CsrSpmmRows.packedBlock(ci, v, p, e, kEnd, pk, base, first, beta, c, cOff + i * ldc + j);
                    }
                }
            }
            if (packedCols < n) {
                for (int i = r0; i < r1; i++) {
                    CsrSpmmRows.row(ci, v, rp[i], rp[i + 1], b, bOff, ldb, packedCols, n, beta, c, cOff + i * ldc);
                }
            }
        });
    }

    /** The calling thread's packing buffer, grown on demand and reused. */
    private static float[] packBuffer(int size) {
        float[][] holder = PACKED.get();
        if (holder[0].length < size) holder[0] = new float[size];
        return holder[0];
    }

    private static int[] cursors(int size) {
        int[][] holder = CURSORS.get();
        if (holder[0].length < size) holder[0] = new int[size];
        return holder[0];
    }
}
