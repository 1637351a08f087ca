package dev.sieve.autograd;

import static dev.sieve.autograd.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.ops.sparse.Operand;
import dev.sieve.sparse.BsrMatrix;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.MaskedMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference checks and reference values for batchNorm, embedding and spmm with a constant sparse matrix. */
class NormEmbedGraphGradTest {
    private static Tensor shifted(long seed, int... dims) {
        return Tensor.randn(seed, dims).mul(2f).add(3f);
    }

    @Test
    void batchNormTrainingGradients() {
        check("batchNorm [N, C]", v -> Functions.batchNorm(v[0], null, null, v[1], v[2], true, 0.1, 1e-5),
                shifted(1, 5, 3), Tensor.uniform(2, 0.5f, 1.5f, 3), Tensor.randn(3, 3));
        check("batchNorm [N, C, L]", v -> Functions.batchNorm(v[0], null, null, v[1], v[2], true, 0.1, 1e-5),
                shifted(4, 3, 2, 4), Tensor.uniform(5, 0.5f, 1.5f, 2), Tensor.randn(6, 2));
        check("batchNorm [N, C, H, W]", v -> Functions.batchNorm(v[0], null, null, v[1], v[2], true, 0.1, 1e-5),
                shifted(7, 2, 3, 2, 2), Tensor.uniform(8, 0.5f, 1.5f, 3), Tensor.randn(9, 3));
        check("batchNorm without affine", v -> Functions.batchNorm(v[0], null, null, null, null, true, 0.1, 1e-5),
                shifted(10, 4, 3));
        Tensor rm = Tensor.zeros(3), rv = Tensor.full(1f, 3);
        check("batchNorm updating running stats", v -> Functions.batchNorm(v[0], rm, rv, v[1], null, true, 0.1, 1e-5),
                shifted(11, 4, 3, 2), Tensor.uniform(12, 0.5f, 1.5f, 3));
    }

    @Test
    void batchNormEvaluationGradients() {
        Tensor rm = Tensor.randn(13, 3), rv = Tensor.uniform(14, 0.5f, 2f, 3);
        check("batchNorm eval", v -> Functions.batchNorm(v[0], rm, rv, v[1], v[2], false, 0.1, 1e-5),
                Tensor.randn(15, 4, 3, 2), Tensor.uniform(16, 0.5f, 1.5f, 3), Tensor.randn(17, 3));
    }

    @Test
    void batchNormValuesAndRunningUpdate() {
        Tensor x = shifted(20, 6, 2, 3);
        Tensor rm = Tensor.of(new float[] {0.5f, -1f}, 2), rv = Tensor.of(new float[] {2f, 0.5f}, 2);
        Tensor y = Functions.batchNorm(Variable.constant(x), rm, rv, null, null, true, 0.25, 1e-5).value();
        for (int c = 0; c < 2; c++) {
            double mean = 0, sq = 0;
            int m = 0;
            for (int n = 0; n < 6; n++) for (int l = 0; l < 3; l++) { mean += x.get(n, c, l); m++; }
            mean /= m;
            for (int n = 0; n < 6; n++) for (int l = 0; l < 3; l++) sq += Math.pow(x.get(n, c, l) - mean, 2);
            double biased = sq / m, unbiased = sq / (m - 1);
            for (int n = 0; n < 6; n++)
                for (int l = 0; l < 3; l++) assertEquals((x.get(n, c, l) - mean) / Math.sqrt(biased + 1e-5), y.get(n, c, l), 1e-5);
            double rm0 = c == 0 ? 0.5 : -1, rv0 = c == 0 ? 2 : 0.5;
            assertEquals(0.75 * rm0 + 0.25 * mean, rm.get(c), 1e-5);
            assertEquals(0.75 * rv0 + 0.25 * unbiased, rv.get(c), 1e-5);
        }
    }

    @Test
    void batchNormRejectsBadArguments() {
        Variable x = Variable.constant(Tensor.randn(1, 4, 3));
        assertThrows(IllegalArgumentException.class, () -> Functions.batchNorm(Variable.constant(Tensor.randn(1, 1, 3)), null, null, null, null, true, 0.1, 1e-5),
                "one value per channel in training");
        assertThrows(IllegalArgumentException.class, () -> Functions.batchNorm(x, null, null, null, null, false, 0.1, 1e-5),
                "evaluation needs running stats");
        assertThrows(IllegalArgumentException.class, () -> Functions.batchNorm(x, Tensor.zeros(4), Tensor.zeros(4), null, null, true, 0.1, 1e-5));
        assertThrows(IllegalArgumentException.class, () -> Functions.batchNorm(Variable.constant(Tensor.zeros(3)), null, null, null, null, true, 0.1, 1e-5));
    }

