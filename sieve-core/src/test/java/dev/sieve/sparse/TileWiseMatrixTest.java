package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class TileWiseMatrixTest {
    private static final Tensor W = Tensor.arange(20).reshape(4, 5);

    @Test
    void gatherBuildsTilesOfKeptRows() {
        // Rows 0, 2, 3 kept in tiles of 2: tile 0 = rows {0, 2} keeping columns {1, 4}; tile 1 = row {3} keeping {0}.
        TileWiseMatrix m = TileWiseMatrix.gather(W, 2, new int[] {0, 2, 3}, new int[][] {{1, 4}, {0}});
        assertEquals(2, m.tileCount());
        assertEquals(1, m.tileRowCount(1));
        assertArrayEquals(new int[] {0, 2, 3}, m.tileColPtr());
        assertArrayEquals(new int[] {0, 4, 5}, m.tileDataPtr());
        assertArrayEquals(new float[] {1, 4, 11, 14, 15}, m.data());
        assertArrayEquals(new float[] {0, 1, 0, 0, 4, 0, 0, 0, 0, 0, 0, 11, 0, 0, 14, 15, 0, 0, 0, 0},
                m.toDense().toArray());
        assertConsistent(m);
    }

    @Test
    void emptySelections() {
        assertConsistent(TileWiseMatrix.gather(W, 3, new int[0], new int[0][]));
        assertConsistent(TileWiseMatrix.gather(W, 3, new int[] {1}, new int[][] {{}}));
        assertConsistent(TileWiseMatrix.gather(Tensor.zeros(0, 0), 3, new int[0], new int[0][]));
    }

    @Test
    void validationNamesTheOffender() {
        assertRejected("kept rows not increasing at keptRows[1] (0 after 2)",
                () -> TileWiseMatrix.gather(W, 2, new int[] {2, 0}, new int[][] {{1}}));
        assertRejected("keptRows[0] = 4 out of range 0..3",
                () -> TileWiseMatrix.gather(W, 2, new int[] {4}, new int[][] {{1}}));
        assertRejected("tile 1: column indices not increasing at entry 2 (0 after 3)",
                () -> TileWiseMatrix.gather(W, 1, new int[] {0, 1}, new int[][] {{1}, {3, 0}}));
        assertRejected("tile 0, entry 0: column index 5 out of range 0..4",
                () -> TileWiseMatrix.gather(W, 1, new int[] {0}, new int[][] {{5}}));
        assertRejected("make 2 tiles, but column lists were given for 1",
                () -> TileWiseMatrix.gather(W, 1, new int[] {0, 1}, new int[][] {{1}}));
        assertRejected("data has 1 elements, expected 2",
                () -> new TileWiseMatrix(4, 5, 2, new int[] {0, 1}, new int[] {0, 1}, new int[] {3}, new float[1]));
    }
}
