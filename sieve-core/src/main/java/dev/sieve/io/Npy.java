package dev.sieve.io;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * NumPy's .npy format, versions 1.0, 2.0 and 3.0.
 *
 * <p>Reading accepts float32, float64, int32, int64, uint8 and bool in either byte order and in C
 * or Fortran order; scalars (shape {@code ()}) and empty arrays work. The header is checked against
 * the file before anything is allocated: the data section must hold exactly shape-product times
 * item-size bytes, and at most 2^31-16 elements. Writing produces little-endian C-order files that
 * NumPy reads back unchanged; writes are atomic (temporary file, then rename).
 *
 * <p>Malformed or unsupported content raises {@link FormatException}; other I/O problems (missing
 * file, permissions) raise the usual {@link IOException}s.
 */
public final class Npy {
    private Npy() {}

    /** Reads and validates only the header: dtype, byte order, Fortran order, shape. */
    public static NpyHeader readHeader(Path path) throws IOException {
        return NpyReader.readHeader(path);
    }

    /** Reads the whole array in its stored dtype; convert it with {@link NpyArray#toTensor()} or {@link NpyArray#toIntTensor()}. */
    public static NpyArray read(Path path) throws IOException {
        return NpyReader.read(path);
    }

    /** Writes a float32 tensor ({@code '<f4'}, C order). */
    public static void write(Path path, Tensor tensor) throws IOException {
        NpyWriter.write(path, tensor);
    }

    /** Writes an integer tensor in its own dtype. */
    public static void write(Path path, IntTensor tensor) throws IOException {
        NpyWriter.write(path, tensor, tensor.dtype());
    }

    /**
     * Writes an integer tensor as {@code dtype} (int32, int64, uint8 or bool), little-endian, C order.
     *
     * @throws IllegalArgumentException if {@code dtype} is not integral or a value does not fit it;
     *     nothing is written then
     */
    public static void write(Path path, IntTensor tensor, DType dtype) throws IOException {
        NpyWriter.write(path, tensor, dtype);
    }
}
