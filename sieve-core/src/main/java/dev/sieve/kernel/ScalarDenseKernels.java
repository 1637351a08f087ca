package dev.sieve.kernel;

/**
 * Scalar reference implementations of {@link DenseKernels}: plain loops, transcendental functions in
 * double precision through {@code Math} and rounded once to float, so they are obviously right.
 * GELU_ERF is the exception: Java has no erf, so it uses the float {@link Erf} (tested on its own
 * against a double-precision reference).
 */
public class ScalarDenseKernels implements DenseKernels {
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final float INV_SQRT_2 = (float) (1 / Math.sqrt(2));

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], b[bOff + i]);
    }

    @Override
    public void binaryRunScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = op.apply(a[aOff + i], s);
    }

    @Override
    public void binaryScalarRun(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = op.apply(s, b[bOff + i]);
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = apply(op, x[xOff + i]);
    }

    /** The reference value of {@code op(x)}. */
    public static float apply(UnaryOp op, float x) {
        return switch (op) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case TANH -> (float) Math.tanh(x);
            case SIGMOID -> (float) (1 / (1 + Math.exp(-(double) x)));
            case RELU -> Math.max(x, 0f);
            case GELU_ERF -> 0.5f * x * Erf.erfc(-x * INV_SQRT_2);
            case GELU_TANH -> {
                double u = SQRT_2_OVER_PI * (x + 0.044715 * x * x * x);
                yield (float) (x / (1 + Math.exp(-2 * u)));
            }
        };
    }
}
