package dev.sieve.io.data;

import dev.sieve.tensor.Tensor;

/**
 * One batch: {@code inputs} of shape {@code [b, ...]} (the dataset's per-example shape) and the
 * {@code b} matching labels; {@code indices} are the examples' positions in the dataset.
 */
public record Batch(Tensor inputs, int[] labels, int[] indices) {
    public int size() {
        return labels.length;
    }
}
