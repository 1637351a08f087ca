package dev.sieve.kernel.sparse;

/**
 * Checks of the dense operands the sparse kernels read and write, so every family reports a bad
 * shape, offset or leading dimension with the same wording, before any work starts.
 */
public final class DenseArgs {
    private DenseArgs() {}

    /**
     * A row-major {@code rows x cols} matrix at {@code off} with row stride {@code ld} must lie inside
     * {@code x}. Nothing is checked when it has no elements (any offset and stride are then fine).
     *
     * @throws IllegalArgumentException naming the operand and what does not fit
     */
    public static void matrix(String name, float[] x, int off, int ld, int rows, int cols) {
        if (x == null) throw new IllegalArgumentException(name + " is null");
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + ": negative size " + rows + " x " + cols);
        }
        if (rows == 0 || cols == 0) return;
        if (ld < cols) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld + " < columns " + cols);
        }
        long last = off + (long) (rows - 1) * ld + cols;
        if (off < 0 || last > x.length) {
            throw new IllegalArgumentException(name + ": " + rows + " x " + cols + " at offset " + off + " with leading dimension "
                    + ld + " needs " + last + " elements, the array has " + x.length);
        }
    }

    /** A contiguous run of {@code n} elements at {@code off} must lie inside {@code x}. */
    public static void vector(String name, float[] x, int off, int n) {
        if (x == null) throw new IllegalArgumentException(name + " is null");
        if (n < 0) throw new IllegalArgumentException(name + ": negative length " + n);
        if (n == 0) return;
        if (off < 0 || (long) off + n > x.length) {
            throw new IllegalArgumentException(name + ": " + n + " elements at offset " + off + " need " + ((long) off + n)
                    + ", the array has " + x.length);
        }
    }

    /** A non-negative count, e.g. the number of dense columns {@code n}. */
    public static void count(String name, int n) {
        if (n < 0) throw new IllegalArgumentException(name + " must be >= 0, got " + n);
    }

    /** Two operands' dimensions that must agree, e.g. A's columns and B's rows. */
    public static void same(String what, int a, int b) {
        if (a != b) throw new IllegalArgumentException(what + ": " + a + " != " + b);
    }

    /** The dense operands of {@code C[m, n] = A[m, k] · B[k, n]}: B at (bOff, ldb), C at (cOff, ldc). */
    public static void product(int m, int k, float[] b, int bOff, int ldb, int n, float[] c, int cOff, int ldc) {
        count("n (columns of B and C)", n);
        matrix("B", b, bOff, ldb, k, n);
        matrix("C", c, cOff, ldc, m, n);
    }
}
