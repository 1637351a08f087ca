package dev.sieve.prune;

import dev.sieve.tensor.Tensor;
import java.util.Locale;

/**
 * The importance scores of the pruning toolkit. Each returns a {@link Score} that makes one stateful
 * {@link Importance} per selected parameter:
 * <ul>
 *   <li>{@link #magnitude()}: |w|;
 *   <li>{@link #taylor()}: first-order Taylor, Σ (g·w)² over the steps since the last mask update;
 *   <li>{@link #movement()}: −Σ g·w over all steps seen, shifted by its minimum to be non-negative;
 *   <li>{@link #wanda()}: |W_ij| · ‖X_j‖₂ over the inputs seen since the last mask update;
 *   <li>{@link #sparseGpt()}: saliency w²/U_jj² from H = 2XᵀX/n, and the OBS update of the kept weights.
 * </ul>
 */
public final class Scores {
    private Scores() {}

    public static Score magnitude() {
        return new Named("magnitude", dims -> new Magnitude());
    }

    public static Score taylor() {
        return new Named("taylor", dims -> new Taylor(size(dims)));
    }

    public static Score movement() {
        return new Named("movement", dims -> new Movement(size(dims)));
    }

    public static Score wanda() {
        return new Named("wanda", dims -> new Wanda(columns(dims, "wanda")));
    }

    /** SparseGPT with blocks of 128 columns and 1% damping. */
    public static Score sparseGpt() {
        return sparseGpt(SparseGpt.DEFAULT_BLOCK_SIZE, SparseGpt.DEFAULT_DAMPING);
    }

    public static Score sparseGpt(int blockSize, double damping) {
        if (blockSize < 1) throw new IllegalArgumentException("SparseGPT block size must be >= 1, got " + blockSize);
        if (!(damping >= 0) || Double.isInfinite(damping)) throw new IllegalArgumentException("SparseGPT damping must be >= 0, got " + damping);
        return new Named("sparsegpt", dims -> new SparseGptImportance(columns(dims, "sparsegpt"), blockSize, damping));
    }

