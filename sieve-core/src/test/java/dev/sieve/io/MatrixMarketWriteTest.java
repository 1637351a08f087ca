package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.fileCount;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MatrixMarketWriteTest {
    @TempDir
    Path dir;

    @Test
    void coordinateRoundTripKeepsEntriesAndOrder() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        int n = 500;
        int[] r = new int[n], c = new int[n];
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            r[k] = rnd.nextInt(40);
            c[k] = rnd.nextInt(30);
            v[k] = (float) rnd.nextGaussian() * (float) Math.pow(10, rnd.nextInt(-20, 20));
        }
        v[0] = Float.NaN;
        v[1] = Float.NEGATIVE_INFINITY;
        v[2] = Float.MIN_VALUE;
        v[3] = -0f;
        CooMatrix m = new CooMatrix(40, 30, r, c, v);
        Path p = dir.resolve("m.mtx");
        MatrixMarket.write(p, m);
        assertEquals(m, MatrixMarket.read(p).toCoo(), "every float survives its shortest decimal form");
        assertEquals(1, fileCount(dir));
    }

    @Test
    void coordinateFileLooksLikeTheSpec() throws IOException {
        Path p = dir.resolve("m.mtx");
        MatrixMarket.write(p, new CooMatrix(2, 3, new int[] {1, 0}, new int[] {2, 0}, new float[] {0.5f, Float.POSITIVE_INFINITY}));
        assertEquals("%%MatrixMarket matrix coordinate real general\n2 3 2\n2 3 0.5\n1 1 inf\n", Files.readString(p));
    }

    @Test
    void denseRoundTripAndColumnMajorLayout() throws IOException {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Path p = dir.resolve("d.mtx");
        MatrixMarket.writeDense(p, t);
        assertEquals("%%MatrixMarket matrix array real general\n2 3\n1.0\n4.0\n2.0\n5.0\n3.0\n6.0\n", Files.readString(p));
        MatrixMarketData back = MatrixMarket.read(p);
        assertFalse(back.isSparse());
        assertArrayEquals(t.toArray(), back.toDense().toArray());

        Tensor r = Tensor.randn(5, 7, 3);
        MatrixMarket.writeDense(p, r);
        assertArrayEquals(r.toArray(), MatrixMarket.read(p).toDense().toArray());
    }

    @Test
    void emptyMatrices() throws IOException {
        Path p = dir.resolve("e.mtx");
        MatrixMarket.write(p, CooMatrix.empty(0, 0));
        assertEquals(CooMatrix.empty(0, 0), MatrixMarket.read(p).toCoo());
        MatrixMarket.writeDense(p, Tensor.zeros(0, 4));
        assertEquals(dev.sieve.tensor.Shape.of(0, 4), MatrixMarket.read(p).toDense().shape());
    }

    @Test
    void denseWriteNeedsAMatrix() {
        Path p = dir.resolve("x.mtx");
        assertThrows(IllegalArgumentException.class, () -> MatrixMarket.writeDense(p, Tensor.zeros(2, 2, 2)));
        assertFalse(Files.exists(p));
    }
}
