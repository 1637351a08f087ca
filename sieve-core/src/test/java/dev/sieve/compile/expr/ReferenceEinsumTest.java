package dev.sieve.compile.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dense reference against small hand-computed results. */
class ReferenceEinsumTest {
    private static final Tensor A22 = Tensor.of(new float[] {1, 2, 3, 4}, 2, 2);
    private static final Tensor B22 = Tensor.of(new float[] {5, 6, 7, 8}, 2, 2);

    private static Tensor eval(String expr, Map<String, Tensor> inputs) {
        return ReferenceEinsum.evaluate(Parser.parse(expr), inputs);
    }

    private static void assertTensor(float[] expected, int[] dims, Tensor actual) {
        assertArrayEquals(dims, actual.dims());
        assertArrayEquals(expected, actual.toArray());
    }

    @Test
    void matmul() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor b = Tensor.of(new float[] {7, 8, 9, 10, 11, 12}, 3, 2);
        float[] expected = {58, 64, 139, 154};
        assertTensor(expected, new int[] {2, 2}, eval("C(i,j) = A(i,k) * B(k,j)", Map.of("A", a, "B", b)));
        assertTensor(expected, new int[] {2, 2}, eval("ik,kj->ij", Map.of("A", a, "B", b)));
    }

    @Test
    void spmvStyle() {
        Tensor a = Tensor.of(new float[] {0, 2, 0, 1, 0, 3}, 2, 3);
        Tensor x = Tensor.of(new float[] {1, 2, 3}, 3);
        assertTensor(new float[] {4, 10}, new int[] {2}, eval("y(i) = A(i,j) * x(j)", Map.of("A", a, "x", x)));
    }

    @Test
    void hadamardAndTranspose() {
        assertTensor(new float[] {5, 12, 21, 32}, new int[] {2, 2},
                eval("C(i,j) = A(i,j) * B(i,j)", Map.of("A", A22, "B", B22)));
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertTensor(new float[] {1, 4, 2, 5, 3, 6}, new int[] {3, 2}, eval("ij->ji", Map.of("A", a)));
    }

    @Test
    void reductionScopeDecidesHowOftenATermIsAdded() {
        Tensor x = Tensor.of(new float[] {1, 1}, 2);
        Tensor z = Tensor.of(new float[] {10, 20}, 2);
        // z is added once per i, not once per j.
        assertTensor(new float[] {13, 27}, new int[] {2},
                eval("y(i) = A(i,j)*x(j) + z(i)", Map.of("A", A22, "x", x, "z", z)));
        assertTensor(new float[] {13, 27}, new int[] {2}, eval("C(i) = A(i,j) + z(i)", Map.of("A", A22, "z", z)));
        assertTensor(new float[] {14, 22}, new int[] {2}, eval("C(i) = A(i,j) + B(i,j)", Map.of("A", A22, "B", B22)));
        // 2 * rowsum(A) - 1: the literal 1 sits outside the scope of j.
        assertTensor(new float[] {5, 13}, new int[] {2}, eval("C(i) = 2 * A(i,j) - 1", Map.of("A", A22)));
    }

    @Test
    void threeDimensionalContraction() {
        Tensor a = Tensor.of(new float[] {1, 2, 3, 4}, 1, 2, 2);
        Tensor b = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);
        assertTensor(new float[] {50, 60}, new int[] {1, 2},
                eval("C(i,j) = A(i,k,l) * B(k,l,j)", Map.of("A", a, "B", b)));
    }

    @Test
    void fullReductionToRankZero() {
        Tensor s = eval("s = A(i,j)*B(i,j)", Map.of("A", A22, "B", B22));
        assertEquals(0, s.rank());
        assertEquals(70f, s.item());
        assertEquals(70f, eval("ij,ij", Map.of("A", A22, "B", B22)).item());
        assertEquals(10f, eval("ij->", Map.of("A", A22)).item());
    }

    @Test
    void literalsSubtractionAndUnaryMinus() {
        Tensor a = Tensor.of(new float[] {1, -2, 4}, 3);
        assertTensor(new float[] {2.5f, -5, 10}, new int[] {3}, eval("C(i) = 2.5 * A(i)", Map.of("A", a)));
        assertTensor(new float[] {0, 3, -3}, new int[] {3}, eval("C(i) = -A(i) + 1", Map.of("A", a)));
        assertTensor(new float[] {-4, -4, -4, -4}, new int[] {2, 2},
                eval("C(i,j) = A(i,j) - B(i,j)", Map.of("A", A22, "B", B22)));
        assertTensor(new float[] {0.001f, -0.002f, 0.004f}, new int[] {3}, eval("C(i) = 1e-3 * A(i)", Map.of("A", a)));
        assertEquals(2f, eval("s = 2", Map.of()).item());
    }

    @Test
    void rankZeroOperandAndRepeatedTensor() {
        Tensor a = Tensor.of(new float[] {1, -2, 4}, 3);
        assertTensor(new float[] {3, -6, 12}, new int[] {3},
                eval("C(i) = alpha * A(i)", Map.of("alpha", Tensor.scalar(3), "A", a)));
        assertTensor(new float[] {5, 25}, new int[] {2}, eval("C(i) = A(i,j) * A(i,j)", Map.of("A", A22)));
    }

    @Test
    void emptyDimensions() {
        Tensor a30 = Tensor.zeros(3, 0);
        Tensor x0 = Tensor.zeros(0);
        assertTensor(new float[] {0, 0, 0}, new int[] {3}, eval("y(i) = A(i,j) * x(j)", Map.of("A", a30, "x", x0)));
        Tensor z = Tensor.of(new float[] {1, 2, 3}, 3);
        assertTensor(new float[] {1, 2, 3}, new int[] {3},
                eval("y(i) = A(i,j) * x(j) + z(i)", Map.of("A", a30, "x", x0, "z", z)));
        assertTensor(new float[] {}, new int[] {0, 3}, eval("C(i,j) = A(i,j)", Map.of("A", Tensor.zeros(0, 3))));
        assertEquals(0f, eval("s = A(i,j)", Map.of("A", Tensor.zeros(0, 0))).item());
    }

    @Test
    void accumulatesInDouble() {
        // In float, 1e8 + 1 rounds back to 1e8 and the sum would be 0.
        Tensor a = Tensor.of(new float[] {1e8f, 1, -1e8f}, 3);
        assertEquals(1f, eval("s = A(i)", Map.of("A", a)).item());
    }

    @Test
    void readsViewsAtTheirOffset() {
        Tensor rows = Tensor.arange(12).reshape(4, 3).slice(0, 1, 3);
        assertTensor(new float[] {12, 21}, new int[] {2}, eval("y(i) = A(i,j)", Map.of("A", rows)));
    }

    @Test
    void agreesWithDenseMatmulOnRandomInput() {
        Tensor a = Tensor.randn(7, 5, 7);
        Tensor b = Tensor.randn(8, 7, 3);
        float[] expected = a.matmul(b).toArray();
        float[] actual = eval("ik,kj->ij", Map.of("A", a, "B", b)).toArray();
        assertArrayEquals(expected, actual, 1e-5f);
    }

    @Test
    void missingOrMisshapedInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> eval("C(i,j) = A(i,k) * B(k,j)", Map.of("A", A22)));
        assertEquals("no tensor bound to B", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> eval("C(i,j) = A(i,k) * B(k,j)", Map.of("A", A22, "B", Tensor.zeros(3, 2))));
        assertEquals("index k is 2 in A(i,k) but 3 in B(k,j)", e.getMessage());
    }
}
