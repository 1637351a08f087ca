package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/**
 * Holds a matrix in a named layout, dropping nothing the layout can store.
 *
 * <p>coo, csr, csc, masked and bsr:RxC store any matrix exactly. tw:G stores exactly the rows that
 * have a nonzero and, per tile, the columns that have one. n:m and n:m:g fix their sparsity: their
 * sparsifier keeps the n largest of each group, so a matrix that already fits the pattern (an exact 2:4
 * matrix for nm:2:4) is kept exactly and any other loses its smallest values —
 * {@link #isLossy(Layout)} says which layouts can drop values.
 */
public final class LayoutConversions {
    private LayoutConversions() {}

    /** Whether holding a matrix in {@code layout} can drop nonzeros (n:m and n:m:g). */
    public static boolean isLossy(Layout layout) {
        return layout instanceof Layout.Nm || layout instanceof Layout.Nmg;
    }

    /**
     * {@code dense} in {@code layout}. For {@link Layout#DENSE} use the tensor itself: this returns only
     * sparse layouts.
     *
     * @throws IllegalArgumentException for the dense layout or a tensor that is not 2-D
     */
    public static SparseMatrix hold(Tensor dense, Layout layout) {
        if (dense.rank() != 2) {
            throw new IllegalArgumentException("a sparse layout holds a 2-D matrix, got shape " + dense.shape());
        }
        return switch (layout) {
            case Layout.Dense d -> throw new IllegalArgumentException("dense is not a sparse layout");
            case Layout.Coo c -> CooMatrix.fromDense(dense);
            case Layout.Csr c -> CsrMatrix.fromDense(dense);
            case Layout.Csc c -> CscMatrix.fromDense(dense);
            case Layout.Masked m -> MaskedMatrix.fromDense(dense);
            case Layout.Bsr b -> BsrMatrix.fromDense(dense, b.height(), b.width());
            case Layout.Nm nm -> new NmSparsifier(nm.n(), nm.m()).sparsify(dense);
            case Layout.Nmg nmg -> new NmgSparsifier(nmg.n(), nmg.m(), nmg.g()).sparsify(dense);
            case Layout.TileWise tw -> tileWiseOfNonzeros(dense, tw.g());
        };
    }

    /** A sparse matrix in another layout, by the same rules (through dense for the structured ones). */
    public static SparseMatrix hold(SparseMatrix matrix, Layout layout) {
        if (matrix.layout().equals(layout)) return matrix;
        return switch (layout) {
            case Layout.Coo c -> matrix.toCoo();
            case Layout.Csr c -> matrix instanceof CscMatrix csc ? csc.toCsr() : matrix.toCoo().toCsr();
            case Layout.Csc c -> matrix instanceof CsrMatrix csr ? csr.toCsc() : matrix.toCoo().toCsc();
            case Layout.Bsr b when matrix instanceof CsrMatrix csr -> BsrMatrix.fromCsr(csr, b.height(), b.width());
            default -> hold(matrix.toDense(), layout);
        };
    }

    /** Tile-wise with every row that has a nonzero, and per tile of G kept rows every column with one. */
    private static TileWiseMatrix tileWiseOfNonzeros(Tensor dense, int g) {
        int rows = dense.dim(0), cols = dense.dim(1);
        float[] d = dense.data();
        int off = dense.offset();
        int[] kept = new int[rows];
        int nKept = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (d[off + r * cols + c] != 0f) {
                    kept[nKept++] = r;
                    break;
                }
            }
        }
        int[] keptRows = java.util.Arrays.copyOf(kept, nKept);
        int tiles = (nKept + g - 1) / g;
        int[][] colsPerTile = new int[tiles][];
        boolean[] used = new boolean[cols];
        for (int t = 0; t < tiles; t++) {
            java.util.Arrays.fill(used, false);
            int count = 0;
            for (int i = t * g; i < Math.min(nKept, (t + 1) * g); i++) {
                int base = off + keptRows[i] * cols;
                for (int c = 0; c < cols; c++) {
                    if (!used[c] && d[base + c] != 0f) {
                        used[c] = true;
                        count++;
                    }
                }
            }
            int[] tileCols = new int[count];
            for (int c = 0, k = 0; c < cols; c++) if (used[c]) tileCols[k++] = c;
            colsPerTile[t] = tileCols;
        }
        return TileWiseMatrix.gather(dense, g, keptRows, colsPerTile);
    }
}
