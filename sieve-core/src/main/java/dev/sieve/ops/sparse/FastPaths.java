package dev.sieve.ops.sparse;

import dev.sieve.ops.Elementwise;
import dev.sieve.ops.MatMul;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.tensor.Tensor;
import java.util.List;

/** Registers Sieve's own implementations with the {@link Dispatcher}, once. */
final class FastPaths {
    /** Every sparse layout kind, for registrations that work through COO for any of them. */
    static final List<Class<? extends Layout>> SPARSE_KINDS = List.of(Layout.Coo.class, Layout.Csr.class,
            Layout.Csc.class, Layout.Bsr.class, Layout.Nm.class, Layout.Nmg.class, Layout.TileWise.class,
            Layout.Masked.class);

    private static volatile boolean registered;

    private FastPaths() {}

    static void reset() {
        registered = false;
    }

    static void ensureRegistered() {
        if (registered) return;
        synchronized (FastPaths.class) {
            if (registered) return;
            registerDense();
            registerMixedElementwise();
            SparseKernelPaths.register();
            registered = true;
        }
    }

    private static void registerDense() {
        Dispatcher.registerInitial(MatrixOp.MATMUL, Layout.Dense.class, Layout.Dense.class,
                (a, b, rt) -> Operand.of(MatMul.matmul(a.toDense(), b.toDense())));
        Dispatcher.registerInitial(MatrixOp.ADD, Layout.Dense.class, Layout.Dense.class,
                (a, b, rt) -> Operand.of(Elementwise.add(a.toDense(), b.toDense())));
        Dispatcher.registerInitial(MatrixOp.MUL, Layout.Dense.class, Layout.Dense.class,
                (a, b, rt) -> Operand.of(Elementwise.mul(a.toDense(), b.toDense())));
    }

    /**
     * dense + sparse touches only the stored entries (a copy of the dense one plus a scatter), and
     * dense * sparse only produces values at the sparse pattern (a gather, returned as CSR).
     */
    private static void registerMixedElementwise() {
        for (Class<? extends Layout> kind : SPARSE_KINDS) {
            Dispatcher.registerInitial(MatrixOp.ADD, Layout.Dense.class, kind, (a, b, rt) -> Operand.of(scatterAdd(a.toDense(), b)));
            Dispatcher.registerInitial(MatrixOp.ADD, kind, Layout.Dense.class, (a, b, rt) -> Operand.of(scatterAdd(b.toDense(), a)));
            Dispatcher.registerInitial(MatrixOp.MUL, Layout.Dense.class, kind, (a, b, rt) -> Operand.of(gatherMul(a.toDense(), b)));
            Dispatcher.registerInitial(MatrixOp.MUL, kind, Layout.Dense.class, (a, b, rt) -> Operand.of(gatherMul(b.toDense(), a)));
        }
    }

    private static Tensor scatterAdd(Tensor dense, Operand sparse) {
        Tensor out = dense.copy();
        CooMatrix coo = ((Operand.Sparse) sparse).matrix().toCoo();
        float[] d = out.data();
        int cols = out.dim(1);
        for (int k = 0; k < coo.nnz(); k++) {
            d[coo.rowIndex(k) * cols + coo.colIndex(k)] += coo.value(k);
        }
        return out;
    }

    private static CsrMatrix gatherMul(Tensor dense, Operand sparse) {
        CooMatrix coo = ((Operand.Sparse) sparse).matrix().toCoo().coalesce();
        int n = coo.nnz(), cols = dense.dim(1);
        int[] rows = new int[n], colIdx = new int[n];
        float[] values = new float[n];
        float[] d = dense.data();
        int off = dense.offset();
        for (int k = 0; k < n; k++) {
            rows[k] = coo.rowIndex(k);
            colIdx[k] = coo.colIndex(k);
            values[k] = coo.value(k) * d[off + rows[k] * cols + colIdx[k]];
        }
        return new CooMatrix(coo.rows(), coo.cols(), rows, colIdx, values).toCsr();
    }
}
