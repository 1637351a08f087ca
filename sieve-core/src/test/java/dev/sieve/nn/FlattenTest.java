package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

class FlattenTest {
    @Test
    void flattensAllButTheBatchDimensionByDefault() {
        Variable x = Variable.parameter(Tensor.randn(1, 2, 3, 4, 5));
        Variable y = new Flatten().forward(x);
        assertArrayEquals(new int[] {2, 60}, y.dims());
        assertArrayEquals(x.value().toArray(), y.value().toArray());
        y.backward(Tensor.full(1f, 2, 60));
        assertArrayEquals(new int[] {2, 3, 4, 5}, x.grad().dims());
    }

    @Test
    void flattensARangeOfDimensions() {
        Variable x = Variable.constant(Tensor.zeros(2, 3, 4, 5));
        assertArrayEquals(new int[] {2, 12, 5}, new Flatten(1, 2).forward(x).dims());
        assertArrayEquals(new int[] {120}, new Flatten(0, -1).forward(x).dims());
        assertThrows(IllegalArgumentException.class, () -> new Flatten(2, 1).forward(x));
    }
}
