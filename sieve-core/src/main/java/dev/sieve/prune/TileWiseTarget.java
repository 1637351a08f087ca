package dev.sieve.prune;

import dev.sieve.sparse.Layout;
import dev.sieve.sparse.TileWiseSparsifier;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Tile-wise (TW) in two steps of sparsity s' = 1 − √(1 − s) each. Per layer it is
 * {@link TileWiseSparsifier}: keep the output rows with the largest L2 score, cut them in order into tiles
 * of G, keep in each tile its best input columns. Global: step 1 ranks the rows of all parameters together,
 * step 2 the (tile, column) segments of all tiles of all parameters together, both by RMS score and with
 * element budgets ({@link UnitRanking}), so layers and tiles keep different amounts.
 */
final class TileWiseTarget implements Target {
    private final int tileSize;
    private final double sparsity;
    private final Layout layout;
    private final boolean global;

    TileWiseTarget(int tileSize, double sparsity, Layout layout, boolean global) {
        Targets.checkSparsity(sparsity);
        new Layout.TileWise(tileSize); // validates G
        this.tileSize = tileSize;
        this.sparsity = sparsity;
        this.layout = Targets.checkMaterializable(layout);
        this.global = global;
    }

    @Override
    public double sparsity() {
        return sparsity;
    }

    @Override
    public Layout layout() {
        return layout;
    }

    @Override
    public boolean isGlobal() {
        return global;
    }

    @Override
    public Target global() {
        return new TileWiseTarget(tileSize, sparsity, layout, true);
    }

    @Override
    public Target materializeAs(Layout layout) {
        return new TileWiseTarget(tileSize, sparsity, layout, global);
    }

    @Override
    public Tensor mask(Tensor scores, double s) {
        Targets.checkScheduled(this, scores, s);
        if (global) return masks(List.of(scores), s).get(0);
        int rows = scores.dim(0), cols = scores.dim(1);
        return Masks.of(new TileWiseSparsifier(tileSize, s).sparsify(Tensor.full(1f, rows, cols), scores));
    }

    @Override
    public List<Tensor> masks(List<Tensor> scores, double s) {
        if (!global) {
            List<Tensor> out = new ArrayList<>();
            for (Tensor t : scores) out.add(mask(t, s));
            return out;
        }
        double step = TileWiseSparsifier.stepSparsity(s);
        // Step 1: rows of every parameter, by RMS of their scores.
        List<float[]> rowScores = new ArrayList<>();
        List<int[]> rowSizes = new ArrayList<>();
        long total = 0;
        for (Tensor t : scores) {
            Targets.checkScheduled(this, t, s);
            int rows = t.dim(0), cols = t.dim(1);
            double[] l2 = TileWiseSparsifier.rowScores(t);
            float[] rms = new float[rows];
            for (int r = 0; r < rows; r++) rms[r] = cols == 0 ? 0f : (float) (l2[r] / Math.sqrt(cols));
            int[] size = new int[rows];
            java.util.Arrays.fill(size, cols);
            rowScores.add(rms);
            rowSizes.add(size);
            total += t.size();
        }
        boolean[][] rowKept = UnitRanking.select(rowScores, rowSizes, Math.round((1.0 - step) * total));
        // Step 2: the segments (tile, column) of every kept tile, by RMS over the tile's rows.
        List<int[]> keptRows = new ArrayList<>();
        List<float[]> segScores = new ArrayList<>();
        List<int[]> segSizes = new ArrayList<>();
        long keptTotal = 0;
        for (int l = 0; l < scores.size(); l++) {
            Tensor t = scores.get(l);
            int cols = t.dim(1);
            int[] kr = indices(rowKept[l]);
            keptRows.add(kr);
            double[] seg = TileWiseSparsifier.segmentScores(t, kr, tileSize);
            float[] rms = new float[seg.length];
            int[] size = new int[seg.length];
            for (int i = 0; i < seg.length; i++) {
                int tile = i / Math.max(1, cols);
                size[i] = Math.min(tileSize, kr.length - tile * tileSize);
                rms[i] = (float) (seg[i] / Math.sqrt(size[i]));
            }
            segScores.add(rms);
            segSizes.add(size);
            keptTotal += (long) kr.length * cols;
        }
        boolean[][] segKept = UnitRanking.select(segScores, segSizes, Math.round((1.0 - step) * keptTotal));
        List<Tensor> out = new ArrayList<>();
        for (int l = 0; l < scores.size(); l++) {
            int rows = scores.get(l).dim(0), cols = scores.get(l).dim(1);
            int[] kr = keptRows.get(l);
            Tensor keep = Tensor.zeros(rows, cols);
            float[] k = keep.data();
            for (int i = 0; i < kr.length; i++) {
                int tile = i / tileSize;
                for (int c = 0; c < cols; c++) if (segKept[l][tile * cols + c]) k[kr[i] * cols + c] = 1f;
            }
            out.add(keep);
        }
        return out;
    }

    private static int[] indices(boolean[] kept) {
        int n = 0;
        for (boolean b : kept) if (b) n++;
        int[] out = new int[n];
        for (int i = 0, k = 0; i < kept.length; i++) if (kept[i]) out[k++] = i;
        return out;
    }

    @Override
    public String toString() {
        return "tile-wise " + tileSize + "(" + sparsity + (global ? ", global" : "") + ", as " + layout + ")";
    }
}
