package dev.sieve.prune;

import dev.sieve.sparse.Layout;
import dev.sieve.sparse.MagnitudeSparsifier;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Targets that keep or prune whole units of a 2-D weight (elements, R x C blocks, rows, heads). A unit
 * scores the L2 norm of its element scores. Per layer, the {@code round((1 − s) · units)} best units are
 * kept (ties to the smaller unit index, as the sparsifiers do). Globally, units of every parameter are
 * ranked by their RMS score (the L2 norm over √size, so units of layers with different widths compare
 * fairly; for elements it is the score itself) and taken while their elements fit
 * {@code round((1 − s) · total elements)} ({@link UnitRanking}).
 */
abstract class UnitTarget implements Target {
    private final double sparsity;
    private final Layout layout;
    private final boolean global;

    UnitTarget(double sparsity, Layout layout, boolean global) {
        Targets.checkSparsity(sparsity);
        this.sparsity = sparsity;
        this.layout = java.util.Objects.requireNonNull(layout, "layout");
        this.global = global;
    }

    /** The number of units of a rows x cols weight (checks that the weight suits this target). */
    abstract int unitCount(int rows, int cols);

    /** The unit of position (r, c). */
    abstract int unitOf(int r, int c, int rows, int cols);

    /** This rule with another materialization layout or globality. */
    abstract UnitTarget with(Layout layout, boolean global);

