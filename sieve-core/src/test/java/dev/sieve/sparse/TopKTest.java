package dev.sieve.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
    private static int[] bruteForce(long[] keys, int k) {
        Integer[] order = IntStream.range(0, keys.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingLong(i -> -keys[i]).thenComparingInt(i -> i));
        int[] out = new int[Math.max(0, Math.min(k, keys.length))];
        for (int i = 0; i < out.length; i++) out[i] = order[i];
        Arrays.sort(out);
        return out;
    }

    @Test
    void agreesWithSortingIncludingTies() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = rnd.nextInt(0, 200);
            long[] keys = new long[n];
            int distinct = rnd.nextInt(1, 6);
            for (int i = 0; i < n; i++) {
                keys[i] = switch (trial % 3) {
                    case 0 -> rnd.nextInt(distinct); // heavy ties
                    case 1 -> TopK.floatKey((float) rnd.nextDouble()); // float bits
                    default -> TopK.doubleKey(rnd.nextDouble() * 1e6); // full 64-bit keys
                };
            }
            int k = rnd.nextInt(-1, n + 2);
            assertArrayEquals(bruteForce(keys, k), TopK.largest(n, k, i -> keys[i]), "trial " + trial);
        }
    }

    @Test
    void zeroAndNegativeZeroAreEqual() {
        float[] s = {0f, -0f, 0f};
        assertArrayEquals(new int[] {0, 1}, TopK.largest(3, 2, i -> TopK.floatKey(s[i])));
    }
}
