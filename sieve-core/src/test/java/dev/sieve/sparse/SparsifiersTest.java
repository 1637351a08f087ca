package dev.sieve.sparse;

import static dev.sieve.sparse.TestMatrices.assertConsistent;
import static dev.sieve.sparse.TestMatrices.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class SparsifiersTest {
    private static final String[] SPARSE_LAYOUTS = {"coo", "csr", "csc", "masked", "bsr:4x2", "nm:2:4", "nmg:2:4:2", "tw:8"};

    @Test
    void everyLayoutHasASparsifierThatProducesIt() {
        Tensor w = TestMatrices.gaussian(1, 37, 45);
        for (String name : SPARSE_LAYOUTS) {
            Layout layout = Layout.parse(name);
            Sparsifier<? extends SparseMatrix> s = Sparsifiers.forLayout(layout, 0.5);
            assertEquals(layout, s.layout());
            SparseMatrix x = s.sparsify(w);
            assertEquals(layout, x.layout());
            assertConsistent(x);
            SparseMatrix r = s.randomized(11).sparsify(w);
            assertEquals(layout, r.layout());
            assertConsistent(r);
        }
    }

    @Test
    void reachesTheRequestedSparsity() {
        Tensor w = TestMatrices.gaussian(2, 128, 128);
        for (String name : SPARSE_LAYOUTS) {
            Layout layout = Layout.parse(name);
            double target = layout.impliedSparsity().orElse(0.8);
            SparseMatrix x = Sparsifiers.forLayout(layout, target).sparsify(w);
            assertEquals(target, x.sparsity(), 0.01, name);
        }
    }

    @Test
    void impliedSparsities() {
        assertEquals(new Layout.Nm(1, 4), Sparsifiers.forLayout(Layout.parse("nm:1:4")).layout());
        assertRejected("has sparsity 0.5 by construction, not 0.9", () -> Sparsifiers.forLayout(Layout.parse("nm:2:4"), 0.9));
        assertRejected("csr needs a target sparsity", () -> Sparsifiers.forLayout(Layout.CSR));
        assertRejected("dense is not a sparse layout", () -> Sparsifiers.forLayout(Layout.DENSE, 0.5));
    }
}
