package dev.sieve.sparse;

/**
 * Selection of the k largest of n non-negative keys in linear time, deterministically: ties go to
 * the smaller index. A radix select over 16-bit digits, most significant first, finds the k-th
 * largest key exactly; no O(n) buffer is sorted.
 */
final class TopK {
    /** A key per index; must be non-negative. Non-negative float/double bits order like the values. */
    @FunctionalInterface
    interface Keys {
        long key(int i);
    }

    private TopK() {}

    /** The indices of the k largest keys, in increasing index order; ties prefer smaller indices. */
    static int[] largest(int n, int k, Keys keys) {
        if (k <= 0) return new int[0];
        if (k >= n) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        long prefix = 0, prefixMask = 0;
        int need = k; // how many to take among keys that match the prefix found so far
        int[] histogram = new int[1 << 16];
        for (int shift = 48; shift >= 0; shift -= 16) {
            java.util.Arrays.fill(histogram, 0);
            for (int i = 0; i < n; i++) {
                long key = keys.key(i);
                if ((key & prefixMask) == prefix) histogram[(int) (key >>> shift) & 0xffff]++;
            }
            int digit = 0xffff;
            while (histogram[digit] < need) need -= histogram[digit--];
            prefix |= (long) digit << shift;
            prefixMask |= 0xffffL << shift;
        }
        // prefix is now the k-th largest key: take everything above it and the first `need` equal to it.
        int[] out = new int[k];
        int taken = 0;
        for (int i = 0; i < n && taken < k; i++) {
            long key = keys.key(i);
            if (key > prefix || (key == prefix && need-- > 0)) out[taken++] = i;
        }
        return out;
    }

    static long floatKey(float nonNegative) {
        return Checks.orderedBits(nonNegative);
    }

    static long doubleKey(double nonNegative) {
        return Double.doubleToRawLongBits(nonNegative) & Long.MAX_VALUE;
    }
}
