package dev.sieve.autograd;

import dev.sieve.sparse.BsrMatrix;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.MaskedMatrix;
import dev.sieve.sparse.NmMatrix;
import dev.sieve.sparse.NmgMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.TileWiseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * A sparse weight whose pattern is fixed and whose stored values are trainable: {@link #values()} is a
 * 1-D {@link Variable} laid out exactly like the layout's {@code data()} array (storage order, including
 * padding slots of n:m / n:m:g / BSR and the masked-out positions of {@link MaskedMatrix}), so an
 * optimizer can update it in place and {@link #matrix()} rebuilds the weight from it.
 *
 * <p>Slots that are not inside the matrix (padding, masked-out positions) are ignored by the forward
 * pass (read as 0) and always get a zero gradient. COO must be coalesced (one entry per position).
 *
 * <p>On construction the stored positions are mapped once to (row, column) and kept as two CSR
 * structures: W's pattern row-major (for the values' gradient by SDDMM) and Wᵀ's pattern (for the input
 * gradient by SpMM), each with the storage slot of every entry.
 */
public final class SparseParameter {
    private final SparseMatrix pattern;
    private final Variable values;
    private final int storageLength;
    /** Row-major pattern of W [out, in]; {@code rowSlot[k]} is the storage slot of its entry k. */
    private final CsrMatrix rowPattern;
    private final int[] rowSlot;
    /** Pattern of Wᵀ [in, out]; {@code colSlot[k]} is the storage slot of its entry k. */
    private final int[] tRowPtr;
    private final int[] tColIdx;
    private final int[] colSlot;

    /** A parameter initialised with {@code pattern}'s stored values (copied). */
    public static SparseParameter of(SparseMatrix pattern) {
        float[] d = storage(pattern);
        return new SparseParameter(pattern, Variable.parameter(Tensor.of(d, d.length)));
    }

    /**
     * A parameter over {@code pattern}'s positions whose values are {@code values} (shape
     * [{@code data().length}] of the layout, storage order); pattern's own values are not used.
     *
     * @throws IllegalArgumentException if the length differs, or a COO pattern is not coalesced
     */
    public SparseParameter(SparseMatrix pattern, Variable values) {
        this.pattern = pattern;
        this.values = values;
        this.storageLength = storage(pattern).length;
        if (values.value().rank() != 1 || values.value().size() != storageLength) {
            throw new IllegalArgumentException("sparse parameter of layout " + pattern.layout() + ": values have shape "
                    + values.shape() + ", expected [" + storageLength + "] (one per storage slot of data())");
        }
        int[][] pos = positions(pattern); // {slot, row, col} per stored entry inside the matrix
        int[] slot = pos[0], row = pos[1], col = pos[2];
        int n = slot.length;
        Integer[] byRow = order(n, row, col);
        Integer[] byCol = order(n, col, row);
        int rows = pattern.rows(), cols = pattern.cols();
        int[] rowPtr = new int[rows + 1], colIdx = new int[n];
        rowSlot = new int[n];
        for (int k = 0; k < n; k++) {
            int e = byRow[k];
            if (k > 0 && row[e] == row[byRow[k - 1]] && col[e] == col[byRow[k - 1]]) {
                throw new IllegalArgumentException("sparse parameter: position (" + row[e] + ", " + col[e]
                        + ") is stored twice; coalesce the COO matrix first");
            }
            rowPtr[row[e] + 1]++;
            colIdx[k] = col[e];
            rowSlot[k] = slot[e];
        }
        for (int i = 0; i < rows; i++) rowPtr[i + 1] += rowPtr[i];
        rowPattern = new CsrMatrix(rows, cols, rowPtr, colIdx, new float[n]);
        tRowPtr = new int[cols + 1];
        tColIdx = new int[n];
        colSlot = new int[n];
        for (int k = 0; k < n; k++) {
            int e = byCol[k];
            tRowPtr[col[e] + 1]++;
            tColIdx[k] = row[e];
            colSlot[k] = slot[e];
        }
        for (int j = 0; j < cols; j++) tRowPtr[j + 1] += tRowPtr[j];
    }

