package dev.sieve.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Variable;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class LstmClassifierTest {
    @Test
    void parameterNamesAndShapesMatchPyTorch() {
        LinkedHashMap<String, Tensor> sd = new LstmClassifier(1).stateDict();
        assertEquals(List.of("lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0", "fc.weight", "fc.bias"),
                List.copyOf(sd.keySet()));
        assertArrayEquals(new int[] {512, 28}, sd.get("lstm.weight_ih_l0").dims());
        assertArrayEquals(new int[] {512, 128}, sd.get("lstm.weight_hh_l0").dims());
        assertArrayEquals(new int[] {512}, sd.get("lstm.bias_hh_l0").dims());
        assertArrayEquals(new int[] {10, 128}, sd.get("fc.weight").dims());
        assertArrayEquals(new int[] {10}, sd.get("fc.bias").dims());
    }

    @Test
    void acceptsThreeImageLayoutsAndIsSeeded() {
        Tensor x = Tensor.uniform(3, 0, 1, 2, 28, 28);
        Tensor a = new LstmClassifier(5).forward(Variable.constant(x)).value();
        assertArrayEquals(new int[] {2, 10}, a.dims());
        assertArrayEquals(a.toArray(), new LstmClassifier(5).forward(Variable.constant(x.reshape(2, 784))).value().toArray());
        assertArrayEquals(a.toArray(), new LstmClassifier(5).forward(Variable.constant(x.reshape(2, 1, 28, 28))).value().toArray());
        assertThrows(IllegalArgumentException.class, () -> new LstmClassifier(5).forward(Variable.constant(Tensor.zeros(2, 28, 27))));
    }

    @Test
    void learnsToTellBrightTopFromBrightBottom() {
        // Class 0 lights the top rows, class 1 the bottom rows: the LSTM must carry state across rows.
        int n = 16;
        Tensor x = Tensor.uniform(9, 0, 0.2f, n, 28, 28);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
            for (int r = 0; r < 6; r++)
                for (int c = 0; c < 28; c++) x.set(1f, i, y[i] == 0 ? r : 27 - r, c);
        }
        LstmClassifier model = new LstmClassifier(3);
        Adam opt = new Adam(model.parameters(), 1e-2);
        CrossEntropyLoss ce = new CrossEntropyLoss();
        double first = 0, last = 0;
        for (int step = 0; step < 15; step++) {
            opt.zeroGrad();
            Variable loss = ce.forward(model.forward(Variable.constant(x)), y);
            if (step == 0) first = loss.value().item();
            last = loss.value().item();
            loss.backward();
            opt.step();
        }
        assertTrue(last < 0.1 * first, "loss " + first + " -> " + last);
    }
}