    /**
     * The score named {@code magnitude}, {@code taylor}, {@code movement}, {@code wanda} or
     * {@code sparsegpt} (case-insensitive), as the CLI's {@code --method} takes it.
     */
    public static Score named(String name) {
        return switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "magnitude" -> magnitude();
            case "taylor" -> taylor();
            case "movement" -> movement();
            case "wanda" -> wanda();
            case "sparsegpt" -> sparseGpt();
            default -> throw new IllegalArgumentException("unknown score '" + name + "': expected magnitude, taylor, movement, wanda or sparsegpt");
        };
    }

    private record Named(String name, java.util.function.Function<int[], Importance> factory) implements Score {
        @Override
        public Importance create(int[] dims) {
            return factory.apply(dims.clone());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static int size(int[] dims) {
        long n = 1;
        for (int d : dims) n *= d;
        if (n > Integer.MAX_VALUE) throw new IllegalArgumentException("weight of " + n + " elements is too large");
        return (int) n;
    }

    private static int columns(int[] dims, String score) {
        if (dims.length != 2) throw new IllegalArgumentException(score + " scores a 2-D weight view, got rank " + dims.length);
        return dims[1];
    }

    private static void checkShape(Tensor weight, int size) {
        if (weight.size() != size)
            throw new IllegalArgumentException("weight has " + weight.size() + " elements, the score was made for " + size);
    }

    private static final class Magnitude implements Importance {
        @Override
        public Tensor scores(Tensor weight) {
            float[] s = weight.toArray();
            for (int i = 0; i < s.length; i++) s[i] = Math.abs(s[i]);
            return finite(Tensor.wrap(s, weight.dims()), "magnitude");
        }
    }

    /**
     * A per-element sum over training steps of a term of g·w, accumulated in double: the shared part of
     * Taylor and movement, which differ only in the term and in how the sum becomes a score.
     */
    private abstract static class GradientProductSum implements Importance {
        private final String name;
        final double[] sum;
        private int observed;

        GradientProductSum(String name, int size) {
            this.name = name;
            this.sum = new double[size];
        }

        /** The step's contribution for one element, given its g·w. */
        abstract double term(double gw);

        /** The non-negative scores from the accumulated sums. */
        abstract float[] scores(double[] sum);

        @Override
        public boolean needsGradients() {
            return true;
        }

        @Override
        public void observeGradient(Tensor weight, Tensor grad) {
            checkShape(weight, sum.length);
            checkShape(grad, sum.length);
            float[] w = weight.data(), g = grad.data();
            int wo = weight.offset(), go = grad.offset();
            for (int i = 0; i < sum.length; i++) sum[i] += term((double) g[go + i] * w[wo + i]);
            observed++;
        }

        @Override
        public Tensor scores(Tensor weight) {
            checkShape(weight, sum.length);
            if (observed == 0) throw new IllegalStateException(name + " needs gradients: train a step or calibrate with labelled batches first");
            return finite(Tensor.wrap(scores(sum), weight.dims()), name);
        }

        @Override
        public void resetGradients() {
            java.util.Arrays.fill(sum, 0);
            observed = 0;
        }
    }

    /** Σ (g·w)² since the last mask update. */
    private static final class Taylor extends GradientProductSum {
        Taylor(int size) {
            super("taylor", size);
        }

        @Override
        double term(double gw) {
            return gw * gw;
        }

        @Override
        float[] scores(double[] sum) {
            float[] s = new float[sum.length];
            for (int i = 0; i < s.length; i++) s[i] = (float) sum[i];
            return s;
        }

        @Override
        public void afterUpdate() {
            resetGradients();
        }
    }

    /** −Σ g·w over every step seen, shifted by its minimum when scored. */
    private static final class Movement extends GradientProductSum {
        Movement(int size) {
            super("movement", size);
        }

        @Override
        double term(double gw) {
            return -gw;
        }

        @Override
        float[] scores(double[] sum) {
            double min = Double.POSITIVE_INFINITY;
            for (double x : sum) min = Math.min(min, x);
            float[] s = new float[sum.length];
            for (int i = 0; i < s.length; i++) s[i] = (float) (sum[i] - min);
            return s;
        }
    }

    /** |W_ij| · ‖X_j‖₂ with Σ_t X_tj² gathered since the last mask update. */
    private static final class Wanda implements Importance {
        private final double[] squares;
        private long tokens;

        Wanda(int cols) {
            this.squares = new double[cols];
        }

        @Override
        public boolean needsInputs() {
            return true;
        }

        @Override
        public void observeInput(Tensor x) {
            int cols = squares.length;
            if (x.dim(x.rank() - 1) != cols) throw new IllegalArgumentException("wanda: inputs " + x.shape() + " must end in " + cols);
            float[] d = x.data();
            int o = x.offset(), n = x.size() / cols;
            for (int t = 0; t < n; t++) {
                int row = o + t * cols;
                for (int j = 0; j < cols; j++) squares[j] += (double) d[row + j] * d[row + j];
            }
            tokens += n;
        }

        @Override
        public Tensor scores(Tensor weight) {
            int cols = squares.length;
            if (weight.rank() != 2 || weight.dim(1) != cols)
                throw new IllegalArgumentException("wanda: weight " + weight.shape() + " must be [out, " + cols + "]");
            if (tokens == 0) throw new IllegalStateException("wanda needs the layer's inputs: calibrate with input batches first");
            float[] w = weight.toArray();
            for (int i = 0; i < w.length; i++) w[i] = (float) (Math.abs(w[i]) * Math.sqrt(squares[i % cols]));
            return finite(Tensor.wrap(w, weight.dims()), "wanda");
        }

        @Override
        public void afterUpdate() {
            resetInputs();
        }

        @Override
        public void resetInputs() {
            java.util.Arrays.fill(squares, 0);
            tokens = 0;
        }
    }

    /** SparseGPT: the Hessian of the inputs, saliency for selection, OBS compensation when pruning. */
    private static final class SparseGptImportance implements Importance {
        private final SparseGpt.Hessian hessian;
        private final int blockSize;
        private final double damping;
        private SparseGpt.Factor factor; // of the current Hessian, computed by scores()

        SparseGptImportance(int cols, int blockSize, double damping) {
            this.hessian = new SparseGpt.Hessian(cols);
            this.blockSize = blockSize;
            this.damping = damping;
        }

        @Override
        public boolean needsInputs() {
            return true;
        }

        @Override
        public void observeInput(Tensor x) {
            hessian.add(x);
            factor = null;
        }

        private SparseGpt.Factor factor() {
            if (hessian.samples() == 0) throw new IllegalStateException("sparsegpt needs the layer's inputs: calibrate with input batches first");
            if (factor == null) factor = SparseGpt.factor(hessian, damping);
            return factor;
        }

        @Override
        public Tensor scores(Tensor weight) {
            return finite(SparseGpt.saliency(weight, factor()), "sparsegpt");
        }

        @Override
        public Tensor prune(Tensor weight, Tensor keep, Reselection reselect) {
            boolean adaptive = reselect != null && reselect.columnSeparable(blockSize);
            return SparseGpt.prune(weight, factor(), keep, adaptive ? reselect::mask : null, blockSize);
        }

        @Override
        public void afterUpdate() {
            resetInputs();
        }

        @Override
        public void resetInputs() {
            hessian.reset();
            factor = null;
        }
    }

    private static Tensor finite(Tensor scores, String name) {
        float[] s = scores.data();
        for (int i = 0; i < s.length; i++) {
            if (!Float.isFinite(s[i]))
                throw new IllegalArgumentException(name + " score at index " + i + " is " + s[i] + "; the weights or statistics are not finite");
        }
        return scores;
    }
}
