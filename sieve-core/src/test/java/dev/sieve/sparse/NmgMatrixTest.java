package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NmgMatrixTest {
    // 1:2:1 — patterns (0) and (1), chunk width 2.
    @Test
    void storesSlotsByPatternWithChunkRelativeColumns() {
        // W is 2 x 2; column 1 keeps row 0 (pattern 0, slot 0), column 0 keeps row 1 (pattern 1, slot 1).
        NmgMatrix m = new NmgMatrix(2, 2, 1, 2, 1, new float[] {5, 7}, new short[] {1, 0});
        assertArrayEquals(new float[] {0, 5, 7, 0}, m.toDense().toArray());
        assertEquals(1, m.column(0, 0, 0));
        assertEquals(2, m.nnz());
        assertConsistent(m);
    }

    @Test
    void paddingColumnsAndRowsAreZeroAndNotCounted() {
        // 3 x 3 in 1:2:1: blocks of 2 rows (the second has a padding row), chunks of 2 columns (the second has a padding column).
        float[] data = {1, 2, 3, 0, 4, 0, 0, 0};
        short[] cols = {0, 1, 0, 1, 1, 0, 0, 1};
        NmgMatrix m = new NmgMatrix(3, 3, 1, 2, 1, data, cols);
        assertEquals(2, m.blockCount());
        assertEquals(2, m.chunkCount());
        assertArrayEquals(new float[] {1, 0, 3, 0, 2, 0, 0, 4, 0}, m.toDense().toArray());
        // Block 0 keeps 2 + 1 real positions (column 3 is padding); block 1 keeps row 2 only (row 3 is padding),
        // in columns 1 and 2.
        assertEquals(5, m.nnz());
        assertConsistent(m);
    }

    @Test
    void validationNamesBlockChunkAndSlot() {
        assertRejected("block 0, chunk 0, slot 1 (pattern 1): column index 0 already used by slot 0",
                () -> new NmgMatrix(2, 2, 1, 2, 1, new float[2], new short[] {0, 0}));
        assertRejected("block 0, chunk 0, slot 0 (pattern 0): column index 2 out of range 0..1",
                () -> new NmgMatrix(2, 2, 1, 2, 1, new float[2], new short[] {2, 0}));
        assertRejected("block 0, chunk 0, slot 0 (pattern 0): column index -1 out of range",
                () -> new NmgMatrix(2, 2, 1, 2, 1, new float[2], new short[] {-1, 0}));
        assertRejected("block 0, chunk 0, slot 0 (pattern 0): padding position (0, 1) holds 3.0",
                () -> new NmgMatrix(1, 1, 1, 2, 1, new float[] {3, 0}, new short[] {1, 0}));
        assertRejected("block 0, chunk 0, slot 1 (pattern 1): padding position (1, 0) holds 3.0",
                () -> new NmgMatrix(1, 2, 1, 2, 1, new float[] {0, 3}, new short[] {1, 0}));
        assertRejected("columns has 3 elements, expected 2",
                () -> new NmgMatrix(2, 2, 1, 2, 1, new float[2], new short[3]));
        assertRejected("data has 3 elements, expected 2",
                () -> new NmgMatrix(2, 2, 1, 2, 1, new float[3], new short[2]));
    }

    @Test
    void emptyShapes() {
        assertConsistent(new NmgMatrix(0, 0, 2, 4, 2, new float[0], new short[0]));
        assertConsistent(new NmgMatrix(5, 0, 2, 4, 2, new float[0], new short[0]));
        assertTrue(new NmgMatrix(0, 7, 2, 4, 2, new float[0], new short[0]).toCoo().nnz() == 0);
    }
}
