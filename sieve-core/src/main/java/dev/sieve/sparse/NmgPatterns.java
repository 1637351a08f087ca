package dev.sieve.sparse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The C(m, n) position patterns of n:m:g in STen's order: every n-subset of {0..m-1}, written as a
 * strictly increasing tuple, ordered so that consecutive tuples differ in exactly one tuple position
 * (a revolving-door order). A kernel walking the patterns in this order swaps one accumulator row
 * between neighbouring patterns instead of reloading all n.
 *
 * <p>The order is defined recursively, for {@code 0 < n < m}:
 * {@code order(n, m, flip) = A ++ B} where A is {@code order(n, m-1, true)}, reversed when
 * {@code flip}, and B is {@code order(n-1, m-1, !flip)} with {@code m-1} appended to each tuple;
 * {@code order(0, m)} and {@code order(m, m)} are the single tuple {@code (0..n-1)}. The layout uses
 * {@code order(n, m, false)}; for 2:4 that is (0,1) (0,2) (1,2) (1,3) (0,3) (2,3).
 */
public final class NmgPatterns {
    private static final java.util.concurrent.ConcurrentHashMap<Integer, NmgPatterns> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final int n;
    private final int m;
    private final byte[] table;

    private NmgPatterns(int n, int m, byte[] table) {
        this.n = n;
        this.m = m;
        this.table = table;
    }

    /**
     * The patterns of n:m in order.
     *
     * @throws IllegalArgumentException unless {@code 1 <= n <= m <= 128} and C(m, n) is at most 32767
     */
    public static NmgPatterns of(int n, int m) {
        if (n < 1 || m < n || m > Layout.MAX_M) {
            throw new IllegalArgumentException("patterns need 1 <= n <= m <= " + Layout.MAX_M + ", got " + n + ":" + m);
        }
        long count = binomial(m, n, Layout.MAX_NMG_CHUNK + 1L);
        if (count > Layout.MAX_NMG_CHUNK) {
            throw new IllegalArgumentException("C(" + m + ", " + n + ") exceeds " + Layout.MAX_NMG_CHUNK + " patterns");
        }
        return CACHE.computeIfAbsent(n * 1024 + m, key -> build(n, m));
    }

    private static NmgPatterns build(int n, int m) {
        List<int[]> order = order(n, m, false);
        byte[] table = new byte[order.size() * n];
        for (int p = 0; p < order.size(); p++) {
            for (int j = 0; j < n; j++) table[p * n + j] = (byte) order.get(p)[j];
        }
        return new NmgPatterns(n, m, table);
    }

    private static List<int[]> order(int n, int m, boolean flip) {
        List<int[]> out = new ArrayList<>();
        if (n == 0 || n == m) {
            int[] only = new int[n];
            for (int j = 0; j < n; j++) only[j] = j;
            out.add(only);
            return out;
        }
        List<int[]> first = order(n, m - 1, true);
        if (flip) Collections.reverse(first);
        out.addAll(first);
        for (int[] shorter : order(n - 1, m - 1, !flip)) {
            int[] t = java.util.Arrays.copyOf(shorter, n);
            t[n - 1] = m - 1;
            out.add(t);
        }
        return out;
    }

    /** C(m, n), or {@code cap} if it is at least {@code cap}. */
    static long binomial(int m, int n, long cap) {
        int k = Math.min(n, m - n);
        long c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (m - i) / (i + 1); // exact: c * (m - i) is a multiple of i + 1 at every step
            if (c >= cap) return cap;
        }
        return c;
    }

    public int n() {
        return n;
    }

    public int m() {
        return m;
    }

    /** C(m, n). */
    public int count() {
        return table.length / n;
    }

    /** The j-th (0..n-1) smallest position of pattern {@code p}. */
    public int position(int p, int j) {
        return table[p * n + j];
    }

    /** A copy of pattern {@code p}'s positions, increasing. */
    public int[] positions(int p) {
        int[] out = new int[n];
        for (int j = 0; j < n; j++) out[j] = table[p * n + j];
        return out;
    }

    /** Backing table: pattern p's positions at {@code [p*n, p*n+n)} (read-only). */
    public byte[] table() {
        return table;
    }

    /** Whether patterns a and b differ in exactly one tuple position (true for neighbours in this order). */
    public boolean differInOnePosition(int a, int b) {
        int diff = 0;
        for (int j = 0; j < n; j++) if (table[a * n + j] != table[b * n + j]) diff++;
        return diff == 1;
    }

    /** The index of the pattern with exactly these increasing positions, or -1. */
    public int indexOf(int[] positions) {
        outer:
        for (int p = 0; p < count(); p++) {
            for (int j = 0; j < n; j++) if (table[p * n + j] != positions[j]) continue outer;
            return p;
        }
        return -1;
    }
}
