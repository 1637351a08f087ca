package dev.sieve.kernel;

/**
 * Normalisations down the columns of a row-major block: for activations stored feature-major
 * ({@code [features, tokens]}, one token per column) a per-token normalisation runs down a column, and
 * these kernels vectorise it across neighbouring columns (tokens) instead of within one.
 *
 * <p>The block is {@code rows x cols} with element (r, c) at {@code off + r·ld + c}. {@code y} may be the
 * same block as {@code x} (in place); other overlaps are not supported.
 */
public interface ColumnNormKernels {

    /**
     * Layer norm of every column over its {@code rows} entries, as PyTorch's layer_norm: y = (x − mean) /
     * √(biased variance + eps) · gamma[r] + beta[r]. {@code gamma} and {@code beta} (one per row, from
     * offset 0) may each be null, meaning 1 and 0. Two passes (mean, then the mean of squared deviations).
     */
    void layerNorm(float[] x, int xOff, int ld, int rows, int cols, float[] gamma, float[] beta, float eps, float[] y, int yOff);
}
