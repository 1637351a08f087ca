package dev.sieve.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void parameterNamesAndShapesMatchPyTorch() {
        LinkedHashMap<String, Tensor> sd = new Mlp(1).stateDict();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"), List.copyOf(sd.keySet()));
        assertArrayEquals(new int[] {300, 784}, sd.get("fc1.weight").shape().dims());
        assertArrayEquals(new int[] {300}, sd.get("fc1.bias").shape().dims());
        assertArrayEquals(new int[] {100, 300}, sd.get("fc2.weight").shape().dims());
        assertArrayEquals(new int[] {10, 100}, sd.get("fc3.weight").shape().dims());
        assertArrayEquals(new int[] {10}, sd.get("fc3.bias").shape().dims());
    }

    @Test
    void forwardFlattensImagesAndIsSeeded() {
        Tensor x = Tensor.uniform(3, 0, 1, 2 * 28 * 28).reshape(2, 28, 28);
        Tensor a = new Mlp(5).forward(Variable.constant(x)).value();
        Tensor b = new Mlp(5).forward(Variable.constant(x.reshape(2, 784))).value();
        assertArrayEquals(new int[] {2, 10}, a.shape().dims());
        assertArrayEquals(a.data(), b.data());
    }
}
