package dev.sieve.compile.format;

import java.util.Arrays;

/**
 * Validation of a {@link FormattedTensor}'s arrays against its format. Every length is compared in long
 * arithmetic before an index is trusted, and every violation names the level, its letter and the index.
 */
final class StorageChecks {
    /** Most positions a level may have: its pos array (if any) below holds one more entry than this. */
    static final long MAX_POSITIONS = Integer.MAX_VALUE - 16;

    private StorageChecks() {}

    /**
     * Checks the storage and returns the number of positions of each level.
     *
     * @throws IllegalArgumentException naming the first violation
     */
    static int[] validate(int[] dims, Format format, int[][] pos, int[][] crd, float[] vals) {
        int rank = format.rank();
        checkDims(dims, format);
        if (pos == null || crd == null || vals == null) {
            throw new IllegalArgumentException((pos == null ? "pos" : crd == null ? "crd" : "vals") + " is null");
        }
        if (pos.length != rank || crd.length != rank) {
            throw new IllegalArgumentException("pos has " + pos.length + " and crd " + crd.length
                    + " level arrays; format " + format + " has " + rank + " levels (use null for levels without one)");
        }
        int[] positions = new int[rank];
        long parents = 1;
        for (int k = 0; k < rank; k++) {
            int size = dims[format.mode(k)];
            positions[k] = switch (format.level(k)) {
                case DENSE -> checkDense(k, format, size, parents, pos[k], crd[k]);
                case COMPRESSED, COMPRESSED_NONUNIQUE -> checkCompressed(k, format, size, (int) parents, pos[k], crd[k]);
                case SINGLETON -> checkSingleton(k, format, size, (int) parents, pos[k], crd[k]);
            };
            parents = positions[k];
        }
        if (vals.length != parents) {
            throw new IllegalArgumentException("vals has " + vals.length + " entries, expected " + parents
                    + (rank == 0 ? " (a rank-0 tensor holds one value)" : " (one per position of level " + (rank - 1) + ")"));
        }
        for (int k = 0; k < rank; k++) {
            if (format.level(k) == LevelType.COMPRESSED_NONUNIQUE) checkCooRun(k, format, pos, crd, k == 0 ? 1 : positions[k - 1]);
        }
        return positions;
    }

    static void checkDims(int[] dims, Format format) {
        if (format == null) throw new IllegalArgumentException("format is null");
        if (dims == null) throw new IllegalArgumentException("dims is null");
        if (dims.length != format.rank()) {
            throw new IllegalArgumentException("dims " + Arrays.toString(dims) + " have " + dims.length + " modes; format "
                    + format + " has rank " + format.rank());
        }
        for (int m = 0; m < dims.length; m++) {
            if (dims[m] < 0) {
                throw new IllegalArgumentException("dimension of mode " + m + " is negative (" + dims[m] + ") in "
                        + Arrays.toString(dims));
            }
        }
    }

    static String label(int k, Format format) {
        LevelType t = format.level(k);
        return "level " + k + " (" + t.letter() + ", " + t.description() + ", mode " + format.mode(k) + ")";
    }

    /** The positions of dense level k: every coordinate under every parent position. */
    static int denseLevelPositions(int k, Format format, long parents, int size) {
        long n = parents * size;
        if (n > MAX_POSITIONS) {
            throw new IllegalArgumentException(label(k, format) + ": " + parents + " parent positions x size " + size + " = "
                    + n + " positions, more than an int array can index");
        }
        return (int) n;
    }

    private static int checkDense(int k, Format format, int size, long parents, int[] pos, int[] crd) {
        if (pos != null || crd != null) {
            throw new IllegalArgumentException(label(k, format) + ": a dense level stores no arrays, but "
                    + (pos != null ? "pos" : "crd") + " is given (length " + (pos != null ? pos.length : crd.length) + ")");
        }
        return denseLevelPositions(k, format, parents, size);
    }

