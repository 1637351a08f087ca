package dev.sieve.io;

import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;

/**
 * A matrix read from a Matrix Market file: {@link Sparse} for the {@code coordinate} format,
 * {@link Dense} for {@code array}. Either converts to the other form on request; symmetric files are
 * already expanded to the full matrix.
 */
public sealed interface MatrixMarketData permits MatrixMarketData.Sparse, MatrixMarketData.Dense {

    MatrixMarketHeader header();

    /** Whether the file listed entries (coordinate format) rather than every value. */
    boolean isSparse();

    /** The matrix as COO; for a dense file, its nonzero values in row-major order. */
    CooMatrix toCoo();

    /**
     * The matrix as a 2-D tensor.
     *
     * @throws IllegalArgumentException if a sparse matrix has more than 2^31-16 positions
     */
    Tensor toDense();

    /** A coordinate-format file: the entries as read (mirrored entries follow the entry that implied them). */
    record Sparse(MatrixMarketHeader header, CooMatrix matrix) implements MatrixMarketData {
        @Override
        public boolean isSparse() {
            return true;
        }

        @Override
        public CooMatrix toCoo() {
            return matrix;
        }

        @Override
        public Tensor toDense() {
            return matrix.toDense();
        }
    }

    /** An array-format file. {@link #toDense()} returns the tensor itself, not a copy. */
    record Dense(MatrixMarketHeader header, Tensor matrix) implements MatrixMarketData {
        @Override
        public boolean isSparse() {
            return false;
        }

        @Override
        public CooMatrix toCoo() {
            return CooMatrix.fromDense(matrix);
        }

        @Override
        public Tensor toDense() {
            return matrix;
        }
    }
}
