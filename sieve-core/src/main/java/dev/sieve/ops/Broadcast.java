package dev.sieve.ops;

import dev.sieve.tensor.Shape;

/**
 * NumPy/PyTorch broadcasting: shapes are aligned at their trailing dimensions, and each pair of
 * dimensions must be equal or contain a 1 (a missing leading dimension counts as 1).
 */
public final class Broadcast {
    private Broadcast() {}

    /** The broadcast shape of {@code a} and {@code b}, or an IllegalArgumentException naming both. */
    public static Shape shape(Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = dimFromRight(a, r - 1 - i), db = dimFromRight(b, r - 1 - i);
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("cannot broadcast shapes " + a + " and " + b
                        + ": dimension " + i + " of the result would need " + da + " and " + db + " to agree");
            }
            out[i] = da == 1 ? db : da;
        }
        return Shape.of(out);
    }

    /** Dimension {@code fromRight} places before the last (0 = last), or 1 past the front. */
    static int dimFromRight(Shape s, int fromRight) {
        int i = s.rank() - 1 - fromRight;
        return i >= 0 ? s.dim(i) : 1;
    }

    /** Whether {@code from} broadcasts to exactly {@code to}. */
    public static boolean broadcastsTo(Shape from, Shape to) {
        if (from.rank() > to.rank()) return false;
        for (int k = 0; k < from.rank(); k++) {
            int d = dimFromRight(from, k);
            if (d != 1 && d != dimFromRight(to, k)) return false;
        }
        return true;
    }
}
