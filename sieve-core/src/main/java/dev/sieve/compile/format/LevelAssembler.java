package dev.sieve.compile.format;

import java.util.Arrays;

/**
 * Builds the level arrays of a {@link FormattedTensor} from coordinate entries: sorts them by the
 * format's level order, merges or rejects repeats, then assembles the levels outermost first, tracking
 * each entry's position at the level just built.
 */
final class LevelAssembler {
    private LevelAssembler() {}

    /**
     * The tensor holding the given entries. Inputs are read, never modified.
     *
     * @param modeCoords {@code modeCoords[m][e]} is the coordinate of entry e in logical mode m, already
     *     checked against {@code dims}
     * @param values the value of each entry; zeros are stored like any other value
     * @param n the number of entries
     * @param sumDuplicates whether entries with equal coordinates add up (in input order) or are rejected
     */
    static FormattedTensor assemble(int[] dims, Format format, int[][] modeCoords, float[] values, int n, boolean sumDuplicates) {
        int rank = format.rank();
        int[][] byLevel = new int[rank][];
        for (int k = 0; k < rank; k++) byLevel[k] = modeCoords[format.mode(k)];
        int[] order = EntrySort.order(byLevel, n);

        int[][] sorted = new int[rank][n];
        float[] sortedValues = new float[n];
        int unique = 0;
        for (int j = 0; j < n; j++) {
            int e = order[j];
            if (unique > 0 && EntrySort.compare(byLevel, e, order[j - 1]) == 0) {
                if (!sumDuplicates) {
                    throw new IllegalArgumentException("entries " + order[j - 1] + " and " + e + " both have coordinates "
                            + coordinates(modeCoords, e) + "; sum duplicates or remove one");
                }
                sortedValues[unique - 1] += values[e];
                continue;
            }
            for (int k = 0; k < rank; k++) sorted[k][unique] = byLevel[k][e];
            sortedValues[unique++] = values[e];
        }
        return build(dims, format, sorted, sortedValues, unique);
    }

    private static String coordinates(int[][] modeCoords, int e) {
        StringBuilder sb = new StringBuilder("(");
        for (int m = 0; m < modeCoords.length; m++) sb.append(m > 0 ? ", " : "").append(modeCoords[m][e]);
        return sb.append(')').toString();
    }

    /** Levels from entries sorted by level coordinates with no repeats. */
    private static FormattedTensor build(int[] dims, Format format, int[][] sorted, float[] values, int n) {
        int rank = format.rank();
        int[][] pos = new int[rank][];
        int[][] crd = new int[rank][];
        int[] parent = new int[n]; // each entry's position at the level above; the root has the single position 0
        int parents = 1;
        for (int k = 0; k < rank; k++) {
            int size = dims[format.mode(k)];
            int[] c = sorted[k];
            switch (format.level(k)) {
                case DENSE -> {
                    int positions = StorageChecks.denseLevelPositions(k, format, parents, size);
                    for (int e = 0; e < n; e++) parent[e] = parent[e] * size + c[e];
                    parents = positions;
                }
                case COMPRESSED, COMPRESSED_NONUNIQUE -> {
                    // A u level starts a new position for each distinct tuple of its u q..q run, so the
                    // singletons below have one coordinate per position.
                    int last = format.level(k) == LevelType.COMPRESSED ? k : format.endOfCooRun(k);
                    int[] p = new int[parents + 1];
                    int[] cr = new int[n];
                    int nodes = 0;
                    int previousParent = -1;
                    for (int e = 0; e < n; e++) {
                        int pp = parent[e];
                        if (pp != previousParent || differs(sorted, k, last, e)) {
                            cr[nodes++] = c[e];
                            p[pp + 1]++;
                        }
                        previousParent = pp;
                        parent[e] = nodes - 1;
                    }
                    for (int i = 0; i < parents; i++) p[i + 1] += p[i];
                    pos[k] = p;
                    crd[k] = Arrays.copyOf(cr, nodes);
                    parents = nodes;
                }
                case SINGLETON -> {
                    int[] cr = new int[parents];
                    for (int e = 0; e < n; e++) cr[parent[e]] = c[e];
                    crd[k] = cr;
                }
            }
        }
        float[] vals = new float[parents];
        for (int e = 0; e < n; e++) vals[parent[e]] = values[e];
        return FormattedTensor.wrap(dims.clone(), format, pos, crd, vals);
    }

    /** Whether entry e differs from entry e-1 in any of levels {@code from..to}. */
    private static boolean differs(int[][] sorted, int from, int to, int e) {
        if (e == 0) return true;
        for (int k = from; k <= to; k++) {
            if (sorted[k][e] != sorted[k][e - 1]) return true;
        }
        return false;
    }
}