    /** The fixed pattern (its values are those it was built with, not the current ones). */
    public SparseMatrix pattern() {
        return pattern;
    }

    /** The trainable values, [{@code data().length}] in the layout's storage order. */
    public Variable values() {
        return values;
    }

    public int rows() {
        return pattern.rows();
    }

    public int cols() {
        return pattern.cols();
    }

    /** The weight with the current values, in the pattern's layout (padding / masked-out slots read as 0). */
    public SparseMatrix matrix() {
        float[] d = new float[storageLength];
        float[] v = values.value().data();
        int off = values.value().offset();
        for (int s : rowSlot) d[s] = v[off + s];
        return rebuild(pattern, d);
    }

    /** Wᵀ [in, out] as CSR with the current values. */
    CsrMatrix transposedCsr() {
        float[] v = values.value().data();
        int off = values.value().offset();
        float[] d = new float[colSlot.length];
        for (int k = 0; k < d.length; k++) d[k] = v[off + colSlot[k]];
        return new CsrMatrix(pattern.cols(), pattern.rows(), tRowPtr, tColIdx, d);
    }

    /** W's positions row-major as CSR (values unused), for SDDMM. */
    CsrMatrix rowPattern() {
        return rowPattern;
    }

    /** Scatters values given in {@link #rowPattern()} order into a storage-order gradient. */
    Tensor scatterToStorage(float[] rowOrdered) {
        float[] g = new float[storageLength];
        for (int k = 0; k < rowSlot.length; k++) g[rowSlot[k]] = rowOrdered[k];
        return Tensor.wrap(g, storageLength);
    }

    private static Integer[] order(int n, int[] major, int[] minor) {
        Integer[] o = new Integer[n];
        for (int i = 0; i < n; i++) o[i] = i;
        Arrays.sort(o, (a, b) -> major[a] != major[b] ? Integer.compare(major[a], major[b]) : Integer.compare(minor[a], minor[b]));
        return o;
    }

    private static float[] storage(SparseMatrix m) {
        return switch (m) {
            case CsrMatrix c -> c.data();
            case CscMatrix c -> c.data();
            case CooMatrix c -> c.data();
            case BsrMatrix b -> b.data();
            case NmMatrix nm -> nm.data();
            case NmgMatrix g -> g.data();
            case TileWiseMatrix t -> t.data();
            case MaskedMatrix mk -> mk.data();
        };
    }

    private static SparseMatrix rebuild(SparseMatrix m, float[] d) {
        int r = m.rows(), c = m.cols();
        return switch (m) {
            case CsrMatrix x -> x.withData(d);
            case CscMatrix x -> new CscMatrix(r, c, x.colPtr(), x.rowIdx(), d);
            case CooMatrix x -> new CooMatrix(r, c, x.rowIdx(), x.colIdx(), d);
            case BsrMatrix x -> new BsrMatrix(r, c, x.blockHeight(), x.blockWidth(), x.blockRowPtr(), x.blockColIdx(), d);
            case NmMatrix x -> new NmMatrix(r, c, x.n(), x.m(), d, x.positions());
            case NmgMatrix x -> new NmgMatrix(r, c, x.n(), x.m(), x.g(), d, x.columns());
            case TileWiseMatrix x -> new TileWiseMatrix(r, c, x.tileSize(), x.keptRows(), x.tileColPtr(), x.tileCols(), d);
            case MaskedMatrix x -> new MaskedMatrix(r, c, d, x.maskWords());
        };
    }

