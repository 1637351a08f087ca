package dev.sieve.ops.sparse;

import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;

/** A 2-D matrix in any layout: what the dispatched operators take and return. */
public sealed interface Operand permits Operand.Dense, Operand.Sparse {
    int rows();

    int cols();

    Layout layout();

    /** The values as a dense tensor (the tensor itself for a dense operand). */
    Tensor toDense();

    static Operand of(Tensor dense) {
        return new Dense(dense);
    }

    static Operand of(SparseMatrix sparse) {
        return new Sparse(sparse);
    }

    /** A dense 2-D matrix. */
    record Dense(Tensor tensor) implements Operand {
        public Dense {
            if (tensor.rank() != 2) {
                throw new IllegalArgumentException("a matrix operand must be 2-D, got shape " + tensor.shape());
            }
        }

        @Override
        public int rows() {
            return tensor.dim(0);
        }

        @Override
        public int cols() {
            return tensor.dim(1);
        }

        @Override
        public Layout layout() {
            return Layout.DENSE;
        }

        @Override
        public Tensor toDense() {
            return tensor;
        }
    }

    /** A matrix in one of the sparse layouts. */
    record Sparse(SparseMatrix matrix) implements Operand {
        @Override
        public int rows() {
            return matrix.rows();
        }

        @Override
        public int cols() {
            return matrix.cols();
        }

        @Override
        public Layout layout() {
            return matrix.layout();
        }

        @Override
        public Tensor toDense() {
            return matrix.toDense();
        }
    }
}
