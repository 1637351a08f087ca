package dev.sieve.kernel.gemm;

import dev.sieve.parallel.ParallelRuntime;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The blocked GEMM after Goto and van de Geijn: C is split between threads by columns (or rows when
 * C is tall and narrow); each thread then loops over {@code nc}-wide panels of B and {@code kc}-deep
 * slices of K, packs a {@code kc x nc} panel of B and {@code mc x kc} blocks of A into contiguous
 * slivers, and sweeps the micro-kernel over them. Each element of C is owned by one thread and summed
 * in a fixed order, so results depend only on the thread count.
 *
 * <p>Callers go through {@link Gemm}, which checks the arguments.
 */
public final class GemmDriver {
    private static final ConcurrentHashMap<GemmMicroKernel, GemmDriver> DRIVERS = new ConcurrentHashMap<>();

    /**
     * Cache blocking: a {@code kc x nr} sliver of B stays in L1, an {@code mc x kc} block of A in L2,
     * a {@code kc x nc} panel of B in L2/L3. {@code mc} and {@code nc} are rounded up to whole tiles.
     */
    public record Blocking(int mc, int kc, int nc) {
        /** Defaults measured on 2-core Zen 3 (32 KiB L1d, 512 KiB L2 per core); see docs/benchmarks.md. */
        public static final Blocking DEFAULT = new Blocking(144, 256, 256);

        public Blocking {
            if (mc < 1 || kc < 1 || nc < 1) throw new IllegalArgumentException("blocking sizes must be >= 1: " + mc + ", " + kc + ", " + nc);
        }
    }

    /** Largest A (in floats, 16 MiB) packed once per call rather than once per column panel. */
    private static final int WHOLE_A_LIMIT = 4 << 20;

    private final GemmMicroKernel kernel;
    private final int mr;
    private final int nr;
    private final int mc;
    private final int kcMax;
    private final int nc;
    /** Per-thread packing buffers; hot loops allocate nothing. */
    private final ThreadLocal<Workspace> workspaces;

