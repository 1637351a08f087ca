package dev.sieve.kernel;

/** Scalar reference implementations of {@link NormalizationKernels}, computed in double. */
public class ScalarNormalizationKernels implements NormalizationKernels {

    @Override
    public void softmax(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) return;
        double max = max(x, xOff, n);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(x[xOff + i] - max);
        for (int i = 0; i < n; i++) out[outOff + i] = (float) (Math.exp(x[xOff + i] - max) / sum);
    }

    @Override
    public void logSoftmax(float[] x, int xOff, float[] out, int outOff, int n) {
        if (n == 0) return;
        double max = max(x, xOff, n);
        double sum = 0;
        for (int i = 0; i < n; i++) sum += Math.exp(x[xOff + i] - max);
        double logSum = Math.log(sum);
        for (int i = 0; i < n; i++) out[outOff + i] = (float) (x[xOff + i] - max - logSum);
    }

    @Override
    public void layerNorm(float[] x, int xOff, float[] gamma, int gammaOff, float[] beta, int betaOff,
                          float eps, float[] out, int outOff, int n) {
        if (n == 0) return;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[xOff + i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double d = x[xOff + i] - mean;
            var += d * d;
        }
        var /= n;
        double rstd = 1 / Math.sqrt(var + eps);
        for (int i = 0; i < n; i++) {
            double y = (x[xOff + i] - mean) * rstd;
            if (gamma != null) y *= gamma[gammaOff + i];
            if (beta != null) y += beta[betaOff + i];
            out[outOff + i] = (float) y;
        }
    }

    private static float max(float[] x, int off, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, x[off + i]);
        return m;
    }
}
