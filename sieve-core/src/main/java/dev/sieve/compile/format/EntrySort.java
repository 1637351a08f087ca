package dev.sieve.compile.format;

/**
 * Stable lexicographic ordering of coordinate entries held column-wise, without boxing: a bottom-up
 * merge sort of entry indices. Stability keeps repeated coordinates in input order, so their sums come
 * out the same every run.
 */
final class EntrySort {
    private EntrySort() {}

    /**
     * The permutation that orders entries {@code 0..n-1} by {@code columns[0][e]}, then
     * {@code columns[1][e]}, and so on; ties keep their input order.
     */
    static int[] order(int[][] columns, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        int[] b = new int[n];
        // Longs for the bounds: near 2^31 entries, lo + 2 * width would overflow an int.
        for (long width = 1; width < n; width *= 2) {
            for (long lo = 0; lo < n; lo += 2 * width) {
                int mid = (int) Math.min(lo + width, n), hi = (int) Math.min(lo + 2 * width, n);
                merge(columns, a, b, (int) lo, mid, hi);
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /** Compares entries e and f by their coordinates, first column first. */
    static int compare(int[][] columns, int e, int f) {
        for (int[] c : columns) {
            if (c[e] != c[f]) return c[e] < c[f] ? -1 : 1;
        }
        return 0;
    }

    private static void merge(int[][] columns, int[] src, int[] dst, int lo, int mid, int hi) {
        // Already ordered runs (sorted input, e.g. a row-major scan in identity mode order) cost one comparison.
        if (mid >= hi || compare(columns, src[mid - 1], src[mid]) <= 0) {
            System.arraycopy(src, lo, dst, lo, hi - lo);
            return;
        }
        int i = lo, j = mid, o = lo;
        while (i < mid && j < hi) dst[o++] = compare(columns, src[j], src[i]) < 0 ? src[j++] : src[i++];
        while (i < mid) dst[o++] = src[i++];
        while (j < hi) dst[o++] = src[j++];
    }
}
