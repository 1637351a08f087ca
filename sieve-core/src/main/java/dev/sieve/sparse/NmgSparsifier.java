package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * n:m:g by greedy assignment of columns to patterns, as in STen. In each (block of m rows, chunk of
 * W = C(m, n) * g columns) unit, a column's preserved mass under a pattern is the sum of its scores
 * at the pattern's n positions (with magnitude scores: the L1 mass kept). Pairs are visited by
 * decreasing mass and a column takes the pattern of its first pair whose pattern still has room
 * (capacity g). Padding rows and columns score 0.
 *
 * <p>Greedy can drop values of a matrix that already fits the layout when masses tie (columns with
 * fewer than n nonzeros fit several patterns). So when greedy drops a nonzero weight and every column
 * of the unit has at most n nonzeros, an exact matching of columns to patterns that cover all their
 * nonzeros is tried, and used if it exists: a matrix that fits is kept losslessly.
 *
 * <p>Within a pattern's g slots, columns are stored in increasing order.
 */
public final class NmgSparsifier implements Sparsifier<NmgMatrix> {
    private final Layout.Nmg layout;

    public NmgSparsifier(int n, int m, int g) {
        this.layout = new Layout.Nmg(n, m, g);
        long pairs = (long) layout.patternCount() * layout.chunkWidth();
        if (pairs > NmgAssignment.MAX_PAIRS) {
            throw new IllegalArgumentException(layout + ": the greedy assignment would rank " + pairs
                    + " (column, pattern) pairs per unit, more than its limit of " + NmgAssignment.MAX_PAIRS
                    + "; use a smaller g or m");
        }
    }

    @Override
    public Layout.Nmg layout() {
        return layout;
    }

    @Override
    public NmgMatrix sparsify(Tensor weights, Tensor scores) {
        Checks.scores(weights, scores);
        int n = layout.n(), m = layout.m(), g = layout.g();
        NmgPatterns patterns = NmgPatterns.of(n, m);
        int count = patterns.count(), width = layout.chunkWidth();
        int rows = weights.dim(0), cols = weights.dim(1);
        int blocks = Checks.ceilDiv(rows, m), chunks = Checks.ceilDiv(cols, width);
        long slots = (long) blocks * chunks * width;
        short[] columns = new short[Checks.arrayLength(slots, "an " + layout + " matrix of " + rows + " x " + cols)];
        float[] data = new float[Checks.arrayLength(slots * n, "an " + layout + " matrix of " + rows + " x " + cols)];
        if (slots == 0) return NmgMatrix.owning(rows, cols, layout, data, columns);

        Unit unit = new Unit(weights, scores, patterns, width);
        long[] keys = new long[width * count];
        for (int b = 0; b < blocks; b++) {
            for (int c = 0; c < chunks; c++) {
                unit.load(b, c);
                int[] patternOf = NmgAssignment.greedy(unit.mass, width, count, g, keys);
                if (unit.dropsNonzero(patternOf) && unit.everyColumnFits()) {
                    int[] exact = NmgAssignment.exact(unit.coveringPatterns(), count, g, patternOf);
                    if (exact != null) patternOf = exact;
                }
                unit.store(patternOf, g, (b * chunks + c) * width, columns, data);
            }
        }
        return NmgMatrix.owning(rows, cols, layout, data, columns);
    }

    /** The segments of one (block, chunk) unit: its weights, scores and pattern masses, padding as zeros. */
    private static final class Unit {
        private final Tensor weights;
        private final Tensor scores;
        private final NmgPatterns patterns;
        private final int n, m, width, count;
        private final float[] segment; // [column][m] weights of the unit
        private final float[] score;   // [column][m] scores of the unit
        final float[] mass;            // [column][pattern]
        private int b, c;

        Unit(Tensor weights, Tensor scores, NmgPatterns patterns, int width) {
            this.weights = weights;
            this.scores = scores;
            this.patterns = patterns;
            this.n = patterns.n();
            this.m = patterns.m();
            this.width = width;
            this.count = patterns.count();
            this.segment = new float[width * m];
            this.score = new float[width * m];
            this.mass = new float[width * count];
        }

        void load(int block, int chunk) {
            this.b = block;
            this.c = chunk;
            int rows = weights.dim(0), cols = weights.dim(1);
            float[] w = weights.data(), s = scores.data();
            java.util.Arrays.fill(segment, 0f);
            java.util.Arrays.fill(score, 0f);
            for (int r = 0; r < m && b * m + r < rows; r++) {
                int row = b * m + r;
                for (int q = 0; q < width && c * width + q < cols; q++) {
                    int at = row * cols + c * width + q;
                    segment[q * m + r] = w[weights.offset() + at];
                    score[q * m + r] = s[scores.offset() + at];
                }
            }
            for (int q = 0; q < width; q++) {
                for (int p = 0; p < count; p++) {
                    float sum = 0f;
                    for (int j = 0; j < n; j++) sum += score[q * m + patterns.position(p, j)];
                    mass[q * count + p] = sum;
                }
            }
        }

        boolean dropsNonzero(int[] patternOf) {
            for (int q = 0; q < width; q++) {
                if (!covers(patternOf[q], q)) return true;
            }
            return false;
        }

        boolean everyColumnFits() {
            for (int q = 0; q < width; q++) {
                if (nonzeroCount(q) > n) return false;
            }
            return true;
        }

        /** For each column, the patterns that contain all of its nonzero positions. */
        int[][] coveringPatterns() {
            int[][] allowed = new int[width][];
            int[] buffer = new int[count];
            for (int q = 0; q < width; q++) {
                int k = 0;
                for (int p = 0; p < count; p++) {
                    if (covers(p, q)) buffer[k++] = p;
                }
                allowed[q] = java.util.Arrays.copyOf(buffer, k);
            }
            return allowed;
        }

        /** Writes the unit: slot p * g + i holds the i-th smallest column assigned to pattern p. */
        void store(int[] patternOf, int g, int slotBase, short[] columns, float[] data) {
            int[] next = new int[count];
            for (int q = 0; q < width; q++) { // increasing q, so each pattern's columns come out sorted
                int p = patternOf[q];
                int slot = slotBase + p * g + next[p]++;
                columns[slot] = (short) q;
                for (int j = 0; j < n; j++) data[slot * n + j] = segment[q * m + patterns.position(p, j)];
            }
        }

        private boolean covers(int p, int q) {
            int inPattern = 0;
            for (int j = 0; j < n; j++) if (segment[q * m + patterns.position(p, j)] != 0f) inPattern++;
            return inPattern == nonzeroCount(q);
        }

        private int nonzeroCount(int q) {
            int k = 0;
            for (int r = 0; r < m; r++) if (segment[q * m + r] != 0f) k++;
            return k;
        }
    }

    @Override
    public String toString() {
        return "greedy L1(" + layout + ")";
    }
}
