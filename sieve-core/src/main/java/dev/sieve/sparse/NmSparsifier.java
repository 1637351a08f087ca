package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * n:m by top-n per group: in every aligned group of m columns of each row, keeps the n positions with
 * the largest scores (ties to the smaller position). A narrower last group (cols % m columns) keeps
 * {@code min(n, width)} positions and fills its remaining slots with padding. With magnitude scores,
 * a group that already has at most n nonzeros keeps all of them.
 */
public final class NmSparsifier implements Sparsifier<NmMatrix> {
    private final Layout.Nm layout;

    public NmSparsifier(int n, int m) {
        this.layout = new Layout.Nm(n, m);
    }

    @Override
    public Layout.Nm layout() {
        return layout;
    }

    @Override
    public NmMatrix sparsify(Tensor weights, Tensor scores) {
        Checks.scores(weights, scores);
        int n = layout.n(), m = layout.m();
        int rows = weights.dim(0), cols = weights.dim(1);
        int groups = Checks.ceilDiv(cols, m);
        int slots = Checks.arrayLength((long) rows * groups * n, "an " + layout + " matrix of " + rows + " x " + cols);
        float[] data = new float[slots];
        byte[] positions = new byte[slots];
        float[] w = weights.data(), s = scores.data();
        int[] order = new int[m];
        for (int i = 0; i < rows; i++) {
            int wRow = weights.offset() + i * cols, sRow = scores.offset() + i * cols;
            for (int g = 0; g < groups; g++) {
                int width = Math.min(m, cols - g * m);
                int keep = Math.min(n, width);
                int first = sRow + g * m;
                rankDescending(s, first, width, order);
                java.util.Arrays.sort(order, 0, keep);
                int slot = (i * groups + g) * n;
                for (int j = 0; j < n; j++) {
                    // Slots past `keep` are padding: positions width, width+1, ... lie beyond the last column.
                    int p = j < keep ? order[j] : width + (j - keep);
                    positions[slot + j] = (byte) p;
                    data[slot + j] = j < keep ? w[wRow + g * m + p] : 0f;
                }
            }
        }
        return NmMatrix.owning(rows, cols, n, m, data, positions);
    }

    /** order[0..width) = positions sorted by score descending, ties by position ascending (insertion sort: width <= 128). */
    private static void rankDescending(float[] s, int first, int width, int[] order) {
        for (int p = 0; p < width; p++) {
            int q = p;
            while (q > 0 && s[first + order[q - 1]] < s[first + p]) {
                order[q] = order[q - 1];
                q--;
            }
            order[q] = p;
        }
    }

    @Override
    public String toString() {
        return "top-n per group(" + layout + ")";
    }
}
