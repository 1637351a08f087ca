package dev.sieve.nn;

import dev.sieve.autograd.Variable;

/**
 * Batch normalisation of {@code [N, C, H, W]} inputs per channel C, as {@code torch.nn.BatchNorm2d}: the
 * statistics of each channel run over N, H and W. Otherwise as {@link BatchNorm1d}.
 */
public final class BatchNorm2d extends BatchNormBase {
    /** eps 1e-5, momentum 0.1, affine, tracking running statistics. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, DEFAULT_EPS, DEFAULT_MOMENTUM, true, true);
    }

    /** {@code momentum} null means a cumulative average over all training batches. */
    public BatchNorm2d(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        super(numFeatures, eps, momentum, affine, trackRunningStats);
    }

    @Override
    String kind() {
        return "BatchNorm2d";
    }

    @Override
    void checkInput(Variable x) {
        if (x.dims().length != 4)
            throw new IllegalArgumentException("BatchNorm2d: expected a 4-D [N, C, H, W] input, got " + x.shape());
        checkChannels(x);
    }
}
