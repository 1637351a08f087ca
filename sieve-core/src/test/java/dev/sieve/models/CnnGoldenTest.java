package dev.sieve.models;

import static dev.sieve.golden.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.autograd.Variable;
import dev.sieve.golden.GoldenMetadata;
import dev.sieve.golden.Goldens;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** models.Cnn against the PyTorch module of scripts/goldens/gen_conv.py: state-dict names and shapes, forward and gradients. */
class CnnGoldenTest {
    private final Map<String, String> meta = GoldenMetadata.load("cnn");

    @Test
    void stateDictNamesAndShapesEqualPyTorch() {
        Map<String, Tensor> state = new Cnn(1).stateDict();
        List<String> names = List.of(meta.get("names").split(","));
        assertEquals(names, List.copyOf(state.keySet()));
        for (String n : names) assertArrayEquals(GoldenMetadata.ints(meta.get("shape." + n)), state.get(n).dims(), n);
    }

    @Test
    void forwardAndBackwardMatchPyTorch() {
        Goldens g = Goldens.load("cnn");
        Cnn net = new Cnn(1);
        net.loadStateDict(formulaState(net));
        Variable x = Variable.parameter(g.get("x"));
        Variable logits = net.forward(x);
        assertClose("logits", g.get("logits"), logits.value());
        logits.backward(g.get("grad_logits"));
        assertClose("grad x", g.get("grad_x"), x.grad());
        Map<String, Variable> params = net.namedParameters();
        for (String n : List.of("conv1.weight", "conv1.bias", "conv2.bias", "fc1.bias", "fc2.weight", "fc2.bias")) {
            assertClose("grad " + n, g.get("grad." + n), params.get(n).grad(), 1e-5, 1e-3);
        }
        // the other accepted input shapes give the same logits
        Tensor flat = g.get("x").reshape(3, 784), square = g.get("x").reshape(3, 28, 28);
        assertClose("[n, 784] input", logits.value(), net.forward(Variable.constant(flat)).value(), 0, 0);
        assertClose("[n, 28, 28] input", logits.value(), net.forward(Variable.constant(square)).value(), 0, 0);
    }

    @Test
    void rejectsOtherInputShapes() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Cnn(1).forward(Variable.constant(Tensor.zeros(2, 3, 28, 28))));
        assertEquals(true, e.getMessage().contains("[n, 1, 28, 28]"), e.getMessage());
    }

    @Test
    void seededConstructionIsDeterministic() {
        assertClose("conv2.weight", new Cnn(5).stateDict().get("conv2.weight"), new Cnn(5).stateDict().get("conv2.weight"), 0, 0);
    }

    /** The generator's param_value: element i of the k-th state-dict entry is sin(0.731·i + 1.3·k)/√fanIn. */
    private Map<String, Tensor> formulaState(Cnn net) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        int k = 0;
        Map<String, Tensor> state = net.stateDict();
        for (var e : state.entrySet()) {
            String name = e.getKey();
            Tensor weight = state.get(name.substring(0, name.indexOf('.')) + ".weight");
            int fanIn = weight.size() / weight.dim(0);
            float[] v = new float[e.getValue().size()];
            for (int i = 0; i < v.length; i++) v[i] = (float) (Math.sin(0.731 * i + 1.3 * k) / Math.sqrt(fanIn));
            out.put(name, Tensor.wrap(v, e.getValue().dims()));
            k++;
        }
        return out;
    }

    static String dims(Tensor t) {
        return Arrays.toString(t.dims());
    }
}
