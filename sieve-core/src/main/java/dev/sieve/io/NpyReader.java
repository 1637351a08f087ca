package dev.sieve.io;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.Shape;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Reads .npy files. Every size in the header is checked against the file's actual length before
 * anything is allocated from it, so a lying or hostile header costs a few hundred bytes at most.
 */
final class NpyReader {
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** NumPy itself refuses headers over 10 kB by default; this leaves room for deliberate large ones. */
    static final int MAX_HEADER_BYTES = 1 << 20;
    /** NumPy 2's NPY_MAXDIMS. */
    static final int MAX_RANK = 64;
    /** Elements of a Java array (and of a Sieve {@link Shape}). */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    private static final int CHUNK_BYTES = 1 << 16;

    private final Path path;
    private final FileChannel channel;
    private final long fileSize;

    private NpyReader(Path path, FileChannel channel) throws IOException {
        this.path = path;
        this.channel = channel;
        this.fileSize = channel.size();
    }

    static NpyHeader readHeader(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return new NpyReader(path, ch).header();
        }
    }

    static NpyArray read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            NpyReader reader = new NpyReader(path, ch);
            NpyHeader header = reader.header();
            return new NpyArray(path, header, reader.data(header));
        }
    }

    // ---- header -------------------------------------------------------------------------------

    private NpyHeader header() throws IOException {
        if (fileSize == 0) throw error("not a .npy file (empty)");
        ByteBuffer prefix = readAt(0, (int) Math.min(fileSize, 12)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < MAGIC.length && i < prefix.limit(); i++) {
            if (prefix.get(i) != MAGIC[i]) throw error("not a .npy file (bad magic)");
        }
        if (fileSize < 10) throw error("truncated: " + fileSize + " bytes is too short for a .npy header");
        int major = prefix.get(6) & 0xff, minor = prefix.get(7) & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw error("unsupported .npy format version " + major + "." + minor + " (1.0, 2.0 and 3.0 are supported)");
        }
        int lengthBytes = major == 1 ? 2 : 4;
        if (fileSize < 8 + lengthBytes) throw error("truncated: " + fileSize + " bytes is too short for a .npy header");
        long headerLength = major == 1 ? prefix.getShort(8) & 0xffffL : prefix.getInt(8) & 0xffffffffL;
        long headerStart = 8 + lengthBytes;
        if (headerLength > fileSize - headerStart) {
            throw error("truncated: header length " + headerLength + " exceeds the " + (fileSize - headerStart)
                    + " bytes that follow");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw error("header length " + headerLength + " exceeds the " + MAX_HEADER_BYTES + " byte limit");
        }
        String text = decodeHeader(readAt(headerStart, (int) headerLength), major);
        Map<String, Object> dict = NpyHeaderDict.parse(text, path);

        String descr = requireKey(dict, "descr", String.class, "a string such as '<f4'");
        boolean fortranOrder = requireKey(dict, "fortran_order", Boolean.class, "True or False");
        List<?> shape = requireKey(dict, "shape", List.class, "a tuple such as (3, 4)");
        for (String key : dict.keySet()) {
            if (!key.equals("descr") && !key.equals("fortran_order") && !key.equals("shape")) {
                throw error("unexpected key '" + Printable.snippet(key, 32) + "' in header (expected descr, fortran_order, shape)");
            }
        }
        DType dtype = dtypeOf(descr);
        ByteOrder order = descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long dataOffset = headerStart + headerLength;
        Shape checked = checkShape(shape, dtype, fileSize - dataOffset);
        return new NpyHeader(major, dtype, order, fortranOrder, checked, dataOffset);
    }

    private String decodeHeader(ByteBuffer bytes, int major) throws FormatException {
        if (major < 3) return StandardCharsets.ISO_8859_1.decode(bytes).toString();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw error("header is not valid UTF-8 (required by format version 3.0)");
        }
    }

    private <T> T requireKey(Map<String, Object> dict, String key, Class<T> type, String expected) throws FormatException {
        Object value = dict.get(key);
        if (value == null) throw error("header has no '" + key + "' key");
        if (!type.isInstance(value)) throw error("header '" + key + "' must be " + expected + ", found " + Printable.snippet(String.valueOf(value), 32));
        return type.cast(value);
    }

    private DType dtypeOf(String descr) throws FormatException {
        String shown = "'" + Printable.snippet(descr, 16) + "'";
        if (descr.length() < 3 || descr.length() > 4) throw error("unsupported dtype " + shown + supportedTypes());
        char order = descr.charAt(0), kind = descr.charAt(1);
        int size = 0;
        for (int i = 2; i < descr.length(); i++) {
            char c = descr.charAt(i);
            if (c < '0' || c > '9') throw error("unsupported dtype " + shown + supportedTypes());
            size = size * 10 + (c - '0');
        }
        if (order == '=') throw error("dtype " + shown + " has native byte order, which a file cannot state");
        if (order != '<' && order != '>' && order != '|') {
            throw error("dtype " + shown + " must start with a byte order '<', '>' or '|'");
        }
        DType dtype = DType.fromNumpy(kind, size)
                .orElseThrow(() -> error("unsupported dtype " + shown + supportedTypes()));
        if (order == '|' && size > 1) throw error("dtype " + shown + ": byte order '|' is only for one-byte types");
        return dtype;
    }

    private static String supportedTypes() {
        return " (supported: float32, float64, int32, int64, uint8, bool)";
    }

    /**
     * Checks the declared shape against the bytes actually present before the caller allocates
     * anything from it. BigInteger because dimensions near 2^63 would overflow a long product.
     */
    private Shape checkShape(List<?> dims, DType dtype, long dataBytes) throws FormatException {
        if (dims.size() > MAX_RANK) throw error("shape has " + dims.size() + " dimensions, more than " + MAX_RANK);
        BigInteger elements = BigInteger.ONE;
        for (Object d : dims) {
            long dim = (Long) d;
            if (dim < 0) throw error("negative dimension " + dim + " in shape " + tuple(dims));
            elements = elements.multiply(BigInteger.valueOf(dim));
        }
        BigInteger needed = elements.multiply(BigInteger.valueOf(dtype.byteSize()));
        int cmp = needed.compareTo(BigInteger.valueOf(dataBytes));
        if (cmp != 0) {
            String says = "header says " + elements + " " + dtype.label() + (elements.equals(BigInteger.ONE) ? " value" : " values")
                    + " (" + needed + " bytes) but " + dataBytes + " bytes follow";
            throw error((cmp > 0 ? "truncated: " : "trailing data: ") + says);
        }
        if (elements.compareTo(BigInteger.valueOf(MAX_ELEMENTS)) > 0) {
            throw error("shape " + tuple(dims) + " has " + elements + " elements, more than the " + MAX_ELEMENTS + " supported");
        }
        int[] out = new int[dims.size()];
        for (int i = 0; i < out.length; i++) {
            long dim = (Long) dims.get(i);
            // Reachable only beside a zero dimension, which keeps the element count small.
            if (dim > Integer.MAX_VALUE) throw error("dimension " + dim + " in shape " + tuple(dims) + " exceeds 2^31-1");
            out[i] = (int) dim;
        }
        return Shape.of(out);
    }

    private static String tuple(List<?> dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.size(); i++) sb.append(i > 0 ? ", " : "").append(dims.get(i));
        return sb.append(dims.size() == 1 ? ",)" : ")").toString();
    }

    // ---- data ---------------------------------------------------------------------------------

    /**
     * The data section, converted to native byte order and held in a heap array of the dtype's own
     * Java type (float[], double[], int[], long[], byte[]); element order is the file's.
     */
    private MemorySegment data(NpyHeader header) throws IOException {
        int n = header.shape().size();
        DType dtype = header.dtype();
        MemorySegment values = switch (dtype) {
            case FLOAT32 -> MemorySegment.ofArray(new float[n]);
            case FLOAT64 -> MemorySegment.ofArray(new double[n]);
            case INT32 -> MemorySegment.ofArray(new int[n]);
            case INT64 -> MemorySegment.ofArray(new long[n]);
            case UINT8, BOOL -> MemorySegment.ofArray(new byte[n]);
        };
        ValueLayout nativeLayout = layoutOf(dtype);
        ValueLayout fileLayout = nativeLayout.withByteAlignment(1).withOrder(header.byteOrder());
        long total = header.dataBytes();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, Math.max(total, 1)));
        for (long done = 0; done < total; ) {
            int len = (int) Math.min(chunk.capacity(), total - done);
            chunk.clear().limit(len);
            fill(chunk, header.dataOffset() + done);
            chunk.flip();
            MemorySegment.copy(MemorySegment.ofBuffer(chunk), fileLayout, 0, values, nativeLayout, done, len / dtype.byteSize());
            done += len;
        }
        if (dtype == DType.BOOL) {
            for (int i = 0; i < n; i++) {
                byte b = values.get(ValueLayout.JAVA_BYTE, i);
                if (b != 0 && b != 1) throw error("bool element " + i + " holds byte " + (b & 0xff) + " (must be 0 or 1)");
            }
        }
        return values;
    }

    static ValueLayout layoutOf(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> ValueLayout.JAVA_FLOAT;
            case FLOAT64 -> ValueLayout.JAVA_DOUBLE;
            case INT32 -> ValueLayout.JAVA_INT;
            case INT64 -> ValueLayout.JAVA_LONG;
            case UINT8, BOOL -> ValueLayout.JAVA_BYTE;
        };
    }

    private ByteBuffer readAt(long position, int length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        fill(buf, position);
        return buf.flip();
    }

    /** Fills {@code buf} from {@code position}; the file shrinking underneath us reads as truncation. */
    private void fill(ByteBuffer buf, long position) throws IOException {
        long at = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, at);
            if (n < 0) throw error("truncated: file ended at byte " + at + " while reading (was it modified?)");
            at += n;
        }
    }

    private FormatException error(String message) {
        return new FormatException(path, message);
    }
}
