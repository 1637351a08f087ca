package dev.sieve.kernel;

/**
 * Normalisations over one contiguous run {@code [off, off + n)}. {@code out} may be the same run as
 * {@code x} (in place); other overlaps are not supported.
 */
public interface NormalizationKernels {

    /**
     * out[i] = e^(x[i] - max) / sum_j e^(x[j] - max). Subtracting the max keeps every exponent <= 0,
     * so nothing overflows. A NaN anywhere, or +infinity, or a run of only -infinity gives NaN
     * everywhere (as PyTorch).
     */
    void softmax(float[] x, int xOff, float[] out, int outOff, int n);

    /** out[i] = (x[i] - max) - log(sum_j e^(x[j] - max)): log(softmax) without its underflow. */
    void logSoftmax(float[] x, int xOff, float[] out, int outOff, int n);

    /**
     * Layer normalisation as PyTorch: out[i] = (x[i] - mean) / sqrt(var + eps) · gamma[i] + beta[i],
     * with the biased variance (divided by n). {@code gamma} and {@code beta} may each be null, meaning
     * 1 and 0. The variance is the mean of squared deviations (two passes), which unlike
     * E[x²] - mean² cannot go negative or lose everything to cancellation.
     */
    void layerNorm(float[] x, int xOff, float[] gamma, int gammaOff, float[] beta, int betaOff,
                   float eps, float[] out, int outOff, int n);
}
