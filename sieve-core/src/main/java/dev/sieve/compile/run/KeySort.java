package dev.sieve.compile.run;

/**
 * Sorts (key, value) pairs by key with a least-significant-digit radix sort (16-bit digits, only as many passes
 * as the largest key needs), then sums the values of equal keys. Keys are linearised output coordinates, so
 * they are non-negative.
 */
final class KeySort {
    private KeySort() {}

    /** Sorts the first {@code n} pairs in place and merges duplicates; returns the number of distinct keys. */
    static int sortAndSum(long[] keys, float[] vals, int n) {
        if (n <= 1) return n;
        long max = 0;
        boolean sorted = true;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, keys[i]);
            if (i > 0 && keys[i] < keys[i - 1]) sorted = false;
        }
        if (!sorted) radix(keys, vals, n, 64 - Long.numberOfLeadingZeros(max));
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (m > 0 && keys[m - 1] == keys[i]) {
                vals[m - 1] += vals[i];
            } else {
                keys[m] = keys[i];
                vals[m] = vals[i];
                m++;
            }
        }
        return m;
    }

    private static void radix(long[] keys, float[] vals, int n, int bits) {
        long[] k2 = new long[n];
        float[] v2 = new float[n];
        int[] count = new int[1 << 16];
        long[] ka = keys, kb = k2;
        float[] va = vals, vb = v2;
        for (int shift = 0; shift < bits; shift += 16) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) count[(int) ((ka[i] >>> shift) & 0xFFFF)]++;
            int sum = 0;
            for (int d = 0; d < count.length; d++) {
                int c = count[d];
                count[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int at = count[(int) ((ka[i] >>> shift) & 0xFFFF)]++;
                kb[at] = ka[i];
                vb[at] = va[i];
            }
            long[] tk = ka;
            ka = kb;
            kb = tk;
            float[] tv = va;
            va = vb;
            vb = tv;
        }
        if (ka != keys) {
            System.arraycopy(ka, 0, keys, 0, n);
            System.arraycopy(va, 0, vals, 0, n);
        }
    }
}