    private static int checkCompressed(int k, Format format, int size, int parents, int[] pos, int[] crd) {
        String at = label(k, format);
        if (pos == null || crd == null) throw new IllegalArgumentException(at + ": needs " + (pos == null ? "pos" : "crd") + ", got null");
        if (pos.length != (long) parents + 1) {
            throw new IllegalArgumentException(at + ": pos has " + pos.length + " entries, expected " + ((long) parents + 1)
                    + " (one per position of the level above, plus one)");
        }
        if (pos[0] != 0) throw new IllegalArgumentException(at + ": pos[0] = " + pos[0] + ", must be 0");
        for (int p = 1; p <= parents; p++) {
            if (pos[p] < pos[p - 1]) {
                throw new IllegalArgumentException(at + ": pos[" + p + "] = " + pos[p] + " is below pos[" + (p - 1) + "] = "
                        + pos[p - 1]);
            }
        }
        if (crd.length != pos[parents]) {
            throw new IllegalArgumentException(at + ": crd has " + crd.length + " entries, but pos[" + parents + "] = "
                    + pos[parents]);
        }
        checkBounds(at, size, crd);
        boolean unique = format.level(k) == LevelType.COMPRESSED;
        for (int p = 0; p < parents; p++) {
            for (int q = pos[p] + 1; q < pos[p + 1]; q++) {
                if (unique ? crd[q] <= crd[q - 1] : crd[q] < crd[q - 1]) {
                    throw new IllegalArgumentException(at + ": crd[" + q + "] = " + crd[q] + " is not "
                            + (unique ? "above" : "at or above") + " crd[" + (q - 1) + "] = " + crd[q - 1] + " in segment " + p);
                }
            }
        }
        return crd.length;
    }

    private static int checkSingleton(int k, Format format, int size, int parents, int[] pos, int[] crd) {
        String at = label(k, format);
        if (pos != null) {
            throw new IllegalArgumentException(at + ": a singleton level has no pos array, but one is given (length " + pos.length + ")");
        }
        if (crd == null) throw new IllegalArgumentException(at + ": needs crd, got null");
        if (crd.length != parents) {
            throw new IllegalArgumentException(at + ": crd has " + crd.length + " entries, expected " + parents
                    + " (one per position of the level above)");
        }
        checkBounds(at, size, crd);
        return parents;
    }

    private static void checkBounds(String at, int size, int[] crd) {
        for (int q = 0; q < crd.length; q++) {
            if (crd[q] < 0 || crd[q] >= size) {
                throw new IllegalArgumentException(at + ": crd[" + q + "] = " + crd[q] + " is outside "
                        + (size == 0 ? "the mode, which has size 0" : "0.." + (size - 1)));
            }
        }
    }

    /**
     * Canonical COO: within each segment of compressed non-unique level k, the coordinate tuples of the
     * {@code u q..q} run strictly increase, so entries are sorted and none repeats.
     */
    private static void checkCooRun(int k, Format format, int[][] pos, int[][] crd, int parents) {
        int end = format.endOfCooRun(k);
        int[] seg = pos[k];
        for (int p = 0; p < parents; p++) {
            for (int q = seg[p] + 1; q < seg[p + 1]; q++) {
                int cmp = 0;
                for (int j = k; j <= end && cmp == 0; j++) cmp = Integer.compare(crd[j][q], crd[j][q - 1]);
                if (cmp <= 0) {
                    throw new IllegalArgumentException("levels " + k + ".." + end + " (COO run, modes " + modes(format, k, end)
                            + "): position " + q + " has coordinates " + tuple(crd, k, end, q) + ", which "
                            + (cmp == 0 ? "repeat" : "come before") + " those of position " + (q - 1) + " " + tuple(crd, k, end, q - 1)
                            + " in segment " + p + "; canonical COO is sorted with no repeated coordinates");
                }
            }
        }
    }

    private static String modes(Format format, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int j = from; j <= to; j++) sb.append(j > from ? "," : "").append(format.mode(j));
        return sb.toString();
    }

    private static String tuple(int[][] crd, int from, int to, int q) {
        StringBuilder sb = new StringBuilder("(");
        for (int j = from; j <= to; j++) sb.append(j > from ? ", " : "").append(crd[j][q]);
        return sb.append(')').toString();
    }
}
