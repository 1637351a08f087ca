package dev.sieve.io;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes little-endian, row-major .npy files (format 1.0, or 2.0 if the header needs it), atomically. */
final class NpyWriter {
    /** NumPy pads the header so the data starts on a 64-byte boundary (good for memory mapping). */
    private static final int ALIGN = 64;
    private static final int CHUNK_BYTES = 1 << 16;

    private NpyWriter() {}

    static void write(Path target, Tensor tensor) throws IOException {
        byte[] header = header(DType.FLOAT32, tensor.shape());
        float[] data = tensor.data();
        int offset = tensor.offset(), n = tensor.size();
        AtomicFiles.write(target, out -> {
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; ) {
                int count = Math.min(CHUNK_BYTES / 4, n - i);
                buf.clear();
                buf.asFloatBuffer().put(data, offset + i, count);
                out.write(buf.array(), 0, count * 4);
                i += count;
            }
        });
    }

    static void write(Path target, IntTensor tensor, DType dtype) throws IOException {
        if (!dtype.isIntegral()) {
            throw new IllegalArgumentException("an IntTensor is written as int32, int64, uint8 or bool, not " + dtype.label());
        }
        int n = tensor.size();
        // Check every value before touching the file system, so a bad value leaves nothing behind.
        for (int i = 0; i < n; i++) {
            if (!dtype.fits(tensor.getFlat(i))) {
                throw new IllegalArgumentException("value " + tensor.getFlat(i) + " at index " + i + " does not fit " + dtype.label());
            }
        }
        byte[] header = header(dtype, tensor.shape());
        AtomicFiles.write(target, out -> {
            out.write(header);
            writeIntegers(out, tensor, dtype);
        });
    }

    private static void writeIntegers(OutputStream out, IntTensor tensor, DType dtype) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        int n = tensor.size();
        for (int i = 0; i < n; i++) {
            if (buf.remaining() < dtype.byteSize()) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            long v = tensor.getFlat(i);
            switch (dtype) {
                case INT32 -> buf.putInt((int) v);
                case INT64 -> buf.putLong(v);
                case UINT8, BOOL -> buf.put((byte) v);
                case FLOAT32, FLOAT64 -> throw new IllegalStateException("unreachable: " + dtype);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** Magic, version, header length and the padded header dict, laid out as NumPy writes them. */
    static byte[] header(DType dtype, Shape shape) {
        StringBuilder dict = new StringBuilder("{'descr': '").append(dtype.numpyDescr(ByteOrder.LITTLE_ENDIAN))
                .append("', 'fortran_order': False, 'shape': (");
        int[] dims = shape.dims();
        for (int i = 0; i < dims.length; i++) dict.append(i > 0 ? ", " : "").append(dims[i]);
        dict.append(dims.length == 1 ? ",), }" : "), }");
        // Version 1.0 stores the header length in 16 bits; fall back to 2.0 (32 bits) only if needed.
        int major = 10 + dict.length() + 1 <= 0xffff ? 1 : 2;
        int prefix = major == 1 ? 10 : 12;
        int padded = (prefix + dict.length() + 1 + ALIGN - 1) / ALIGN * ALIGN;
        int headerLength = padded - prefix;
        dict.repeat(' ', headerLength - dict.length() - 1).append('\n');

        ByteArrayOutputStream out = new ByteArrayOutputStream(padded);
        out.writeBytes(NpyReader.MAGIC);
        out.write(major);
        out.write(0);
        out.write(headerLength & 0xff);
        out.write((headerLength >>> 8) & 0xff);
        if (major > 1) {
            out.write((headerLength >>> 16) & 0xff);
            out.write((headerLength >>> 24) & 0xff);
        }
        out.writeBytes(dict.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }
}
