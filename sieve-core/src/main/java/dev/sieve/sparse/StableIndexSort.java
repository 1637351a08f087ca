package dev.sieve.sparse;

/**
 * Stable sort of positions by a long key, without boxing. Stability matters: entries with equal
 * keys keep their original order, so sums over repeated positions come out the same every run.
 */
final class StableIndexSort {
    private StableIndexSort() {}

    /** The permutation that orders {@code keys} ascending, ties in original order. */
    static int[] byKey(long[] keys) {
        int n = keys.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        int[] b = new int[n];
        // Bottom-up merge sort; sorted input (the common case for files) costs one comparison per merge.
        // Longs for the bounds: near 2^31 entries, lo + 2 * width would overflow an int.
        for (long width = 1; width < n; width *= 2) {
            for (long lo = 0; lo < n; lo += 2 * width) {
                int mid = (int) Math.min(lo + width, n), hi = (int) Math.min(lo + 2 * width, n);
                merge(keys, a, b, (int) lo, mid, hi);
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    private static void merge(long[] keys, int[] src, int[] dst, int lo, int mid, int hi) {
        if (mid >= hi || keys[src[mid - 1]] <= keys[src[mid]]) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int i = lo, j = mid, o = lo;
        while (i < mid && j < hi) dst[o++] = keys[src[j]] < keys[src[i]] ? src[j++] : src[i++];
        while (i < mid) dst[o++] = src[i++];
        while (j < hi) dst[o++] = src[j++];
    }
}
