package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class NmMatrixTest {
    @Test
    void storesSlotsRowByRowGroupByGroup() {
        // 1 x 6 in 2:4: group 0 = columns 0..3, group 1 = columns 4..5 plus two padding positions.
        NmMatrix m = new NmMatrix(1, 6, 2, 4, new float[] {1, 2, 3, 0}, new byte[] {0, 3, 1, 2});
        assertArrayEquals(new float[] {1, 0, 0, 2, 0, 3}, m.toDense().toArray());
        assertEquals(3, m.nnz()); // slot (group 1, position 2) is column 6: padding
        assertEquals(2, m.groupsPerRow());
        assertConsistent(m);
    }

    @Test
    void validationNamesRowGroupAndSlot() {
        assertRejected("row 0, group 1: positions not increasing at slot 1 (0 after 2)",
                () -> new NmMatrix(1, 8, 2, 4, new float[4], new byte[] {0, 1, 2, 0}));
        assertRejected("row 1, group 0, slot 0: position 4 out of range 0..3",
                () -> new NmMatrix(2, 4, 2, 4, new float[4], new byte[] {0, 1, 4, 5}));
        assertRejected("row 0, group 1, slot 1: padding position 2 (column 6 >= 6) holds 9.0; it must be 0",
                () -> new NmMatrix(1, 6, 2, 4, new float[] {1, 2, 3, 9}, new byte[] {0, 3, 1, 2}));
        assertRejected("data has 3 elements, expected 4",
                () -> new NmMatrix(1, 8, 2, 4, new float[3], new byte[4]));
        assertRejected("n:m needs n <= m", () -> new NmMatrix(1, 8, 5, 4, new float[0], new byte[0]));
    }

    @Test
    void emptyShapes() {
        assertConsistent(new NmMatrix(0, 0, 2, 4, new float[0], new byte[0]));
        assertConsistent(new NmMatrix(3, 0, 2, 4, new float[0], new byte[0]));
        assertConsistent(new NmMatrix(0, 9, 2, 4, new float[0], new byte[0]));
    }
}
