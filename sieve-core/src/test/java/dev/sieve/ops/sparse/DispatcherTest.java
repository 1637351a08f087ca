package dev.sieve.ops.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ops.MatMul;
import dev.sieve.parallel.Parallel;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.LayoutConversions;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
    /** Every layout the CLI accepts, with parameters that fit a 12 x 16 matrix. */
    static final List<Layout> LAYOUTS = List.of(Layout.DENSE, Layout.COO, Layout.CSR, Layout.CSC, Layout.MASKED,
            Layout.parse("bsr:2x4"), Layout.parse("nm:2:4"), Layout.parse("nmg:2:4:1"), Layout.parse("tw:4"));

    @AfterEach
    void notStrict() {
        Dispatcher.setStrict(false);
    }

    /**
     * An exact 2:4 matrix along rows (every group of 4 in a row has two nonzeros), so every layout but
     * n:m:g (whose groups run down columns) holds it exactly; tests compare with what was held.
     */
    static Tensor twoFour(int rows, int cols, long seed) {
        Tensor t = Tensor.randn(seed, rows, cols);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) if ((i % 4 + i / cols) % 4 >= 2) d[i] = 0f;
        return t;
    }

    static Operand in(Tensor dense, Layout layout) {
        return layout instanceof Layout.Dense ? Operand.of(dense) : Operand.of(LayoutConversions.hold(dense, layout));
    }

    @Test
    void everyCombinationOfLayoutsMultipliesAddsAndMultipliesElementwise() {
        Tensor a = twoFour(12, 16, 1), b = twoFour(16, 8, 2), a2 = twoFour(12, 16, 3);
        for (Layout la : LAYOUTS) {
            for (Layout lb : LAYOUTS) {
                String what = la + " x " + lb;
                Operand x = in(a, la), y = in(b, lb), x2 = in(a2, lb);
                Tensor xd = x.toDense(), yd = y.toDense(), x2d = x2.toDense();
                assertClose(MatMul.matmul(xd, yd), SparseOps.matmul(x, y).toDense(), "matmul " + what);
                assertClose(dev.sieve.ops.Elementwise.add(xd, x2d), SparseOps.add(x, x2).toDense(), "add " + what);
                assertClose(dev.sieve.ops.Elementwise.mul(xd, x2d), SparseOps.mul(x, x2).toDense(), "mul " + what);
            }
        }
    }

    @Test
    void fallbackIsLoggedOncePerCombinationAndStrictModeRefusesIt() {
        Dispatcher.unregister(MatrixOp.MUL, Layout.Dense.class, Layout.Dense.class);
        try {
            PrintStream saved = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                Operand x = Operand.of(Tensor.full(2f, 3, 3));
                SparseOps.mul(x, x);
                SparseOps.mul(x, x);
            } finally {
                System.setErr(saved);
            }
            String log = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, log.lines().filter(l -> l.contains("no fast path for mul(dense, dense)")).count(), log);

            Dispatcher.setStrict(true);
            Operand x = Operand.of(Tensor.full(2f, 3, 3));
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> SparseOps.mul(x, x));
            assertTrue(e.getMessage().contains("mul(dense, dense)"), e.getMessage());
        } finally {
            Dispatcher.restoreDefaults();
        }
    }

    @Test
    void combinationsWithoutAHandKernelUseACompiledKernelEvenInStrictMode() {
        Tensor a = twoFour(12, 16, 1), b = twoFour(16, 8, 2);
        Operand x = in(a, Layout.parse("bsr:2x4")), y = in(b, Layout.CSC);
        Dispatcher.unregister(MatrixOp.MATMUL, x.layout().getClass(), y.layout().getClass());
        try {
            Dispatcher.setStrict(true);
            PrintStream saved = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Operand c;
            try {
                c = SparseOps.matmul(x, y);
            } finally {
                System.setErr(saved);
            }
            assertInstanceOf(Operand.Sparse.class, c, "sparse x sparse stays sparse");
            assertClose(MatMul.matmul(a, b), c.toDense(), "compiled bsr x csc");
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("using a compiled kernel"), err.toString(StandardCharsets.UTF_8));
            Dispatcher.setCompiledKernels(false);
            assertThrows(UnsupportedOperationException.class, () -> SparseOps.matmul(x, y), "without the compiler, strict refuses the dense fallback");
        } finally {
            Dispatcher.setCompiledKernels(true);
            Dispatcher.restoreDefaults();
        }
    }

    @Test
    void sddmmAndRowSoftmaxMatchDenseDefinitions() {
        Tensor pattern = twoFour(6, 8, 11), d1 = Tensor.randn(12, 6, 5), d2 = Tensor.randn(13, 8, 5);
        CsrMatrix s = CsrMatrix.fromDense(pattern);
        Tensor full = MatMul.matmul(d1, d2.t());
        Tensor sampled = SparseOps.sddmm(s, d1, d2, true).toDense();
        assertClose(dev.sieve.ops.Elementwise.mul(full, pattern), sampled, "sddmm");
        CsrMatrix soft = SparseOps.softmaxRows(s);
        for (int r = 0; r < 6; r++) {
            double sum = 0;
            for (int k = soft.rowPtr()[r]; k < soft.rowPtr()[r + 1]; k++) sum += soft.data()[k];
            assertEquals(1.0, sum, 1e-5, "row " + r);
        }
    }

    @Test
    void shapeMismatchNamesBothShapesAndLayouts() {
        Operand a = Operand.of(CsrMatrix.fromDense(Tensor.zeros(2, 3)));
        Operand b = Operand.of(Tensor.zeros(4, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SparseOps.matmul(a, b));
        assertTrue(e.getMessage().contains("[2, 3] (csr)") && e.getMessage().contains("[4, 2] (dense)"), e.getMessage());
    }

    @Test
    void denseTimesSparseAndSparseProductsStayExact() {
        Tensor a = twoFour(8, 12, 5), d = Tensor.randn(6, 8, 12);
        SparseMatrix s = CsrMatrix.fromDense(a);
        Operand product = SparseOps.mul(Operand.of(d), Operand.of(s));
        assertInstanceOf(Operand.Sparse.class, product);  // dense * sparse keeps the sparse pattern
        assertClose(dev.sieve.ops.Elementwise.mul(d, a), product.toDense(), "dense * csr");  // implicit zeros are +0
        Operand sum = SparseOps.add(Operand.of(d), Operand.of(s));
        assertClose(dev.sieve.ops.Elementwise.add(d, a), sum.toDense(), "dense + csr");
        Operand sparseSum = SparseOps.add(Operand.of(s), Operand.of(s.toCoo()));
        assertInstanceOf(Operand.Sparse.class, sparseSum);  // csr + coo stays sparse (through CSR)
        assertClose(dev.sieve.ops.Elementwise.add(a, a), sparseSum.toDense(), "csr + coo");
        Operand spgemm = SparseOps.matmul(Operand.of(s), Operand.of(CsrMatrix.fromDense(a.t())));
        assertInstanceOf(Operand.Sparse.class, spgemm);
        assertClose(MatMul.matmul(a, a.t()), spgemm.toDense(), "csr x csr");
    }

    @Test
    void linearMatchesDenseLinearInBothActivationLayouts() {
        Tensor w = twoFour(24, 16, 7), x = Tensor.randn(8, 5, 16), bias = Tensor.randn(9, 24);
        for (Layout l : LAYOUTS) {
            if (l instanceof Layout.Dense) continue;
            SparseMatrix sw = LayoutConversions.hold(w, l);
            Tensor expected = MatMul.linear(x, sw.toDense(), bias);
            assertClose(expected, SparseOps.linear(x, sw, bias), "linear " + l);
            assertClose(expected.t(), SparseOps.linearFeatureMajor(x.t(), sw, bias), "feature-major linear " + l);
            Tensor c = Tensor.zeros(24, 5);
            SparseOps.spmmInto(sw, x.t(), c, false, Parallel.runtime());
            assertClose(MatMul.matmul(sw.toDense(), x.t()), c, "spmm " + l);
        }
    }

    static void assertClose(Tensor expected, Tensor actual, String what) {
        assertArrayEquals(expected.dims(), actual.dims(), what);
        float[] e = expected.toArray(), a = actual.toArray();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], 1e-4f * Math.max(1f, Math.abs(e[i])), what + " at " + i);
        }
    }
}
