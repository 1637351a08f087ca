package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * An immutable 2-D sparse matrix in coordinate (COO) form: parallel arrays of 0-based row indices,
 * column indices and float32 values.
 *
 * <p>Entries may come in any order and may repeat a position; repeated positions mean their values
 * add up (as in {@link #toDense()}). {@link #coalesce()} gives the canonical form: row-major order,
 * one entry per position. Indices are checked on construction; the first bad entry is named.
 *
 * <p>{@link #rowIndices()}, {@link #colIndices()} and {@link #values()} return copies; kernels read
 * the backing arrays through {@link #rowIdx()}, {@link #colIdx()} and {@link #data()}, which must not
 * be modified.
 */
public final class CooMatrix implements SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowIdx;
    private final int[] colIdx;
    private final float[] values;

    /**
     * Copies and validates the entry arrays.
     *
     * @throws IllegalArgumentException if a dimension is negative, the arrays differ in length, or an
     *     index is out of range
     */
    public CooMatrix(int rows, int cols, int[] rowIdx, int[] colIdx, float[] values) {
        this(rows, cols, rowIdx.clone(), colIdx.clone(), values.clone(), true);
    }

    /** Takes ownership of the arrays; {@code validate} is false only where indices are correct by construction. */
    private CooMatrix(int rows, int cols, int[] rowIdx, int[] colIdx, float[] values, boolean validate) {
        this.rows = rows;
        this.cols = cols;
        this.rowIdx = rowIdx;
        this.colIdx = colIdx;
        this.values = values;
        if (validate) validate();
    }

    private void validate() {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative dimension: " + rows + " x " + cols);
        }
        if (rowIdx.length != colIdx.length || rowIdx.length != values.length) {
            throw new IllegalArgumentException("entry arrays differ in length: " + rowIdx.length + " row indices, "
                    + colIdx.length + " column indices, " + values.length + " values");
        }
        for (int k = 0; k < rowIdx.length; k++) {
            if (rowIdx[k] < 0 || rowIdx[k] >= rows) {
                throw new IllegalArgumentException("entry " + k + ": row index " + rowIdx[k] + " out of range " + range(rows));
            }
            if (colIdx[k] < 0 || colIdx[k] >= cols) {
                throw new IllegalArgumentException("entry " + k + ": column index " + colIdx[k] + " out of range " + range(cols));
            }
        }
    }

    private static String range(int n) {
        return Checks.range(n);
    }

    /** Takes ownership of the arrays (no copy) and validates them: for conversions inside this package. */
    static CooMatrix owning(int rows, int cols, int[] rowIdx, int[] colIdx, float[] values) {
        return new CooMatrix(rows, cols, rowIdx, colIdx, values, true);
    }

    /** A {@code rows x cols} matrix with no entries. */
    public static CooMatrix empty(int rows, int cols) {
        return new CooMatrix(rows, cols, new int[0], new int[0], new float[0], true);
    }

    /** The nonzero entries of a 2-D tensor in row-major order (NaN counts as nonzero, -0.0 as zero). */
    public static CooMatrix fromDense(Tensor dense) {
        if (dense.rank() != 2) {
            throw new IllegalArgumentException("fromDense needs a 2-D tensor, shape is " + dense.shape());
        }
        int r = dense.dim(0), c = dense.dim(1);
        float[] data = dense.data();
        int base = dense.offset();
        int nnz = 0;
        for (int i = 0; i < r * c; i++) if (data[base + i] != 0f) nnz++;
        int[] ri = new int[nnz], ci = new int[nnz];
        float[] v = new float[nnz];
        int k = 0;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                float x = data[base + i * c + j];
                if (x != 0f) {
                    ri[k] = i;
                    ci[k] = j;
                    v[k++] = x;
                }
            }
        }
        return new CooMatrix(r, c, ri, ci, v, false);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Number of stored entries, including explicit zeros and repeated positions. */
    @Override
    public int nnz() {
        return values.length;
    }

    public int rowIndex(int k) {
        return rowIdx[k];
    }

    public int colIndex(int k) {
        return colIdx[k];
    }

    public float value(int k) {
        return values[k];
    }

    /** A copy of the row indices. */
    public int[] rowIndices() {
        return rowIdx.clone();
    }

    /** A copy of the column indices. */
    public int[] colIndices() {
        return colIdx.clone();
    }

    /** A copy of the values. */
    public float[] values() {
        return values.clone();
    }

    /** The backing row-index array (read-only: do not modify). */
    public int[] rowIdx() {
        return rowIdx;
    }

    /** The backing column-index array (read-only: do not modify). */
    public int[] colIdx() {
        return colIdx;
    }

    /** The backing value array (read-only: do not modify). */
    public float[] data() {
        return values;
    }

    @Override
    public Layout layout() {
        return Layout.COO;
    }

    /** This matrix itself, which need not be coalesced. */
    @Override
    public CooMatrix toCoo() {
        return this;
    }

    /** CSR with repeated positions summed (see {@link #coalesce()}). */
    public CsrMatrix toCsr() {
        return CsrMatrix.fromCoo(this);
    }

    /** CSC with repeated positions summed (see {@link #coalesce()}). */
    public CscMatrix toCsc() {
        return CscMatrix.fromCoo(this);
    }

    @Override
    public long storageBytes() {
        return 12L * values.length;
    }

    /**
     * The fraction of positions not covered by a stored entry: {@code 1 - nnz / (rows * cols)}, and 0
     * for a matrix with no positions. Counts stored entries, so coalesce first if positions repeat.
     */
    @Override
    public double sparsity() {
        long positions = (long) rows * cols;
        return positions == 0 ? 0.0 : 1.0 - (double) values.length / positions;
    }

    /**
     * The dense {@code rows x cols} tensor; repeated positions are summed in entry order.
     *
     * @throws IllegalArgumentException if {@code rows * cols} is too large for a dense tensor
     */
    @Override
    public Tensor toDense() {
        Tensor t = Tensor.zeros(rows, cols);
        float[] out = t.data();
        for (int k = 0; k < values.length; k++) out[rowIdx[k] * cols + colIdx[k]] += values[k];
        return t;
    }

    /** Whether entries are in strictly increasing row-major order (sorted, no repeated position). */
    public boolean isCoalesced() {
        for (int k = 1; k < values.length; k++) {
            if (key(k - 1) >= key(k)) return false;
        }
        return true;
    }

    /**
     * A copy sorted in row-major order with repeated positions summed (in their original order, so
     * the result is deterministic). Entries that sum to zero are kept: the structure is preserved.
     */
    public CooMatrix coalesce() {
        int n = values.length;
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) keys[k] = key(k);
        int[] order = StableIndexSort.byKey(keys);
        int[] ri = new int[n], ci = new int[n];
        float[] v = new float[n];
        int m = -1;
        long last = -1;
        for (int k : order) {
            if (keys[k] != last) {
                m++;
                ri[m] = rowIdx[k];
                ci[m] = colIdx[k];
                v[m] = values[k];
                last = keys[k];
            } else {
                v[m] += values[k];
            }
        }
        int size = m + 1;
        return new CooMatrix(rows, cols, Arrays.copyOf(ri, size), Arrays.copyOf(ci, size), Arrays.copyOf(v, size), false);
    }

    private long key(int k) {
        return ((long) rowIdx[k] << 32) | colIdx[k];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CooMatrix m && rows == m.rows && cols == m.cols && Arrays.equals(rowIdx, m.rowIdx)
                && Arrays.equals(colIdx, m.colIdx) && Arrays.equals(values, m.values);
    }

    @Override
    public int hashCode() {
        int h = rows * 31 + cols;
        h = h * 31 + Arrays.hashCode(rowIdx);
        h = h * 31 + Arrays.hashCode(colIdx);
        return h * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("CooMatrix[").append(rows).append(" x ").append(cols)
                .append(", nnz=").append(values.length).append("] {");
        int n = Math.min(values.length, 8);
        for (int k = 0; k < n; k++) {
            if (k > 0) sb.append(", ");
            sb.append('(').append(rowIdx[k]).append(", ").append(colIdx[k]).append(")=").append(values[k]);
        }
        if (values.length > n) sb.append(", ...");
        return sb.append('}').toString();
    }
}
