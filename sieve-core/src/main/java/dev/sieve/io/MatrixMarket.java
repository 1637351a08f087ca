package dev.sieve.io;

import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The NIST Matrix Market exchange format (.mtx) for real matrices.
 *
 * <p>Reading supports the {@code coordinate} format (sparse; fields real, double, integer and
 * pattern, where pattern entries are 1.0) and the {@code array} format (dense, column-major), each
 * with symmetry general, symmetric or skew-symmetric. Symmetric files store only the lower triangle
 * and are expanded to the full matrix; an entry above the diagonal, or on the diagonal of a
 * skew-symmetric matrix, is an error. Indices are 1-based. {@code %} comment lines and blank lines
 * may appear after the banner. Complex and hermitian matrices are rejected. Values are read as
 * float32.
 *
 * <p>Sizes declared in the file are checked against the file's length before storage is sized from
 * them. Malformed content raises {@link FormatException} with the line number; writes are atomic.
 */
public final class MatrixMarket {
    private MatrixMarket() {}

    /** Reads only the banner and size line: format, field, symmetry, rows, columns, declared entries. */
    public static MatrixMarketHeader readHeader(Path path) throws IOException {
        return MatrixMarketReader.readHeader(path);
    }

    /** Reads the whole matrix: {@link MatrixMarketData.Sparse} for coordinate files, {@link MatrixMarketData.Dense} for array files. */
    public static MatrixMarketData read(Path path) throws IOException {
        return MatrixMarketReader.read(path);
    }

    /** Writes {@code m} as {@code coordinate real general}, entries in the matrix's order. */
    public static void write(Path path, CooMatrix m) throws IOException {
        MatrixMarketWriter.write(path, m);
    }

    /**
     * Writes a 2-D tensor as {@code array real general} (column-major).
     *
     * @throws IllegalArgumentException if the tensor is not 2-D
     */
    public static void writeDense(Path path, Tensor t) throws IOException {
        MatrixMarketWriter.writeDense(path, t);
    }
}
