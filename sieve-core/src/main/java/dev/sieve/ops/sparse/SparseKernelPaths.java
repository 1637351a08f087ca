package dev.sieve.ops.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;

/** The sparse kernels registered as fast paths: SpMM for every layout with a kernel family. */
final class SparseKernelPaths {
    private SparseKernelPaths() {}

    static void register() {
        for (Class<? extends Layout> kind : java.util.List.of(Layout.Bsr.class, Layout.Nm.class, Layout.Nmg.class,
                Layout.TileWise.class)) {
            Dispatcher.registerInitial(MatrixOp.MATMUL, kind, Layout.Dense.class, SparseKernelPaths::spmm);
        }
    }

    private static Operand spmm(Operand a, Operand b, ParallelRuntime runtime) {
        SparseMatrix s = ((Operand.Sparse) a).matrix();
        Tensor bd = b.toDense();
        Tensor c = Tensor.zeros(s.rows(), bd.dim(1));
        SparseOps.spmmInto(s, bd, c, false, runtime);
        return Operand.of(c);
    }
}
