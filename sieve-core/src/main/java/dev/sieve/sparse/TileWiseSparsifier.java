package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * Tile-wise pruning (TW) of W[out, in], seen as the GEMM operand B = W^T [K = in, N = out], in two
 * steps that each prune s' with {@code (1 - s')^2 = 1 - s}, so together they reach sparsity s:
 * <ol>
 *   <li>keep the {@code round((1 - s') * rows)} output rows of W (columns of B) with the largest L2
 *       norm of their scores;
 *   <li>cut the kept rows, in order, into tiles of G and in each tile keep the
 *       {@code round((1 - s') * cols)} input columns (K-segments of B) with the largest L2 norm of
 *       their scores over the tile's rows ({@link ColumnRanking#PER_TILE}); or rank the segments of
 *       all tiles of the matrix together and keep the best ones up to
 *       {@code round((1 - s') * keptRows * cols)} elements ({@link ColumnRanking#PER_MATRIX}), so
 *       tiles may keep different numbers of columns.
 * </ol>
 * Ties go to the smaller index. The row and segment scores are public, so a ranking over many layers
 * can make its own selection and build the matrices with {@link TileWiseMatrix#gather}.
 */
public final class TileWiseSparsifier implements Sparsifier<TileWiseMatrix> {
    /** How step 2 ranks the K-segments of the tiles. */
    public enum ColumnRanking {
        /** Each tile keeps the same number of columns, its own best ones. */
        PER_TILE,
        /** One ranking over the segments of all tiles of the matrix. */
        PER_MATRIX
    }

    private final Layout.TileWise layout;
    private final double sparsity;
    private final ColumnRanking ranking;

    public TileWiseSparsifier(int tileSize, double sparsity) {
        this(tileSize, sparsity, ColumnRanking.PER_TILE);
    }

    public TileWiseSparsifier(int tileSize, double sparsity, ColumnRanking ranking) {
        Checks.sparsity(sparsity);
        this.layout = new Layout.TileWise(tileSize);
        this.sparsity = sparsity;
        this.ranking = java.util.Objects.requireNonNull(ranking, "ranking");
    }

    @Override
    public Layout.TileWise layout() {
        return layout;
    }

    public double sparsity() {
        return sparsity;
    }

    /** s' = 1 - sqrt(1 - s): the sparsity of each step, so that (1 - s')^2 = 1 - s. */
    public static double stepSparsity(double sparsity) {
        Checks.sparsity(sparsity);
        return 1.0 - Math.sqrt(1.0 - sparsity);
    }

    @Override
    public TileWiseMatrix sparsify(Tensor weights, Tensor scores) {
        Checks.scores(weights, scores);
        int rows = weights.dim(0), cols = weights.dim(1), g = layout.g();
        double step = stepSparsity(sparsity);
        double[] rowNorms = rowScores(scores);
        int[] keptRows = TopK.largest(rows, Checks.keepCount(step, rows), i -> TopK.doubleKey(rowNorms[i]));
        double[] segments = segmentScores(scores, keptRows, g);
        int[][] keptCols = ranking == ColumnRanking.PER_TILE
                ? rankWithinTiles(segments, keptRows.length, cols, g, step)
                : rankAcrossTiles(segments, keptRows.length, cols, g, step);
        return TileWiseMatrix.gather(weights, g, keptRows, keptCols);
    }

    private static int[][] rankWithinTiles(double[] segments, int keptRows, int cols, int g, double step) {
        int[][] keptCols = new int[Checks.ceilDiv(keptRows, g)][];
        int keep = Checks.keepCount(step, cols);
        for (int t = 0; t < keptCols.length; t++) {
            int first = t * cols;
            keptCols[t] = TopK.largest(cols, keep, j -> TopK.doubleKey(segments[first + j]));
        }
        return keptCols;
    }

    /**
     * Takes segments by decreasing score (ties: smaller tile, then column) while their elements fit a
     * budget of {@code round((1 - s') * keptRows * cols)}; stops at the first that does not fit, so the
     * kept set is a prefix of the ranking. Counting elements rather than segments keeps the sparsity
     * right when the last tile is shorter.
     */
    private static int[][] rankAcrossTiles(double[] segments, int keptRows, int cols, int g, double step) {
        int tiles = Checks.ceilDiv(keptRows, g);
        long budget = Checks.keepCount(step, (long) keptRows * cols);
        long[] keys = new long[segments.length];
        for (int i = 0; i < keys.length; i++) keys[i] = Long.MAX_VALUE - TopK.doubleKey(segments[i]);
        int[] order = StableIndexSort.byKey(keys);
        boolean[] kept = new boolean[segments.length];
        int[] perTile = new int[tiles];
        long used = 0;
        for (int i : order) {
            int t = i / cols;
            int cost = Math.min(g, keptRows - t * g);
            if (used + cost > budget) break;
            used += cost;
            kept[i] = true;
            perTile[t]++;
        }
        int[][] keptCols = new int[tiles][];
        for (int t = 0; t < tiles; t++) {
            keptCols[t] = new int[perTile[t]];
            int k = 0;
            for (int j = 0; j < cols; j++) if (kept[t * cols + j]) keptCols[t][k++] = j;
        }
        return keptCols;
    }

    /** Step 1 scores: the L2 norm of each row's scores. */
    public static double[] rowScores(Tensor scores) {
        Checks.matrix(scores, "scores");
        int rows = scores.dim(0), cols = scores.dim(1);
        float[] s = scores.data();
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                double x = s[scores.offset() + i * cols + j];
                sum += x * x;
            }
            out[i] = Math.sqrt(sum);
        }
        return out;
    }

    /**
     * Step 2 scores: for tile t (kept rows {@code [t*G, min((t+1)*G, kept))}) and column j, the L2 norm
     * of the scores at the tile's rows in column j, at index {@code t * cols + j}.
     */
    public static double[] segmentScores(Tensor scores, int[] keptRows, int tileSize) {
        Checks.matrix(scores, "scores");
        int rows = scores.dim(0), cols = scores.dim(1);
        int tiles = Checks.ceilDiv(keptRows.length, new Layout.TileWise(tileSize).g());
        double[] out = new double[Checks.arrayLength((long) tiles * cols, "the tile segment scores")];
        float[] s = scores.data();
        for (int r = 0; r < keptRows.length; r++) {
            int row = keptRows[r];
            if (row < 0 || row >= rows) {
                throw new IllegalArgumentException("keptRows[" + r + "] = " + row + " out of range " + Checks.range(rows));
            }
            int first = r / tileSize * cols, rowBase = scores.offset() + row * cols;
            for (int j = 0; j < cols; j++) {
                double x = s[rowBase + j];
                out[first + j] += x * x;
            }
        }
        for (int i = 0; i < out.length; i++) out[i] = Math.sqrt(out[i]);
        return out;
    }

    @Override
    public String toString() {
        return "tile-wise(" + layout + ", sparsity " + sparsity + ", " + ranking + ")";
    }
}
