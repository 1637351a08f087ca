package dev.sieve.io;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.Shape;
import java.nio.ByteOrder;

/**
 * What a .npy header says about the array that follows, after it has been checked against the file:
 * the data section holds exactly {@code shape.size() * dtype.byteSize()} bytes from {@code dataOffset}.
 *
 * @param majorVersion format version 1, 2 or 3 (minor version is always 0)
 * @param byteOrder the order of multi-byte values; little-endian for one-byte types, which have none
 * @param fortranOrder whether the data is stored column-major (first index varies fastest)
 * @param dataOffset where the data starts in the file
 */
public record NpyHeader(int majorVersion, DType dtype, ByteOrder byteOrder, boolean fortranOrder, Shape shape,
        long dataOffset) {

    /** The NumPy descr, e.g. {@code "<f4"} or {@code "|u1"}. */
    public String descr() {
        return dtype.numpyDescr(byteOrder);
    }

    /** Size of the data section in bytes. */
    public long dataBytes() {
        return (long) shape.size() * dtype.byteSize();
    }
}
