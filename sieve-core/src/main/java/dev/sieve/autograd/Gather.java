package dev.sieve.autograd;

import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;

/**
 * Row gathers by integer index (an embedding lookup) and their gradient, a scatter-add of the output's
 * gradient rows back into the table.
 */
final class Gather {
    /** No padding row. */
    static final int NO_PADDING = -1;

    private Gather() {}

    /**
     * Rows of {@code weight [num, dim]} picked by {@code indices} (any shape, values in {@code [0, num)}):
     * the result is {@code indices.shape + [dim]}, as {@code torch.nn.functional.embedding}. The weight's
     * gradient is zero except at the rows that were picked, where it is the sum of the gradients of every
     * output row that read it (repeated indices add up, in position order); the row {@code paddingIdx}
     * (or none for {@link #NO_PADDING}) never gets a gradient.
     */
    static Variable embedding(IntTensor indices, Variable weight, int paddingIdx) {
        Tensor w = weight.value();
        if (w.rank() != 2) throw new IllegalArgumentException("embedding: weight must be [num, dim], got " + w.shape());
        int num = w.dim(0), dim = w.dim(1);
        if (paddingIdx != NO_PADDING && (paddingIdx < 0 || paddingIdx >= num)) {
            throw new IllegalArgumentException("embedding: padding index " + paddingIdx + " out of range [0, " + num + ")");
        }
        int[] idx = checkedIndices(indices, num);
        int[] outDims = new int[indices.rank() + 1];
        for (int i = 0; i < indices.rank(); i++) outDims[i] = indices.shape().dim(i);
        outDims[indices.rank()] = dim;
        Tensor out = Tensor.zeros(outDims);
        float[] wd = w.data(), od = out.data();
        int wo = w.offset();
        for (int p = 0; p < idx.length; p++) System.arraycopy(wd, wo + idx[p] * dim, od, p * dim, dim);
        return Variable.result("embedding", out, g -> {
            Tensor gw = Tensor.zeros(num, dim);
            float[] gwd = gw.data(), gd = g.data();
            int go = g.offset();
            for (int p = 0; p < idx.length; p++) {
                int row = idx[p];
                if (row == paddingIdx) continue;
                int dst = row * dim, src = go + p * dim;
                for (int j = 0; j < dim; j++) gwd[dst + j] += gd[src + j];
            }
            return new Tensor[] {gw};
        }, weight);
    }

    private static int[] checkedIndices(IntTensor indices, int num) {
        int[] idx = new int[indices.size()];
        for (int p = 0; p < idx.length; p++) {
            long v = indices.getFlat(p);
            if (v < 0 || v >= num) {
                throw new IllegalArgumentException("embedding: index " + v + " at position " + p + " of indices " + indices.shape()
                        + " is out of range for a table of " + num + " rows [0, " + num + ")");
            }
            idx[p] = (int) v;
        }
        return idx;
    }
}
