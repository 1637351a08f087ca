package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Compressed sparse rows. Row {@code i} holds entries {@code [rowPtr[i], rowPtr[i+1])} of
 * {@code colIdx} and {@code data}; column indices are strictly increasing within a row. Explicit
 * zeros may be stored.
 *
 * <p>{@link #rowPtr()}, {@link #colIdx()} and {@link #data()} return the backing arrays for kernels:
 * read-only, never modify them.
 */
public final class CsrMatrix implements SparseMatrix {
    private final int rows;
    private final int cols;
    private final int[] rowPtr;
    private final int[] colIdx;
    private final float[] data;

    /**
     * Copies and validates the arrays.
     *
     * @param rowPtr {@code rows + 1} offsets, starting at 0, non-decreasing, ending at {@code nnz}
     * @param colIdx column of each entry, strictly increasing within each row
     * @param data value of each entry
     * @throws IllegalArgumentException naming the first offending row and entry
     */
    public CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] data) {
        this(rows, cols, rowPtr.clone(), colIdx.clone(), data.clone(), true);
    }

    private CsrMatrix(int rows, int cols, int[] rowPtr, int[] colIdx, float[] data, boolean owned) {
        Checks.dims(rows, cols);
        CompressedIndex.ROWS.validate(rows, cols, rowPtr, colIdx, data.length, 1);
        this.rows = rows;
        this.cols = cols;
        this.rowPtr = rowPtr;
        this.colIdx = colIdx;
        this.data = data;
    }

    /** Same pattern as {@code pattern}, sharing its (immutable, already validated) index arrays. */
    private CsrMatrix(CsrMatrix pattern, float[] data) {
        this.rows = pattern.rows;
        this.cols = pattern.cols;
        this.rowPtr = pattern.rowPtr;
        this.colIdx = pattern.colIdx;
        this.data = data;
    }

    /**
     * This matrix's pattern with other values, e.g. the output of a kernel that keeps the pattern
     * (SDDMM, row softmax). The index arrays are shared, not copied or revalidated (they are
     * immutable); {@code data} is copied.
     *
     * @param data one value per stored entry, in storage order
     * @throws IllegalArgumentException if {@code data} does not have {@link #nnz()} elements
     */
    public CsrMatrix withData(float[] data) {
        Checks.length("data", data.length, this.data.length, "one value per stored entry");
        return new CsrMatrix(this, data.clone());
    }

    /** Takes ownership of the arrays without copying; still validates. */
    static CsrMatrix owning(int rows, int cols, int[] rowPtr, int[] colIdx, float[] data) {
        return new CsrMatrix(rows, cols, rowPtr, colIdx, data, true);
    }

    public static CsrMatrix empty(int rows, int cols) {
        Checks.dims(rows, cols);
        return owning(rows, cols, new int[rows + 1], new int[0], new float[0]);
    }

    /** The COO entries with repeated positions summed ({@link CooMatrix#coalesce()}); explicit zeros stay. */
    public static CsrMatrix fromCoo(CooMatrix coo) {
        CooMatrix c = coo.isCoalesced() ? coo : coo.coalesce();
        return owning(c.rows(), c.cols(), CompressedIndex.pointers(c.rows(), c.rowIdx()), c.colIdx().clone(),
                c.data().clone());
    }

    /** The nonzero values of a 2-D tensor (NaN counts as nonzero, -0.0 as zero), by way of COO. */
    public static CsrMatrix fromDense(Tensor dense) {
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
        return Layout.CSR;
    }

    /** Backing row pointers, {@code rows + 1} long (read-only). */
    public int[] rowPtr() {
        return rowPtr;
    }

    /** Backing column indices, {@code nnz} long (read-only). */
    public int[] colIdx() {
        return colIdx;
    }

    /** Backing values, {@code nnz} long (read-only). */
    public float[] data() {
        return data;
    }

    /** Number of stored entries in row {@code i}. */
    public int rowLength(int i) {
        return rowPtr[i + 1] - rowPtr[i];
    }

    @Override
    public Tensor toDense() {
        Tensor t = Tensor.zeros(rows, cols);
        float[] out = t.data();
        for (int i = 0; i < rows; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) out[i * cols + colIdx[k]] = data[k];
        }
        return t;
    }

    @Override
    public CooMatrix toCoo() {
        int[] ri = new int[data.length];
        for (int i = 0; i < rows; i++) Arrays.fill(ri, rowPtr[i], rowPtr[i + 1], i);
        return CooMatrix.owning(rows, cols, ri, colIdx.clone(), data.clone());
    }

    public CscMatrix toCsc() {
        return CscMatrix.fromCoo(toCoo());
    }

    /** W^T as CSR: the same arrays as this matrix's CSC form, read with rows and columns swapped. */
    public CsrMatrix transpose() {
        CscMatrix c = toCsc();
        return owning(cols, rows, c.colPtr(), c.rowIdx(), c.data());
    }

    @Override
    public long storageBytes() {
        return 4L * rowPtr.length + 8L * data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsrMatrix m && rows == m.rows && cols == m.cols && Arrays.equals(rowPtr, m.rowPtr)
                && Arrays.equals(colIdx, m.colIdx) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(colIdx)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "CsrMatrix[" + rows + " x " + cols + ", nnz=" + data.length + "]";
    }
}
