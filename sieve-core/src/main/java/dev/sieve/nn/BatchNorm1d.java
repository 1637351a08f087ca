package dev.sieve.nn;

import dev.sieve.autograd.Variable;

/**
 * Batch normalisation of {@code [N, C]} or {@code [N, C, L]} inputs per channel C, as
 * {@code torch.nn.BatchNorm1d}: y = (x − mean) / √(var + eps) · weight + bias, with the batch statistics
 * over N (and L) in training mode (biased variance to normalise, unbiased for the running estimate) and the
 * running statistics in evaluation mode. State-dict names as PyTorch: {@code weight}, {@code bias},
 * {@code running_mean}, {@code running_var}, {@code num_batches_tracked}.
 */
public final class BatchNorm1d extends BatchNormBase {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM, true, true);
    }

    /** {@code momentum} null means a cumulative average over all training batches. */
    public BatchNorm1d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    String kind() {
        return "BatchNorm1d";
    }

    @Override
    void checkInput(Variable x) {
        int r = x.dims().length;
        if (r != 2 && r != 3)
            throw new IllegalArgumentException("BatchNorm1d: expected a 2-D [N, C] or 3-D [N, C, L] input, got " + x.shape());
        checkChannels(x);
    }
}
