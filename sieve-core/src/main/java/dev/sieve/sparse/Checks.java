package dev.sieve.sparse;

import dev.sieve.tensor.Tensor;

/** Argument checks shared by the layouts and sparsifiers, so their messages read the same everywhere. */
final class Checks {
    /** The largest array the JVM reliably allocates (the same bound {@code Shape} uses). */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 16;

    private Checks() {}

    static void dims(int rows, int cols) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative dimension: " + rows + " x " + cols);
        }
    }

    /** "0..n-1", or a note that the range is empty. */
    static String range(int n) {
        return n == 0 ? "(dimension is 0)" : "0.." + (n - 1);
    }

    /** {@code count} as an int array length, or an exception naming what would not fit. */
    static int arrayLength(long count, String what) {
        if (count < 0 || count > MAX_ARRAY) {
            throw new IllegalArgumentException(what + " needs " + count + " elements, more than an array can hold");
        }
        return (int) count;
    }

    static int ceilDiv(int a, int b) {
        return (int) (((long) a + b - 1) / b);
    }

    static void length(String name, int actual, long expected, String because) {
        if (actual != expected) {
            throw new IllegalArgumentException(name + " has " + actual + " elements, expected " + expected + " (" + because + ")");
        }
    }

    static void sparsity(double s) {
        if (!(s >= 0.0 && s <= 1.0)) {
            throw new IllegalArgumentException("sparsity must be in [0, 1], got " + s);
        }
    }

    /** The number of items to keep out of {@code total} at sparsity {@code s}: round((1 - s) * total). */
    static int keepCount(double s, long total) {
        long k = Math.round((1.0 - s) * total);
        return (int) Math.max(0, Math.min(total, k));
    }

    static void matrix(Tensor t, String what) {
        if (t.rank() != 2) {
            throw new IllegalArgumentException(what + " must be a 2-D tensor, shape is " + t.shape());
        }
    }

    /**
     * Checks that {@code scores} is a 2-D tensor shaped like {@code weights} whose values are finite or
     * +infinity and not negative: selection ranks by value, and NaN or a sign would make that ambiguous.
     */
    static void scores(Tensor weights, Tensor scores) {
        matrix(weights, "weights");
        if (!scores.shape().equals(weights.shape())) {
            throw new IllegalArgumentException("scores have shape " + scores.shape() + ", weights " + weights.shape());
        }
        float[] s = scores.data();
        int base = scores.offset(), cols = scores.dim(1), n = scores.size();
        for (int i = 0; i < n; i++) {
            float x = s[base + i];
            if (!(x >= 0f)) {
                throw new IllegalArgumentException("score at (" + i / cols + ", " + i % cols + ") is " + x
                        + "; scores must be non-negative numbers");
            }
        }
    }

    /** Bits of a non-negative float that order the same way as the floats (-0.0 maps to 0). */
    static int orderedBits(float nonNegative) {
        return Float.floatToRawIntBits(nonNegative) & 0x7fffffff;
    }
}
