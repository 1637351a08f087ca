package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;
import java.util.Arrays;

/** The implementation of {@link SparseAlgebraKernels} (scalar; there is no vector variant). */
public class ScalarSparseAlgebraKernels implements SparseAlgebraKernels {
    /** Largest array the JVM reliably allocates. */
    private static final long MAX_ENTRIES = Integer.MAX_VALUE - 16;

    /** A per-thread Gustavson workspace over the output's columns, grown on demand and reused. */
    private static final class Workspace {
        int[] marker = new int[0];
        float[] acc = new float[0];

        /** Ready for columns [0, n): every marker cleared (no row owns any column yet). */
        Workspace reset(int n) {
            if (marker.length < n) {
                marker = new int[n];
                acc = new float[n];
            }
            Arrays.fill(marker, 0, n, -1);
            return this;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = ThreadLocal.withInitial(Workspace::new);

    @Override
    public CsrMatrix spgemm(CsrMatrix a, CsrMatrix b, ParallelRuntime runtime) {
        DenseArgs.same("SpGEMM: columns of A vs rows of B", a.cols(), b.rows());
        int m = a.rows(), n = b.cols();
        int[] ap = a.rowPtr(), ac = a.colIdx(), bp = b.rowPtr(), bc = b.colIdx();
        float[] av = a.data(), bv = b.data();
        long[] flops = new long[m + 1];
        for (int i = 0; i < m; i++) {
            long f = 1; // a row costs something even when empty
            for (int p = ap[i]; p < ap[i + 1]; p++) f += bp[ac[p] + 1] - bp[ac[p]];
            flops[i + 1] = flops[i] + f;
        }
        int[] counts = new int[m + 1];
        RowSplit.byWeight(runtime, m, flops, (r0, r1) -> {
            int[] marker = WORKSPACE.get().reset(n).marker;
            for (int i = r0; i < r1; i++) {
                int count = 0;
                for (int p = ap[i]; p < ap[i + 1]; p++) {
                    int k = ac[p];
                    for (int q = bp[k]; q < bp[k + 1]; q++) {
                        if (marker[bc[q]] != i) {
                            marker[bc[q]] = i;
                            count++;
                        }
                    }
                }
                counts[i + 1] = count;
            }
        });
        int[] rowPtr = prefixSum(counts, "SpGEMM output");
        int[] cols = new int[rowPtr[m]];
        float[] vals = new float[rowPtr[m]];
        RowSplit.byWeight(runtime, m, flops, (r0, r1) -> {
            Workspace w = WORKSPACE.get().reset(n);
            int[] marker = w.marker;
            float[] acc = w.acc;
            for (int i = r0; i < r1; i++) {
                int start = rowPtr[i], len = 0;
                for (int p = ap[i]; p < ap[i + 1]; p++) {
                    int k = ac[p];
                    float x = av[p];
                    for (int q = bp[k]; q < bp[k + 1]; q++) {
                        int j = bc[q];
                        if (marker[j] != i) {
                            marker[j] = i;
                            acc[j] = 0f;
                            cols[start + len++] = j;
                        }
                        acc[j] = Math.fma(x, bv[q], acc[j]);
                    }
                }
                // Sorting costs len·log(len); reading the marked columns in order costs n. Take the cheaper.
                if ((long) len * (32 - Integer.numberOfLeadingZeros(len)) < n) {
                    Arrays.sort(cols, start, start + len);
                } else {
                    int t = start;
                    for (int j = 0; j < n && t < start + len; j++) if (marker[j] == i) cols[t++] = j;
                }
                for (int t = start; t < start + len; t++) vals[t] = acc[cols[t]];
            }
        });
        return new CsrMatrix(m, n, rowPtr, cols, vals);
    }

    @Override
    public CsrMatrix add(float alpha, CsrMatrix a, float beta, CsrMatrix b, ParallelRuntime runtime) {
        sameShape("add", a, b);
        return merge(a, b, runtime, true, alpha, beta);
    }

    @Override
    public CsrMatrix multiply(CsrMatrix a, CsrMatrix b, ParallelRuntime runtime) {
        sameShape("multiply", a, b);
        return merge(a, b, runtime, false, 1f, 1f);
    }

    /** A two-pointer merge of each row's sorted columns: the union (add) or the intersection (multiply). */
    private static CsrMatrix merge(CsrMatrix a, CsrMatrix b, ParallelRuntime runtime, boolean union, float alpha, float beta) {
        int m = a.rows();
        int[] ap = a.rowPtr(), ac = a.colIdx(), bp = b.rowPtr(), bc = b.colIdx();
        float[] av = a.data(), bv = b.data();
        long[] work = new long[m + 1];
        for (int i = 0; i <= m; i++) work[i] = (long) ap[i] + bp[i] + i;
        int[] counts = new int[m + 1];
        RowSplit.byWeight(runtime, m, work, (r0, r1) -> {
            for (int i = r0; i < r1; i++) {
                int p = ap[i], pe = ap[i + 1], q = bp[i], qe = bp[i + 1], count = 0;
                while (p < pe && q < qe) {
                    if (ac[p] == bc[q]) {
                        p++;
                        q++;
                        count++;
                    } else if (ac[p] < bc[q]) {
                        p++;
                        if (union) count++;
                    } else {
                        q++;
                        if (union) count++;
                    }
                }
                if (union) count += (pe - p) + (qe - q);
                counts[i + 1] = count;
            }
        });
        int[] rowPtr = prefixSum(counts, union ? "sum" : "product");
        int[] cols = new int[rowPtr[m]];
        float[] vals = new float[rowPtr[m]];
        RowSplit.byWeight(runtime, m, work, (r0, r1) -> {
            for (int i = r0; i < r1; i++) {
                int p = ap[i], pe = ap[i + 1], q = bp[i], qe = bp[i + 1], t = rowPtr[i];
                while (p < pe && q < qe) {
                    if (ac[p] == bc[q]) {
                        cols[t] = ac[p];
                        vals[t++] = union ? alpha * av[p] + beta * bv[q] : av[p] * bv[q];
                        p++;
                        q++;
                    } else if (ac[p] < bc[q]) {
                        if (union) {
                            cols[t] = ac[p];
                            vals[t++] = alpha * av[p];
                        }
                        p++;
                    } else {
                        if (union) {
                            cols[t] = bc[q];
                            vals[t++] = beta * bv[q];
                        }
                        q++;
                    }
                }
                if (union) {
                    for (; p < pe; p++, t++) {
                        cols[t] = ac[p];
                        vals[t] = alpha * av[p];
                    }
                    for (; q < qe; q++, t++) {
                        cols[t] = bc[q];
                        vals[t] = beta * bv[q];
                    }
                }
            }
        });
        return new CsrMatrix(m, a.cols(), rowPtr, cols, vals);
    }

    /** counts[i + 1] holds row i's count; returns the row pointers, refusing totals no array can hold. */
    private static int[] prefixSum(int[] counts, String what) {
        long total = 0;
        for (int i = 1; i < counts.length; i++) {
            total += counts[i];
            if (total > MAX_ENTRIES) {
                throw new IllegalArgumentException(what + " would have more than " + MAX_ENTRIES + " entries");
            }
            counts[i] = (int) total;
        }
        return counts;
    }

    private static void sameShape(String op, CsrMatrix a, CsrMatrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            throw new IllegalArgumentException(op + ": shapes differ, " + a.rows() + " x " + a.cols() + " vs " + b.rows() + " x " + b.cols());
        }
    }
}
