package dev.sieve.kernel.sparse;

import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.MaskedMatrix;

/**
 * Raw CSR-ordered arrays that the SpMM kernels walk: row {@code i} is entries
 * {@code [rowPtr[i], rowPtr[i+1])} of {@code colIdx} and {@code data}. Unlike {@code CsrMatrix},
 * columns need not be sorted or distinct within a row (a COO with repeats gives such rows); the SpMM
 * kernels only need entries grouped by row.
 */
public record CsrArrays(int rows, int[] rowPtr, int[] colIdx, float[] data) {

    /**
     * The entries of {@code coo} grouped by row, each row's entries in storage order. When the row
     * indices are already non-decreasing (as in coalesced COO) the backing arrays are shared and only
     * the row pointers are built; otherwise a stable counting sort by row copies them.
     */
    public static CsrArrays of(CooMatrix coo) {
        int rows = coo.rows(), nnz = coo.nnz();
        int[] ri = coo.rowIdx();
        int[] ptr = new int[rows + 1];
        boolean sorted = true;
        for (int k = 0; k < nnz; k++) {
            ptr[ri[k] + 1]++;
            if (k > 0 && ri[k] < ri[k - 1]) sorted = false;
        }
        for (int i = 0; i < rows; i++) ptr[i + 1] += ptr[i];
        if (sorted) return new CsrArrays(rows, ptr, coo.colIdx(), coo.data());
        int[] next = java.util.Arrays.copyOf(ptr, rows);
        int[] ci = new int[nnz];
        float[] v = new float[nnz];
        int[] srcCols = coo.colIdx();
        float[] srcData = coo.data();
        for (int k = 0; k < nnz; k++) {
            int at = next[ri[k]]++;
            ci[at] = srcCols[k];
            v[at] = srcData[k];
        }
        return new CsrArrays(rows, ptr, ci, v);
    }

    /** Kept positions per row of a masked matrix as a prefix sum ({@code rows + 1} entries). */
    public static int[] maskedRowPointers(MaskedMatrix a) {
        int rows = a.rows(), cols = a.cols();
        long[] words = a.maskWords();
        int[] ptr = new int[rows + 1];
        for (int i = 0; i < rows; i++) ptr[i + 1] = ptr[i] + bitCount(words, (long) i * cols, (long) (i + 1) * cols);
        return ptr;
    }

    /** Set bits of the mask in positions {@code [from, to)}. */
    static int bitCount(long[] words, long from, long to) {
        int count = 0;
        long p = from;
        while (p < to) {
            int w = (int) (p >>> 6), bit = (int) (p & 63);
            int take = (int) Math.min(64 - bit, to - p);
            long word = words[w] >>> bit;
            if (take < 64) word &= (1L << take) - 1;
            count += Long.bitCount(word);
            p += take;
        }
        return count;
    }

    /**
     * Writes the kept columns and values of row {@code i} of {@code a} into {@code cols} and
     * {@code vals} from {@code at}, in column order; returns the position after the last one written.
     */
    public static int compressMaskedRow(MaskedMatrix a, int i, int[] cols, float[] vals, int at) {
        int n = a.cols();
        long[] words = a.maskWords();
        float[] data = a.data();
        long from = (long) i * n, to = from + n;
        long p = from;
        while (p < to) {
            int w = (int) (p >>> 6), bit = (int) (p & 63);
            int take = (int) Math.min(64 - bit, to - p);
            long word = words[w] >>> bit;
            if (take < 64) word &= (1L << take) - 1;
            for (; word != 0; word &= word - 1) {
                int q = (int) (p + Long.numberOfTrailingZeros(word));
                cols[at] = (int) (q - from);
                vals[at++] = data[q];
            }
            p += take;
        }
        return at;
    }
}
