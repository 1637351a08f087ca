package dev.sieve.tensor;

import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Element types that Sieve stores or exchanges with other tools.
 *
 * <p>Each type knows its size in bytes and its NumPy kind letter, which together spell the type part
 * of a NumPy descr ({@code "f4"}, {@code "i8"}, {@code "b1"}). Compute is float32 first; the other
 * types exist so that files holding them can be read faithfully and converted deliberately.
 */
public enum DType {
    FLOAT32(4, 'f', "float32"),
    FLOAT64(8, 'f', "float64"),
    INT32(4, 'i', "int32"),
    INT64(8, 'i', "int64"),
    UINT8(1, 'u', "uint8"),
    BOOL(1, 'b', "bool");
    // Reduced-precision storage (BF16, FP16) and INT8 belong here once kernels use them. BF16 has no
    // NumPy kind letter, so numpyKind() will have to become optional then rather than assume one.

    private final int byteSize;
    private final char numpyKind;
    private final String label;

    DType(int byteSize, char numpyKind, String label) {
        this.byteSize = byteSize;
        this.numpyKind = numpyKind;
        this.label = label;
    }

    /** Bytes per element. */
    public int byteSize() {
        return byteSize;
    }

    /** NumPy's kind letter: {@code f} float, {@code i} signed, {@code u} unsigned, {@code b} bool. */
    public char numpyKind() {
        return numpyKind;
    }

    /** Kind letter and size without byte order, e.g. {@code "f4"}. */
    public String numpyType() {
        return String.valueOf(numpyKind) + byteSize;
    }

    /**
     * The full NumPy descr for {@code order}, e.g. {@code "<f4"}; one-byte types use {@code '|'}
     * (byte order not applicable) whatever the order, as NumPy does.
     */
    public String numpyDescr(ByteOrder order) {
        char prefix = byteSize == 1 ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        return prefix + numpyType();
    }

    /** The lower-case name used in messages and by NumPy, e.g. {@code "float32"}. */
    public String label() {
        return label;
    }

    public boolean isFloatingPoint() {
        return numpyKind == 'f';
    }

    /** Integer types and bool: values that an {@link IntTensor} can hold exactly. */
    public boolean isIntegral() {
        return !isFloatingPoint();
    }

    /** Whether {@code value} is representable in this integral type (bool holds 0 and 1). */
    public boolean fits(long value) {
        return switch (this) {
            case INT32 -> value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
            case INT64 -> true;
            case UINT8 -> value >= 0 && value <= 255;
            case BOOL -> value == 0 || value == 1;
            case FLOAT32, FLOAT64 -> throw new UnsupportedOperationException(label + " is not an integral type");
        };
    }

    /** The type with NumPy kind letter {@code kind} and {@code byteSize}, if Sieve supports it. */
    public static Optional<DType> fromNumpy(char kind, int byteSize) {
        for (DType t : values()) {
            if (t.numpyKind == kind && t.byteSize == byteSize) return Optional.of(t);
        }
        return Optional.empty();
    }
}
