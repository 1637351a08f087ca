package dev.sieve.ops;

import dev.sieve.tensor.Shape;
import java.util.Arrays;

/**
 * Integer positions with a shape, e.g. the result of {@link Reductions#argmax(dev.sieve.tensor.Tensor, int, boolean)}:
 * {@code values} in row-major order.
 */
public record Indices(int[] values, Shape shape) {
    public Indices {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " indices, got " + values.length);
        }
    }

    /** The index at a position of {@link #shape()}. */
    public int get(int... position) {
        if (position.length != shape.rank()) {
            throw new IllegalArgumentException("position " + Arrays.toString(position) + " for shape " + shape);
        }
        int flat = 0;
        for (int i = 0; i < position.length; i++) {
            if (position[i] < 0 || position[i] >= shape.dim(i)) {
                throw new IndexOutOfBoundsException("position " + Arrays.toString(position) + " out of bounds for shape " + shape);
            }
            flat = flat * shape.dim(i) + position[i];
        }
        return values[flat];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Indices other && shape.equals(other.shape) && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Indices" + shape + " " + Arrays.toString(values);
    }
}
