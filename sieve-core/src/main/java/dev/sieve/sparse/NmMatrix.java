package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * n:m sparsity ({@code nm:N:M}) along the reduction dimension: each row of W[out, in] is cut into
 * aligned groups of m columns, and every group stores exactly n (value, position) slots.
 *
 * <p>Storage: {@code groupsPerRow = ceil(cols / m)}. Slot {@code s} of group {@code g} of row {@code i}
 * is at {@code k = (i * groupsPerRow + g) * n + s}; {@code data[k]} is its value and
 * {@code positions[k]} (0..m-1) its column inside the group, so its column is
 * {@code g * m + positions[k]}. Positions strictly increase within a group. A group with fewer than n
 * nonzeros stores explicit zeros in its spare slots, so every group has the same stride.
 *
 * <p>Padding: when m does not divide cols, the last group of each row is narrower ({@code cols % m}
 * columns) but still has n slots. A slot whose column is {@code >= cols} is padding: its value must be
 * 0 and it is not counted in {@link #nnz()}. Kernels must skip such slots (only the last group of a
 * row can hold them), never read an input at that column. Strictly increasing positions put padding
 * slots last in their group.
 *
 * <p>{@link #data()} and {@link #positions()} return the backing arrays: read-only.
 */
public final class NmMatrix implements SparseMatrix {
    private final int rows;
    private final int cols;
    private final Layout.Nm layout;
    private final int groupsPerRow;
    private final float[] data;
    private final byte[] positions;
    private final int nnz;

    /**
     * Copies and validates the arrays.
     *
     * @throws IllegalArgumentException naming the first offending row, group and slot
     */
    public NmMatrix(int rows, int cols, int n, int m, float[] data, byte[] positions) {
        this(rows, cols, new Layout.Nm(n, m), data.clone(), positions.clone());
    }

    private NmMatrix(int rows, int cols, Layout.Nm layout, float[] data, byte[] positions) {
        Checks.dims(rows, cols);
        this.rows = rows;
        this.cols = cols;
        this.layout = layout;
        this.groupsPerRow = Checks.ceilDiv(cols, layout.m());
        long slots = (long) rows * groupsPerRow * layout.n();
        Checks.length("data", data.length, slots, "rows * ceil(cols / m) * n");
        Checks.length("positions", positions.length, slots, "rows * ceil(cols / m) * n");
        this.data = data;
        this.positions = positions;
        this.nnz = validateAndCount();
    }

    static NmMatrix owning(int rows, int cols, int n, int m, float[] data, byte[] positions) {
        return new NmMatrix(rows, cols, new Layout.Nm(n, m), data, positions);
    }

    private int validateAndCount() {
        int n = layout.n(), m = layout.m();
        long count = 0;
        for (int i = 0; i < rows; i++) {
            for (int g = 0; g < groupsPerRow; g++) {
                int base = (i * groupsPerRow + g) * n;
                for (int s = 0; s < n; s++) {
                    int p = positions[base + s];
                    if (p < 0 || p >= m) {
                        throw new IllegalArgumentException("row " + i + ", group " + g + ", slot " + s + ": position " + p
                                + " out of range 0.." + (m - 1));
                    }
                    if (s > 0 && p <= positions[base + s - 1]) {
                        throw new IllegalArgumentException("row " + i + ", group " + g + ": positions not increasing at slot "
                                + s + " (" + p + " after " + positions[base + s - 1] + ")");
                    }
                    int col = g * m + p;
                    if (col < cols) {
                        count++;
                    } else if (data[base + s] != 0f) {
                        throw new IllegalArgumentException("row " + i + ", group " + g + ", slot " + s + ": padding position "
                                + p + " (column " + col + " >= " + cols + ") holds " + data[base + s] + "; it must be 0");
                    }
                }
            }
        }
        return (int) count;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    public int n() {
        return layout.n();
    }

    public int m() {
        return layout.m();
    }

    /** {@code ceil(cols / m)}. */
    public int groupsPerRow() {
        return groupsPerRow;
    }

    /** Stored slots inside the matrix (explicit zeros included, padding slots excluded). */
    @Override
    public int nnz() {
        return nnz;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    /** Backing values, {@code rows * groupsPerRow * n} long, row by row, group by group (read-only). */
    public float[] data() {
        return data;
    }

    /** Backing in-group positions, parallel to {@link #data()} (read-only). */
    public byte[] positions() {
        return positions;
    }

    @Override
    public Tensor toDense() {
        Tensor t = Tensor.zeros(rows, cols);
        float[] out = t.data();
        int n = layout.n(), m = layout.m();
        for (int i = 0; i < rows; i++) {
            for (int g = 0; g < groupsPerRow; g++) {
                int base = (i * groupsPerRow + g) * n;
                for (int s = 0; s < n; s++) {
                    int col = g * m + positions[base + s];
                    if (col < cols) out[i * cols + col] = data[base + s];
                }
            }
        }
        return t;
    }

    @Override
    public CooMatrix toCoo() {
        int[] ri = new int[nnz], ci = new int[nnz];
        float[] v = new float[nnz];
        int n = layout.n(), m = layout.m(), k = 0;
        for (int i = 0; i < rows; i++) {
            for (int g = 0; g < groupsPerRow; g++) {
                int base = (i * groupsPerRow + g) * n;
                for (int s = 0; s < n; s++) {
                    int col = g * m + positions[base + s];
                    if (col >= cols) continue;
                    ri[k] = i;
                    ci[k] = col;
                    v[k++] = data[base + s];
                }
            }
        }
        return CooMatrix.owning(rows, cols, ri, ci, v);
    }

    @Override
    public long storageBytes() {
        return 5L * data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NmMatrix x && rows == x.rows && cols == x.cols && layout.equals(x.layout)
                && Arrays.equals(data, x.data) && Arrays.equals(positions, x.positions);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + layout.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NmMatrix[" + rows + " x " + cols + ", " + layout + "]";
    }
}
