package dev.sieve.bench.einsum;

import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;

/**
 * Moving data between Sieve's tensors and the compiler's formatted tensors without copies where the storage
 * already agrees (a dense row-major array is a dense-format tensor; CSR arrays are a (dense, compressed) one),
 * plus the small elementwise steps every pipeline here shares, so both Sieve paths pay the same for them.
 */
public final class Bridge {
    private Bridge() {}

    /** The tensor's array as a dense-format tensor (shared, not copied, when it starts at offset 0). */
    public static FormattedTensor dense(Tensor t) {
        float[] data = t.offset() == 0 && t.data().length == t.size() ? t.data() : t.toArray();
        int r = t.rank();
        return FormattedTensor.wrap(t.dims(), Format.dense(r), new int[r][], new int[r][], data);
    }

    /** A dense-format result's values as a tensor (shared). */
    public static Tensor tensor(FormattedTensor f) {
        if (!f.format().isAllDense()) throw new IllegalArgumentException("expected a dense result, got " + f);
        return Tensor.wrap(f.vals(), f.dims());
    }

    /** The CSR arrays as a csr-format tensor; the arrays are shared (wrap validates them, which costs O(nnz)). */
    public static FormattedTensor csr(CsrMatrix m) {
        return FormattedTensor.wrap(new int[] {m.rows(), m.cols()}, Format.csr(), new int[][] {null, m.rowPtr()},
                new int[][] {null, m.colIdx()}, m.data());
    }

    /** A csr-format result as a CSR matrix (arrays shared). */
    public static CsrMatrix csrMatrix(FormattedTensor f) {
        if (!f.format().equals(Format.csr())) throw new IllegalArgumentException("expected a csr result, got " + f);
        return new CsrMatrix(f.dim(0), f.dim(1), f.pos(1), f.crd(1), f.vals());
    }

    public static void reluInPlace(Tensor t) {
        float[] d = t.data();
        for (int i = t.offset(), e = t.offset() + t.size(); i < e; i++) d[i] = Math.max(d[i], 0f);
    }

    /** Feature-major activations [features, batch]: adds bias[f] to row f, then relu or sigmoid, in place. */
    public static void biasActivateInPlace(Tensor yT, Tensor bias, boolean sigmoid) {
        int rows = yT.dim(0), cols = yT.dim(1);
        float[] y = yT.data(), b = bias.data();
        for (int f = 0; f < rows; f++) {
            float bf = b[bias.offset() + f];
            for (int j = yT.offset() + f * cols, e = j + cols; j < e; j++) {
                float v = y[j] + bf;
                y[j] = sigmoid ? (float) (1 / (1 + Math.exp(-v))) : Math.max(v, 0f);
            }
        }
    }

    /** max |a - b| / max(max |b|, tiny) over two equally long arrays. */
    public static double relDiff(float[] a, int aOff, float[] b, int bOff, int n) {
        double diff = 0, scale = 1e-30;
        for (int i = 0; i < n; i++) {
            diff = Math.max(diff, Math.abs((double) a[aOff + i] - b[bOff + i]));
            scale = Math.max(scale, Math.abs(b[bOff + i]));
        }
        return diff / scale;
    }

    public static double relDiff(Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.dims(), b.dims())) return Double.POSITIVE_INFINITY;
        return relDiff(a.data(), a.offset(), b.data(), b.offset(), a.size());
    }

    /** Compares two CSR matrices: infinite when the patterns differ. */
    public static double relDiff(CsrMatrix a, CsrMatrix b) {
        if (a.rows() != b.rows() || a.cols() != b.cols() || a.nnz() != b.nnz()
                || !java.util.Arrays.equals(a.rowPtr(), b.rowPtr()) || !java.util.Arrays.equals(a.colIdx(), 0, a.nnz(), b.colIdx(), 0, b.nnz()))
            return Double.POSITIVE_INFINITY;
        return relDiff(a.data(), 0, b.data(), 0, a.nnz());
    }
}
