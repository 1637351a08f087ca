package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * Block pruning to BSR: scores every R x C block of the grid ({@code ceil(rows / R) x ceil(cols / C)},
 * edge blocks clipped to the matrix) by the L2 norm of its scores and keeps exactly
 * {@code round((1 - s) * blockCount)} blocks with the largest norms, ties to the smaller row-major
 * block index. As with magnitude pruning, all-zero blocks are kept only when fewer blocks than that
 * hold a nonzero. Sparsity is counted in blocks, so with clipped edge blocks the element sparsity
 * differs slightly from s.
 */
public final class BlockL2Sparsifier implements Sparsifier<BsrMatrix> {
    private final Layout.Bsr layout;
    private final double sparsity;

    public BlockL2Sparsifier(int blockHeight, int blockWidth, double sparsity) {
        Checks.sparsity(sparsity);
        this.layout = new Layout.Bsr(blockHeight, blockWidth);
        this.sparsity = sparsity;
    }

    @Override
    public Layout.Bsr layout() {
        return layout;
    }

    public double sparsity() {
        return sparsity;
    }

    @Override
    public BsrMatrix sparsify(Tensor weights, Tensor scores) {
        Checks.scores(weights, scores);
        int bh = layout.height(), bw = layout.width();
        int rows = weights.dim(0), cols = weights.dim(1);
        int blockRows = Checks.ceilDiv(rows, bh), blockCols = Checks.ceilDiv(cols, bw);
        double[] norms = blockNorms(scores, bh, bw);
        int[] kept = TopK.largest(norms.length, Checks.keepCount(sparsity, norms.length), i -> TopK.doubleKey(norms[i]));
        // Kept block indices are increasing row-major, which is BSR order already.
        int[] blockRowPtr = new int[blockRows + 1];
        int[] blockColIdx = new int[kept.length];
        for (int k = 0; k < kept.length; k++) {
            blockRowPtr[kept[k] / blockCols + 1]++;
            blockColIdx[k] = kept[k] % blockCols;
        }
        for (int bi = 0; bi < blockRows; bi++) blockRowPtr[bi + 1] += blockRowPtr[bi];
        int area = bh * bw;
        float[] data = new float[Checks.arrayLength((long) kept.length * bh * bw, "the kept blocks")];
        float[] w = weights.data();
        for (int k = 0; k < kept.length; k++) {
            int r0 = kept[k] / blockCols * bh, c0 = blockColIdx[k] * bw;
            for (int r = 0; r < Math.min(bh, rows - r0); r++) {
                System.arraycopy(w, weights.offset() + (r0 + r) * cols + c0, data, k * area + r * bw, Math.min(bw, cols - c0));
            }
        }
        return BsrMatrix.owning(rows, cols, bh, bw, blockRowPtr, blockColIdx, data);
    }

    /** The L2 norm of each block's scores, row-major over the block grid. Exposed for global rankings. */
    public static double[] blockNorms(Tensor scores, int blockHeight, int blockWidth) {
        Checks.matrix(scores, "scores");
        new Layout.Bsr(blockHeight, blockWidth); // rejects R or C < 1 before they are divided by
        int rows = scores.dim(0), cols = scores.dim(1);
        int blockRows = Checks.ceilDiv(rows, blockHeight), blockCols = Checks.ceilDiv(cols, blockWidth);
        double[] sums = new double[Checks.arrayLength((long) blockRows * blockCols, "the block grid")];
        float[] s = scores.data();
        for (int i = 0; i < rows; i++) {
            int rowBase = scores.offset() + i * cols, gridRow = i / blockHeight * blockCols;
            for (int j = 0; j < cols; j++) {
                double x = s[rowBase + j];
                sums[gridRow + j / blockWidth] += x * x;
            }
        }
        for (int b = 0; b < sums.length; b++) sums[b] = Math.sqrt(sums[b]);
        return sums;
    }

    @Override
    public String toString() {
        return "block L2(" + layout + ", sparsity " + sparsity + ")";
    }
}
