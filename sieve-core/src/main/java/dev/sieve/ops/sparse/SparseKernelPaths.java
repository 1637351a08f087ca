package dev.sieve.ops.sparse;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.sparse.SparseAlgebraKernels;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.List;

/**
 * The sparse kernels registered as fast paths: SpMM for every sparse layout times dense, dense times
 * CSR/CSC/COO (through the transpose), and SpGEMM, sparse add and Hadamard product for any two of
 * CSR, CSC and COO (converted to CSR, which costs O(nnz)).
 */
final class SparseKernelPaths {
    private static final List<Class<? extends Layout>> COMPRESSED = List.of(Layout.Csr.class, Layout.Csc.class, Layout.Coo.class);

    private SparseKernelPaths() {}

    static void register() {
        for (Class<? extends Layout> kind : FastPaths.SPARSE_KINDS) {
            Dispatcher.registerInitial(MatrixOp.MATMUL, kind, Layout.Dense.class, SparseKernelPaths::sparseTimesDense);
        }
        for (Class<? extends Layout> left : COMPRESSED) {
            Dispatcher.registerInitial(MatrixOp.MATMUL, Layout.Dense.class, left, SparseKernelPaths::denseTimesSparse);
            for (Class<? extends Layout> right : COMPRESSED) {
                Dispatcher.registerInitial(MatrixOp.MATMUL, left, right,
                        (a, b, rt) -> Operand.of(algebra().spgemm(csr(a), csr(b), rt)));
                Dispatcher.registerInitial(MatrixOp.ADD, left, right,
                        (a, b, rt) -> Operand.of(algebra().add(1f, csr(a), 1f, csr(b), rt)));
                Dispatcher.registerInitial(MatrixOp.MUL, left, right,
                        (a, b, rt) -> Operand.of(algebra().multiply(csr(a), csr(b), rt)));
            }
        }
    }

    private static SparseAlgebraKernels algebra() {
        return VectorizationProvider.get().kernels(SparseAlgebraKernels.class);
    }

    private static CsrMatrix csr(Operand o) {
        SparseMatrix m = ((Operand.Sparse) o).matrix();
        return switch (m) {
            case CsrMatrix c -> c;
            case CscMatrix c -> c.toCsr();
            default -> m.toCoo().toCsr();
        };
    }

    private static Operand sparseTimesDense(Operand a, Operand b, ParallelRuntime runtime) {
        SparseMatrix s = ((Operand.Sparse) a).matrix();
        Tensor bd = b.toDense();
        Tensor c = Tensor.zeros(s.rows(), bd.dim(1));
        SparseOps.spmmInto(s, bd, c, false, runtime);
        return Operand.of(c);
    }

    /** {@code D · S = (S^T · D^T)^T}: S^T in CSR is S's CSC arrays read the other way round. */
    private static Operand denseTimesSparse(Operand a, Operand b, ParallelRuntime runtime) {
        CsrMatrix sT = csr(b).transpose();
        Tensor dT = a.toDense().t();
        Tensor cT = Tensor.zeros(sT.rows(), dT.dim(1));
        SparseOps.spmmInto(sT, dT, cT, false, runtime);
        return Operand.of(cT.t());
    }
}
