package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Compressed sparse columns. Column {@code j} holds entries {@code [colPtr[j], colPtr[j+1])} of
 * {@code rowIdx} and {@code data}; row indices are strictly increasing within a column. Explicit zeros
 * may be stored. The arrays are exactly those of the CSR form of the transpose.
 *
 * <p>{@link #colPtr()}, {@link #rowIdx()} and {@link #data()} return the backing arrays for kernels:
 * read-only, never modify them.
 */
public final class CscMatrix implements SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] colPtr;
    private final int[] rowIdx;
    private final float[] data;

    /**
     * Copies and validates the arrays.
     *
     * @param colPtr {@code cols + 1} offsets, starting at 0, non-decreasing, ending at {@code nnz}
     * @param rowIdx row of each entry, strictly increasing within each column
     * @param data value of each entry
     * @throws IllegalArgumentException naming the first offending column and entry
     */
    public CscMatrix(int rows, int cols, int[] colPtr, int[] rowIdx, float[] data) {
        this(rows, cols, colPtr.clone(), rowIdx.clone(), data.clone(), true);
    }

    private CscMatrix(int rows, int cols, int[] colPtr, int[] rowIdx, float[] data, boolean owned) {
        Checks.dims(rows, cols);
        CompressedIndex.COLUMNS.validate(cols, rows, colPtr, rowIdx, data.length, 1);
        this.rows = rows;
        this.cols = cols;
        this.colPtr = colPtr;
        this.rowIdx = rowIdx;
        this.data = data;
    }

    static CscMatrix owning(int rows, int cols, int[] colPtr, int[] rowIdx, float[] data) {
        return new CscMatrix(rows, cols, colPtr, rowIdx, data, true);
    }

    public static CscMatrix empty(int rows, int cols) {
        Checks.dims(rows, cols);
        return owning(rows, cols, new int[cols + 1], new int[0], new float[0]);
    }

    /** The COO entries with repeated positions summed; explicit zeros stay. */
    public static CscMatrix fromCoo(CooMatrix coo) {
        CooMatrix c = coo.isCoalesced() ? coo : coo.coalesce();
        int n = c.nnz();
        int[] ci = c.colIdx(), ri = c.rowIdx();
        float[] v = c.data();
        int[] ptr = CompressedIndex.pointers(c.cols(), ci);
        // A stable counting sort by column of the row-major entries leaves rows increasing in each column.
        int[] next = Arrays.copyOf(ptr, ptr.length - 1);
        int[] rows = new int[n];
        float[] data = new float[n];
        for (int k = 0; k < n; k++) {
            int at = next[ci[k]]++;
            rows[at] = ri[k];
            data[at] = v[k];
        }
        return owning(c.rows(), c.cols(), ptr, rows, data);
    }

    /** The nonzero values of a 2-D tensor (NaN counts as nonzero, -0.0 as zero), by way of COO. */
    public static CscMatrix fromDense(Tensor dense) {
        return fromCoo(CooMatrix.fromDense(dense));
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    @Override
    public int nnz() {
        return data.length;
    }

    @Override
    public Layout layout() {
        return Layout.CSC;
    }

    /** Backing column pointers, {@code cols + 1} long (read-only). */
    public int[] colPtr() {
        return colPtr;
    }

    /** Backing row indices, {@code nnz} long (read-only). */
    public int[] rowIdx() {
        return rowIdx;
    }

    /** Backing values, {@code nnz} long (read-only). */
    public float[] data() {
        return data;
    }

    /** Number of stored entries in column {@code j}. */
    public int colLength(int j) {
        return colPtr[j + 1] - colPtr[j];
    }

    @Override
    public Tensor toDense() {
        Tensor t = Tensor.zeros(rows, cols);
        float[] out = t.data();
        for (int j = 0; j < cols; j++) {
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) out[rowIdx[k] * cols + j] = data[k];
        }
        return t;
    }

    /** Row-major COO, by way of CSR. */
    @Override
    public CooMatrix toCoo() {
        return toCsr().toCoo();
    }

    /** CSR: a stable counting sort of the entries by row. */
    /**
     * The same matrix in CSR. Computed once and kept: the matrix is immutable, and the SpMM kernels
     * (which walk rows) would otherwise pay this O(nnz) conversion on every call.
     */
    public CsrMatrix toCsr() {
        CsrMatrix cached = csrForm;
        if (cached == null) {
            cached = convertToCsr();
            csrForm = cached;
        }
        return cached;
    }

    /** Set once by {@link #toCsr()}; a benign race can only compute the same value twice. */
    private volatile CsrMatrix csrForm;

    private CsrMatrix convertToCsr() {
        int n = data.length;
        int[] ptr = CompressedIndex.pointers(rows, rowIdx);
        int[] next = Arrays.copyOf(ptr, ptr.length - 1);
        int[] cols = new int[n];
        float[] out = new float[n];
        for (int j = 0; j < this.cols; j++) {
            for (int k = colPtr[j]; k < colPtr[j + 1]; k++) {
                int at = next[rowIdx[k]]++;
                cols[at] = j;
                out[at] = data[k];
            }
        }
        return CsrMatrix.owning(rows, this.cols, ptr, cols, out);
    }

    @Override
    public long storageBytes() {
        return 4L * colPtr.length + 8L * data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CscMatrix m && rows == m.rows && cols == m.cols && Arrays.equals(colPtr, m.colPtr)
                && Arrays.equals(rowIdx, m.rowIdx) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(rowIdx)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CscMatrix[" + rows + " x " + cols + ", nnz=" + data.length + "]";
    }
}
