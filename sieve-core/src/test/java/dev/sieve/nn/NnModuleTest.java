package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class NnModuleTest {
    static final class Mlp extends Layer {
        final Linear fc1, fc2;
        final Variable scale;

        Mlp() {
            scale = registerParameter("scale", Variable.parameter(Tensor.full(1f, 1)));
            fc1 = registerModule("fc1", new Linear(4, 3, true, 1));
            fc2 = registerModule("fc2", new Linear(3, 2, false, 2));
        }

        @Override
        public Variable forward(Variable x) {
            return Functions.mul(fc2.forward(Functions.relu(fc1.forward(x))), scale);
        }
    }

    @Test
    void namedParametersAreDottedAndOrdered() {
        Mlp m = new Mlp();
        assertEquals(List.of("scale", "fc1.weight", "fc1.bias", "fc2.weight"), List.copyOf(m.namedParameters().keySet()));
        assertEquals(4, m.parameters().size());
        Sequential s = new Sequential(new Linear(2, 3, true, 0), new ReLU(), new Linear(3, 1, true, 0));
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.namedParameters().keySet()));
    }

    static final class WithBuffer extends Layer {
        final Tensor count;
        final Linear inner;

        WithBuffer() {
            registerParameter("w", Variable.parameter(Tensor.full(2f, 2)));
            count = registerBuffer("count", Tensor.zeros(1));
            inner = registerModule("inner", new Linear(2, 1, true, 3));
        }

        @Override
        public Variable forward(Variable x) {
            count.data()[0]++;
            return inner.forward(x);
        }
    }

    @Test
    void buffersAreInTheStateDictButNotParameters() {
        WithBuffer a = new WithBuffer();
        a.forward(Variable.constant(Tensor.zeros(1, 2)));
        assertEquals(List.of("w", "inner.weight", "inner.bias"), List.copyOf(a.namedParameters().keySet()));
        assertEquals(List.of("count"), List.copyOf(a.namedBuffers().keySet()));
        LinkedHashMap<String, Tensor> sd = a.stateDict();
        assertEquals(List.of("w", "count", "inner.weight", "inner.bias"), List.copyOf(sd.keySet()));
        assertEquals(1f, sd.get("count").item());
        sd.get("count").data()[0] = 7f; // a copy: the module's buffer is untouched
        assertEquals(1f, a.count.item());
        WithBuffer b = new WithBuffer();
        b.loadStateDict(sd);
        assertEquals(7f, b.count.item());
        sd.remove("count");
        assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(sd));
        assertThrows(IllegalArgumentException.class, () -> a.registerBuffer("w", Tensor.zeros(1)));
    }

    @Test
    void linearInitMatchesPyTorchBoundsAndLayout() {
        Linear l = new Linear(16, 5, true, 42);
        assertArrayEquals(new int[] {5, 16}, l.weight().dims());
        assertArrayEquals(new int[] {5}, l.bias().dims());
        double bound = 1 / Math.sqrt(16);
        for (float w : l.weight().value().toArray()) assertTrue(Math.abs(w) <= bound);
        for (float b : l.bias().value().toArray()) assertTrue(Math.abs(b) <= bound);
        assertArrayEquals(l.weight().value().toArray(), new Linear(16, 5, true, 42).weight().value().toArray());
        assertNull(new Linear(3, 2, false, 0).bias());
        Variable y = l.forward(Variable.constant(Tensor.uniform(1, -1, 1, 7, 16)));
        assertArrayEquals(new int[] {7, 5}, y.dims());
    }

    @Test
    void linearGradient() {
        Linear l = new Linear(3, 2, true, 5);
        Tensor x = Tensor.uniform(3, -1, 1, 4, 3);
        FiniteDiff.check("linear", () -> Functions.sum(Functions.tanh(l.forward(Variable.constant(x)))), l.weight(), l.bias());
    }

    @Test
    void trainEvalPropagates() {
        Dropout d = new Dropout(0.5, 1);
        Sequential s = new Sequential(new Linear(2, 2, true, 0), d);
        assertTrue(d.isTraining());
        s.eval();
        assertFalse(d.isTraining());
        s.train();
        assertTrue(d.isTraining());
    }

    @Test
    void stateDictRoundTripAndErrors() {
        Mlp a = new Mlp(), b = new Mlp();
        b.fc1.weight().value().data()[0] = 99f;
        LinkedHashMap<String, Tensor> sd = a.stateDict();
        assertEquals(List.copyOf(a.namedParameters().keySet()), List.copyOf(sd.keySet()));
        b.loadStateDict(sd);
        assertArrayEquals(a.fc1.weight().value().toArray(), b.fc1.weight().value().toArray());
        sd.get("scale").data()[0] = 7f; // copies, not views
        assertEquals(1f, a.scale.value().item());

        LinkedHashMap<String, Tensor> missing = a.stateDict();
        missing.remove("fc2.weight");
        missing.put("fc3.weight", Tensor.zeros(1));
        var e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(missing));
        assertTrue(e.getMessage().contains("fc2.weight") && e.getMessage().contains("fc3.weight"), e.getMessage());

        LinkedHashMap<String, Tensor> bad = a.stateDict();
        bad.put("fc1.bias", Tensor.zeros(4));
        float before = b.scale.value().item();
        e = assertThrows(IllegalArgumentException.class, () -> b.loadStateDict(bad));
        assertTrue(e.getMessage().contains("fc1.bias"), e.getMessage());
        assertEquals(before, b.scale.value().item());
    }

    @Test
    void duplicateOrDottedNamesRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Layer() {
            {
                registerParameter("a.b", Variable.parameter(Tensor.zeros(1)));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        });
    }

    @Test
    void activations() {
        Tensor x = Tensor.of(new float[] {-2f, -0.5f, 0.5f, 2f}, 4);
        Variable v = Variable.constant(x);
        assertArrayEquals(x.relu().toArray(), new ReLU().forward(v).value().toArray());
        assertArrayEquals(x.tanh().toArray(), new Tanh().forward(v).value().toArray());
        assertArrayEquals(x.sigmoid().toArray(), new Sigmoid().forward(v).value().toArray());
        assertArrayEquals(x.gelu().toArray(), new GELU().forward(v).value().toArray());
        assertArrayEquals(x.geluTanh().toArray(), new GELU(true).forward(v).value().toArray());
    }

    @Test
    void dropoutInvertedInTrainIdentityInEval() {
        Dropout d = new Dropout(0.25, 3);
        Variable x = Variable.parameter(Tensor.full(1f, 4000));
        Variable y = d.forward(x);
        int kept = 0;
        for (float f : y.value().toArray()) {
            assertTrue(f == 0f || Math.abs(f - 1f / 0.75f) < 1e-6);
            if (f != 0f) kept++;
        }
        assertEquals(3000, kept, 120);
        Functions.sum(y).backward();
        assertArrayEquals(y.value().toArray(), x.grad().toArray());
        d.eval();
        assertSame(x, d.forward(x));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    }
}
