package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share: torch's {@code _BatchNorm} over axis 1 of the
 * input. Parameters {@code weight} (ones) and {@code bias} (zeros) when affine; buffers
 * {@code running_mean} (zeros), {@code running_var} (ones) and {@code num_batches_tracked} (a float scalar,
 * shape {@code []}; PyTorch's is a 0-d int64) when tracking running statistics.
 *
 * <p>Training mode normalises with the batch statistics and updates the buffers (exponential average with
 * {@code momentum}, or the cumulative average when momentum is null); evaluation mode normalises with the
 * running statistics, or with the batch statistics when they are not tracked.
 */
abstract class BatchNormBase extends Layer {
    /** PyTorch's defaults. */
    public static final double DEFAULT_EPS = 1e-5, DEFAULT_MOMENTUM = 0.1;

    private final int numFeatures;
    private final double eps;
    private final Double momentum;
    private final Variable weight, bias;
    private final Tensor runningMean, runningVar, numBatchesTracked;

    BatchNormBase(int numFeatures, double eps, Double momentum, boolean affine, boolean trackRunningStats) {
        if (numFeatures <= 0) throw new IllegalArgumentException(kind() + ": numFeatures must be positive, got " + numFeatures);
        if (!(eps >= 0)) throw new IllegalArgumentException(kind() + ": eps must be >= 0, got " + eps);
        if (momentum != null && !(momentum >= 0 && momentum <= 1))
            throw new IllegalArgumentException(kind() + ": momentum must be in [0, 1] or null (cumulative average), got " + momentum);
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        this.weight = affine ? registerParameter("weight", Variable.parameter(Tensor.full(1f, numFeatures))) : null;
        this.bias = affine ? registerParameter("bias", Variable.parameter(Tensor.zeros(numFeatures))) : null;
        if (trackRunningStats) {
            runningMean = registerBuffer("running_mean", Tensor.zeros(numFeatures));
            runningVar = registerBuffer("running_var", Tensor.full(1f, numFeatures));
            numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0f));
        } else {
            runningMean = runningVar = numBatchesTracked = null;
        }
    }

    /** The layer's name for messages, e.g. {@code BatchNorm1d}. */
    abstract String kind();

    /** Throws if {@code x} is not an input this layer accepts (rank, channel count). */
    abstract void checkInput(Variable x);

    @Override
    public Variable forward(Variable x) {
        checkInput(x);
        boolean tracking = runningMean != null;
        double factor = 0;
        float batches = 0;
        if (isTraining() && tracking) {
            batches = numBatchesTracked.item() + 1;
            factor = momentum == null ? 1.0 / batches : momentum;
        }
        boolean useBatchStatistics = isTraining() || !tracking;
        Variable y = Functions.batchNorm(x, tracking ? runningMean : null, tracking ? runningVar : null, weight, bias,
                useBatchStatistics, factor, eps);
        // Counted only once the batch was accepted (PyTorch counts before checking it).
        if (isTraining() && tracking) numBatchesTracked.data()[numBatchesTracked.offset()] = batches;
        return y;
    }

    void checkChannels(Variable x) {
        if (x.dims()[1] != numFeatures)
            throw new IllegalArgumentException(kind() + "(" + numFeatures + "): input " + x.shape() + " has " + x.dims()[1]
                    + " channels on axis 1, expected " + numFeatures);
    }

    public int numFeatures() {
        return numFeatures;
    }

    public double eps() {
        return eps;
    }

    /** The running-average momentum, or null for the cumulative average. */
    public Double momentum() {
        return momentum;
    }

    /** The scale (ones at init), or null when not affine. */
    public Variable weight() {
        return weight;
    }

    /** The shift (zeros at init), or null when not affine. */
    public Variable bias() {
        return bias;
    }

    /** The live running mean [C] (updated in place), or null when running statistics are not tracked. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The live running (unbiased) variance [C], or null when running statistics are not tracked. */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Training batches seen so far (0 when running statistics are not tracked). */
    public long numBatchesTracked() {
        return numBatchesTracked == null ? 0 : (long) numBatchesTracked.item();
    }
}
