package dev.sieve.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.MatrixMarketHeader.Field;
import dev.sieve.io.MatrixMarketHeader.Format;
import dev.sieve.io.MatrixMarketHeader.Symmetry;
import dev.sieve.sparse.CooMatrix;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Valid files written by hand: the liberties the format allows, and the edges of it. */
class MatrixMarketReadTest {
    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        return IoTestSupport.write(dir, "m.mtx", content.getBytes(StandardCharsets.US_ASCII));
    }

    private CooMatrix coo(String content) throws IOException {
        return MatrixMarket.read(file(content)).toCoo();
    }

    @Test
    void commentsBlankLinesTabsCrlfAndCase() throws IOException {
        CooMatrix m = coo("%%MatrixMarket MATRIX Coordinate Real General\r\n"
                + "% a comment\r\n"
                + "\r\n"
                + "%another comment with %% and 1 2 3 in it\n"
                + "  2\t3   2  \n"
                + "1 3 -1.5e0\n"
                + "% a comment between entries\n"
                + "\n"
                + "\t2 1 .25"); // last line without a newline
        assertEquals(2, m.rows());
        assertEquals(3, m.cols());
        assertArrayEquals(new int[] {0, 1}, m.rowIndices());
        assertArrayEquals(new int[] {2, 0}, m.colIndices());
        assertArrayEquals(new float[] {-1.5f, 0.25f}, m.values());
    }

    @Test
    void realValuesInEveryFormStrtodAccepts() throws IOException {
        CooMatrix m = coo("%%MatrixMarket matrix coordinate double general\n1 8 8\n"
                + "1 1 1\n1 2 -2.\n1 3 +3.5\n1 4 1E3\n1 5 2.5e-1\n1 6 nan\n1 7 -Infinity\n1 8 INF\n");
        float[] v = m.values();
        assertArrayEquals(new float[] {1, -2, 3.5f, 1000, 0.25f}, java.util.Arrays.copyOf(v, 5));
        assertTrue(Float.isNaN(v[5]));
        assertEquals(Float.NEGATIVE_INFINITY, v[6]);
        assertEquals(Float.POSITIVE_INFINITY, v[7]);
    }

    @Test
    void integerValuesAcceptSigns() throws IOException {
        assertArrayEquals(new float[] {-3, 4}, coo("%%MatrixMarket matrix coordinate integer general\n2 2 2\n1 1 -3\n2 2 +4\n").values());
    }

    @Test
    void patternEntriesAreOne() throws IOException {
        CooMatrix m = coo("%%MatrixMarket matrix coordinate pattern general\n3 3 2\n1 1\n3 2\n");
        assertArrayEquals(new float[] {1, 1}, m.values());
    }

    @Test
    void symmetricExpandsOffDiagonalEntriesOnly() throws IOException {
        CooMatrix m = coo("%%MatrixMarket matrix coordinate real symmetric\n3 3 3\n1 1 4\n3 1 2\n3 3 5\n");
        assertEquals(4, m.nnz());
        assertArrayEquals(new float[] {4, 0, 2, 0, 0, 0, 2, 0, 5}, m.toDense().toArray());
    }

    @Test
    void skewSymmetricNegatesTheMirror() throws IOException {
        CooMatrix m = coo("%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 3\n");
        assertArrayEquals(new float[] {0, -3, 3, 0}, m.toDense().toArray());
    }

    @Test
    void emptyAndZeroSizedMatrices() throws IOException {
        CooMatrix none = coo("%%MatrixMarket matrix coordinate real general\n3 4 0\n");
        assertEquals(0, none.nnz());
        assertEquals(3, none.rows());
        CooMatrix zero = coo("%%MatrixMarket matrix coordinate real general\n0 0 0\n");
        assertEquals(0, zero.rows());
        MatrixMarketData array = MatrixMarket.read(file("%%MatrixMarket matrix array real general\n0 5\n"));
        assertEquals(dev.sieve.tensor.Shape.of(0, 5), array.toDense().shape());
        MatrixMarketData skew1 = MatrixMarket.read(file("%%MatrixMarket matrix array real skew-symmetric\n1 1\n"));
        assertArrayEquals(new float[] {0}, skew1.toDense().toArray());
    }

    @Test
    void arrayIsColumnMajorAndMayPutSeveralValuesOnALine() throws IOException {
        MatrixMarketData d = MatrixMarket.read(file("%%MatrixMarket matrix array real general\n2 3\n1 2\n3\n% c\n4 5 6\n"));
        assertInstanceOf(MatrixMarketData.Dense.class, d);
        assertArrayEquals(new float[] {1, 3, 5, 2, 4, 6}, d.toDense().toArray());
        CooMatrix c = d.toCoo();
        assertEquals(6, c.nnz());
        assertTrue(c.isCoalesced());
    }

    @Test
    void symmetricArrayListsTheLowerTriangleByColumn() throws IOException {
        MatrixMarketData d = MatrixMarket.read(file("%%MatrixMarket matrix array real symmetric\n3 3\n1\n2\n3\n4\n5\n6\n"));
        assertArrayEquals(new float[] {1, 2, 3, 2, 4, 5, 3, 5, 6}, d.toDense().toArray());
        MatrixMarketData s = MatrixMarket.read(file("%%MatrixMarket matrix array integer skew-symmetric\n3 3\n1\n2\n3\n"));
        assertArrayEquals(new float[] {0, -1, -2, 1, 0, -3, 2, 3, 0}, s.toDense().toArray());
    }

    @Test
    void headerReadsOnlyTheTop() throws IOException {
        // Entries after the size line are garbage: readHeader must not look at them.
        MatrixMarketHeader h = MatrixMarket.readHeader(file(
                "%%MatrixMarket matrix coordinate integer symmetric\n% c\n5 5 3\nnot an entry\nxx\nyy\n"));
        assertEquals(new MatrixMarketHeader(Format.COORDINATE, Field.INTEGER, Symmetry.SYMMETRIC, 5, 5, 3), h);
        assertEquals("%%MatrixMarket matrix coordinate integer symmetric", h.banner());
        MatrixMarketHeader a = MatrixMarket.readHeader(file("%%MatrixMarket matrix array real skew-symmetric\n4 4\n1\n2\n3\n4\n5\n6\n"));
        assertEquals(6, a.entries());
        assertEquals("skew-symmetric", a.symmetry().word());
    }

    @Test
    void longCommentsAreFine() throws IOException {
        CooMatrix m = coo("%%MatrixMarket matrix coordinate real general\n%" + "x".repeat(100_000) + "\n1 1 1\n1 1 7\n");
        assertArrayEquals(new float[] {7}, m.values());
    }
}
