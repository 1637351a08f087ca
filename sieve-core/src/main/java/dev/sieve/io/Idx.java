package dev.sieve.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The IDX format of MNIST and Fashion-MNIST: two zero bytes, a type byte ({@code 0x08} ubyte,
 * {@code 0x09} byte, {@code 0x0B} short, {@code 0x0C} int, {@code 0x0D} float, {@code 0x0E} double), a
 * rank byte (1 to 8), one big-endian int32 size per dimension, then the values, big-endian, row-major.
 *
 * <p>Files compressed with gzip (recognised by their first two bytes {@code 1f 8b}, whatever the
 * name) are decompressed while reading. For a plain file the declared sizes are checked against the
 * file's length before anything is allocated; for gzip, whose decompressed length is unknown up front,
 * the buffer grows with the data actually decompressed (so a lying header costs at most twice the real
 * data), and the read fails when the data ends early or continues past the declared size. At most
 * 2^31-16 elements and 2^31-16 data bytes are supported.
 *
 * <p>Malformed or unsupported content raises {@link FormatException}; other I/O problems (missing
 * file, permissions) raise the usual {@link IOException}s.
 */
public final class Idx {
    private Idx() {}

    /** Reads the whole array in its stored type; convert it with {@link IdxArray#toTensor()} or {@link IdxArray#toIntTensor()}. */
    public static IdxArray read(Path path) throws IOException {
        return IdxReader.read(path);
    }
}
