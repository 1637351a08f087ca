package dev.sieve.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NmgPatternsTest {
    @Test
    void twoFourIsStensOrder() {
        NmgPatterns p = NmgPatterns.of(2, 4);
        int[][] expected = {{0, 1}, {0, 2}, {1, 2}, {1, 3}, {0, 3}, {2, 3}};
        assertEquals(6, p.count());
        for (int i = 0; i < expected.length; i++) assertArrayEquals(expected[i], p.positions(i));
        // Two more from the recursion: it starts 1:4 at position 1 and 3:6 at (1, 2, 3).
        NmgPatterns oneFour = NmgPatterns.of(1, 4);
        for (int i = 0; i < 4; i++) assertArrayEquals(new int[] {new int[] {1, 0, 2, 3}[i]}, oneFour.positions(i));
        int[][] threeSix = {{1, 2, 3}, {0, 2, 3}, {0, 1, 3}, {0, 1, 2}, {0, 1, 4}, {0, 2, 4}, {1, 2, 4}, {1, 3, 4}};
        for (int i = 0; i < threeSix.length; i++) assertArrayEquals(threeSix[i], NmgPatterns.of(3, 6).positions(i));
    }

    @Test
    void everySubsetOnceNeighboursDifferInOnePosition() {
        for (int m = 1; m <= 12; m++) {
            for (int n = 1; n <= m; n++) {
                NmgPatterns p = NmgPatterns.of(n, m);
                assertEquals(NmgPatterns.binomial(m, n, Long.MAX_VALUE), p.count(), n + ":" + m);
                Set<Integer> seen = new HashSet<>();
                for (int i = 0; i < p.count(); i++) {
                    int bits = 0;
                    for (int j = 0; j < n; j++) {
                        assertTrue(p.position(i, j) >= 0 && p.position(i, j) < m);
                        if (j > 0) assertTrue(p.position(i, j) > p.position(i, j - 1), "increasing");
                        bits |= 1 << p.position(i, j);
                    }
                    assertTrue(seen.add(bits), "each subset once");
                    assertEquals(i, p.indexOf(p.positions(i)));
                    if (i > 0) assertTrue(p.differInOnePosition(i - 1, i), n + ":" + m + " patterns " + (i - 1) + ", " + i);
                }
            }
        }
    }

    @Test
    void binomialCaps() {
        assertEquals(70, NmgPatterns.binomial(8, 4, 1000));
        assertEquals(1000, NmgPatterns.binomial(128, 64, 1000));
        assertEquals(1, NmgPatterns.binomial(5, 5, 1000));
    }
}