    /** {slot[], row[], col[]} of every stored entry inside the matrix, per layout. */
    private static int[][] positions(SparseMatrix m) {
        int rows = m.rows(), cols = m.cols();
        Acc a = new Acc(storage(m).length);
        switch (m) {
            case CsrMatrix x -> {
                for (int i = 0; i < rows; i++) for (int k = x.rowPtr()[i]; k < x.rowPtr()[i + 1]; k++) a.add(k, i, x.colIdx()[k]);
            }
            case CscMatrix x -> {
                for (int j = 0; j < cols; j++) for (int k = x.colPtr()[j]; k < x.colPtr()[j + 1]; k++) a.add(k, x.rowIdx()[k], j);
            }
            case CooMatrix x -> {
                for (int k = 0; k < x.nnz(); k++) a.add(k, x.rowIdx()[k], x.colIdx()[k]);
            }
            case BsrMatrix x -> {
                int bh = x.blockHeight(), bw = x.blockWidth(), area = bh * bw;
                for (int bi = 0; bi < x.blockRowCount(); bi++) {
                    for (int b = x.blockRowPtr()[bi]; b < x.blockRowPtr()[bi + 1]; b++) {
                        for (int r = 0; r < bh; r++) {
                            for (int cc = 0; cc < bw; cc++) {
                                int row = bi * bh + r, col = x.blockColIdx()[b] * bw + cc;
                                if (row < rows && col < cols) a.add(b * area + r * bw + cc, row, col);
                            }
                        }
                    }
                }
            }
            case NmMatrix x -> {
                int n = x.n(), mm = x.m(), gpr = x.groupsPerRow();
                for (int i = 0; i < rows; i++) {
                    for (int g = 0; g < gpr; g++) {
                        int base = (i * gpr + g) * n;
                        for (int s = 0; s < n; s++) {
                            int col = g * mm + x.positions()[base + s];
                            if (col < cols) a.add(base + s, i, col);
                        }
                    }
                }
            }
            case NmgMatrix x -> {
                int n = x.n(), mm = x.m(), g = x.g();
                for (int b = 0; b < x.blockCount(); b++) {
                    for (int c = 0; c < x.chunkCount(); c++) {
                        int base = x.slotBase(b, c);
                        for (int s = 0; s < x.chunkWidth(); s++) {
                            int col = x.column(b, c, s);
                            if (col >= cols) continue;
                            for (int j = 0; j < n; j++) {
                                int row = b * mm + x.patterns().position(s / g, j);
                                if (row < rows) a.add((base + s) * n + j, row, col);
                            }
                        }
                    }
                }
            }
            case TileWiseMatrix x -> {
                int k = 0;
                for (int t = 0; t < x.tileCount(); t++) {
                    for (int r = x.tileRowStart(t); r < x.tileRowStart(t) + x.tileRowCount(t); r++) {
                        for (int q = x.tileColPtr()[t]; q < x.tileColPtr()[t + 1]; q++) a.add(k++, x.keptRows()[r], x.tileCols()[q]);
                    }
                }
            }
            case MaskedMatrix x -> {
                long[] words = x.maskWords();
                for (int w = 0; w < words.length; w++) {
                    for (long word = words[w]; word != 0; word &= word - 1) {
                        int p = 64 * w + Long.numberOfTrailingZeros(word);
                        a.add(p, p / cols, p % cols);
                    }
                }
            }
        }
        if (a.n != m.nnz()) {
            throw new IllegalStateException(m.layout() + ": mapped " + a.n + " stored positions, the matrix reports nnz " + m.nnz());
        }
        return new int[][] {Arrays.copyOf(a.slot, a.n), Arrays.copyOf(a.row, a.n), Arrays.copyOf(a.col, a.n)};
    }

    private static final class Acc {
        final int[] slot, row, col;
        int n;

        Acc(int capacity) {
            slot = new int[capacity];
            row = new int[capacity];
            col = new int[capacity];
        }

        void add(int s, int r, int c) {
            slot[n] = s;
            row[n] = r;
            col[n] = c;
            n++;
        }
    }
}
