package dev.sieve.ops.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.Einsum;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Epilogue;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.ops.MatMul;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sparse linear + bias + activation in one compiled kernel, against the unfused definition. */
class LinearFusedTest {
    static Tensor sparse(long seed, int rows, int cols) {
        Tensor t = Tensor.randn(seed, rows, cols);
        for (int i = 0; i < t.size(); i++) if ((i * 7 + 3) % 5 < 3) t.data()[i] = 0f;
        return t;
    }

    @Test
    void everyLayoutMatchesTheUnfusedLinearWithAndWithoutBiasAndRelu() {
        // Sizes that leave vector and strip tails: 37 outputs, 53 inputs, 77 tokens (16-lane vectors).
        Tensor w = sparse(1, 37, 53), xT = Tensor.randn(2, 53, 77), b = Tensor.randn(3, 37);
        CsrMatrix csr = CsrMatrix.fromDense(w);
        for (SparseMatrix m : new SparseMatrix[] {csr, csr.toCoo(), csr.toCsc()}) {
            for (Tensor bias : new Tensor[] {b, null}) {
                for (Epilogue.Activation act : Epilogue.Activation.values()) {
                    Tensor got = SparseOps.linearFused(xT, m, bias, act);
                    Tensor want = MatMul.matmul(w, xT);
                    for (int o = 0; o < 37; o++) {
                        for (int n = 0; n < 77; n++) {
                            float y = want.get(o, n) + (bias == null ? 0f : bias.get(o));
                            if (act == Epilogue.Activation.RELU) y = Math.max(y, 0f);
                            if (act == Epilogue.Activation.SIGMOID) y = (float) (1 / (1 + Math.exp(-y)));
                            assertEquals(y, got.get(o, n), 1e-4, m.layout() + " bias=" + (bias != null) + " " + act + " at " + o + "," + n);
                        }
                    }
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> SparseOps.linearFused(Tensor.zeros(52, 4), csr, b, Epilogue.Activation.NONE));
        assertThrows(IllegalArgumentException.class, () -> SparseOps.linearFused(xT, csr, Tensor.zeros(36), Epilogue.Activation.NONE));
    }

    @Test
    void csrWeightsGetTheEpilogueInsideTheRegisterTiledStores() {
        Tensor w = sparse(4, 40, 30);
        Map<String, FormattedTensor> in = new LinkedHashMap<>();
        in.put("W", FormattedTensor.fromDense(w, Format.csr()));
        in.put("X", FormattedTensor.fromDense(Tensor.randn(5, 30, 64), Format.dense(2)));
        in.put("b", FormattedTensor.fromDense(Tensor.randn(6, 40), Format.dense(1)));
        Map<String, Format> formats = new LinkedHashMap<>();
        Map<String, int[]> dims = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            formats.put(k, v.format());
            dims.put(k, v.dims());
        });
        CompiledEinsum c = Einsum.compile("Y(o,n) = W(o,i) * X(i,n)", formats, dims, Schedule.automatic(),
                new Epilogue("b", "o", Epilogue.Activation.RELU));
        if (Einsum.vectorLanes() > 0) {
            assertTrue(c.source().contains(".add(bias[i_o]).max(0f).intoArray(out"), c.source());
            assertTrue(c.source().contains("return true;"), "fused() is true");
        }
    }
}
