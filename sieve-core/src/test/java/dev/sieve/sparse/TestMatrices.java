package dev.sieve.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/** Seeded test matrices on awkward shapes, and assertions shared by the layout tests. */
final class TestMatrices {
    private TestMatrices() {}

    /** Shapes that break naive code: empty, single row/column, sizes that are not multiples of anything. */
    static final int[][] AWKWARD_SHAPES = {
        {0, 0}, {0, 5}, {5, 0}, {1, 1}, {1, 17}, {17, 1}, {3, 7}, {7, 3}, {13, 29}, {31, 10}, {64, 64}, {9, 130},
    };

    /** A matrix whose nonzeros (small integers, so sums are exact) appear with probability {@code density}. */
    static Tensor random(long seed, int rows, int cols, double density) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            if (rnd.nextDouble() < density) {
                int x = rnd.nextInt(1, 9);
                v[i] = rnd.nextBoolean() ? x : -x;
            }
        }
        return Tensor.wrap(v, rows, cols);
    }

    /** Random rows of very different lengths: most empty or short, a few completely full. */
    static Tensor skewed(long seed, int rows, int cols) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            double density = switch (i % 7) {
                case 0 -> 1.0;
                case 1, 2, 3 -> 0.0;
                default -> 0.05;
            };
            for (int j = 0; j < cols; j++) {
                if (rnd.nextDouble() < density) t.set((float) rnd.nextInt(1, 100) / 4f, i, j);
            }
        }
        return t;
    }

    /** Dense normal values (no zeros): every selection decision is made by magnitude alone. */
    static Tensor gaussian(long seed, int rows, int cols) {
        return Tensor.randn(seed, rows, cols);
    }

    static List<Tensor> awkwardMatrices(long seed) {
        List<Tensor> out = new ArrayList<>();
        for (int[] s : AWKWARD_SHAPES) {
            out.add(random(seed++, s[0], s[1], 0.3));
            out.add(random(seed++, s[0], s[1], 0.0));
            out.add(random(seed++, s[0], s[1], 1.0));
        }
        out.add(skewed(seed++, 40, 300));
        out.add(skewed(seed, 300, 9));
        return out;
    }

    static void assertSameDense(Tensor expected, Tensor actual) {
        assertEquals(expected.shape(), actual.shape());
        assertArrayEquals(expected.toArray(), actual.toArray());
    }

    /** toDense matches, toCoo matches the dense form on stored positions, and nnz agrees with toCoo. */
    static void assertConsistent(SparseMatrix m) {
        Tensor dense = m.toDense();
        assertEquals(m.rows(), dense.dim(0));
        assertEquals(m.cols(), dense.dim(1));
        CooMatrix coo = m.toCoo();
        assertEquals(m.nnz(), coo.nnz(), "nnz agrees with toCoo");
        if (!(m instanceof CooMatrix)) assertTrue(coo.isCoalesced(), "toCoo is coalesced");
        assertSameDense(dense, coo.toDense());
        long positions = (long) m.rows() * m.cols();
        assertEquals(positions == 0 ? 0.0 : 1.0 - (double) m.nnz() / positions, m.sparsity(), 1e-12);
        assertEquals(m.layout(), Layout.parse(m.layout().toString()));
        assertTrue(m.storageBytes() >= 0);
    }

    static void assertRejected(String expectedMessagePart, Executable construct) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construct);
        assertTrue(e.getMessage().contains(expectedMessagePart), () -> "message was: " + e.getMessage());
    }
}
