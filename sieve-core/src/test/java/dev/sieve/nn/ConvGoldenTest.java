package dev.sieve.nn;

import static dev.sieve.golden.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Variable;
import dev.sieve.golden.GoldenMetadata;
import dev.sieve.golden.Goldens;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * nn.Conv2d, MaxPool2d and AvgPool2d against PyTorch (scripts/goldens/gen_conv.py): forward output and the
 * gradients to the input and to every parameter, for each configuration recorded in the golden's metadata.
 */
class ConvGoldenTest {
    @Test
    void conv2dMatchesPyTorch() {
        Goldens g = Goldens.load("conv2d");
        Map<String, String> configs = new TreeMap<>(GoldenMetadata.load("conv2d"));
        assertTrue(configs.size() >= 6, "configurations: " + configs.keySet());
        for (var e : configs.entrySet()) {
            int[] c = GoldenMetadata.ints(e.getValue());
            String p = e.getKey() + ".", what = "conv2d " + e.getKey() + " (" + e.getValue() + ")";
            boolean bias = c[11] != 0;
            Conv2d conv = new Conv2d(c[0], c[1], new int[] {c[2], c[3]}, new int[] {c[4], c[5]}, new int[] {c[6], c[7]},
                    new int[] {c[8], c[9]}, c[10], bias, 7);
            Map<String, dev.sieve.tensor.Tensor> state = new HashMap<>();
            state.put("weight", g.get(p + "weight"));
            if (bias) state.put("bias", g.get(p + "bias"));
            conv.loadStateDict(state);
            Variable x = Variable.parameter(g.get(p + "x"));
            Variable y = conv.forward(x);
            assertClose(what + " y", g.get(p + "y"), y.value());
            y.backward(g.get(p + "grad_y"));
            assertClose(what + " grad x", g.get(p + "grad_x"), x.grad());
            assertClose(what + " grad weight", g.get(p + "grad_weight"), conv.weight().grad());
            if (bias) assertClose(what + " grad bias", g.get(p + "grad_bias"), conv.bias().grad());
        }
    }

    @Test
    void poolingMatchesPyTorch() {
        Goldens g = Goldens.load("pool");
        Map<String, String> configs = new TreeMap<>(GoldenMetadata.load("pool"));
        assertTrue(configs.size() >= 7, "configurations: " + configs.keySet());
        for (var e : configs.entrySet()) {
            String[] f = e.getValue().split(",", 2);
            int[] c = GoldenMetadata.ints(f[1]);
            int[] kernel = {c[0], c[1]}, stride = c[2] == 0 ? null : new int[] {c[2], c[3]}, padding = {c[4], c[5]};
            Layer pool = f[0].equals("max") ? new MaxPool2d(kernel, stride, padding, new int[] {c[6], c[7]})
                    : new AvgPool2d(kernel, stride, padding, c[8] != 0);
            assertTrue(pool.parameters().isEmpty());
            String p = e.getKey() + ".", what = "pool " + e.getKey() + " (" + e.getValue() + ")";
            Variable x = Variable.parameter(g.get(p + "x"));
            Variable y = pool.forward(x);
            assertClose(what + " y", g.get(p + "y"), y.value());
            y.backward(g.get(p + "grad_y"));
            assertClose(what + " grad x", g.get(p + "grad_x"), x.grad());
        }
    }

    @Test
    void defaultInitIsKaimingUniformWithFanInOfOneGroup() {
        Conv2d conv = new Conv2d(8, 6, new int[] {3, 2}, new int[] {1}, new int[] {0}, new int[] {1}, 2, true, 3);
        assertEquals(java.util.List.of("weight", "bias"), java.util.List.copyOf(conv.stateDict().keySet()));
        assertArrayEquals(new int[] {6, 4, 3, 2}, conv.weight().dims());
        double bound = 1 / Math.sqrt(4 * 3 * 2);
        for (Variable v : conv.parameters()) {
            double max = 0;
            for (float w : v.value().toArray()) max = Math.max(max, Math.abs(w));
            assertTrue(max <= bound && max > 0.7 * bound, "max |w| " + max + " for bound " + bound);
        }
        assertTrue(new Conv2d(3, 4, 3, 1, 0, 1, 1, false, 1).bias() == null);
    }

    private static void assertArrayEquals(int[] want, int[] got) {
        org.junit.jupiter.api.Assertions.assertArrayEquals(want, got);
    }
}
