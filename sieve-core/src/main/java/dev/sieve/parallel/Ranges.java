package dev.sieve.parallel;

/** Deterministic range splitting: equal counts, or equal total weight over a prefix sum. */
public final class Ranges {
    private Ranges() {}

    /** Start of part {@code part} when {@code [0, n)} is split into {@code parts} nearly equal parts. */
    public static int start(int n, int parts, int part) {
        return (int) ((long) n * part / parts);
    }

    /**
     * Splits rows {@code [0, rows)} into {@code parts} contiguous ranges whose weights
     * ({@code prefix[r+1] - prefix[r]}) are as even as possible. Returns {@code parts + 1} boundaries,
     * non-decreasing, from 0 to rows. Empty ranges are possible when one row outweighs the rest.
     */
    public static int[] splitByWeight(long[] prefix, int rows, int parts) {
        if (parts < 1) throw new IllegalArgumentException("parts must be >= 1, got " + parts);
        if (prefix.length < rows + 1) {
            throw new IllegalArgumentException("prefix has " + prefix.length + " entries, need " + (rows + 1));
        }
        int[] bounds = new int[parts + 1];
        bounds[parts] = rows;
        long base = prefix[0];
        long total = prefix[rows] - base;
        int row = 0;
        for (int p = 1; p < parts; p++) {
            long target = base + total * p / parts;
            // first row boundary whose prefix reaches the target (binary search keeps it O(parts log rows))
            int lo = row, hi = rows;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (prefix[mid] < target) lo = mid + 1; else hi = mid;
            }
            // lo is the first boundary at or past the target; the one before may be closer to it
            if (lo > row && target - prefix[lo - 1] < prefix[lo] - target) lo--;
            row = lo;
            bounds[p] = row;
        }
        return bounds;
    }

    /** {@link #splitByWeight(long[], int, int)} for an int prefix (CSR row pointers). */
    public static int[] splitByWeight(int[] prefix, int rows, int parts) {
        long[] wide = new long[rows + 1];
        for (int i = 0; i <= rows; i++) wide[i] = prefix[i];
        return splitByWeight(wide, rows, parts);
    }
}
