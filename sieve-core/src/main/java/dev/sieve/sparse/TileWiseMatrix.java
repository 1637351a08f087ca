package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Tile-wise sparsity ({@code tw:G}) for W[out, in] used as the GEMM operand B = W^T [K = in, N = out].
 *
 * <p>Whole output rows of W (columns of B) are dropped; the kept ones, {@code keptRows} (strictly
 * increasing), are cut in order into tiles of G ({@code tileCount = ceil(keptRows.length / G)}; the
 * last tile may be shorter). Tile {@code t} covers {@code keptRows[t*G .. min((t+1)*G, kept))} and
 * keeps its own set of input columns (K-segments of B): {@code tileCols[tileColPtr[t] ..
 * tileColPtr[t+1])}, strictly increasing. Its values are a dense block
 * {@code [tileRowCount(t) x tileColCount(t)]}, row-major, at {@code data[tileDataPtr()[t] ..]}, so
 * each tile is a small dense GEMM over gathered input columns:
 * {@code Y[:, tileRows] = X[:, tileCols] · block^T}. Dropped rows produce zero outputs. There is no
 * padding: every stored value lies inside the matrix.
 *
 * <p>{@link #keptRows()}, {@link #tileColPtr()}, {@link #tileCols()}, {@link #tileDataPtr()} and
 * {@link #data()} return the backing arrays: read-only.
 */
public final class TileWiseMatrix implements SparseMatrix {
    private static final CompressedIndex TILES = new CompressedIndex("tile", "column", "tileColPtr");

    private final int rows;
    private final int cols;
    private final Layout.TileWise layout;
    private final int[] keptRows;
    private final int[] tileColPtr;
    private final int[] tileCols;
    private final int[] tileDataPtr;
    private final float[] data;

    /**
     * Copies and validates the arrays.
     *
     * @param keptRows the output rows kept, strictly increasing
     * @param tileColPtr {@code tileCount + 1} offsets into {@code tileCols}
     * @param tileCols each tile's kept input columns, strictly increasing within a tile
     * @param data the tiles' dense blocks one after another, each row-major
     * @throws IllegalArgumentException naming the first offending kept row, tile or column
     */
    public TileWiseMatrix(int rows, int cols, int tileSize, int[] keptRows, int[] tileColPtr, int[] tileCols, float[] data) {
        this(rows, cols, new Layout.TileWise(tileSize), keptRows.clone(), tileColPtr.clone(), tileCols.clone(), data.clone());
    }

    private TileWiseMatrix(int rows, int cols, Layout.TileWise layout, int[] keptRows, int[] tileColPtr, int[] tileCols,
            float[] data) {
        Checks.dims(rows, cols);
        for (int i = 0; i < keptRows.length; i++) {
            int r = keptRows[i];
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("keptRows[" + i + "] = " + r + " out of range " + Checks.range(rows));
            }
            if (i > 0 && r <= keptRows[i - 1]) {
                throw new IllegalArgumentException("kept rows not increasing at keptRows[" + i + "] (" + r + " after "
                        + keptRows[i - 1] + ")");
            }
        }
        int tiles = Checks.ceilDiv(keptRows.length, layout.g());
        TILES.validate(tiles, cols, tileColPtr, tileCols, tileCols.length, 1);
        int[] dataPtr = new int[tiles + 1];
        long offset = 0;
        for (int t = 0; t < tiles; t++) {
            int tileRows = Math.min(layout.g(), keptRows.length - t * layout.g());
            offset += (long) tileRows * (tileColPtr[t + 1] - tileColPtr[t]);
            dataPtr[t + 1] = Checks.arrayLength(offset, "the tiles' values");
        }
        Checks.length("data", data.length, offset, "the sum over tiles of tile rows * tile columns");
        this.rows = rows;
        this.cols = cols;
        this.layout = layout;
        this.keptRows = keptRows;
        this.tileColPtr = tileColPtr;
        this.tileCols = tileCols;
        this.tileDataPtr = dataPtr;
        this.data = data;
    }

    static TileWiseMatrix owning(int rows, int cols, int tileSize, int[] keptRows, int[] tileColPtr, int[] tileCols, float[] data) {
        return new TileWiseMatrix(rows, cols, new Layout.TileWise(tileSize), keptRows, tileColPtr, tileCols, data);
    }

    /**
     * Builds the layout from a selection: {@code keptRows} (strictly increasing) cut into tiles of
     * {@code tileSize}, and for each tile its kept input columns (strictly increasing), with the values
     * gathered from {@code weights}. This is how a selection made elsewhere (e.g. a ranking over many
     * layers) becomes a matrix.
     */
    public static TileWiseMatrix gather(Tensor weights, int tileSize, int[] keptRows, int[][] keptColsPerTile) {
        Checks.matrix(weights, "weights");
        int rows = weights.dim(0), cols = weights.dim(1);
        int tiles = Checks.ceilDiv(keptRows.length, new Layout.TileWise(tileSize).g());
        if (keptColsPerTile.length != tiles) {
            throw new IllegalArgumentException(keptRows.length + " kept rows in tiles of " + tileSize + " make " + tiles
                    + " tiles, but column lists were given for " + keptColsPerTile.length);
        }
        int[] ptr = new int[tiles + 1];
        long colCount = 0, valueCount = 0;
        for (int t = 0; t < tiles; t++) {
            colCount += keptColsPerTile[t].length;
            ptr[t + 1] = Checks.arrayLength(colCount, "the tiles' column lists");
            valueCount += (long) Math.min(tileSize, keptRows.length - t * tileSize) * keptColsPerTile[t].length;
        }
        int[] tileCols = new int[ptr[tiles]];
        for (int t = 0; t < tiles; t++) System.arraycopy(keptColsPerTile[t], 0, tileCols, ptr[t], keptColsPerTile[t].length);
        // Check the indices before they are used to read weights.
        TILES.validate(tiles, cols, ptr, tileCols, tileCols.length, 1);
        for (int i = 0; i < keptRows.length; i++) {
            if (keptRows[i] < 0 || keptRows[i] >= rows) {
                throw new IllegalArgumentException("keptRows[" + i + "] = " + keptRows[i] + " out of range " + Checks.range(rows));
            }
        }
        float[] data = new float[Checks.arrayLength(valueCount, "the tiles' values")];
        float[] w = weights.data();
        int base = weights.offset(), k = 0;
        for (int t = 0; t < tiles; t++) {
            for (int r = t * tileSize; r < Math.min(keptRows.length, (t + 1L) * tileSize); r++) {
                int rowBase = base + keptRows[r] * cols;
                for (int q = ptr[t]; q < ptr[t + 1]; q++) data[k++] = w[rowBase + tileCols[q]];
            }
        }
        return owning(rows, cols, tileSize, keptRows.clone(), ptr, tileCols, data);
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int cols() {
        return cols;
    }

    /** G. */
    public int tileSize() {
        return layout.g();
    }

    public int tileCount() {
        return tileDataPtr.length - 1;
    }

    /** Index into {@link #keptRows()} of tile t's first row. */
    public int tileRowStart(int t) {
        return t * layout.g();
    }

    /** Rows in tile t: G, or fewer for the last tile. */
    public int tileRowCount(int t) {
        return Math.min(layout.g(), keptRows.length - t * layout.g());
    }

    /** Kept input columns in tile t. */
    public int tileColCount(int t) {
        return tileColPtr[t + 1] - tileColPtr[t];
    }

    @Override
    public int nnz() {
        return data.length;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    /** Backing kept output rows, strictly increasing (read-only). */
    public int[] keptRows() {
        return keptRows;
    }

    /** Backing offsets of each tile's columns in {@link #tileCols()}, {@code tileCount() + 1} long (read-only). */
    public int[] tileColPtr() {
        return tileColPtr;
    }

    /** Backing kept input columns of all tiles, one tile after another (read-only). */
    public int[] tileCols() {
        return tileCols;
    }

    /** Backing offsets of each tile's block in {@link #data()}, {@code tileCount() + 1} long (read-only). */
    public int[] tileDataPtr() {
        return tileDataPtr;
    }

    /** Backing values: each tile's [rows x columns] block, row-major, one tile after another (read-only). */
    public float[] data() {
        return data;
    }

    @Override
    public Tensor toDense() {
        Tensor t = Tensor.zeros(rows, cols);
        float[] out = t.data();
        int k = 0;
        for (int tile = 0; tile < tileCount(); tile++) {
            for (int r = tileRowStart(tile); r < tileRowStart(tile) + tileRowCount(tile); r++) {
                for (int q = tileColPtr[tile]; q < tileColPtr[tile + 1]; q++) out[keptRows[r] * cols + tileCols[q]] = data[k++];
            }
        }
        return t;
    }

    /** Row-major: rows are kept in increasing order and each row belongs to one tile. */
    @Override
    public CooMatrix toCoo() {
        int n = data.length;
        int[] ri = new int[n], ci = new int[n];
        int k = 0;
        for (int tile = 0; tile < tileCount(); tile++) {
            for (int r = tileRowStart(tile); r < tileRowStart(tile) + tileRowCount(tile); r++) {
                for (int q = tileColPtr[tile]; q < tileColPtr[tile + 1]; q++) {
                    ri[k] = keptRows[r];
                    ci[k++] = tileCols[q];
                }
            }
        }
        return CooMatrix.owning(rows, cols, ri, ci, data.clone());
    }

    @Override
    public long storageBytes() {
        return 4L * (keptRows.length + tileColPtr.length + tileCols.length + tileDataPtr.length) + 4L * data.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TileWiseMatrix x && rows == x.rows && cols == x.cols && layout.equals(x.layout)
                && Arrays.equals(keptRows, x.keptRows) && Arrays.equals(tileColPtr, x.tileColPtr)
                && Arrays.equals(tileCols, x.tileCols) && Arrays.equals(data, x.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * rows + cols) + Arrays.hashCode(keptRows)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "TileWiseMatrix[" + rows + " x " + cols + ", " + layout + ", " + keptRows.length + " rows kept in " + tileCount()
                + " tiles]";
    }
}
