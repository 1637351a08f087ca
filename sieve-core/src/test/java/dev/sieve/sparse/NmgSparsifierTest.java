package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static dev.sieve.sparse.TestMatrices.assertSameDense;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NmgSparsifierTest {
    private static final int[][] NMG = {{2, 4, 1}, {2, 4, 3}, {1, 4, 2}, {3, 4, 2}, {1, 2, 4}, {2, 3, 2}, {2, 5, 1}, {3, 6, 1}};
    private static final int[][] SHAPES = {{0, 0}, {1, 1}, {4, 6}, {5, 13}, {8, 48}, {9, 50}, {17, 7}, {12, 100}};

    private static float weight(Tensor w, int row, int col) {
        return row < w.dim(0) && col < w.dim(1) ? w.get(row, col) : 0f;
    }

    /** Every invariant of the layout, checked against the weights it came from. */
    private static void assertInvariants(NmgMatrix x, Tensor w) {
        NmgPatterns patterns = x.patterns();
        int n = x.n(), m = x.m(), g = x.g(), width = x.chunkWidth();
        for (int b = 0; b < x.blockCount(); b++) {
            for (int c = 0; c < x.chunkCount(); c++) {
                int base = x.slotBase(b, c);
                boolean[] seen = new boolean[width];
                int[] perPattern = new int[patterns.count()];
                for (int s = 0; s < width; s++) {
                    int q = x.columns()[base + s];
                    assertTrue(!seen[q], "each in-chunk column once");
                    seen[q] = true;
                    perPattern[s / g]++;
                    if (s % g > 0) assertTrue(x.columns()[base + s - 1] < q, "columns sorted within a pattern");
                    // Index round trip: the slot's values are the weights at its pattern's positions of its column.
                    for (int j = 0; j < n; j++) {
                        int row = b * m + patterns.position(s / g, j);
                        assertEquals(weight(w, row, x.column(b, c, s)), x.data()[(base + s) * n + j]);
                    }
                }
                for (int count : perPattern) assertEquals(g, count, "each pattern used by exactly g columns");
            }
        }
        for (int p = 1; p < patterns.count(); p++) assertTrue(patterns.differInOnePosition(p - 1, p));
        assertConsistent(x);
    }

    /** Preserved L1 mass: the sum of |kept values|. */
    private static double keptMass(SparseMatrix x) {
        double sum = 0;
        for (float v : x.toDense().toArray()) sum += Math.abs(v);
        return sum;
    }

    /** The naive alternative greedy is measured against: column q of each chunk takes pattern q / g. */
    private static double fixedAssignmentMass(Tensor w, int n, int m, int g) {
        NmgPatterns patterns = NmgPatterns.of(n, m);
        int width = patterns.count() * g;
        double sum = 0;
        for (int col = 0; col < w.dim(1); col++) {
            int p = col % width / g;
            for (int row = 0; row < w.dim(0); row++) {
                for (int j = 0; j < n; j++) {
                    if (row % m == patterns.position(p, j)) sum += Math.abs(w.get(row, col));
                }
            }
        }
        return sum;
    }

    /** A matrix that fits n:m:g exactly: random column-to-pattern assignment; some kept values are 0 (ties). */
    private static Tensor exactNmg(long seed, int rows, int cols, int n, int m, int g, double zeroChance) {
        SplittableRandom rnd = new SplittableRandom(seed);
        NmgPatterns patterns = NmgPatterns.of(n, m);
        int width = patterns.count() * g;
        Tensor t = Tensor.zeros(rows, cols);
        for (int b = 0; b * m < rows; b++) {
            for (int c = 0; c * width < cols; c++) {
                List<Integer> order = new ArrayList<>();
                for (int q = 0; q < width; q++) order.add(q);
                java.util.Collections.shuffle(order, new java.util.Random(rnd.nextLong()));
                for (int s = 0; s < width; s++) {
                    int col = c * width + order.get(s);
                    for (int j = 0; j < n; j++) {
                        int row = b * m + patterns.position(s / g, j);
                        if (col < cols && row < rows && rnd.nextDouble() >= zeroChance) t.set(rnd.nextInt(1, 30), row, col);
                    }
                }
            }
        }
        return t;
    }

    @Test
    void invariantsOnAwkwardShapes() {
        long seed = 1;
        for (int[] nmg : NMG) {
            for (int[] shape : SHAPES) {
                Tensor w = TestMatrices.gaussian(seed++, shape[0], shape[1]);
                NmgMatrix x = new NmgSparsifier(nmg[0], nmg[1], nmg[2]).sparsify(w);
                assertInvariants(x, w);
                assertEquals(new Layout.Nmg(nmg[0], nmg[1], nmg[2]), x.layout());
            }
        }
    }

    @Test
    void sparsityIsOneMinusNOverMWithoutPadding() {
        NmgMatrix x = new NmgSparsifier(2, 4, 2).sparsify(TestMatrices.gaussian(3, 8, 24));
        assertEquals(0.5, x.sparsity(), 1e-12);
        assertEquals(0.75, new NmgSparsifier(1, 4, 1).sparsify(TestMatrices.gaussian(3, 8, 8)).sparsity(), 1e-12);
    }

    @Test
    void matchesAReferenceGreedyOverAllPairs() {
        int n = 2, m = 4, g = 3;
        Tensor w = TestMatrices.gaussian(8, 8, 36);
        NmgMatrix x = new NmgSparsifier(n, m, g).sparsify(w);
        NmgPatterns patterns = x.patterns();
        int count = patterns.count(), width = x.chunkWidth();
        for (int b = 0; b < x.blockCount(); b++) {
            for (int c = 0; c < x.chunkCount(); c++) {
                record Pair(float mass, int q, int p) {}
                List<Pair> pairs = new ArrayList<>();
                for (int q = 0; q < width; q++) {
                    for (int p = 0; p < count; p++) {
                        float mass = 0;
                        for (int j = 0; j < n; j++) mass += Math.abs(weight(w, b * m + patterns.position(p, j), c * width + q));
                        pairs.add(new Pair(mass, q, p));
                    }
                }
                pairs.sort(Comparator.comparingDouble((Pair a) -> -a.mass()).thenComparingInt(Pair::q).thenComparingInt(Pair::p));
                int[] expected = new int[width];
                java.util.Arrays.fill(expected, -1);
                int[] used = new int[count];
                for (Pair pair : pairs) {
                    if (expected[pair.q()] < 0 && used[pair.p()] < g) {
                        expected[pair.q()] = pair.p();
                        used[pair.p()]++;
                    }
                }
                int[] actual = new int[width];
                for (int s = 0; s < width; s++) actual[x.columns()[x.slotBase(b, c) + s]] = s / g;
                assertArrayEquals(expected, actual, "block " + b + ", chunk " + c);
            }
        }
    }

    @Test
    void greedyPreservesMoreMassThanAFixedAssignment() {
        long seed = 50;
        for (int[] nmg : NMG) {
            Tensor w = TestMatrices.gaussian(seed++, 16, 120);
            double greedy = keptMass(new NmgSparsifier(nmg[0], nmg[1], nmg[2]).sparsify(w));
            double fixed = fixedAssignmentMass(w, nmg[0], nmg[1], nmg[2]);
            assertTrue(greedy >= fixed, java.util.Arrays.toString(nmg) + ": greedy " + greedy + " < fixed " + fixed);
        }
    }

    @Test
    void matricesThatFitAreKeptLosslessly() {
        long seed = 200;
        for (int[] nmg : NMG) {
            for (int[] shape : SHAPES) {
                for (double zeros : new double[] {0.0, 0.3, 0.7}) {
                    Tensor w = exactNmg(seed++, shape[0], shape[1], nmg[0], nmg[1], nmg[2], zeros);
                    NmgMatrix x = new NmgSparsifier(nmg[0], nmg[1], nmg[2]).sparsify(w);
                    assertSameDense(w, x.toDense());
                    assertInvariants(x, w);
                }
            }
        }
    }

    @Test
    void exactMatchingRepairsAGreedyTie() {
        // 2:3:1, patterns (0,1) (0,2) (1,2). Column 0 ties between (0,1) and (1,2) and greedy gives it (0,1),
        // which column 1 needs; the only lossless assignment is 0 -> (1,2), 1 -> (0,1), 2 -> (0,2).
        Tensor w = Tensor.of(new float[] {0, 1, 1, 10, 1, 0, 0, 0, 1}, 3, 3);
        float[] mass = new float[9];
        NmgPatterns patterns = NmgPatterns.of(2, 3);
        for (int q = 0; q < 3; q++) {
            for (int p = 0; p < 3; p++) {
                mass[q * 3 + p] = Math.abs(w.get(patterns.position(p, 0), q)) + Math.abs(w.get(patterns.position(p, 1), q));
            }
        }
        int[] greedy = NmgAssignment.greedy(mass, 3, 3, 1, new long[9]);
        assertArrayEquals(new int[] {0, 2, 1}, greedy); // drops w[0][1]
        assertSameDense(w, new NmgSparsifier(2, 3, 1).sparsify(w).toDense());
    }

    @Test
    void exactMatchingReportsImpossibility() {
        // Two columns that both need pattern 0 of 1:2:1: only one can have it.
        assertEquals(null, NmgAssignment.exact(new int[][] {{0}, {0}}, 2, 1, new int[] {-1, -1}));
        assertArrayEquals(new int[] {1, 0}, NmgAssignment.exact(new int[][] {{0, 1}, {0}}, 2, 1, new int[] {0, -1}));
    }

    @Test
    void randomVariantAndLimits() {
        Tensor w = TestMatrices.gaussian(9, 8, 48);
        Sparsifier<NmgMatrix> random = new NmgSparsifier(2, 4, 2).randomized(3);
        NmgMatrix a = random.sparsify(w);
        assertEquals(a, random.sparsify(w));
        assertNotEquals(a, new NmgSparsifier(2, 4, 2).sparsify(w));
        assertInvariants(a, w);
        assertRejected("more than its limit", () -> new NmgSparsifier(7, 14, 9)); // C(14, 7) = 3432 patterns: 3432^2 * 9 pairs
        assertRejected("16 bits", () -> new NmgSparsifier(8, 16, 3));
    }
}
