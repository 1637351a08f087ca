package dev.sieve.nn;

import static dev.sieve.golden.Goldens.assertClose;

import dev.sieve.autograd.Variable;
import dev.sieve.golden.Goldens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** nn.Linear against PyTorch (scripts/goldens/gen_linear.py): forward and all three gradients. */
class LinearGoldenTest {
    @Test
    void forwardAndBackwardMatchPyTorch() {
        Goldens g = Goldens.load("linear");
        Linear lin = new Linear(7, 5, true, 1);
        lin.loadStateDict(Map.of("weight", g.get("weight"), "bias", g.get("bias")));
        Variable x = Variable.parameter(g.get("x"));
        Variable y = lin.forward(x);
        assertClose("y", g.get("y"), y.value());
        y.backward(g.get("grad_y"));
        assertClose("grad x", g.get("grad_x"), x.grad());
        assertClose("grad weight", g.get("grad_weight"), lin.weight().grad());
        assertClose("grad bias", g.get("grad_bias"), lin.bias().grad());
    }
}
