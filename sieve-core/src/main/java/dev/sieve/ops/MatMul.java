package dev.sieve.ops;

import dev.sieve.kernel.gemm.Gemm;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;

/**
 * Matrix products on dense tensors, computed by {@link Gemm}.
 *
 * <p>{@link #matmul} follows {@code torch.matmul}: [M,K]·[K,N] -> [M,N]; with more dimensions the
 * leading ones are batch dimensions, broadcast against each other ([B,M,K]·[B,K,N] -> [B,M,N],
 * [B,M,K]·[K,N] -> [B,M,N], [M,K]·[B,K,N] -> [B,M,N], ...); a 1-D left operand is a row vector and a
 * 1-D right operand a column vector, and that dimension is dropped from the result.
 */
public final class MatMul {
    /** When threads take whole batches, each batch's GEMM runs on its thread alone. */
    private static final ParallelRuntime SERIAL = new ParallelRuntime(1);
    /**
     * Multiply-adds in one batch below which threads take whole batches rather than splitting each
     * GEMM: splitting a small GEMM costs a fork/join and duplicated packing per batch.
     */
    private static final long SMALL_PRODUCT = 1 << 20;
    /** Multiply-adds a thread should get before batches are spread over threads. */
    private static final long BATCH_GRAIN = 1 << 16;

    private MatMul() {}

    public static Tensor matmul(Tensor a, Tensor b) {
        if (a.rank() == 0 || b.rank() == 0) {
            throw new IllegalArgumentException("matmul needs operands of rank >= 1, got shapes " + a.shape() + " and " + b.shape());
        }
        boolean rowVector = a.rank() == 1, columnVector = b.rank() == 1;
        Tensor a2 = rowVector ? a.reshape(1, a.dim(0)) : a;
        Tensor b2 = columnVector ? b.reshape(b.dim(0), 1) : b;
        int m = a2.dim(-2), k = a2.dim(-1), n = b2.dim(-1);
        if (b2.dim(-2) != k) {
            throw new IllegalArgumentException("matmul: inner dimensions differ: " + a.shape() + " x " + b.shape()
                    + " (" + k + " != " + b2.dim(-2) + ")");
        }
        Shape aBatch = Shape.of(Arrays.copyOf(a2.dims(), a2.rank() - 2));
        Shape bBatch = Shape.of(Arrays.copyOf(b2.dims(), b2.rank() - 2));
        Shape batch;
        try {
            batch = Broadcast.shape(aBatch, bBatch);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: batch dimensions of " + a.shape() + " and " + b.shape() + " do not broadcast", e);
        }
        int[] outDims = Arrays.copyOf(batch.dims(), batch.rank() + 2);
        outDims[batch.rank()] = m;
        outDims[batch.rank() + 1] = n;
        Tensor out = Tensor.zeros(outDims);
        if (out.size() > 0) multiply(a2, aBatch, b2, bBatch, batch, m, n, k, out);

        if (rowVector || columnVector) {
            int[] d = out.dims();
            int drop = (rowVector ? 1 : 0) + (columnVector ? 1 : 0);
            int[] r = Arrays.copyOf(d, d.length - drop);
            if (rowVector && !columnVector) r[r.length - 1] = n;
            return out.reshape(r);
        }
        return out;
    }

    private static void multiply(Tensor a, Shape aBatch, Tensor b, Shape bBatch, Shape batch, int m, int n, int k, Tensor out) {
        float[] ad = a.data(), bd = b.data(), cd = out.data();
        if (bBatch.size() == 1 && aBatch.size() == batch.size()) {
            // One right-hand matrix for every batch, and a's batches are contiguous: one tall GEMM.
            Gemm.sgemm(false, false, batch.size() * m, n, k, 1f, ad, a.offset(), k, bd, b.offset(), n, 0f, cd, 0, n);
            return;
        }
        int batches = batch.size();
        int[] aOffsets = batchOffsets(batch, aBatch, m * k, a.offset());
        int[] bOffsets = batchOffsets(batch, bBatch, k * n, b.offset());
        long work = (long) m * n * k;
        // Threads take whole batches when products are small, or when there are enough batches to keep
        // every thread busy (two each, so an odd one out costs at most a third).
        boolean byBatch = batches > 1 && (work < SMALL_PRODUCT || batches >= 2 * Parallel.threads());
        if (byBatch) {
            Work.rows(batches, work, BATCH_GRAIN, (from, to) -> {
                for (int t = from; t < to; t++) {
                    Gemm.sgemm(false, false, m, n, k, 1f, ad, aOffsets[t], k, bd, bOffsets[t], n, 0f, cd, t * m * n, n, SERIAL);
                }
            });
        } else {
            ParallelRuntime rt = Parallel.runtime();
            for (int t = 0; t < batches; t++) {
                Gemm.sgemm(false, false, m, n, k, 1f, ad, aOffsets[t], k, bd, bOffsets[t], n, 0f, cd, t * m * n, n, rt);
            }
        }
    }

    /** Storage offset of the operand's matrix for every batch index, with its size-1 batch dims broadcast. */
    private static int[] batchOffsets(Shape batch, Shape operandBatch, int matrixSize, int base) {
        int r = batch.rank(), lead = r - operandBatch.rank();
        int[] strides = new int[r];
        int stride = matrixSize;
        for (int i = r - 1; i >= lead; i--) {
            int d = operandBatch.dim(i - lead);
            strides[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        int[] offsets = new int[batch.size()];
        int[] idx = new int[r];
        int off = base;
        for (int t = 0; t < offsets.length; t++) {
            offsets[t] = off;
            for (int i = r - 1; i >= 0; i--) {
                off += strides[i];
                if (++idx[i] < batch.dim(i)) break;
                off -= strides[i] * idx[i];
                idx[i] = 0;
            }
        }
        return offsets;
    }

    /**
     * A fully connected layer's forward pass, {@code x · wᵀ + bias}, as {@code torch.nn.functional.linear}:
     * x is [..., in], w is [out, in] (the layout of PyTorch weights), bias is [out] or null; the result is
     * [..., out]. The bias is written into the output first and the GEMM accumulates onto it.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        if (w.rank() != 2) throw new IllegalArgumentException("linear: weight must be 2-D [out, in], got shape " + w.shape());
        int outFeatures = w.dim(0), in = w.dim(1);
        if (x.rank() == 0 || x.dim(-1) != in) {
            throw new IllegalArgumentException("linear: input shape " + x.shape() + " does not end in the weight's "
                    + in + " input features (weight shape " + w.shape() + ")");
        }
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outFeatures)) {
            throw new IllegalArgumentException("linear: bias shape " + bias.shape() + " does not match weight shape " + w.shape()
                    + " (expected [" + outFeatures + "])");
        }
        int rows = x.shape().product(0, x.rank() - 1);
        int[] outDims = x.dims();
        outDims[outDims.length - 1] = outFeatures;
        Tensor out = Tensor.zeros(outDims);
        if (out.size() == 0) return out;
        float[] c = out.data();
        float beta = 0f;
        if (bias != null) {
            for (int r = 0; r < rows; r++) System.arraycopy(bias.data(), bias.offset(), c, r * outFeatures, outFeatures);
            beta = 1f;
        }
        Gemm.sgemm(false, true, rows, outFeatures, in, 1f, x.data(), x.offset(), in, w.data(), w.offset(), in, beta, c, 0, outFeatures);
        return out;
    }
}
