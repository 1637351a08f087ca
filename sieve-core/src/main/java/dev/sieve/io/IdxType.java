package dev.sieve.io;

import dev.sieve.tensor.DType;
import java.util.Optional;

/** The element types of the IDX format, by their type byte (the file's third byte). */
public enum IdxType {
    UBYTE(0x08, 1, "ubyte", DType.UINT8),
    BYTE(0x09, 1, "byte", DType.INT32),
    SHORT(0x0B, 2, "short", DType.INT32),
    INT(0x0C, 4, "int", DType.INT32),
    FLOAT(0x0D, 4, "float", DType.FLOAT32),
    DOUBLE(0x0E, 8, "double", DType.FLOAT64);

    private final int code;
    private final int byteSize;
    private final String label;
    private final DType dtype;

    IdxType(int code, int byteSize, String label, DType dtype) {
        this.code = code;
        this.byteSize = byteSize;
        this.label = label;
        this.dtype = dtype;
    }

    /** The type byte, e.g. {@code 0x08} for unsigned bytes. */
    public int code() {
        return code;
    }

    /** Bytes per element (big-endian in the file). */
    public int byteSize() {
        return byteSize;
    }

    public String label() {
        return label;
    }

    /**
     * The Sieve dtype that holds every value of this type exactly: uint8 for ubyte, int32 for byte,
     * short and int, float32 and float64 for the floating types.
     */
    public DType dtype() {
        return dtype;
    }

    public static Optional<IdxType> fromCode(int code) {
        for (IdxType t : values()) {
            if (t.code == code) return Optional.of(t);
        }
        return Optional.empty();
    }
}