    @Test
    void embeddingGradientScatterAdds() {
        IntTensor idx = IntTensor.of(new long[] {2, 0, 2, 3, 2, 1}, 2, 3);
        check("embedding", v -> Functions.embedding(idx, v[0]), Tensor.randn(30, 5, 4));
        Variable w = Variable.parameter(Tensor.randn(32, 5, 4));
        Variable y = Functions.embedding(idx, w, 2);
        assertArrayEquals(new int[] {2, 3, 4}, y.dims());
        assertArrayEquals(w.value().row(3).toArray(), y.value().slice(0, 1, 2).reshape(3, 4).row(0).toArray());
        y.backward(Tensor.full(1f, 2, 3, 4));
        float[] g = w.grad().toArray();
        for (int j = 0; j < 4; j++) {
            assertEquals(1f, g[j]); // row 0 read once
            assertEquals(0f, g[2 * 4 + j]); // padding row: read three times, no gradient
            assertEquals(0f, g[4 * 4 + j]); // never read
        }
    }

    @Test
    void embeddingRejectsOutOfRangeIndices() {
        Variable w = Variable.parameter(Tensor.randn(33, 5, 4));
        var e = assertThrows(IllegalArgumentException.class, () -> Functions.embedding(IntTensor.of(new long[] {1, 5}, 2), w));
        assertTrue(e.getMessage().contains("index 5 at position 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Functions.embedding(IntTensor.of(new long[] {-1}, 1), w));
        assertThrows(IllegalArgumentException.class, () -> Functions.embedding(IntTensor.of(new long[] {0}, 1), w, 5));
    }

    /** A 6 x 5 matrix with an empty row and an empty column. */
    private static Tensor rectangular() {
        Tensor a = Tensor.zeros(6, 5);
        float[][] e = {{0, 1, 0.5f}, {0, 4, -1f}, {1, 0, 2f}, {3, 1, 1.5f}, {3, 2, -0.5f}, {4, 4, 0.25f}, {5, 0, 1f}, {5, 1, -2f}};
        for (float[] t : e) a.set(t[2], (int) t[0], (int) t[1]);
        return a;
    }

    @Test
    void spmmGradientInEveryUnstructuredLayout() {
        Tensor dense = rectangular();
        SparseMatrix[] layouts = {CsrMatrix.fromDense(dense), CscMatrix.fromDense(dense), CooMatrix.fromDense(dense),
                MaskedMatrix.fromDense(dense), BsrMatrix.fromDense(dense, 2, 2)};
        Tensor h = Tensor.randn(40, 5, 3);
        Tensor expected = dense.matmul(h);
        for (SparseMatrix a : layouts) {
            check("spmm " + a.layout(), v -> Functions.spmm(a, v[0]), h);
            check("spmm with cached transpose " + a.layout(), v -> Functions.spmm(a, Functions.transposeForSpmm(a), v[0]), h);
            assertArrayEquals(expected.toArray(), Functions.spmm(a, Variable.constant(h)).value().toArray(), 1e-5f);
            assertArrayEquals(dense.t().toArray(), Functions.transposeForSpmm(a).toDense().toArray(), a.layout().toString());
        }
        check("spmm dense operand", v -> Functions.spmm(Operand.of(dense), v[0]), h);
        check("spmm sparse operand", v -> Functions.spmm(Operand.of(CsrMatrix.fromDense(dense)), v[0]), h);
    }

    @Test
    void spmmRejectsMismatchedShapes() {
        CsrMatrix a = CsrMatrix.fromDense(rectangular());
        assertThrows(IllegalArgumentException.class, () -> Functions.spmm(a, Variable.parameter(Tensor.zeros(6, 3))));
        assertThrows(IllegalArgumentException.class, () -> Functions.spmm(a, a, Variable.parameter(Tensor.zeros(5, 3))));
    }
}
