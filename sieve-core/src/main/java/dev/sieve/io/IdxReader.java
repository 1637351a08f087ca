package dev.sieve.io;

import dev.sieve.tensor.Shape;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Reads IDX files, plain or gzip-compressed; see {@link Idx}. */
final class IdxReader {
    static final int MAX_RANK = 8;
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    private static final int CHUNK_BYTES = 1 << 16;
    /** First allocation for gzip data; grows by doubling up to the declared size as data arrives. */
    private static final int GZIP_INITIAL_BYTES = 1 << 20;

    private final Path path;
    private final boolean gzip;

    private IdxReader(Path path, boolean gzip) {
        this.path = path;
        this.gzip = gzip;
    }

    static IdxArray read(Path path) throws IOException {
        long fileSize = Files.size(path);
        boolean gzip;
        try (InputStream probe = Files.newInputStream(path)) {
            byte[] two = probe.readNBytes(2);
            gzip = two.length == 2 && (two[0] & 0xff) == 0x1f && (two[1] & 0xff) == 0x8b;
        }
        IdxReader reader = new IdxReader(path, gzip);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(path), CHUNK_BYTES);
                InputStream in = gzip ? new GZIPInputStream(raw, CHUNK_BYTES) : raw) {
            return reader.read(in, gzip ? -1 : fileSize);
        } catch (EOFException e) {
            // GZIPInputStream reports a stream cut inside its header or deflate data this way.
            throw reader.error("truncated: gzip stream ends before its end marker (" + oneLine(e.getMessage()) + ")");
        } catch (ZipException e) {
            throw reader.error("corrupt gzip data: " + oneLine(e.getMessage()));
        }
    }

    /** {@code plainSize} is the file length for an uncompressed file, -1 for gzip. */
    private IdxArray read(InputStream in, long plainSize) throws IOException {
        String what = gzip ? "decompressed data" : "file";
        byte[] head = in.readNBytes(4);
        if (head.length == 0) throw error("not an IDX file (empty" + (gzip ? " after decompression)" : ")"));
        if (head.length < 4) {
            if (head[0] != 0 || (head.length > 1 && head[1] != 0)) throw error("not an IDX file (bad magic)");
            throw error("truncated: " + what + " has " + head.length + " bytes, too short for the 4-byte IDX magic");
        }
        if (head[0] != 0 || head[1] != 0) {
            throw error(String.format("not an IDX file (bad magic: first bytes %02x %02x, expected 00 00)", head[0] & 0xff, head[1] & 0xff));
        }
        int code = head[2] & 0xff;
        IdxType type = IdxType.fromCode(code).orElseThrow(() -> error(String.format(
                "unsupported IDX type byte 0x%02x (supported: 08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double)", code)));
        int rank = head[3] & 0xff;
        if (rank < 1 || rank > MAX_RANK) throw error("IDX rank " + rank + " is out of range (1 to " + MAX_RANK + ")");
        byte[] sizeBytes = in.readNBytes(4 * rank);
        if (sizeBytes.length < 4 * rank) {
            throw error("truncated: " + what + " ends inside the dimension sizes (" + sizeBytes.length + " of " + 4 * rank + " bytes)");
        }
        long[] dims = new long[rank];
        long elements = 1;
        boolean overflow = false;
        for (int i = 0; i < rank; i++) {
            int b = 4 * i;
            long d = ((sizeBytes[b] & 0xffL) << 24) | ((sizeBytes[b + 1] & 0xff) << 16) | ((sizeBytes[b + 2] & 0xff) << 8) | (sizeBytes[b + 3] & 0xff);
            // IDX sizes are documented as int32; the high bit set means a negative (or absurd) size.
            if (d > Integer.MAX_VALUE) throw error("dimension " + i + " size " + (int) d + " is negative in shape " + shapeText(dims, i + 1, d));
            dims[i] = d;
            // Eight factors below 2^31 can overflow a long; stop multiplying once past the limit.
            if (!overflow) {
                elements *= d;
                if (elements > MAX_ELEMENTS) overflow = true;
            }
        }
        if (Arrays.stream(dims).anyMatch(d -> d == 0)) {
            elements = 0;
            overflow = false;
        }
        long headerBytes = 4 + 4L * rank;
        if (overflow) {
            throw error("shape " + shapeText(dims, rank, 0) + " has more than " + MAX_ELEMENTS + " elements, the supported maximum");
        }
        long dataBytes = elements * type.byteSize();
        if (plainSize >= 0) {
            long present = plainSize - headerBytes;
            if (dataBytes != present) {
                throw error((dataBytes > present ? "truncated: " : "trailing data: ") + says(dims, elements, type, dataBytes)
                        + " but " + present + " bytes follow");
            }
        }
        if (dataBytes > MAX_ELEMENTS) {
            throw error("shape " + shapeText(dims, rank, 0) + " of " + type.label() + " needs " + dataBytes
                    + " bytes, more than the " + MAX_ELEMENTS + " supported");
        }
        byte[] data = plainSize >= 0 ? readExactly(in, (int) dataBytes) : readGrowing(in, (int) dataBytes, dims, elements, type);
        if (in.read() >= 0) {
            throw error("trailing data: " + what + " continues past the " + dataBytes + " data bytes that "
                    + says(dims, elements, type, dataBytes).substring("header ".length()));
        }
        int[] shape = new int[rank];
        for (int i = 0; i < rank; i++) shape[i] = (int) dims[i];
        return new IdxArray(path, type, Shape.of(shape), data);
    }

    private byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] data = new byte[n];
        int got = in.readNBytes(data, 0, n);
        if (got < n) throw error("truncated: file ended after " + got + " of " + n + " data bytes (was it modified?)");
        return data;
    }

    private byte[] readGrowing(InputStream in, int n, long[] dims, long elements, IdxType type) throws IOException {
        byte[] data = new byte[Math.min(n, GZIP_INITIAL_BYTES)];
        int got = 0;
        while (got < n) {
            if (got == data.length) data = Arrays.copyOf(data, (int) Math.min(n, 2L * data.length));
            int r = in.read(data, got, data.length - got);
            if (r < 0) {
                throw error("truncated: " + says(dims, elements, type, n) + " but the decompressed data holds only " + got);
            }
            got += r;
        }
        return data;
    }

    private static String says(long[] dims, long elements, IdxType type, long bytes) {
        return "header says " + shapeText(dims, dims.length, 0) + " = " + elements + " " + type.label()
                + (elements == 1 ? " value" : " values") + " (" + bytes + " bytes)";
    }

    private static String shapeText(long[] dims, int count, long last) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i > 0 ? ", " : "").append(i == count - 1 && last != 0 ? (int) last : dims[i]);
        }
        return sb.append(']').toString();
    }

    private static String oneLine(String s) {
        return s == null ? "no detail" : Printable.snippet(s.replaceAll("[\\r\\n]+", " "), 80);
    }

    FormatException error(String message) {
        return new FormatException(path, message);
    }
}
