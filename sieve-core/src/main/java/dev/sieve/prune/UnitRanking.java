package dev.sieve.prune;

import java.util.List;

/**
 * The global rule: units (elements, blocks, rows, heads...) of many parameters, each with a non-negative
 * score and a size in elements, taken by decreasing score (ties: earlier parameter, then smaller unit
 * index) while their elements fit a budget; the first unit that does not fit ends the selection, so the
 * kept units are a prefix of the ranking: one threshold over all. Found by a weighted radix select over
 * the scores' float bits, without sorting.
 */
final class UnitRanking {
    private UnitRanking() {}

    /**
     * @param scores per parameter, per unit; non-negative
     * @param sizes per parameter, per unit (elements)
     * @return per parameter, per unit: kept
     */
    static boolean[][] select(List<float[]> scores, List<int[]> sizes, long budget) {
        int layers = scores.size();
        long[] hist = new long[1 << 16];
        long remaining = budget; // budget left after every unit whose key is above the prefix found so far
        int threshold = -1;      // -1: everything fits
        for (int level = 0; level < 2; level++) {
            int shift = level == 0 ? 16 : 0;
            java.util.Arrays.fill(hist, 0);
            for (int l = 0; l < layers; l++) {
                float[] s = scores.get(l);
                int[] z = sizes.get(l);
                for (int u = 0; u < s.length; u++) {
                    int key = key(s[u]);
                    if (level == 1 && (key >>> 16) != (threshold >>> 16)) continue;
                    hist[(key >>> shift) & 0xffff] += z[u];
                }
            }
            int digit = 0xffff;
            while (digit >= 0 && hist[digit] <= remaining) remaining -= hist[digit--];
            if (digit < 0) break; // level 0 only: the total fits the budget
            threshold = level == 0 ? digit << 16 : threshold | digit;
        }
        boolean[][] kept = new boolean[layers][];
        boolean stopped = false;
        for (int l = 0; l < layers; l++) {
            float[] s = scores.get(l);
            int[] z = sizes.get(l);
            kept[l] = new boolean[s.length];
            for (int u = 0; u < s.length; u++) {
                int key = key(s[u]);
                if (threshold < 0 || key > threshold) {
                    kept[l][u] = true;
                } else if (key == threshold && !stopped) {
                    if (z[u] <= remaining) {
                        kept[l][u] = true;
                        remaining -= z[u];
                    } else {
                        stopped = true;
                    }
                }
            }
        }
        return kept;
    }

    private static int key(float nonNegative) {
        if (!(nonNegative >= 0f)) throw new IllegalArgumentException("score " + nonNegative + " is not a non-negative number");
        return Float.floatToRawIntBits(nonNegative) & 0x7fffffff;
    }
}
