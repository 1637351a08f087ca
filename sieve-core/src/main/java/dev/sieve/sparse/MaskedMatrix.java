package dev.sieve.sparse;

import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Masked dense ({@code masked}): a dense row-major value array plus a bit mask of the positions that
 * are kept. Every value outside the mask is 0 (checked), so the values alone are already the pruned
 * matrix and a dense kernel can use them as they are; the mask says which zeros are structural, e.g.
 * to keep pruned weights at zero while fine-tuning.
 *
 * <p>Storage: {@code data[i * cols + j]}; position {@code p = i * cols + j} is kept iff bit
 * {@code p % 64} of {@code maskWords[p / 64]} is set. Bits past {@code rows * cols} in the last word
 * must be 0.
 *
 * <p>{@link #data()} and {@link #maskWords()} return the backing arrays: read-only.
 */
public final class MaskedMatrix implements SparseMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;
    private final long[] maskWords;
    private final int nnz;

    /**
     * Copies and validates the arrays.
     *
     * @throws IllegalArgumentException if a length is wrong or a value outside the mask is not 0
     *     (the first such position is named)
     */
    public MaskedMatrix(int rows, int cols, float[] data, long[] maskWords) {
        this(rows, cols, data.clone(), maskWords.clone(), true);
    }

    private MaskedMatrix(int rows, int cols, float[] data, long[] maskWords, boolean owned) {
        Checks.dims(rows, cols);
        long size = (long) rows * cols;
        Checks.length("data", data.length, size, "rows * cols");
        Checks.length("maskWords", maskWords.length, (size + 63) / 64, "one bit per position, 64 per word");
        int count = 0;
        for (int w = 0; w < maskWords.length; w++) {
            long word = maskWords[w];
            int valid = (int) Math.min(64, size - 64L * w);
            if (valid < 64 && (word >>> valid) != 0) {
                throw new IllegalArgumentException("maskWords[" + w + "] sets bits past the last position " + (size - 1));
            }
            count += Long.bitCount(word);
            for (int b = 0; b < valid; b++) {
                int p = 64 * w + b;
                if ((word & (1L << b)) == 0 && data[p] != 0f) {
                    throw new IllegalArgumentException("position (" + p / cols + ", " + p % cols + ") is outside the mask but holds "
                            + data[p] + "; it must be 0");
                }
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.maskWords = maskWords;
        this.nnz = count;
    }

    static MaskedMatrix owning(int rows, int cols, float[] data, long[] maskWords) {
        return new MaskedMatrix(rows, cols, data, maskWords, true);
    }

    /** The mask of a tensor's nonzeros (NaN counts as nonzero, -0.0 as zero) over a copy of its values. */
    public static MaskedMatrix fromDense(Tensor dense) {
        Checks.matrix(dense, "dense");
        float[] values = dense.toArray();
        long[] words = new long[(values.length + 63) / 64];
        for (int p = 0; p < values.length; p++) {
            if (values[p] != 0f) words[p >>> 6] |= 1L << p;
        }
        return owning(dense.dim(0), dense.dim(1), values, words);
    }

    /** The stored positions of {@code coo} as the mask (explicit zeros too), repeated positions summed. */
    public static MaskedMatrix fromCoo(CooMatrix coo) {
        CooMatrix c = coo.isCoalesced() ? coo : coo.coalesce();
        int rows = c.rows(), cols = c.cols();
        float[] values = new float[Shape.checkedSize(rows, cols)];
        long[] words = new long[(values.length + 63) / 64];
        int[] ri = c.rowIdx(), ci = c.colIdx();
        float[] v = c.data();
        for (int k = 0; k < v.length; k++) {
            int p = ri[k] * cols + ci[k];
            values[p] = v[k];
            words[p >>> 6] |= 1L << p;
        }
        return owning(rows, cols, values, words);
    }

    /**
     * Keeps the values of {@code dense} where {@code mask} is true (row-major, one per position) and
     * zeroes the rest.
     */
    public static MaskedMatrix masking(Tensor dense, boolean[] mask) {
        Checks.matrix(dense, "dense");
        Checks.length("mask", mask.length, dense.size(), "one per position of " + dense.shape());
        float[] values = dense.toArray();
        long[] words = new long[(values.length + 63) / 64];
        for (int p = 0; p < values.length; p++) {
            if (mask[p]) {
                words[p >>> 6] |= 1L << p;
            } else {
                values[p] = 0f;
            }
        }
        return owning(dense.dim(0), dense.dim(1), values, words);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** Whether position (i, j) is kept. */
    public boolean isKept(int i, int j) {
        if (i < 0 || i >= rows || j < 0 || j >= cols) {
            throw new IndexOutOfBoundsException("(" + i + ", " + j + ") outside " + rows + " x " + cols);
        }
        int p = i * cols + j;
        return (maskWords[p >>> 6] & (1L << p)) != 0;
    }

    /** The number of kept positions. */
    @Override
    public int nnz() {
        return nnz;
    }

    @Override
    public Layout layout() {
        return Layout.MASKED;
    }

    /** Backing values, {@code rows * cols}, row-major (read-only). */
    public float[] data() {
        return data;
    }

    /** Backing mask bits, 64 positions per word, lowest bit first (read-only). */
    public long[] maskWords() {
        return maskWords;
    }

    @Override
    public Tensor toDense() {
        return Tensor.of(data, rows, cols);
    }

    /** The kept positions, including kept zeros. */
    @Override
    public CooMatrix toCoo() {
        int[] ri = new int[nnz], ci = new int[nnz];
        float[] v = new float[nnz];
        int k = 0;
        for (int w = 0; w < maskWords.length; w++) {
            for (long word = maskWords[w]; word != 0; word &= word - 1) {
                int p = 64 * w + Long.numberOfTrailingZeros(word);
                ri[k] = p / cols;
                ci[k] = p % cols;
                v[k++] = data[p];
            }
        }
        return CooMatrix.owning(rows, cols, ri, ci, v);
    }

    @Override
    public long storageBytes() {
        return 4L * data.length + 8L * maskWords.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskedMatrix x && rows == x.rows && cols == x.cols && Arrays.equals(data, x.data)
                && Arrays.equals(maskWords, x.maskWords);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(maskWords)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "MaskedMatrix[" + rows + " x " + cols + ", nnz=" + nnz + "]";
    }
}
