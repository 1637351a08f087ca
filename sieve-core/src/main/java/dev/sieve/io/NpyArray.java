package dev.sieve.io;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;

/**
 * An array read from a .npy file, in its original dtype, until converted with {@link #toTensor()}
 * or {@link #toIntTensor()}. Conversions always produce row-major tensors; column-major (Fortran
 * order) data is transposed on the way. Each call returns a new tensor.
 */
public final class NpyArray {
    private final Path path;
    private final NpyHeader header;
    /** Native byte order, file element order. */
    private final MemorySegment values;

    NpyArray(Path path, NpyHeader header, MemorySegment values) {
        this.path = path;
        this.header = header;
        this.values = values;
    }

    public NpyHeader header() {
        return header;
    }

    public DType dtype() {
        return header.dtype();
    }

    public Shape shape() {
        return header.shape();
    }

    /** Whether the file stored the data column-major; conversions transpose it to row-major. */
    public boolean fortranOrder() {
        return header.fortranOrder();
    }

    /**
     * The values as a float32 tensor. float64 rounds to the nearest float32, as NumPy's astype does.
     * Integer and bool values convert only when every value is exactly representable in float32
     * (|v| up to 2^24, or larger values with enough trailing zero bits); otherwise the first value
     * that is not is reported, rather than silently changing labels or indices.
     *
     * @throws FormatException if an integer value would change in float32
     */
    public Tensor toTensor() throws FormatException {
        int n = header.shape().size();
        float[] out = new float[n];
        if (header.dtype() == DType.FLOAT32 && !header.fortranOrder()) {
            MemorySegment.copy(values, ValueLayout.JAVA_FLOAT, 0, out, 0, n);
        } else {
            ColumnMajorWalk walk = walk();
            for (int s = 0; s < n; s++) {
                int d = walk == null ? s : walk.next();
                out[d] = floatAt(s, d);
            }
        }
        return Tensor.wrap(out, header.shape().dims());
    }

    /**
     * The values as an integer tensor with this array's dtype.
     *
     * @throws FormatException if the array holds floating-point data, which has no exact integer form
     */
    public IntTensor toIntTensor() throws FormatException {
        DType dtype = header.dtype();
        if (dtype.isFloatingPoint()) {
            throw new FormatException(path, "cannot read " + dtype.label()
                    + " data as an integer tensor (it would drop fractions); read it as a float tensor");
        }
        int n = header.shape().size();
        long[] out = new long[n];
        ColumnMajorWalk walk = walk();
        for (int s = 0; s < n; s++) out[walk == null ? s : walk.next()] = longAt(s);
        return IntTensor.of(dtype, out, header.shape().dims());
    }

    private ColumnMajorWalk walk() {
        return header.fortranOrder() && header.shape().rank() > 1 ? new ColumnMajorWalk(header.shape().dims()) : null;
    }

    private float floatAt(int s, int rowMajorIndex) throws FormatException {
        switch (header.dtype()) {
            case FLOAT32:
                return values.getAtIndex(ValueLayout.JAVA_FLOAT, s);
            case FLOAT64:
                return (float) values.getAtIndex(ValueLayout.JAVA_DOUBLE, s);
            default:
                long v = longAt(s);
                float f = v;
                // 0x1p63f is where (long) f saturates, so it cannot round-trip-check itself.
                if (f >= 0x1p63f || (long) f != v) {
                    throw new FormatException(path, "cannot convert " + header.dtype().label() + " value " + v
                            + " (element " + rowMajorIndex + ") to float32 exactly");
                }
                return f;
        }
    }

    private long longAt(int s) {
        return switch (header.dtype()) {
            case INT32 -> values.getAtIndex(ValueLayout.JAVA_INT, s);
            case INT64 -> values.getAtIndex(ValueLayout.JAVA_LONG, s);
            case UINT8, BOOL -> values.get(ValueLayout.JAVA_BYTE, s) & 0xffL;
            case FLOAT32, FLOAT64 -> throw new IllegalStateException("not an integral dtype: " + header.dtype());
        };
    }

    @Override
    public String toString() {
        return "NpyArray[" + header.descr() + " " + header.shape() + (header.fortranOrder() ? " fortran" : "") + "]";
    }
}
