package dev.sieve.autograd;

import dev.sieve.ops.Norms;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;

/** Layer norm and its gradient. */
final class Normalization {
    private Normalization() {}

    /**
     * Layer norm over the trailing dimensions {@code normalizedShape} (as {@link Norms#layerNorm}); gamma and
     * beta may be null. With x̂ = (x − μ)·r, r = 1/√(σ² + eps), per slice of n elements:
     * dx = r·(dx̂ − mean(dx̂) − x̂·mean(dx̂·x̂)) where dx̂ = dy·γ; dγ = Σ dy·x̂ and dβ = Σ dy over slices.
     */
    static Variable layerNorm(Variable x, int[] normalizedShape, Variable gamma, Variable beta, float eps) {
        Tensor xv = x.value();
        Tensor gv = gamma == null ? null : gamma.value();
        Tensor y = Norms.layerNorm(xv, normalizedShape, gv, beta == null ? null : beta.value(), eps);
        int n = Shape.of(normalizedShape).size();
        return Variable.result("layerNorm", y, g -> {
            int rows = n == 0 ? 0 : xv.size() / n;
            float[] xd = xv.data(), gd = g.data();
            int xo = xv.offset(), go = g.offset();
            float[] gamd = gv == null ? null : gv.data();
            int gamo = gv == null ? 0 : gv.offset();
            Tensor gx = Tensor.zeros(xv.dims());
            double[] dGamma = new double[n], dBeta = new double[n];
            double[] xhat = new double[n], dxhat = new double[n];
            float[] gxd = gx.data();
            for (int r = 0; r < rows; r++) {
                int base = r * n;
                double mean = 0;
                for (int j = 0; j < n; j++) mean += xd[xo + base + j];
                mean /= n;
                double var = 0;
                for (int j = 0; j < n; j++) {
                    double d = xd[xo + base + j] - mean;
                    var += d * d;
                }
                var /= n;
                double rstd = 1.0 / Math.sqrt(var + eps);
                double m1 = 0, m2 = 0;
                for (int j = 0; j < n; j++) {
                    double dy = gd[go + base + j];
                    xhat[j] = (xd[xo + base + j] - mean) * rstd;
                    dxhat[j] = gamd == null ? dy : dy * gamd[gamo + j];
                    dGamma[j] += dy * xhat[j];
                    dBeta[j] += dy;
                    m1 += dxhat[j];
                    m2 += dxhat[j] * xhat[j];
                }
                m1 /= n;
                m2 /= n;
                for (int j = 0; j < n; j++) gxd[base + j] = (float) (rstd * (dxhat[j] - m1 - xhat[j] * m2));
            }
            return new Tensor[] {gx,
                    gamma != null && gamma.requiresGrad() ? toTensor(dGamma, normalizedShape) : null,
                    beta != null && beta.requiresGrad() ? toTensor(dBeta, normalizedShape) : null};
        }, x, gamma, beta);
    }

    private static Tensor toTensor(double[] v, int[] dims) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return Tensor.wrap(f, dims);
    }
}
