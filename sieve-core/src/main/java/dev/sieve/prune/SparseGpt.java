package dev.sieve.prune;

import dev.sieve.ops.MatMul;
import dev.sieve.tensor.Tensor;
import java.util.function.UnaryOperator;

/**
 * One-shot pruning with error compensation after SparseGPT (Frantar &amp; Alistarh, 2023), for a weight
 * W [rows, cols] that computes y = W·x on calibration inputs x [cols]:
 * <ol>
 *   <li>H = 2·XᵀX / n from the calibration inputs ({@link Hessian}); a column whose input is always 0
 *       ("dead") gets H_jj = 1 and its weights are set to 0;
 *   <li>damping: H += λ·I with λ = {@code damping} · mean(diag H) (1% by default);
 *   <li>U = the upper Cholesky factor of H⁻¹ (H⁻¹ = UᵀU), {@link Factor};
 *   <li>saliency of each weight w²/U_jj² ({@link #saliency}), which chooses the mask through any target;
 *   <li>the columns are visited left to right in blocks of {@code blockSize} (128): each pruned weight is
 *       set to 0 and its error (w − 0)/U_jj is spread over the not yet visited weights of its row by the
 *       optimal-brain-surgeon update W[r, j] −= err · U[i, j] (j &gt; i), exactly inside the block and
 *       lazily, as one GEMM, for the columns after it.
 * </ol>
 * With {@code reselect}, the mask of each block after the first is chosen again from the saliency of
 * the weights as updated so far (SparseGPT's adaptive mask selection), with the earlier columns pinned
 * to their decisions; this suits targets whose column blocks can be chosen independently (unstructured,
 * per row, n:m with m dividing the block size).
 */
public final class SparseGpt {
    public static final int DEFAULT_BLOCK_SIZE = 128;
    public static final double DEFAULT_DAMPING = 0.01;

    private SparseGpt() {}

    /** Accumulates Σ xᵀx over calibration inputs x [tokens, cols] and the number of tokens. */
    public static final class Hessian {
        private final int cols;
        private final double[] sum;
        private long samples;

        public Hessian(int cols) {
            if (cols < 1) throw new IllegalArgumentException("a Hessian needs at least one column, got " + cols);
            this.cols = cols;
            this.sum = new double[Math.multiplyExact(cols, cols)];
        }

        public int cols() {
            return cols;
        }

        /** Adds the inputs {@code x} [tokens, cols] (any leading shape whose last dimension is cols). */
        public void add(Tensor x) {
            if (x.rank() < 1 || x.dim(x.rank() - 1) != cols)
                throw new IllegalArgumentException("Hessian of " + cols + " columns: inputs " + x.shape() + " must end in " + cols);
            int tokens = x.size() / cols;
            if (tokens == 0) return;
            Tensor x2 = x.reshape(tokens, cols);
            Tensor xtx = MatMul.matmul(x2.t(), x2); // float GEMM per batch, summed in double across batches
            float[] g = xtx.data();
            int o = xtx.offset();
            for (int i = 0; i < sum.length; i++) sum[i] += g[o + i];
            samples += tokens;
        }

        /** Tokens added so far. */
        public long samples() {
            return samples;
        }

        /** H = 2·XᵀX / n, row-major [cols, cols] (a copy). */
        public double[] matrix() {
            if (samples == 0) throw new IllegalStateException("the Hessian has no calibration inputs yet");
            double[] h = new double[sum.length];
            double scale = 2.0 / samples;
            for (int i = 0; i < h.length; i++) h[i] = sum[i] * scale;
            return h;
        }

        public void reset() {
            java.util.Arrays.fill(sum, 0);
            samples = 0;
        }
    }

    /** U with H⁻¹ = UᵀU for the damped Hessian, and which columns were dead. */
    public static final class Factor {
        private final int cols;
        private final double[] u;
        private final boolean[] dead;
        private final double damping;

        private Factor(int cols, double[] u, boolean[] dead, double damping) {
            this.cols = cols;
            this.u = u;
            this.dead = dead;
            this.damping = damping;
        }

        public int cols() {
            return cols;
        }

        /** U_jj. */
        public double diagonal(int j) {
            return u[j * cols + j];
        }

        /** U_ij (0 below the diagonal). */
        public double get(int i, int j) {
            return u[i * cols + j];
        }

        public boolean isDead(int j) {
            return dead[j];
        }

        /** The damping fraction that made H positive definite (the one asked for, or a larger one). */
        public double damping() {
            return damping;
        }
    }

    /** The factor of {@code hessian}'s H with damping λ = {@code damping} · mean(diag H). */
    public static Factor factor(Hessian hessian, double damping) {
        return factor(hessian.matrix(), hessian.cols(), damping);
    }

    /**
     * The factor of the symmetric positive semi-definite {@code h} [cols, cols] with damping λ =
     * {@code damping} · mean(diag H). If H + λI is still not positive definite in double precision, the
     * damping is multiplied by 10 until it is (at most 6 times).
     */
    public static Factor factor(double[] h, int cols, double damping) {
        if (h.length != (long) cols * cols) throw new IllegalArgumentException("H has " + h.length + " entries, expected " + cols + "^2");
        if (!(damping >= 0) || Double.isInfinite(damping)) throw new IllegalArgumentException("damping must be >= 0, got " + damping);
        double[] a = h.clone();
        boolean[] dead = new boolean[cols];
        double meanDiag = 0;
        for (int j = 0; j < cols; j++) {
            if (a[j * cols + j] == 0) {
                dead[j] = true;
                a[j * cols + j] = 1;
            }
            meanDiag += a[j * cols + j];
        }
        meanDiag /= cols;
        double d = damping;
        for (int attempt = 0; attempt <= 6; attempt++) {
            double[] damped = a.clone();
            double lambda = d * meanDiag;
            for (int j = 0; j < cols; j++) damped[j * cols + j] += lambda;
            double[] u = Cholesky.upperFactorOfInverse(damped, cols);
            if (u != null) return new Factor(cols, u, dead, d);
            d = d == 0 ? 1e-6 : d * 10;
        }
        throw new IllegalArgumentException("the Hessian is not positive definite even with damping " + d / 10
                + " of its mean diagonal; it has non-finite entries or is not a Gram matrix");
    }

