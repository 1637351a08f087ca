package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * STen's grouped n:m layout ({@code nmg:N:M:G}) for W[out, in] = [rows, cols].
 *
 * <p>Rows are split into blocks of m ({@code blockCount = ceil(rows / m)}); columns into chunks of
 * {@code W = C(m, n) * g} ({@code chunkCount = ceil(cols / W)}). Inside one (block, chunk) unit every
 * column's m-long segment keeps exactly n values, at the positions of one of the C(m, n) patterns of
 * {@link NmgPatterns} (revolving-door order), and each pattern is used by exactly g columns.
 *
 * <p>Storage. Unit {@code u = b * chunkCount + c} has W slots; slot {@code s} uses pattern
 * {@code p = s / g} (so the pattern counts hold by construction: slots are grouped by pattern, in
 * pattern order). {@code columns[u * W + s]} is the slot's original column <em>relative to the
 * chunk</em> (0..W-1; its column in W is {@code c * W + columns[u * W + s]}), and
 * {@code data[(u * W + s) * n + j]} is the value at row {@code b * m + pattern(p, j)} of that column.
 * In each unit the W slots hold every in-chunk column exactly once. Because the index is relative to
 * the chunk and W <= 32767, it always fits a (signed) 16-bit short, whatever the matrix width.
 *
 * <p>Padding. When m does not divide rows, or W does not divide cols, the matrix is padded with zero
 * rows and columns up to {@code blockCount * m} by {@code chunkCount * W}. Padding columns still occupy
 * slots (every pattern must have g columns): a slot is a padding column iff its column
 * {@code c * W + columns[..] >= cols}; all its n values are 0, and kernels must skip it rather than
 * read input there. Values at padding rows ({@code >= rows}) are 0 and must not be written out. STen
 * orders units chunk-major; Sieve stores them block-major so that a row block, which one thread owns
 * in a kernel, is contiguous. Within a pattern's g slots the sparsifier sorts columns ascending (for
 * locality); validation does not require it.
 *
 * <p>{@link #data()} and {@link #columns()} return the backing arrays: read-only.
 */
public final class NmgMatrix implements SparseMatrix {
    private final int rows;
    private final int cols;
    private final Layout.Nmg layout;
    private final NmgPatterns patterns;
    private final int chunkWidth;
    private final int blockCount;
    private final int chunkCount;
    private final float[] data;
    private final short[] columns;
    private final int nnz;
    private volatile Kept kept; // built on first use by a kernel

    /**
     * The stored slots without padding, for kernels: built once per matrix on first use (about 8 bytes
     * per slot plus a copy of the values), then cached. Slot order is the layout's (unit, pattern, slot)
     * order with padding-column slots removed, so a kernel walks the same summation order as before
     * but tests nothing per slot.
     *
     * @param columns  absolute column of W (not relative to the chunk) of each kept slot
     * @param values   n values per kept slot, {@code values[k * n + t]} for tuple position t
     * @param ends     {@code ends[u * P + p]} .. {@code ends[u * P + p + 1]} are the kept slots of pattern p
     *                 of unit u (P = C(m, n) patterns; length {@code units * P + 1})
     */
    public record Kept(int[] columns, float[] values, int[] ends) {}

    /** The {@link Kept} form of this matrix (read-only arrays, cached). */
    public Kept kept() {
        Kept k = kept;
        if (k == null) kept = k = buildKept();
        return k;
    }

    private Kept buildKept() {
        int n = layout.n(), g = layout.g(), w = chunkWidth, patternCount = patterns.count();
        int units = blockCount * chunkCount;
        int paddingCols = chunkCount * w - cols, total = units * w - blockCount * paddingCols;
        int[] cs = new int[total];
        float[] vs = new float[total * n];
        int[] ends = new int[units * patternCount + 1];
        int k = 0;
        for (int u = 0; u < units; u++) {
            int colBase = (u % chunkCount) * w;
            for (int p = 0; p < patternCount; p++) {
                for (int s = p * g; s < p * g + g; s++) {
                    int slot = u * w + s, col = colBase + columns[slot];
                    if (col >= cols) continue;
                    cs[k] = col;
                    System.arraycopy(data, slot * n, vs, k * n, n);
                    k++;
                }
                ends[u * patternCount + p + 1] = k;
            }
        }
        return new Kept(cs, vs, ends);
    }

    /**
     * Copies and validates the arrays.
     *
     * @throws IllegalArgumentException naming the first offending block, chunk and slot
     */
    public NmgMatrix(int rows, int cols, int n, int m, int g, float[] data, short[] columns) {
        this(rows, cols, new Layout.Nmg(n, m, g), data.clone(), columns.clone());
    }

    private NmgMatrix(int rows, int cols, Layout.Nmg layout, float[] data, short[] columns) {
        Checks.dims(rows, cols);
        this.rows = rows;
        this.cols = cols;
        this.layout = layout;
        this.patterns = NmgPatterns.of(layout.n(), layout.m());
        this.chunkWidth = layout.chunkWidth();
        this.blockCount = Checks.ceilDiv(rows, layout.m());
        this.chunkCount = Checks.ceilDiv(cols, chunkWidth);
        long slots = (long) blockCount * chunkCount * chunkWidth;
        Checks.length("columns", columns.length, slots, "ceil(rows / m) * ceil(cols / W) * W with W = C(m, n) * g = " + chunkWidth);
        Checks.length("data", data.length, slots * layout.n(), "one value per slot and pattern position: columns.length * n");
        this.data = data;
        this.columns = columns;
        this.nnz = validateAndCount();
    }

    static NmgMatrix owning(int rows, int cols, Layout.Nmg layout, float[] data, short[] columns) {
        return new NmgMatrix(rows, cols, layout, data, columns);
    }

    private int validateAndCount() {
        int n = layout.n(), m = layout.m(), g = layout.g(), w = chunkWidth;
        int[] stampOf = new int[w];
        int[] slotOf = new int[w];
        Arrays.fill(stampOf, -1);
        long count = 0;
        for (int b = 0; b < blockCount; b++) {
            for (int c = 0; c < chunkCount; c++) {
                int unit = b * chunkCount + c;
                for (int s = 0; s < w; s++) {
                    int slot = unit * w + s;
                    int idx = columns[slot];
                    if (idx < 0 || idx >= w) {
                        throw new IllegalArgumentException(where(b, c, s, g) + ": column index " + idx + " out of range 0.." + (w - 1));
                    }
                    if (stampOf[idx] == unit) {
                        throw new IllegalArgumentException(where(b, c, s, g) + ": column index " + idx + " already used by slot " + slotOf[idx]);
                    }
                    stampOf[idx] = unit;
                    slotOf[idx] = s;
                    int col = c * w + idx;
                    for (int j = 0; j < n; j++) {
                        int row = b * m + patterns.position(s / g, j);
                        float v = data[slot * n + j];
                        if (col < cols && row < rows) {
                            count++;
                        } else if (v != 0f) {
                            throw new IllegalArgumentException(where(b, c, s, g) + ": padding position (" + row + ", " + col + ") holds " + v
                                    + "; positions outside the " + rows + " x " + cols + " matrix must be 0");
                        }
                    }
                }
            }
        }
        return (int) count;
    }

    private static String where(int b, int c, int s, int g) {
        return "block " + b + ", chunk " + c + ", slot " + s + " (pattern " + s / g + ")";
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

    public int g() {
        return layout.g();
    }

    public NmgPatterns patterns() {
        return patterns;
    }

    /** W = C(m, n) * g: columns per chunk and slots per unit. */
    public int chunkWidth() {
        return chunkWidth;
    }

    /** {@code ceil(rows / m)}. */
    public int blockCount() {
        return blockCount;
    }

    /** {@code ceil(cols / W)}. */
    public int chunkCount() {
        return chunkCount;
    }

    /** Index in {@link #columns()} of slot 0 of unit (block b, chunk c); multiply by n for {@link #data()}. */
    public int slotBase(int b, int c) {
        return (b * chunkCount + c) * chunkWidth;
    }

    /** The column of W that slot {@code s} of unit (b, c) holds; {@code >= cols} means padding. */
    public int column(int b, int c, int s) {
        return c * chunkWidth + columns[slotBase(b, c) + s];
    }

    /** Stored positions inside the matrix: n per non-padding column and block, minus padding rows. */
    @Override
    public int nnz() {
        return nnz;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    /** Backing values, n per slot (read-only). */
    public float[] data() {
        return data;
    }

    /** Backing in-chunk column of each slot (read-only). */
    public short[] columns() {
        return columns;
    }

    @Override
    public Tensor toDense() {
        Tensor t = Tensor.zeros(rows, cols);
        float[] out = t.data();
        forEachStored((row, col, v) -> out[row * cols + col] = v);
        return t;
    }

    @Override
    public CooMatrix toCoo() {
        int[] ri = new int[nnz], ci = new int[nnz];
        float[] v = new float[nnz];
        int[] k = {0};
        forEachStored((row, col, x) -> {
            ri[k[0]] = row;
            ci[k[0]] = col;
            v[k[0]++] = x;
        });
        return CooMatrix.owning(rows, cols, ri, ci, v).coalesce();
    }

    private interface EntryVisitor {
        void accept(int row, int col, float value);
    }

    private void forEachStored(EntryVisitor visitor) {
        int n = layout.n(), m = layout.m(), g = layout.g();
        for (int b = 0; b < blockCount; b++) {
            for (int c = 0; c < chunkCount; c++) {
                int base = slotBase(b, c);
                for (int s = 0; s < chunkWidth; s++) {
                    int col = c * chunkWidth + columns[base + s];
                    if (col >= cols) continue;
                    for (int j = 0; j < n; j++) {
                        int row = b * m + patterns.position(s / g, j);
                        if (row < rows) visitor.accept(row, col, data[(base + s) * n + j]);
                    }
                }
            }
        }
    }

    @Override
    public long storageBytes() {
        return 4L * data.length + 2L * columns.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NmgMatrix x && rows == x.rows && cols == x.cols && layout.equals(x.layout)
                && Arrays.equals(data, x.data) && Arrays.equals(columns, x.columns);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + layout.hashCode()) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "NmgMatrix[" + rows + " x " + cols + ", " + layout + "]";
    }
}
