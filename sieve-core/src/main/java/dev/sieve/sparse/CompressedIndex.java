package dev.sieve.sparse;

/**
 * Validation and construction shared by the compressed layouts (CSR compresses rows, CSC columns,
 * BSR block rows): a pointer array over the major axis and strictly increasing minor indices.
 *
 * @param major name of a compressed line, e.g. "row"
 * @param minor name of an index, e.g. "column"
 * @param pointerName name of the pointer array, e.g. "rowPtr"
 */
record CompressedIndex(String major, String minor, String pointerName) {
    static final CompressedIndex ROWS = new CompressedIndex("row", "column", "rowPtr");
    static final CompressedIndex COLUMNS = new CompressedIndex("column", "row", "colPtr");
    static final CompressedIndex BLOCK_ROWS = new CompressedIndex("block row", "block column", "blockRowPtr");

    /**
     * Checks the pointer array (length, starts at 0, never decreases, ends at the index count), then
     * every index (in range, strictly increasing within its line), and that {@code values} matches.
     */
    void validate(int majorCount, int minorCount, int[] ptr, int[] idx, long valueCount, long valuesPerEntry) {
        if (ptr.length != (long) majorCount + 1) {
            throw new IllegalArgumentException(pointerName + " has " + ptr.length + " entries, expected "
                    + major + "s + 1 = " + ((long) majorCount + 1));
        }
        if (ptr[0] != 0) {
            throw new IllegalArgumentException(pointerName + "[0] must be 0, got " + ptr[0]);
        }
        for (int i = 0; i < majorCount; i++) {
            if (ptr[i + 1] < ptr[i]) {
                throw new IllegalArgumentException(pointerName + "[" + (i + 1) + "] = " + ptr[i + 1] + " is less than "
                        + pointerName + "[" + i + "] = " + ptr[i] + " (" + major + " " + i + " would have negative length)");
            }
        }
        if (ptr[majorCount] != idx.length) {
            throw new IllegalArgumentException(pointerName + "[" + majorCount + "] = " + ptr[majorCount] + " but there are "
                    + idx.length + " " + minor + " indices");
        }
        if (valueCount != idx.length * valuesPerEntry) {
            throw new IllegalArgumentException("there are " + idx.length + " " + minor + " indices but " + valueCount
                    + " values" + (valuesPerEntry == 1 ? "" : " (expected " + valuesPerEntry + " per index)"));
        }
        for (int i = 0; i < majorCount; i++) {
            for (int k = ptr[i]; k < ptr[i + 1]; k++) {
                int j = idx[k];
                if (j < 0 || j >= minorCount) {
                    throw new IllegalArgumentException(major + " " + i + ", entry " + k + ": " + minor + " index " + j
                            + " out of range " + Checks.range(minorCount));
                }
                if (k > ptr[i] && j <= idx[k - 1]) {
                    throw new IllegalArgumentException(major + " " + i + ": " + minor + " indices not increasing at entry "
                            + k + " (" + j + " after " + idx[k - 1] + ")");
                }
            }
        }
    }

    /** Pointer array of a coalesced entry list sorted by {@code majorOf}: counts per line, then prefix sums. */
    static int[] pointers(int majorCount, int[] majorOf) {
        int[] ptr = new int[majorCount + 1];
        for (int r : majorOf) ptr[r + 1]++;
        for (int i = 0; i < majorCount; i++) ptr[i + 1] += ptr[i];
        return ptr;
    }
}
