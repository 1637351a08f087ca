package dev.sieve.sparse;

import java.util.Arrays;

/**
 * Assigns the W columns of one n:m:g (block, chunk) unit to the C patterns, each pattern taking
 * exactly g columns (W = C * g). Two strategies: the greedy one STen uses, and an exact matching used
 * only to avoid dropping values of a matrix that already fits the layout.
 */
final class NmgAssignment {
    /** The most (column, pattern) pairs the greedy sorts per unit: 2^25 pairs, 256 MiB of keys. */
    static final long MAX_PAIRS = 1L << 25;

    private NmgAssignment() {}

    /**
     * Greedy by preserved mass: visits the (column, pattern) pairs by decreasing {@code mass[q * C + p]}
     * (ties: smaller column, then smaller pattern) and gives column q pattern p when q is still free and
     * p has fewer than g columns. Every column ends up assigned since the capacities add up to W.
     *
     * @param mass non-negative preserved mass of each (column, pattern) pair
     * @param keys scratch of at least W * C longs
     * @return the pattern of each column
     */
    static int[] greedy(float[] mass, int columns, int patterns, int g, long[] keys) {
        int pairs = columns * patterns;
        for (int i = 0; i < pairs; i++) {
            // Descending mass first, then ascending pair index (= column, then pattern): one ascending sort.
            keys[i] = ((long) (Integer.MAX_VALUE - Checks.orderedBits(mass[i])) << 32) | i;
        }
        Arrays.sort(keys, 0, pairs);
        int[] patternOf = new int[columns];
        Arrays.fill(patternOf, -1);
        int[] used = new int[patterns];
        int assigned = 0;
        for (int i = 0; i < pairs && assigned < columns; i++) {
            int pair = (int) keys[i];
            int q = pair / patterns, p = pair % patterns;
            if (patternOf[q] < 0 && used[p] < g) {
                patternOf[q] = p;
                used[p]++;
                assigned++;
            }
        }
        return patternOf;
    }

    /**
     * An assignment in which every column gets one of its allowed patterns and every pattern exactly g
     * columns, or null if there is none. Augmenting paths (breadth-first) over a capacity-g bipartite
     * matching, starting from {@code start} where it is allowed.
     *
     * @param allowed allowed[q] = the patterns column q may take
     */
    static int[] exact(int[][] allowed, int patterns, int g, int[] start) {
        int columns = allowed.length;
        int[] patternOf = new int[columns];
        Arrays.fill(patternOf, -1);
        int[] members = new int[patterns * g]; // members[p * g + i], i < used[p]
        int[] used = new int[patterns];
        int[] slotOf = new int[columns];
        for (int q = 0; q < columns; q++) {
            int p = start[q];
            if (p >= 0 && used[p] < g && contains(allowed[q], p)) place(q, p, patternOf, members, used, slotOf, g);
        }
        int[] parent = new int[columns];
        int[] seenColumn = new int[columns];
        int[] seenPattern = new int[patterns];
        Arrays.fill(seenColumn, -1);
        Arrays.fill(seenPattern, -1);
        int[] queue = new int[columns];
        for (int u = 0; u < columns; u++) {
            if (patternOf[u] >= 0) continue;
            if (!augment(u, allowed, g, patternOf, members, used, slotOf, parent, seenColumn, seenPattern, queue)) return null;
        }
        return patternOf;
    }

    private static boolean augment(int u, int[][] allowed, int g, int[] patternOf, int[] members, int[] used, int[] slotOf,
            int[] parent, int[] seenColumn, int[] seenPattern, int[] queue) {
        int head = 0, tail = 0;
        queue[tail++] = u;
        seenColumn[u] = u;
        parent[u] = -1;
        while (head < tail) {
            int x = queue[head++];
            for (int p : allowed[x]) {
                if (p == patternOf[x] || seenPattern[p] == u) continue;
                seenPattern[p] = u;
                if (used[p] < g) {
                    // Shift along the path: x takes p, the column x displaces takes x's old pattern, and so on back to u.
                    int cur = x, target = p;
                    while (cur >= 0) {
                        int old = patternOf[cur];
                        if (old >= 0) remove(cur, old, members, used, slotOf, g);
                        place(cur, target, patternOf, members, used, slotOf, g);
                        target = old;
                        cur = parent[cur];
                    }
                    return true;
                }
                for (int i = 0; i < used[p]; i++) {
                    int y = members[p * g + i];
                    if (seenColumn[y] == u) continue;
                    seenColumn[y] = u;
                    parent[y] = x;
                    queue[tail++] = y;
                }
            }
        }
        return false;
    }

    private static void place(int q, int p, int[] patternOf, int[] members, int[] used, int[] slotOf, int g) {
        patternOf[q] = p;
        slotOf[q] = used[p];
        members[p * g + used[p]++] = q;
    }

    private static void remove(int q, int p, int[] members, int[] used, int[] slotOf, int g) {
        int last = members[p * g + --used[p]];
        members[p * g + slotOf[q]] = last;
        slotOf[last] = slotOf[q];
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) if (x == v) return true;
        return false;
    }
}
