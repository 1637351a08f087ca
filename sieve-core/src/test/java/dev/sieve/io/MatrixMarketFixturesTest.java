package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.io.MatrixMarketHeader.Field;
import dev.sieve.io.MatrixMarketHeader.Format;
import dev.sieve.io.MatrixMarketHeader.Symmetry;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reads the files SciPy wrote, comparing with the dense matrix NumPy saved beside each. */
class MatrixMarketFixturesTest {

    static List<Arguments> fixtures() {
        return List.of(
                Arguments.of("coo-real-general", Format.COORDINATE, Field.REAL, Symmetry.GENERAL, 4, 5),
                Arguments.of("coo-integer-general", Format.COORDINATE, Field.INTEGER, Symmetry.GENERAL, 3, 3),
                Arguments.of("coo-pattern-general", Format.COORDINATE, Field.PATTERN, Symmetry.GENERAL, 4, 5),
                Arguments.of("coo-real-symmetric", Format.COORDINATE, Field.REAL, Symmetry.SYMMETRIC, 4, 4),
                Arguments.of("coo-pattern-symmetric", Format.COORDINATE, Field.PATTERN, Symmetry.SYMMETRIC, 4, 4),
                Arguments.of("coo-real-skew-symmetric", Format.COORDINATE, Field.REAL, Symmetry.SKEW_SYMMETRIC, 4, 4),
                Arguments.of("array-real-general", Format.ARRAY, Field.REAL, Symmetry.GENERAL, 4, 5),
                Arguments.of("array-integer-general", Format.ARRAY, Field.INTEGER, Symmetry.GENERAL, 3, 3),
                Arguments.of("array-real-symmetric", Format.ARRAY, Field.REAL, Symmetry.SYMMETRIC, 4, 4),
                Arguments.of("array-real-skew-symmetric", Format.ARRAY, Field.REAL, Symmetry.SKEW_SYMMETRIC, 4, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void readsWhatScipyWrote(String name, Format format, Field field, Symmetry symmetry, int rows, int cols) throws IOException {
        Tensor expected = Npy.read(fixture("mtx/" + name + ".expected.npy")).toTensor();
        MatrixMarketData data = MatrixMarket.read(fixture("mtx/" + name + ".mtx"));

        MatrixMarketHeader h = data.header();
        assertEquals(format, h.format());
        assertEquals(field, h.field());
        assertEquals(symmetry, h.symmetry());
        assertEquals(rows, h.rows());
        assertEquals(cols, h.cols());
        assertEquals(h, MatrixMarket.readHeader(fixture("mtx/" + name + ".mtx")));

        assertEquals(format == Format.COORDINATE, data.isSparse());
        assertEquals(format == Format.COORDINATE, data instanceof MatrixMarketData.Sparse);
        assertEquals(expected.shape(), data.toDense().shape());
        assertArrayEquals(expected.toArray(), data.toDense().toArray());

        CooMatrix coo = data.toCoo();
        assertEquals(rows, coo.rows());
        assertEquals(cols, coo.cols());
        assertArrayEquals(expected.toArray(), coo.toDense().toArray());
        if (data instanceof MatrixMarketData.Sparse s && symmetry != Symmetry.GENERAL) {
            long diagonal = 0;
            for (int k = 0; k < coo.nnz(); k++) if (coo.rowIndex(k) == coo.colIndex(k)) diagonal++;
            assertEquals(2 * h.entries() - diagonal, s.matrix().nnz(), "mirrored entries are expanded");
        }
        assertTrue(coo.sparsity() >= 0);
    }
}
