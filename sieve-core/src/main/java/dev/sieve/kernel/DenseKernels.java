package dev.sieve.kernel;

/**
 * Elementwise maps over contiguous runs {@code [off, off + n)}: the kernels behind the dense binary
 * and unary tensor operations. Broadcasting and axis handling live in the callers ({@code dev.sieve.ops}).
 *
 * <p>{@code out} may be the same run as an input (same array, same offset) for in-place updates;
 * other overlaps are not supported. Binary results are exact IEEE float results, identical in every
 * implementation; unary results of the fast kernels stay within a few ulps of the scalar reference,
 * except in the far negative tail of GELU_TANH, where the float evaluation of the cubic costs about
 * 2.5·|2u| ulps (still below 1e-5 relative at x = -10, where the result is ~1e-37).
 */
public interface DenseKernels {

    /** out[i] = a[i] op b[i]. */
    void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /** out[i] = a[i] op s: the right operand broadcast along the run. */
    void binaryRunScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n);

    /** out[i] = s op b[i]: the left operand broadcast along the run. */
    void binaryScalarRun(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n);

    /** out[i] = op(x[i]). */
    void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n);

    /** out[i] = a[i] + b[i]. */
    default void add(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        binary(BinaryOp.ADD, a, aOff, b, bOff, out, outOff, n);
    }

    /** out[i] = a[i] - b[i]. */
    default void sub(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        binary(BinaryOp.SUB, a, aOff, b, bOff, out, outOff, n);
    }

    /** out[i] = a[i] * b[i]. */
    default void mul(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        binary(BinaryOp.MUL, a, aOff, b, bOff, out, outOff, n);
    }

    /** out[i] = a[i] / b[i]. */
    default void div(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        binary(BinaryOp.DIV, a, aOff, b, bOff, out, outOff, n);
    }
}
