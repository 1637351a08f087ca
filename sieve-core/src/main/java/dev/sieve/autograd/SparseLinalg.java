package dev.sieve.autograd;

import dev.sieve.ops.Reductions;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.Tensor;

/** The Linear product with a sparse weight on a fixed pattern, and its gradients. */
final class SparseLinalg {
    private SparseLinalg() {}

    /**
     * {@code Y[tokens, out] = X[tokens, in] · Wᵀ + bias}. Backward: dX = dY · W as
     * {@code (Wᵀ · dYᵀ)ᵀ} by SpMM with Wᵀ in CSR (built from the cached transposed pattern, any layout);
     * dW at the stored positions by SDDMM, {@code dW[i, j] = Σ_t dY[t, i] · X[t, j]}, scattered to the
     * layout's storage order; dBias = Σ_t dY[t, :].
     */
    static Variable linear(Variable x, SparseParameter w, Variable bias) {
        Tensor xv = x.value();
        if (xv.rank() != 2 || xv.dim(1) != w.cols()) {
            throw new IllegalArgumentException("sparseLinear: x must be [tokens, " + w.cols() + "], got " + xv.shape());
        }
        if (bias != null && (bias.value().rank() != 1 || bias.value().size() != w.rows())) {
            throw new IllegalArgumentException("sparseLinear: bias has shape " + bias.shape() + ", expected [" + w.rows() + "]");
        }
        Variable values = w.values();
        Tensor y = SparseOps.linear(xv, w.matrix(), bias == null ? null : bias.value());
        return Variable.result("sparseLinear", y, g -> {
            Tensor gT = g.t(); // [out, tokens]
            Tensor gx = x.requiresGrad() ? SparseOps.spmm(w.transposedCsr(), gT).t() : null;
            Tensor gw = null;
            if (values.requiresGrad()) {
                CsrMatrix d = SparseOps.sddmm(w.rowPattern(), gT, xv.t(), false);
                gw = w.scatterToStorage(d.data());
            }
            Tensor gb = bias != null && bias.requiresGrad() ? Reductions.sum(g, 0) : null;
            return new Tensor[] {gx, gw, gb};
        }, x, values, bias);
    }
}
