package dev.sieve.tensor;

import java.util.Arrays;

/**
 * An immutable integer tensor: a shape over row-major values held as {@code long}s, tagged with the
 * integral {@link DType} the values came from (int32, int64, uint8 or bool).
 *
 * <p>Used for labels, indices and masks read from files. Every value fits its dtype; this is checked
 * on construction, so writing a tensor back in its own dtype never loses information.
 */
public final class IntTensor {
    private final DType dtype;
    private final Shape shape;
    private final long[] values;

    private IntTensor(DType dtype, Shape shape, long[] values) {
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
    }

    /**
     * Copies {@code values} (row-major) into a tensor of the given dtype and shape.
     *
     * @throws IllegalArgumentException if the dtype is not integral, the count does not match the
     *     shape, or a value does not fit the dtype (the first such value is named)
     */
    public static IntTensor of(DType dtype, long[] values, int... dims) {
        if (!dtype.isIntegral()) {
            throw new IllegalArgumentException("IntTensor needs an integral dtype, got " + dtype.label());
        }
        Shape shape = Shape.of(dims);
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("shape " + shape + " needs " + shape.size() + " values, got " + values.length);
        }
        long[] copy = values.clone();
        for (int i = 0; i < copy.length; i++) {
            if (!dtype.fits(copy[i])) {
                throw new IllegalArgumentException("value " + copy[i] + " at index " + i + " does not fit " + dtype.label());
            }
        }
        return new IntTensor(dtype, shape, copy);
    }

    /** An int64 tensor holding a copy of {@code values}. */
    public static IntTensor of(long[] values, int... dims) {
        return of(DType.INT64, values, dims);
    }

    public Shape shape() {
        return shape;
    }

    /** The dtype the values came from; every value fits it. */
    public DType dtype() {
        return dtype;
    }

    public int size() {
        return shape.size();
    }

    public int rank() {
        return shape.rank();
    }

    /** The value at a multi-dimensional index. */
    public long get(int... index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", tensor has rank " + shape.rank());
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape " + shape);
            }
            flat = flat * d + index[i];
        }
        return values[flat];
    }

    /** The value at position {@code i} in row-major order. */
    public long getFlat(int i) {
        return values[i];
    }

    /** A copy of the values in row-major order (a copy keeps the tensor immutable). */
    public long[] data() {
        return values.clone();
    }

    /** The values as float32; magnitudes above 2^24 round to the nearest float. */
    public Tensor toFloatTensor() {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) out[i] = values[i];
        return Tensor.wrap(out, shape.dims());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntTensor t && dtype == t.dtype && shape.equals(t.shape) && Arrays.equals(values, t.values);
    }

    @Override
    public int hashCode() {
        return (dtype.hashCode() * 31 + shape.hashCode()) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("IntTensor").append(shape).append(' ').append(dtype.label()).append(" [");
        int n = Math.min(values.length, 8);
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            sb.append(values[i]);
        }
        if (values.length > n) sb.append(", ...");
        return sb.append(']').toString();
    }
}