    /** A driver with explicit blocking (for tuning); {@link Gemm} uses {@link Blocking#DEFAULT}. */
    public GemmDriver(GemmMicroKernel kernel, Blocking blocking) {
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.mc = roundUp(blocking.mc(), mr);
        this.kcMax = blocking.kc();
        this.nc = roundUp(blocking.nc(), nr);
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(kcMax * nc, mr * nr));
    }

    static GemmDriver forKernel(GemmMicroKernel kernel) {
        return DRIVERS.computeIfAbsent(kernel, k -> new GemmDriver(k, Blocking.DEFAULT));
    }

    public GemmMicroKernel kernel() {
        return kernel;
    }

    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                      float beta, float[] c, int cOff, int ldc, ParallelRuntime runtime) {
        Gemm.check(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0 || alpha == 0) {
            scale(c, cOff, ldc, 0, m, 0, n, beta);
            return;
        }
        Operand opA = new Operand(a, aOff, lda, transA);
        Operand opB = new Operand(b, bOff, ldb, transB);
        long flops = 2L * m * n * k;
        int threads = flops < 2_000_000 ? 1 : runtime.threads();
        // Split the larger side of C between threads, at micro-tile boundaries.
        boolean splitColumns = n / nr >= threads || n >= m;
        int units = splitColumns ? ceilDiv(n, nr) : ceilDiv(m, mr);
        int parts = Math.max(1, Math.min(threads, units));
        runtime.runChunks(parts, (part, all) -> {
            int u0 = (int) ((long) units * part / all), u1 = (int) ((long) units * (part + 1) / all);
            if (splitColumns) {
                int j0 = u0 * nr, j1 = Math.min(n, u1 * nr);
                compute(opA, opB, 0, m, j0, j1, k, alpha, beta, c, cOff, ldc);
            } else {
                int i0 = u0 * mr, i1 = Math.min(m, u1 * mr);
                compute(opA, opB, i0, i1, 0, n, k, alpha, beta, c, cOff, ldc);
            }
        });
    }

    /** One thread's share: rows [i0, i1) and columns [j0, j1) of C. */
    private void compute(Operand a, Operand b, int i0, int i1, int j0, int j1, int k,
                         float alpha, float beta, float[] c, int cOff, int ldc) {
        if (i0 >= i1 || j0 >= j1) return;
        if (beta != 0 && beta != 1) scale(c, cOff, ldc, i0, i1, j0, j1, beta);
        Workspace ws = workspaces.get();
        // Row-major A needing no scaling is read in place (see GemmMicroKernel.computeRowMajorA); only
        // a ragged last sliver of fewer than mr rows is packed, zero-padded, per k-slice.
        boolean directA = !a.transposed() && alpha == 1f;
        int ragged = (i1 - i0) % mr;
        // Otherwise, when this thread's rows of A are few (activations: a few hundred tokens), pack
        // them all once instead of once per column panel. Block (pc, ic) then sits at
        // pc * rowsPadded + (ic - i0) * kc, because every earlier k-slice holds rowsPadded x kc values.
        int rowsPadded = roundUp(i1 - i0, mr);
        boolean packAllA = !directA && (long) rowsPadded * k <= WHOLE_A_LIMIT && j1 - j0 > nc;
        float[] packedA = ws.packedA(directA ? mr * kcMax : packAllA ? rowsPadded * k : mc * kcMax);
        if (packAllA) {
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                for (int ic = i0; ic < i1; ic += mc) {
                    Packing.packA(a, ic, Math.min(mc, i1 - ic), pc, kc, mr, alpha, packedA, pc * rowsPadded + (ic - i0) * kc);
                }
            }
        }
        for (int jc = j0; jc < j1; jc += nc) {
            int ncCur = Math.min(nc, j1 - jc);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean accumulate = pc > 0 || beta != 0;
                Packing.packB(b, kernel, pc, kc, jc, ncCur, nr, ws.packedB);
                if (directA && ragged > 0) {
                    Packing.packA(a, i1 - ragged, ragged, pc, kc, mr, 1f, packedA, 0);
                }
                for (int ic = i0; ic < i1; ic += mc) {
                    int mcCur = Math.min(mc, i1 - ic);
                    int cBase = cOff + ic * ldc + jc;
                    if (directA) {
                        macroKernelDirectA(a, ic, mcCur, pc, i1 - ragged, packedA, ws, ncCur, kc, c, cBase, ldc, accumulate);
                    } else {
                        int aBase = 0;
                        if (packAllA) {
                            aBase = pc * rowsPadded + (ic - i0) * kc;
                        } else {
                            Packing.packA(a, ic, mcCur, pc, kc, mr, alpha, packedA, 0);
                        }
                        macroKernel(packedA, aBase, ws, mcCur, ncCur, kc, c, cBase, ldc, accumulate);
                    }
                }
            }
        }
    }

    /** Sweeps the micro-kernel over a packed mc x kc block of A and kc x nc panel of B. */
    private void macroKernel(float[] pa, int aBase, Workspace ws, int mcCur, int ncCur, int kc, float[] c, int cBase, int ldc,
                             boolean accumulate) {
        float[] pb = ws.packedB;
        for (int jr = 0; jr < ncCur; jr += nr) {
            int cols = Math.min(nr, ncCur - jr);
            int bOff = jr * kc;
            for (int ir = 0; ir < mcCur; ir += mr) {
                int rows = Math.min(mr, mcCur - ir);
                int aOff = aBase + ir * kc;
                int cAt = cBase + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    kernel.compute(kc, pa, aOff, pb, bOff, c, cAt, ldc, accumulate);
                } else {
                    kernel.compute(kc, pa, aOff, pb, bOff, ws.tile, 0, nr, false);
                    storeTile(ws.tile, rows, cols, c, cAt, ldc, accumulate);
                }
            }
        }
    }

    /**
     * As {@link #macroKernel}, reading rows [ic, ic + mcCur) of row-major A in place; rows from
     * {@code raggedStart} on come from the zero-padded sliver in {@code edgeA}.
     */
    private void macroKernelDirectA(Operand a, int ic, int mcCur, int pc, int raggedStart, float[] edgeA, Workspace ws,
                                    int ncCur, int kc, float[] c, int cBase, int ldc, boolean accumulate) {
        float[] pb = ws.packedB, ad = a.data();
        int lda = a.ld();
        for (int jr = 0; jr < ncCur; jr += nr) {
            int cols = Math.min(nr, ncCur - jr);
            int bOff = jr * kc;
            for (int ir = 0; ir < mcCur; ir += mr) {
                int row = ic + ir;
                int cAt = cBase + ir * ldc + jr;
                if (row < raggedStart) {
                    int aOff = a.offset() + row * lda + pc;
                    if (cols == nr) {
                        kernel.computeRowMajorA(kc, ad, aOff, lda, pb, bOff, c, cAt, ldc, accumulate);
                    } else {
                        kernel.computeRowMajorA(kc, ad, aOff, lda, pb, bOff, ws.tile, 0, nr, false);
                        storeTile(ws.tile, mr, cols, c, cAt, ldc, accumulate);
                    }
                } else {
                    kernel.compute(kc, edgeA, 0, pb, bOff, ws.tile, 0, nr, false);
                    storeTile(ws.tile, mcCur - ir, cols, c, cAt, ldc, accumulate);
                }
            }
        }
    }

    /** Copies (or adds) the live {@code rows x cols} corner of a micro-tile into C. */
    private void storeTile(float[] tile, int rows, int cols, float[] c, int cAt, int ldc, boolean accumulate) {
        for (int i = 0; i < rows; i++) {
            int ci = cAt + i * ldc, ti = i * nr;
            if (accumulate) {
                for (int j = 0; j < cols; j++) c[ci + j] += tile[ti + j];
            } else {
                System.arraycopy(tile, ti, c, ci, cols);
            }
        }
    }

    private static void scale(float[] c, int cOff, int ldc, int i0, int i1, int j0, int j1, float beta) {
        for (int i = i0; i < i1; i++) {
            int row = cOff + i * ldc;
            if (beta == 0) {
                java.util.Arrays.fill(c, row + j0, row + j1, 0f);
            } else {
                for (int j = j0; j < j1; j++) c[row + j] *= beta;
            }
        }
    }

    private static int roundUp(int x, int multiple) {
        return ceilDiv(x, multiple) * multiple;
    }

    private static int ceilDiv(int x, int d) {
        return (x + d - 1) / d;
    }

    /** A row-major matrix operand, possibly to be read transposed. */
    record Operand(float[] data, int offset, int ld, boolean transposed) {}

    /** Per-thread packing buffers, reused across calls; the A buffer grows to the largest request. */
    private static final class Workspace {
        private float[] packedA = new float[0];
        final float[] packedB;
        final float[] tile;

        Workspace(int bSize, int tileSize) {
            packedB = new float[bSize];
            tile = new float[tileSize];
        }

        float[] packedA(int size) {
            if (packedA.length < size) packedA = new float[size];
            return packedA;
        }
    }
}
