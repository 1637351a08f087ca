package dev.sieve.io;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files.
 *
 * <p>Layout: an 8-byte little-endian unsigned header length N, N bytes of UTF-8 JSON (an object
 * mapping tensor names to {@code {"dtype", "shape", "data_offsets"}} plus an optional
 * {@code "__metadata__"} object of strings), then the byte buffer. Offsets are relative to the buffer;
 * data is little-endian, C order.
 *
 * <p>{@link #open} memory-maps the file and validates the whole header before anything is exposed:
 * header length within the file and at most {@value #MAX_HEADER_BYTES} bytes, valid UTF-8 and strict
 * JSON starting with '{', known dtypes, non-negative dimensions, exactly the keys
 * dtype/shape/data_offsets per tensor, {@code end - begin == product(shape) * itemsize}, and that the
 * tensors tile the buffer exactly: no overlaps, no gaps, no trailing bytes (the spec requires the buffer
 * to be fully indexed). Zero-size tensors may share an offset.
 *
 * <p>The reader is {@link AutoCloseable}; views it returned ({@link #segment}, {@link #floatBuffer})
 * must not be used after {@link #close()}. {@link #tensor} and {@link #intTensor} copy, since
 * {@link Tensor} and {@link IntTensor} own heap arrays.
 */
public final class Safetensors implements AutoCloseable {
    /** The reference implementation's limit. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    static final int MAX_RANK = 64;
    static final String METADATA_KEY = "__metadata__";

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Element types of the safetensors format, by their header names. */
    public enum Dtype {
        BOOL(1), U8(1), I8(1), F8_E5M2(1), F8_E4M3(1), I16(2), U16(2), F16(2), BF16(2),
        I32(4), U32(4), F32(4), I64(8), U64(8), F64(8);

        private final int itemSize;

        Dtype(int itemSize) {
            this.itemSize = itemSize;
        }

        public int itemSize() {
            return itemSize;
        }

        public boolean isFloatingPoint() {
            return this == F16 || this == BF16 || this == F32 || this == F64 || this == F8_E5M2 || this == F8_E4M3;
        }

        static Dtype of(DType t) {
            return switch (t) {
                case FLOAT32 -> F32;
                case FLOAT64 -> F64;
                case INT32 -> I32;
                case INT64 -> I64;
                case UINT8 -> U8;
                case BOOL -> BOOL;
            };
        }
    }

    /** One tensor's header entry; {@code begin}/{@code end} are relative to the byte buffer. */
    public record Info(String name, Dtype dtype, long[] shape, long begin, long end) {
        public Info {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        public int rank() {
            return shape.length;
        }

        /** Element count (fits a long: checked against the file on open). */
        public long elements() {
            return (end - begin) / dtype.itemSize();
        }
    }

    private final Path path;
    private final Arena arena;
    private final MemorySegment buffer;
    private final Map<String, Info> infos;
    private final Map<String, String> metadata;

    private Safetensors(Path path, Arena arena, MemorySegment buffer, Map<String, Info> infos, Map<String, String> metadata) {
        this.path = path;
        this.arena = arena;
        this.buffer = buffer;
        this.infos = infos;
        this.metadata = metadata;
    }

    // ---- reading ------------------------------------------------------------------------------

    /** Maps and validates {@code path}; see the class comment for what is checked. */
    public static Safetensors open(Path path) throws IOException {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) throw new FormatException(path, "truncated: " + size + " bytes is too short for a safetensors header length");
            MemorySegment file = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            long n = file.get(I64, 0);
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new FormatException(path, "header length " + Long.toUnsignedString(n) + " exceeds the " + MAX_HEADER_BYTES + " byte limit");
            }
            if (n > size - 8) {
                throw new FormatException(path, "truncated: header length " + n + " exceeds the " + (size - 8) + " bytes that follow");
            }
            byte[] headerBytes = file.asSlice(8, n).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment buffer = file.asSlice(8 + n);
            Header h = parseHeader(path, headerBytes, buffer.byteSize());
            return new Safetensors(path, arena, buffer, h.infos, h.metadata);
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        }
    }

    private record Header(Map<String, Info> infos, Map<String, String> metadata) {}

    private static Header parseHeader(Path path, byte[] bytes, long bufferSize) throws FormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new FormatException(path, "header is not valid UTF-8");
        }
        if (text.isEmpty() || text.charAt(0) != '{') throw new FormatException(path, "header does not start with '{'");
        Object root;
        try {
            root = SafetensorsJson.parse(text);
        } catch (FormatException e) {
            throw new FormatException(path, e.getMessage());
        }
        if (!(root instanceof Map<?, ?> map)) throw new FormatException(path, "header is not a JSON object");
        Map<String, Info> infos = new TreeMap<>();
        Map<String, String> metadata = new TreeMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            if (name.equals(METADATA_KEY)) {
                if (!(e.getValue() instanceof Map<?, ?> meta)) throw new FormatException(path, "__metadata__ must be an object of strings");
                for (Map.Entry<?, ?> m : meta.entrySet()) {
                    if (!(m.getValue() instanceof String s)) {
                        throw new FormatException(path, "__metadata__ value of \"" + Printable.snippet((String) m.getKey(), 40) + "\" is not a string");
                    }
                    metadata.put((String) m.getKey(), s);
                }
                continue;
            }
            infos.put(name, entry(path, name, e.getValue()));
        }
        checkCoverage(path, infos.values(), bufferSize);
        return new Header(Collections.unmodifiableMap(infos), Collections.unmodifiableMap(metadata));
    }

    private static Info entry(Path path, String name, Object value) throws FormatException {
        String shown = "tensor \"" + Printable.snippet(name, 40) + "\"";
        if (!(value instanceof Map<?, ?> m)) throw new FormatException(path, shown + ": entry is not an object");
        for (Object k : m.keySet()) {
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new FormatException(path, shown + ": unexpected key \"" + Printable.snippet((String) k, 32) + "\"");
            }
        }
        if (!(m.get("dtype") instanceof String dtypeName)) throw new FormatException(path, shown + ": missing or non-string dtype");
        Dtype dtype;
        try {
            dtype = Dtype.valueOf(dtypeName);
        } catch (IllegalArgumentException ex) {
            throw new FormatException(path, shown + ": unknown dtype \"" + Printable.snippet(dtypeName, 16) + "\"");
        }
        if (!(m.get("shape") instanceof List<?> dims)) throw new FormatException(path, shown + ": missing or non-array shape");
        if (dims.size() > MAX_RANK) throw new FormatException(path, shown + ": shape has " + dims.size() + " dimensions, more than " + MAX_RANK);
        long[] shape = new long[dims.size()];
        long bytes = dtype.itemSize();
        boolean overflow = false;
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof Long d)) throw new FormatException(path, shown + ": shape entry " + i + " is not an integer");
            if (d < 0) throw new FormatException(path, shown + ": negative dimension " + d + " at axis " + i);
            shape[i] = d;
            try {
                bytes = Math.multiplyExact(bytes, d);
            } catch (ArithmeticException ex) {
                overflow = true;
            }
        }
        if (!(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2
                || !(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end)) {
            throw new FormatException(path, shown + ": data_offsets must be [begin, end]");
        }
        if (begin < 0 || end < begin) throw new FormatException(path, shown + ": bad data_offsets [" + begin + ", " + end + "]");
        if (overflow || bytes != end - begin) {
            throw new FormatException(path, shown + ": shape " + Arrays.toString(shape) + " of " + dtype + " does not match data_offsets ["
                    + begin + ", " + end + "] (" + (end - begin) + " bytes)");
        }
        return new Info(name, dtype, shape, begin, end);
    }

    private static void checkCoverage(Path path, Iterable<Info> infos, long bufferSize) throws FormatException {
        List<Info> sorted = new ArrayList<>();
        infos.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(Info::begin).thenComparingLong(Info::end));
        long cursor = 0;
        String previous = null;
        for (Info info : sorted) {
            if (info.end() > bufferSize) {
                throw new FormatException(path, "tensor \"" + Printable.snippet(info.name(), 40) + "\": data_offsets end " + info.end()
                        + " is beyond the " + bufferSize + " byte buffer");
            }
            if (info.begin() < cursor) {
                throw new FormatException(path, "tensor \"" + Printable.snippet(info.name(), 40) + "\" overlaps tensor \""
                        + Printable.snippet(previous, 40) + "\"");
            }
            if (info.begin() > cursor) {
                throw new FormatException(path, "gap of " + (info.begin() - cursor) + " bytes before tensor \"" + Printable.snippet(info.name(), 40) + "\"");
            }
            cursor = info.end();
            previous = info.name();
        }
        if (cursor != bufferSize) throw new FormatException(path, (bufferSize - cursor) + " trailing bytes after the last tensor");
    }

    /** The file this reader maps. */
    public Path path() {
        return path;
    }

    /** Tensor names, sorted. */
    public List<String> names() {
        return List.copyOf(infos.keySet());
    }

    public boolean contains(String name) {
        return infos.containsKey(name);
    }

    /** @throws FormatException if there is no tensor {@code name} */
    public Info info(String name) throws FormatException {
        Info info = infos.get(name);
        if (info == null) throw new FormatException(path, "no tensor \"" + Printable.snippet(name, 40) + "\"");
        return info;
    }

    /** The {@code __metadata__} entries (empty if absent), sorted by key. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Zero-copy read-only view of a tensor's bytes (little-endian); valid until {@link #close()}. */
    public MemorySegment segment(String name) throws FormatException {
        Info info = info(name);
        return buffer.asSlice(info.begin(), info.end() - info.begin()).asReadOnly();
    }

    /** Zero-copy little-endian view of an F32 tensor of fewer than 2^31 elements; valid until {@link #close()}. */
    public FloatBuffer floatBuffer(String name) throws FormatException {
        Info info = info(name);
        if (info.dtype() != Dtype.F32) throw new FormatException(path, "tensor \"" + Printable.snippet(name, 40) + "\" is " + info.dtype() + ", not F32");
        checkElements(info);
        return segment(name).asByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
    }

    /**
     * A float32 copy of tensor {@code name}. F32 is exact; F64 rounds to the nearest float (overflow
     * becomes infinity); F16 and BF16 widen exactly; integers and BOOL convert to the nearest float
     * (exact up to 2^24 in magnitude). F8 types are refused.
     */
    public Tensor tensor(String name) throws FormatException {
        Info info = info(name);
        int n = checkElements(info);
        int[] dims = dims(info);
        MemorySegment s = segment(name);
        float[] out = new float[n];
        switch (info.dtype()) {
            case F32 -> MemorySegment.copy(s, F32, 0, out, 0, n);
            case F64 -> { for (int i = 0; i < n; i++) out[i] = (float) s.getAtIndex(F64, i); }
            case F16 -> { for (int i = 0; i < n; i++) out[i] = Float.float16ToFloat(s.getAtIndex(I16, i)); }
            case BF16 -> { for (int i = 0; i < n; i++) out[i] = Float.intBitsToFloat((s.getAtIndex(I16, i) & 0xffff) << 16); }
            case F8_E5M2, F8_E4M3 -> throw new FormatException(path, "tensor \"" + Printable.snippet(name, 40) + "\": " + info.dtype() + " cannot be read as float32");
            default -> { for (int i = 0; i < n; i++) out[i] = integer(s, info.dtype(), i); }
        }
        return Tensor.wrap(out, dims);
    }

    /**
     * An integer copy of tensor {@code name}: I32 -> int32, I64 -> int64, U8 -> uint8, BOOL -> bool
     * (bytes other than 0 and 1 are an error); I8, I16, U16 -> int32; U32 -> int64; U64 -> int64 when every
     * value fits. Floating-point tensors are refused.
     */
    public IntTensor intTensor(String name) throws FormatException {
        Info info = info(name);
        String shown = "tensor \"" + Printable.snippet(name, 40) + "\"";
        if (info.dtype().isFloatingPoint()) throw new FormatException(path, shown + " is " + info.dtype() + ", not an integer type");
        int n = checkElements(info);
        MemorySegment s = segment(name);
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = integer(s, info.dtype(), i);
            if (info.dtype() == Dtype.U64 && out[i] < 0) throw new FormatException(path, shown + ": U64 value at index " + i + " does not fit int64");
            if (info.dtype() == Dtype.BOOL && out[i] > 1) throw new FormatException(path, shown + ": BOOL byte " + out[i] + " at index " + i + " is not 0 or 1");
        }
        DType t = switch (info.dtype()) {
            case I32, I8, I16, U16 -> DType.INT32;
            case U8 -> DType.UINT8;
            case BOOL -> DType.BOOL;
            default -> DType.INT64;
        };
        return IntTensor.of(t, out, dims(info));
    }

    private static long integer(MemorySegment s, Dtype t, long i) {
        return switch (t) {
            case BOOL, U8 -> s.get(ValueLayout.JAVA_BYTE, i) & 0xffL;
            case I8 -> s.get(ValueLayout.JAVA_BYTE, i);
            case I16 -> s.getAtIndex(I16, i);
            case U16 -> s.getAtIndex(I16, i) & 0xffffL;
            case I32 -> s.getAtIndex(I32, i);
            case U32 -> s.getAtIndex(I32, i) & 0xffffffffL;
            case I64, U64 -> s.getAtIndex(I64, i);
            default -> throw new IllegalStateException(t.toString());
        };
    }

    private int checkElements(Info info) throws FormatException {
        long n = info.elements();
        if (info.shape().length == 0) n = 1;
        for (long d : info.shape()) {
            if (d > Integer.MAX_VALUE) n = Long.MAX_VALUE;
        }
        if (n > Integer.MAX_VALUE - 16) {
            throw new FormatException(path, "tensor \"" + Printable.snippet(info.name(), 40) + "\" has more than 2^31 elements");
        }
        return (int) n;
    }

    private static int[] dims(Info info) {
        long[] shape = info.shape();
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) dims[i] = (int) shape[i];
        return dims;
    }

    /** Unmaps the file; views returned earlier become invalid. */
    @Override
    public void close() {
        arena.close();
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Writes float32 {@code tensors} and {@code metadata} to {@code path} atomically. */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Builder b = builder();
        tensors.forEach(b::put);
        metadata.forEach(b::metadata);
        b.write(path);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Collects tensors and metadata, then writes them: names sorted, tensors laid out back to back in
     * that order, {@code __metadata__} first in the header (omitted when empty), the header padded
     * with spaces to a multiple of 8 bytes as the reference implementation does.
     */
    public static final class Builder {
        private record Entry(Dtype dtype, int[] shape, byte[] bytes) {}

        private final Map<String, Entry> entries = new TreeMap<>();
        private final Map<String, String> metadata = new TreeMap<>();

        private Builder() {}

        /** Adds {@code t} as F32. @throws IllegalArgumentException if the name is taken or reserved */
        public Builder put(String name, Tensor t) {
            float[] v = t.toArray();
            ByteBuffer bb = ByteBuffer.allocate(Math.multiplyExact(v.length, 4)).order(ByteOrder.LITTLE_ENDIAN);
            bb.asFloatBuffer().put(v);
            return add(name, new Entry(Dtype.F32, t.dims(), bb.array()));
        }

        /** Adds {@code t} in its own dtype (int32 -> I32, int64 -> I64, uint8 -> U8, bool -> BOOL). */
        public Builder put(String name, IntTensor t) {
            Dtype d = Dtype.of(t.dtype());
            long[] v = t.data();
            ByteBuffer bb = ByteBuffer.allocate(Math.multiplyExact(v.length, d.itemSize())).order(ByteOrder.LITTLE_ENDIAN);
            for (long x : v) {
                switch (d) {
                    case I32 -> bb.putInt((int) x);
                    case I64 -> bb.putLong(x);
                    default -> bb.put((byte) x);
                }
            }
            return add(name, new Entry(d, t.shape().dims(), bb.array()));
        }

        public Builder metadata(String key, String value) {
            metadata.put(key, value);
            return this;
        }

        private Builder add(String name, Entry e) {
            if (name.equals(METADATA_KEY)) throw new IllegalArgumentException("tensor name " + METADATA_KEY + " is reserved");
            if (entries.containsKey(name)) throw new IllegalArgumentException("tensor \"" + name + "\" is already present");
            entries.put(name, e);
            return this;
        }

        /** The file's bytes. */
        byte[] header() {
            StringBuilder sb = new StringBuilder("{");
            if (!metadata.isEmpty()) {
                SafetensorsJson.quote(sb, METADATA_KEY);
                sb.append(":{");
                boolean first = true;
                for (Map.Entry<String, String> m : metadata.entrySet()) {
                    if (!first) sb.append(',');
                    first = false;
                    SafetensorsJson.quote(sb, m.getKey());
                    sb.append(':');
                    SafetensorsJson.quote(sb, m.getValue());
                }
                sb.append('}');
            }
            long offset = 0;
            for (Map.Entry<String, Entry> en : entries.entrySet()) {
                if (sb.length() > 1) sb.append(',');
                Entry e = en.getValue();
                SafetensorsJson.quote(sb, en.getKey());
                sb.append(":{\"dtype\":\"").append(e.dtype()).append("\",\"shape\":[");
                for (int i = 0; i < e.shape().length; i++) sb.append(i == 0 ? "" : ",").append(e.shape()[i]);
                sb.append("],\"data_offsets\":[").append(offset).append(',').append(offset + e.bytes().length).append("]}");
                offset += e.bytes().length;
            }
            sb.append('}');
            byte[] json = sb.toString().getBytes(StandardCharsets.UTF_8);
            int padded = (json.length + 7) & ~7;
            byte[] out = Arrays.copyOf(json, padded);
            Arrays.fill(out, json.length, padded, (byte) ' ');
            return out;
        }

        /** Writes the file atomically (temporary file in the same directory, then rename). */
        public void write(Path path) throws IOException {
            byte[] header = header();
            if (header.length > MAX_HEADER_BYTES) throw new IOException("header of " + header.length + " bytes exceeds the " + MAX_HEADER_BYTES + " byte limit");
            AtomicFiles.write(path, out -> {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
                out.write(len.array());
                out.write(header);
                for (Entry e : entries.values()) out.write(e.bytes());
            });
        }
    }
}
