package dev.sieve.io;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.nio.file.Path;

/**
 * An array read from an IDX file, in its stored type, until converted with {@link #toTensor()} or
 * {@link #toIntTensor()}. Each conversion returns a new tensor.
 */
public final class IdxArray {
    private final Path path;
    private final IdxType type;
    private final Shape shape;
    /** The file's data section: big-endian, row-major. */
    private final byte[] bytes;

    IdxArray(Path path, IdxType type, Shape shape, byte[] bytes) {
        this.path = path;
        this.type = type;
        this.shape = shape;
        this.bytes = bytes;
    }

    /** The stored IDX element type. */
    public IdxType type() {
        return type;
    }

    /** The Sieve dtype that holds the stored values exactly (see {@link IdxType#dtype()}). */
    public DType dtype() {
        return type.dtype();
    }

    public Shape shape() {
        return shape;
    }

    /**
     * The values as a float32 tensor. double rounds to the nearest float32; integers convert only
     * when exactly representable (int values beyond 2^24 may not be), otherwise the first value
     * that is not is reported.
     *
     * @throws FormatException if an int value would change in float32
     */
    public Tensor toTensor() throws FormatException {
        return toTensor(1f);
    }

    /**
     * The values times {@code scale} as a float32 tensor, in one pass (e.g. {@code 1/255f} to map
     * ubyte pixels to [0, 1]). The exactness check of {@link #toTensor()} applies before scaling.
     */
    public Tensor toTensor(float scale) throws FormatException {
        int n = shape.size();
        float[] out = new float[n];
        switch (type) {
            case UBYTE -> { for (int i = 0; i < n; i++) out[i] = (bytes[i] & 0xff) * scale; }
            case BYTE -> { for (int i = 0; i < n; i++) out[i] = bytes[i] * scale; }
            case FLOAT -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat(int32(i)) * scale; }
            case DOUBLE -> { for (int i = 0; i < n; i++) out[i] = (float) Double.longBitsToDouble(int64(i)) * scale; }
            case SHORT, INT -> {
                for (int i = 0; i < n; i++) {
                    long v = longAt(i);
                    float f = v;
                    if ((long) f != v) {
                        throw new FormatException(path, "cannot convert " + type.label() + " value " + v + " (element " + i + ") to float32 exactly");
                    }
                    out[i] = f * scale;
                }
            }
        }
        return Tensor.wrap(out, shape.dims());
    }

    /**
     * The values as an integer tensor: uint8 for ubyte, int32 for byte, short and int.
     *
     * @throws FormatException if the array holds float or double data, which has no exact integer form
     */
    public IntTensor toIntTensor() throws FormatException {
        if (type == IdxType.FLOAT || type == IdxType.DOUBLE) {
            throw new FormatException(path, "cannot read IDX " + type.label()
                    + " data as an integer tensor (it would drop fractions); read it as a float tensor");
        }
        int n = shape.size();
        long[] out = new long[n];
        for (int i = 0; i < n; i++) out[i] = longAt(i);
        return IntTensor.of(type.dtype(), out, shape.dims());
    }

    /** Integer values as Java ints, for labels and indices; same types as {@link #toIntTensor()}. */
    public int[] toIntArray() throws FormatException {
        if (type == IdxType.FLOAT || type == IdxType.DOUBLE) {
            throw new FormatException(path, "cannot read IDX " + type.label() + " data as integers (it would drop fractions)");
        }
        int n = shape.size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = (int) longAt(i);
        return out;
    }

    private long longAt(int i) {
        return switch (type) {
            case UBYTE -> bytes[i] & 0xff;
            case BYTE -> bytes[i];
            case SHORT -> (short) (((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff));
            case INT -> int32(i);
            case FLOAT, DOUBLE -> throw new IllegalStateException("not an integral type: " + type);
        };
    }

    private int int32(int i) {
        int b = 4 * i;
        return ((bytes[b] & 0xff) << 24) | ((bytes[b + 1] & 0xff) << 16) | ((bytes[b + 2] & 0xff) << 8) | (bytes[b + 3] & 0xff);
    }

    private long int64(int i) {
        return ((long) int32(2 * i) << 32) | (int32(2 * i + 1) & 0xffffffffL);
    }

    @Override
    public String toString() {
        return "IdxArray[" + type.label() + " " + shape + "]";
    }
}
