package dev.sieve.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.compile.format.Format;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Gradients through compiled einsums: finite differences for dense inputs, sampling for sparse ones. */
class EinsumGradTest {
    @Test
    void denseExpressionsMatchFiniteDifferences() {
        GradCheck.check("matmul", v -> Functions.einsum("ik,kj->ij", v[0], v[1]), Tensor.randn(1, 4, 5), Tensor.randn(2, 5, 3));
        GradCheck.check("sum of products", v -> Functions.einsum("C(i,j) = A(i,k) * B(k,j) - 2 * D(i,j)", v[0], v[1], v[2]),
                Tensor.randn(3, 3, 4), Tensor.randn(4, 4, 2), Tensor.randn(5, 3, 2));
        GradCheck.check("self product with transpose", v -> Functions.einsum("C(i,j) = A(i,j) * A(j,i)", v[0]), Tensor.randn(6, 4, 4));
        GradCheck.check("broadcast reduction", v -> Functions.einsum("y(i) = z(i) + A(i,j)", v[0], v[1]), Tensor.randn(7, 3), Tensor.randn(8, 3, 5));
        GradCheck.check("3-D contraction", v -> Functions.einsum("C(i,j) = A(i,k,l) * B(k,l,j)", v[0], v[1]),
                Tensor.randn(9, 2, 3, 4), Tensor.randn(10, 3, 4, 2));
        GradCheck.check("full reduction", v -> Functions.einsum("s = A(i,j) * B(i,j)", v[0], v[1]), Tensor.randn(11, 3, 3), Tensor.randn(12, 3, 3));
    }

    @Test
    void aSparseInputGetsTheDenseGradientSampledAtItsNonzeros() {
        Tensor a = Tensor.randn(1, 7, 6), h = Tensor.randn(2, 6, 5);
        for (int i = 0; i < a.size(); i++) if (i % 3 != 0) a.data()[i] = 0f;
        Variable as = Variable.parameter(a.copy()), hs = Variable.parameter(h.copy());
        Variable ad = Variable.parameter(a.copy()), hd = Variable.parameter(h.copy());
        Tensor w = Tensor.randn(3, 7, 5);
        Functions.einsum("ik,kj->ij", List.of(as, hs), Arrays.asList(Format.csr(), null)).backward(w);
        Functions.einsum("ik,kj->ij", ad, hd).backward(w);
        for (int i = 0; i < a.size(); i++) {
            float expect = a.data()[i] != 0f ? ad.grad().data()[i] : 0f;
            assertEquals(expect, as.grad().data()[i], 1e-5, "A element " + i);
        }
        for (int i = 0; i < h.size(); i++) assertEquals(hd.grad().data()[i], hs.grad().data()[i], 1e-5, "H element " + i);
    }
}
