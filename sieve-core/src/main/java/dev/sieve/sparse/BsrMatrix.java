package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Block sparse rows with blocks of R rows by C columns ({@code bsr:RxC}).
 *
 * <p>The matrix is cut into {@code ceil(rows / R) x ceil(cols / C)} blocks. Block row {@code bi}
 * stores blocks {@code [blockRowPtr[bi], blockRowPtr[bi+1])}; block {@code b} sits at block column
 * {@code blockColIdx[b]} (strictly increasing within a block row) and its R x C values are
 * {@code data[b*R*C ..]} in row-major order. When R does not divide rows (or C cols) the last block row
 * (column) reaches past the matrix: those padding positions are stored and must hold 0, so every block
 * is a full R x C tile a kernel can process without edge cases, as long as it does not write outside
 * the matrix.
 *
 * <p>{@link #blockRowPtr()}, {@link #blockColIdx()} and {@link #data()} return the backing arrays:
 * read-only.
 */
public final class BsrMatrix implements SparseMatrix {
    private final int rows;
    private final int cols;
    private final int blockHeight;
    private final int blockWidth;
    private final int[] blockRowPtr;
    private final int[] blockColIdx;
    private final float[] data;
    private final int nnz;
    private final Layout.Bsr layout;

    /**
     * Copies and validates the arrays.
     *
     * @throws IllegalArgumentException naming the first offending block row, block or padding position
     */
    public BsrMatrix(int rows, int cols, int blockHeight, int blockWidth, int[] blockRowPtr, int[] blockColIdx, float[] data) {
        this(rows, cols, blockHeight, blockWidth, blockRowPtr.clone(), blockColIdx.clone(), data.clone(), true);
    }

    private BsrMatrix(int rows, int cols, int blockHeight, int blockWidth, int[] blockRowPtr, int[] blockColIdx, float[] data,
            boolean owned) {
        Checks.dims(rows, cols);
        this.layout = new Layout.Bsr(blockHeight, blockWidth);
        int blockRows = Checks.ceilDiv(rows, blockHeight), blockCols = Checks.ceilDiv(cols, blockWidth);
        CompressedIndex.BLOCK_ROWS.validate(blockRows, blockCols, blockRowPtr, blockColIdx, data.length,
                (long) blockHeight * blockWidth);
        this.rows = rows;
        this.cols = cols;
        this.blockHeight = blockHeight;
        this.blockWidth = blockWidth;
        this.blockRowPtr = blockRowPtr;
        this.blockColIdx = blockColIdx;
        this.data = data;
        this.nnz = checkPaddingAndCount();
    }

    static BsrMatrix owning(int rows, int cols, int blockHeight, int blockWidth, int[] blockRowPtr, int[] blockColIdx, float[] data) {
        return new BsrMatrix(rows, cols, blockHeight, blockWidth, blockRowPtr, blockColIdx, data, true);
    }

    private int checkPaddingAndCount() {
        long count = 0;
        int area = blockHeight * blockWidth;
        for (int bi = 0; bi + 1 < blockRowPtr.length; bi++) {
            int h = Math.min(blockHeight, rows - bi * blockHeight);
            for (int b = blockRowPtr[bi]; b < blockRowPtr[bi + 1]; b++) {
                int bj = blockColIdx[b];
                int w = Math.min(blockWidth, cols - bj * blockWidth);
                count += (long) h * w;
                if (h == blockHeight && w == blockWidth) continue;
                for (int r = 0; r < blockHeight; r++) {
                    for (int c = 0; c < blockWidth; c++) {
                        float v = data[b * area + r * blockWidth + c];
                        if ((r >= h || c >= w) && v != 0f) {
                            throw new IllegalArgumentException("block " + b + " (block row " + bi + ", block column " + bj
                                    + "): padding position (" + r + ", " + c + ") holds " + v + "; positions outside the "
                                    + rows + " x " + cols + " matrix must be 0");
                        }
                    }
                }
            }
        }
        return (int) count;
    }

    /** Every R x C block of {@code dense} that holds a nonzero (NaN counts), exactly. */
    public static BsrMatrix fromDense(Tensor dense, int blockHeight, int blockWidth) {
        return fromCsr(CsrMatrix.fromDense(dense), blockHeight, blockWidth);
    }

    /**
     * Every R x C block that holds a nonzero value of {@code csr}; lossless. Explicit zeros of the CSR
     * form do not make a block on their own.
     */
    public static BsrMatrix fromCsr(CsrMatrix csr, int blockHeight, int blockWidth) {
        new Layout.Bsr(blockHeight, blockWidth); // rejects R or C < 1 before they are divided by
        int rows = csr.rows(), cols = csr.cols();
        int blockRows = Checks.ceilDiv(rows, blockHeight), blockCols = Checks.ceilDiv(cols, blockWidth);
        int[] rp = csr.rowPtr(), ci = csr.colIdx();
        float[] v = csr.data();
        int[] blockRowPtr = new int[blockRows + 1];
        // Pass 1: which blocks exist. Scratch is bounded by nnz, never by the (possibly huge) block grid.
        int[] cols0 = new int[csr.nnz()];
        int count = 0;
        for (int bi = 0; bi < blockRows; bi++) {
            int start = count;
            for (int i = bi * blockHeight; i < Math.min(rows, (bi + 1L) * blockHeight); i++) {
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    if (v[k] != 0f) cols0[count++] = ci[k] / blockWidth;
                }
            }
            Arrays.sort(cols0, start, count);
            int distinct = start;
            for (int k = start; k < count; k++) {
                if (k == start || cols0[k] != cols0[k - 1]) cols0[distinct++] = cols0[k];
            }
            count = distinct;
            blockRowPtr[bi + 1] = count;
        }
        int[] blockColIdx = Arrays.copyOf(cols0, count);
        float[] data = new float[Checks.arrayLength((long) count * blockHeight * blockWidth,
                "the blocks of a bsr:" + blockHeight + "x" + blockWidth + " matrix")];
        int area = blockHeight * blockWidth;
        // Pass 2: scatter values; the block of an entry is found by binary search in its block row.
        for (int bi = 0; bi < blockRows; bi++) {
            for (int i = bi * blockHeight; i < Math.min(rows, (bi + 1L) * blockHeight); i++) {
                for (int k = rp[i]; k < rp[i + 1]; k++) {
                    if (v[k] == 0f) continue;
                    int b = Arrays.binarySearch(blockColIdx, blockRowPtr[bi], blockRowPtr[bi + 1], ci[k] / blockWidth);
                    data[b * area + (i - bi * blockHeight) * blockWidth + ci[k] % blockWidth] = v[k];
                }
            }
        }
        return owning(rows, cols, blockHeight, blockWidth, blockRowPtr, blockColIdx, data);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** R. */
    public int blockHeight() {
        return blockHeight;
    }

    /** C. */
    public int blockWidth() {
        return blockWidth;
    }

    /** {@code ceil(rows / R)}. */
    public int blockRowCount() {
        return blockRowPtr.length - 1;
    }

    /** {@code ceil(cols / C)}. */
    public int blockColCount() {
        return Checks.ceilDiv(cols, blockWidth);
    }

    /** Number of stored blocks. */
    public int blockCount() {
        return blockColIdx.length;
    }

    /** Stored positions inside the matrix: every block's area minus its padding. */
    @Override
    public int nnz() {
        return nnz;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    /** Backing block-row pointers, {@code blockRowCount() + 1} long (read-only). */
    public int[] blockRowPtr() {
        return blockRowPtr;
    }

    /** Backing block-column index of each block (read-only). */
    public int[] blockColIdx() {
        return blockColIdx;
    }

    /** Backing values: block after block, each R x C row-major (read-only). */
    public float[] data() {
        return data;
    }

    @Override
    public Tensor toDense() {
        Tensor t = Tensor.zeros(rows, cols);
        float[] out = t.data();
        int area = blockHeight * blockWidth;
        for (int bi = 0; bi < blockRowCount(); bi++) {
            int h = Math.min(blockHeight, rows - bi * blockHeight);
            for (int b = blockRowPtr[bi]; b < blockRowPtr[bi + 1]; b++) {
                int c0 = blockColIdx[b] * blockWidth;
                int w = Math.min(blockWidth, cols - c0);
                for (int r = 0; r < h; r++) {
                    System.arraycopy(data, b * area + r * blockWidth, out, (bi * blockHeight + r) * cols + c0, w);
                }
            }
        }
        return t;
    }

    @Override
    public CooMatrix toCoo() {
        int[] ri = new int[nnz], ci = new int[nnz];
        float[] v = new float[nnz];
        int k = 0, area = blockHeight * blockWidth;
        for (int bi = 0; bi < blockRowCount(); bi++) {
            int h = Math.min(blockHeight, rows - bi * blockHeight);
            for (int r = 0; r < h; r++) {
                for (int b = blockRowPtr[bi]; b < blockRowPtr[bi + 1]; b++) {
                    int c0 = blockColIdx[b] * blockWidth;
                    int w = Math.min(blockWidth, cols - c0);
                    for (int c = 0; c < w; c++) {
                        ri[k] = bi * blockHeight + r;
                        ci[k] = c0 + c;
                        v[k++] = data[b * area + r * blockWidth + c];
                    }
                }
            }
        }
        return CooMatrix.owning(rows, cols, ri, ci, v);
    }

    @Override
    public long storageBytes() {
        return 4L * (blockRowPtr.length + blockColIdx.length) + 4L * data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BsrMatrix m && rows == m.rows && cols == m.cols && blockHeight == m.blockHeight
                && blockWidth == m.blockWidth && Arrays.equals(blockRowPtr, m.blockRowPtr)
                && Arrays.equals(blockColIdx, m.blockColIdx) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(blockColIdx)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "BsrMatrix[" + rows + " x " + cols + ", " + blockHeight + "x" + blockWidth + " blocks, " + blockCount() + " stored]";
    }
}
