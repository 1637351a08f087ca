package dev.sieve.kernel;

/** Scalar reference implementation of {@link ColumnNormKernels}, computed in double. */
public class ScalarColumnNormKernels implements ColumnNormKernels {

    @Override
    public void layerNorm(float[] x, int xOff, int ld, int rows, int cols, float[] gamma, float[] beta, float eps, float[] y, int yOff) {
        if (rows == 0) return;
        for (int c = 0; c < cols; c++) {
            double mean = 0;
            for (int r = 0; r < rows; r++) mean += x[xOff + r * ld + c];
            mean /= rows;
            double var = 0;
            for (int r = 0; r < rows; r++) {
                double d = x[xOff + r * ld + c] - mean;
                var += d * d;
            }
            double rstd = 1 / Math.sqrt(var / rows + eps);
            for (int r = 0; r < rows; r++) {
                double v = (x[xOff + r * ld + c] - mean) * rstd;
                if (gamma != null) v *= gamma[r];
                if (beta != null) v += beta[r];
                y[yOff + r * ld + c] = (float) v;
            }
        }
    }
}