    /** The rule's name and parameters, without the sparsity. */
    abstract String rule();

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
        return with(layout, true);
    }

    @Override
    public Target materializeAs(Layout layout) {
        return with(Targets.checkMaterializable(layout), global);
    }

    @Override
    public Tensor mask(Tensor scores, double s) {
        return global ? masks(List.of(scores), s).get(0) : perLayer(scores, s);
    }

    private Tensor perLayer(Tensor scores, double s) {
        Targets.checkScheduled(this, scores, s);
        int rows = scores.dim(0), cols = scores.dim(1);
        int units = unitCount(rows, cols);
        double[] sq = unitSquares(scores, units);
        float[] norms = new float[units];
        for (int u = 0; u < units; u++) norms[u] = (float) Math.sqrt(sq[u]);
        boolean[] kept = new boolean[units];
        for (int u : MagnitudeSparsifier.keep(Tensor.wrap(norms, units), s)) kept[u] = true;
        return expand(kept, rows, cols);
    }

    @Override
    public List<Tensor> masks(List<Tensor> scores, double s) {
        if (!global) {
            List<Tensor> out = new ArrayList<>();
            for (Tensor t : scores) out.add(perLayer(t, s));
            return out;
        }
        List<float[]> unitScores = new ArrayList<>();
        List<int[]> unitSizes = new ArrayList<>();
        long total = 0;
        for (Tensor t : scores) {
            Targets.checkScheduled(this, t, s);
            int rows = t.dim(0), cols = t.dim(1);
            int units = unitCount(rows, cols);
            double[] sq = unitSquares(t, units);
            int[] size = new int[units];
            for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) size[unitOf(r, c, rows, cols)]++;
            float[] rms = new float[units];
            for (int u = 0; u < units; u++) rms[u] = size[u] == 0 ? 0f : (float) Math.sqrt(sq[u] / size[u]);
            unitScores.add(rms);
            unitSizes.add(size);
            total += t.size();
        }
        boolean[][] kept = UnitRanking.select(unitScores, unitSizes, Math.round((1.0 - s) * total));
        List<Tensor> out = new ArrayList<>();
        for (int l = 0; l < scores.size(); l++) out.add(expand(kept[l], scores.get(l).dim(0), scores.get(l).dim(1)));
        return out;
    }

    private double[] unitSquares(Tensor scores, int units) {
        int rows = scores.dim(0), cols = scores.dim(1);
        float[] d = scores.data();
        int o = scores.offset();
        double[] sq = new double[units];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double x = d[o + r * cols + c];
                sq[unitOf(r, c, rows, cols)] += x * x;
            }
        }
        return sq;
    }

    private Tensor expand(boolean[] kept, int rows, int cols) {
        Tensor keep = Tensor.zeros(rows, cols);
        float[] k = keep.data();
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) if (kept[unitOf(r, c, rows, cols)]) k[r * cols + c] = 1f;
        return keep;
    }

    @Override
    public String toString() {
        return rule() + "(" + sparsity + (global ? ", global" : "") + ", as " + layout + ")";
    }

    /** Single elements: unstructured pruning. */
    static final class Elements extends UnitTarget {
        Elements(double sparsity, Layout layout, boolean global) {
            super(sparsity, layout, global);
        }

        @Override
        int unitCount(int rows, int cols) {
            return Math.multiplyExact(rows, cols);
        }

        @Override
        int unitOf(int r, int c, int rows, int cols) {
            return r * cols + c;
        }

        @Override
        public Tensor mask(Tensor scores, double s) {
            if (isGlobal()) return super.mask(scores, s);
            Targets.checkScheduled(this, scores, s);
            return Masks.ofPositions(scores.dim(0), scores.dim(1), MagnitudeSparsifier.keep(scores, s));
        }

        @Override
        public List<Tensor> masks(List<Tensor> scores, double s) {
            if (!isGlobal()) {
                List<Tensor> out = new ArrayList<>();
                for (Tensor t : scores) out.add(mask(t, s));
                return out;
            }
            return super.masks(scores, s);
        }

        @Override
        public boolean columnSeparable(int blockSize, double s) {
            return !isGlobal();
        }

        @Override
        UnitTarget with(Layout layout, boolean global) {
            return new Elements(sparsity(), layout, global);
        }

        @Override
        String rule() {
            return "unstructured";
        }
    }

    /** R x C blocks of the grid (edge blocks clipped), as BSR stores them. */
    static final class Blocks extends UnitTarget {
        private final int height, width;

        Blocks(int height, int width, double sparsity, Layout layout, boolean global) {
            super(sparsity, layout, global);
            new Layout.Bsr(height, width); // validates the block shape
            this.height = height;
            this.width = width;
        }

        @Override
        int unitCount(int rows, int cols) {
            return Math.multiplyExact(ceilDiv(rows, height), ceilDiv(cols, width));
        }

        @Override
        int unitOf(int r, int c, int rows, int cols) {
            return r / height * ceilDiv(cols, width) + c / width;
        }

        @Override
        UnitTarget with(Layout layout, boolean global) {
            return new Blocks(height, width, sparsity(), layout, global);
        }

        @Override
        String rule() {
            return "blocks " + height + "x" + width;
        }
    }

    /** Whole rows: output neurons of a Linear, output channels of a conv weight [O, C, kh, kw]. */
    static final class Rows extends UnitTarget {
        private final String name;

        Rows(String name, double sparsity, Layout layout, boolean global) {
            super(sparsity, layout, global);
            this.name = name;
        }

        @Override
        int unitCount(int rows, int cols) {
            return rows;
        }

        @Override
        int unitOf(int r, int c, int rows, int cols) {
            return r;
        }

        @Override
        UnitTarget with(Layout layout, boolean global) {
            return new Rows(name, sparsity(), layout, global);
        }

        @Override
        String rule() {
            return name;
        }
    }

    /**
     * Attention heads: the rows are {@code sections} equal parts (3 for the q, k, v rows of
     * MultiheadAttention's in_proj_weight), each cut into heads of {@code headSize} rows; head h is its
     * group of rows in every section.
     */
    static final class Heads extends UnitTarget {
        private final int headSize, sections;

        int headSize() {
            return headSize;
        }

        int sections() {
            return sections;
        }

        Heads(int headSize, int sections, double sparsity, Layout layout, boolean global) {
            super(sparsity, layout, global);
            if (headSize < 1 || sections < 1)
                throw new IllegalArgumentException("head size and sections must be >= 1, got " + headSize + " and " + sections);
            this.headSize = headSize;
            this.sections = sections;
        }

        @Override
        int unitCount(int rows, int cols) {
            if (rows % (sections * headSize) != 0)
                throw new IllegalArgumentException("heads of " + headSize + " rows in " + sections + " section(s) need rows divisible by "
                        + sections * headSize + ", the weight has " + rows);
            return rows / sections / headSize;
        }

        @Override
        int unitOf(int r, int c, int rows, int cols) {
            return r % (rows / sections) / headSize;
        }

        @Override
        UnitTarget with(Layout layout, boolean global) {
            return new Heads(headSize, sections, sparsity(), layout, global);
        }

        @Override
        String rule() {
            return "heads of " + headSize + (sections > 1 ? " x " + sections + " sections" : "");
        }
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
