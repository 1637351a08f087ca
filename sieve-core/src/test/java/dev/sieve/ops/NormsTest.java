package dev.sieve.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class NormsTest {

    @Test
    void rowsHaveMeanZeroAndVarianceOne() {
        Tensor x = Tensor.randn(1, 64, 33).mul(4f).add(10f);
        Tensor y = Norms.layerNorm(x, new int[] {33}, 1e-5f);
        for (int r = 0; r < 64; r++) {
            double mean = 0, var = 0;
            for (int i = 0; i < 33; i++) mean += y.get(r, i);
            mean /= 33;
            for (int i = 0; i < 33; i++) var += (y.get(r, i) - mean) * (y.get(r, i) - mean);
            var /= 33;
            assertEquals(0, mean, 1e-6);
            // var / (var + eps) with var ~ 16
            assertEquals(1, var, 1e-5);
        }
    }

    @Test
    void affineOverTwoTrailingDimsMatchesNaive() {
        Tensor x = Tensor.randn(2, 3, 4, 5), gamma = Tensor.randn(3, 4, 5), beta = Tensor.randn(4, 4, 5);
        float eps = 1e-3f;
        Tensor y = Norms.layerNorm(x, new int[] {4, 5}, gamma, beta, eps);
        assertEquals(x.shape(), y.shape());
        for (int r = 0; r < 3; r++) {
            double mean = 0, var = 0;
            for (int i = 0; i < 20; i++) mean += x.data()[r * 20 + i];
            mean /= 20;
            for (int i = 0; i < 20; i++) var += Math.pow(x.data()[r * 20 + i] - mean, 2);
            var /= 20;
            for (int i = 0; i < 20; i++) {
                double want = (x.data()[r * 20 + i] - mean) / Math.sqrt(var + eps) * gamma.data()[i] + beta.data()[i];
                assertEquals(want, y.data()[r * 20 + i], 2e-6 * (1 + Math.abs(want)));
            }
        }
    }

    @Test
    void shapeErrorsNameBothShapes() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Norms.layerNorm(x, new int[] {2}, 1e-5f));
        assertTrue(e.getMessage().contains("[2]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Norms.layerNorm(x, new int[] {3}, Tensor.zeros(2), null, 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> Norms.layerNorm(x, new int[] {4, 2, 3}, 1e-5f));
        assertThrows(IllegalArgumentException.class, () -> Norms.layerNorm(x, new int[] {3}, -1f));
    }

    @Test
    void emptyInput() {
        assertEquals(Shape.of(0, 4), Norms.layerNorm(Tensor.zeros(0, 4), new int[] {4}, 1e-5f).shape());
    }
}
