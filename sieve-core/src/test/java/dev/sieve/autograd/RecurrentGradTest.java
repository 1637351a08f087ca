package dev.sieve.autograd;

import static dev.sieve.autograd.GradCheck.check;

import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference checks of the fused recurrent layers ({@link Functions#lstmLayer},
 * {@link Functions#gruLayer}) with respect to every input, both directions, with and without initial
 * states and biases. The three results are checked through one output: output, h and c concatenated.
 */
class RecurrentGradTest {
    private static final int T = 4, B = 3, I = 5, H = 4;

    private static Tensor small(long seed, int... dims) {
        return Tensor.uniform(seed, -0.8f, 0.8f, dims);
    }

    private static Variable joined(RecurrentResult r) {
        Variable out = Functions.reshape(r.output(), -1);
        Variable h = Functions.reshape(r.h(), -1);
        return r.c() == null ? Functions.cat(0, out, h) : Functions.cat(0, out, h, Functions.reshape(r.c(), -1));
    }

    @Test
    void lstmAllInputs() {
        for (boolean reverse : new boolean[] {false, true}) {
            check("lstm reverse=" + reverse, v -> joined(Functions.lstmLayer(v[0], v[1], v[2], v[3], v[4], v[5], v[6], reverse)),
                    small(1, T, B, I), small(2, B, H), small(3, B, H), small(4, 4 * H, I), small(5, 4 * H, H), small(6, 4 * H), small(7, 4 * H));
        }
    }

    @Test
    void lstmZeroStatesNoBias() {
        for (boolean reverse : new boolean[] {false, true}) {
            check("lstm no states reverse=" + reverse, v -> joined(Functions.lstmLayer(v[0], null, null, v[1], v[2], null, null, reverse)),
                    small(11, T, B, I), small(14, 4 * H, I), small(15, 4 * H, H));
        }
    }

    @Test
    void gruAllInputs() {
        for (boolean reverse : new boolean[] {false, true}) {
            check("gru reverse=" + reverse, v -> joined(Functions.gruLayer(v[0], v[1], v[2], v[3], v[4], v[5], reverse)),
                    small(21, T, B, I), small(22, B, H), small(24, 3 * H, I), small(25, 3 * H, H), small(26, 3 * H), small(27, 3 * H));
        }
    }

    @Test
    void gruZeroStateNoBias() {
        for (boolean reverse : new boolean[] {false, true}) {
            check("gru no state reverse=" + reverse, v -> joined(Functions.gruLayer(v[0], null, v[1], v[2], null, null, reverse)),
                    small(31, T, B, I), small(34, 3 * H, I), small(35, 3 * H, H));
        }
    }
}
