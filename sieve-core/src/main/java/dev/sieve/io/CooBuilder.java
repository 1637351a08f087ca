package dev.sieve.io;

import dev.sieve.sparse.CooMatrix;
import java.util.Arrays;

/** Collects COO entries as they are read, growing with what is actually there rather than what was declared. */
final class CooBuilder {
    private int[] rows;
    private int[] cols;
    private float[] values;
    private int size;

    CooBuilder(int initialCapacity) {
        rows = new int[initialCapacity];
        cols = new int[initialCapacity];
        values = new float[initialCapacity];
    }

    int size() {
        return size;
    }

    void add(int row, int col, float value) {
        if (size == values.length) {
            // 1.5x growth in long arithmetic (an int would overflow past 1.4 billion entries),
            // capped at the largest array length the JVM allows.
            int capacity = (int) Math.min(Integer.MAX_VALUE - 16, Math.max(16L, size + (long) (size >> 1)));
            rows = Arrays.copyOf(rows, capacity);
            cols = Arrays.copyOf(cols, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        rows[size] = row;
        cols[size] = col;
        values[size++] = value;
    }

    CooMatrix build(int nRows, int nCols) {
        return new CooMatrix(nRows, nCols, Arrays.copyOf(rows, size), Arrays.copyOf(cols, size), Arrays.copyOf(values, size));
    }
}
