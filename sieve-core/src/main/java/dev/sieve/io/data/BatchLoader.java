package dev.sieve.io.data;

import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Splits a dataset (inputs {@code [n, ...]} and {@code n} labels) into batches, optionally shuffled.
 *
 * <p>Each epoch visits every example once (the last, smaller batch is dropped when {@code dropLast}
 * is set). With shuffling, the order of epoch {@code e} is a Fisher-Yates permutation drawn from
 * {@code new SplittableRandom(seed + e)}: the same seed and epoch always give the same batches,
 * different epochs give different orders. Without shuffling, examples come in dataset order.
 *
 * <p>The dataset is never copied: an epoch holds an {@code int[n]} permutation, and each batch is a
 * fresh tensor gathered from the dataset's rows (unshuffled batches too, so callers may modify them).
 */
public final class BatchLoader {
    private final Tensor inputs;
    private final int[] labels;
    private final int batchSize;
    private final boolean shuffle;
    private final long seed;
    private final boolean dropLast;
    private final int rowSize;
    private final int[] exampleDims;

    /**
     * @throws IllegalArgumentException if inputs has rank 0, its leading dimension differs from
     *     {@code labels.length}, or {@code batchSize < 1}
     */
    public BatchLoader(Tensor inputs, int[] labels, int batchSize, boolean shuffle, long seed, boolean dropLast) {
        if (inputs.rank() < 1) throw new IllegalArgumentException("inputs must have a leading example dimension, got a scalar");
        if (inputs.dim(0) != labels.length) {
            throw new IllegalArgumentException(inputs.dim(0) + " examples but " + labels.length + " labels");
        }
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        this.inputs = inputs;
        this.labels = labels;
        this.batchSize = batchSize;
        this.shuffle = shuffle;
        this.seed = seed;
        this.dropLast = dropLast;
        int[] dims = inputs.dims();
        this.exampleDims = Arrays.copyOfRange(dims, 1, dims.length);
        this.rowSize = labels.length == 0 ? 0 : inputs.size() / labels.length;
    }

    /** Examples in the dataset. */
    public int size() {
        return labels.length;
    }

    /** Batches per epoch. */
    public int batchCount() {
        return dropLast ? labels.length / batchSize : (labels.length + batchSize - 1) / batchSize;
    }

    /** The order in which epoch {@code epoch} visits the examples. */
    public int[] order(int epoch) {
        int n = labels.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(seed + epoch);
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
        }
        return perm;
    }

    /** The batches of epoch {@code epoch} (0-based); each iteration of the result starts over. */
    public Iterable<Batch> epoch(int epoch) {
        return () -> new Iterator<>() {
            private final int[] order = order(epoch);
            private final int batches = batchCount();
            private int next;

            @Override
            public boolean hasNext() {
                return next < batches;
            }

            @Override
            public Batch next() {
                if (!hasNext()) throw new NoSuchElementException();
                int from = next * batchSize;
                int b = Math.min(batchSize, order.length - from);
                next++;
                return gather(Arrays.copyOfRange(order, from, from + b));
            }
        };
    }

    private Batch gather(int[] indices) {
        int b = indices.length;
        float[] out = new float[Math.multiplyExact(b, rowSize)];
        float[] src = inputs.data();
        int base = inputs.offset();
        int[] batchLabels = new int[b];
        for (int k = 0; k < b; k++) {
            System.arraycopy(src, base + indices[k] * rowSize, out, k * rowSize, rowSize);
            batchLabels[k] = labels[indices[k]];
        }
        int[] dims = new int[exampleDims.length + 1];
        dims[0] = b;
        System.arraycopy(exampleDims, 0, dims, 1, exampleDims.length);
        return new Batch(Tensor.wrap(out, dims), batchLabels, indices);
    }
}