    /** The saliency w²/U_jj² of every weight (0 in dead columns), the OBS loss of pruning it alone. */
    public static Tensor saliency(Tensor weight, Factor f) {
        checkWeight(weight, f);
        int rows = weight.dim(0), cols = weight.dim(1);
        float[] w = weight.data();
        float[] s = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                if (f.dead[j]) continue;
                double x = w[weight.offset() + r * cols + j], d = f.diagonal(j);
                s[r * cols + j] = (float) (x * x / (d * d));
            }
        }
        return Tensor.wrap(s, rows, cols);
    }

    /**
     * Prunes {@code weight} [rows, cols] in place to {@code keep} (the mask chosen for the first block, and
     * for all of them without {@code reselect}) and compensates with the blocked OBS update; returns the
     * final keep-mask. {@code reselect}, if not null, maps saliency scores of the whole matrix to a mask
     * (the target's selection) and chooses each later block's mask as described in the class notes.
     */
    public static Tensor prune(Tensor weight, Factor f, Tensor keep, UnaryOperator<Tensor> reselect, int blockSize) {
        checkWeight(weight, f);
        if (blockSize < 1) throw new IllegalArgumentException("block size must be >= 1, got " + blockSize);
        int rows = weight.dim(0), cols = weight.dim(1);
        if (!keep.shape().equals(weight.shape()))
            throw new IllegalArgumentException("mask " + keep.shape() + " does not match the weight " + weight.shape());
        float[] w = weight.data();
        int wo = weight.offset();
        for (int j = 0; j < cols; j++) if (f.dead[j]) for (int r = 0; r < rows; r++) w[wo + r * cols + j] = 0f;
        float[] mask = keep.toArray();
        for (int i1 = 0; i1 < cols; i1 += blockSize) {
            int i2 = Math.min(cols, i1 + blockSize), count = i2 - i1;
            if (reselect != null && i1 > 0) reselectBlock(weight, f, mask, reselect, i1, i2);
            double[] w1 = new double[rows * count];
            float[] err = new float[rows * count];
            for (int r = 0; r < rows; r++) for (int c = 0; c < count; c++) w1[r * count + c] = w[wo + r * cols + i1 + c];
            for (int c = 0; c < count; c++) {
                int i = i1 + c;
                double d = f.diagonal(i);
                for (int r = 0; r < rows; r++) {
                    if (mask[r * cols + i] != 0f) continue;
                    double e = w1[r * count + c] / d;
                    w1[r * count + c] = 0;
                    err[r * count + c] = (float) e;
                    int row = r * count;
                    for (int k = c + 1; k < count; k++) w1[row + k] -= e * f.u[i * cols + i1 + k];
                }
            }
            for (int r = 0; r < rows; r++) for (int c = 0; c < count; c++) w[wo + r * cols + i1 + c] = (float) w1[r * count + c];
            if (i2 < cols) {
                float[] tail = new float[count * (cols - i2)];
                for (int c = 0; c < count; c++) {
                    for (int j = i2; j < cols; j++) tail[c * (cols - i2) + j - i2] = (float) f.u[(i1 + c) * cols + j];
                }
                Tensor update = MatMul.matmul(Tensor.wrap(err, rows, count), Tensor.wrap(tail, count, cols - i2));
                float[] up = update.data();
                for (int r = 0; r < rows; r++) {
                    for (int j = i2; j < cols; j++) w[wo + r * cols + j] -= up[update.offset() + r * (cols - i2) + j - i2];
                }
            }
        }
        return Tensor.wrap(mask, rows, cols);
    }

    /** Chooses columns [i1, i2) of {@code mask} from the current saliency, columns before i1 pinned. */
    private static void reselectBlock(Tensor weight, Factor f, float[] mask, UnaryOperator<Tensor> reselect, int i1, int i2) {
        int rows = weight.dim(0), cols = weight.dim(1);
        Tensor scores = saliency(weight, f);
        float[] s = scores.data();
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                int p = r * cols + j;
                // Pinned columns keep their decision; later ones get at least the smallest positive score
                // so that ties at zero never prefer an already pruned position.
                s[p] = j < i1 ? (mask[p] != 0f ? Float.MAX_VALUE : 0f) : Math.max(s[p], Float.MIN_VALUE);
            }
        }
        Tensor chosen = reselect.apply(scores);
        if (!chosen.shape().equals(weight.shape()))
            throw new IllegalStateException("the mask selection returned " + chosen.shape() + " for a weight " + weight.shape());
        float[] c = chosen.data();
        for (int r = 0; r < rows; r++) {
            for (int j = i1; j < cols; j++) mask[r * cols + j] = c[chosen.offset() + r * cols + j];
        }
    }

    private static void checkWeight(Tensor weight, Factor f) {
        if (weight.rank() != 2 || weight.dim(1) != f.cols)
            throw new IllegalArgumentException("weight " + weight.shape() + " does not match a Hessian of " + f.cols + " columns");
    }
}
