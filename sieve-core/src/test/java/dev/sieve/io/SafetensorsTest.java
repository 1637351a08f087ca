package dev.sieve.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SafetensorsTest {
    @TempDir
    Path dir;

    @Test
    void floatRoundTripAllShapes() throws IOException {
        Path p = dir.resolve("a.safetensors");
        Tensor scalar = Tensor.scalar(3.5f);
        Tensor empty = Tensor.zeros(0, 3);
        Tensor oneD = Tensor.of(new float[] {1, -2, Float.NaN, Float.NEGATIVE_INFINITY}, 4);
        Tensor threeD = Tensor.randn(7, 2, 3, 4);
        Safetensors.write(p, Map.of("s", scalar, "e", empty, "v", oneD, "t", threeD), Map.of("format", "pt", "note", "q\"\\\n\u00e9"));
        try (Safetensors st = Safetensors.open(p)) {
            assertEquals(List.of("e", "s", "t", "v"), st.names());
            assertEquals(Map.of("format", "pt", "note", "q\"\\\n\u00e9"), st.metadata());
            assertEquals(0, st.tensor("s").rank());
            assertEquals(3.5f, st.tensor("s").item());
            assertArrayEquals(new int[] {0, 3}, st.tensor("e").dims());
            assertArrayEquals(oneD.toArray(), st.tensor("v").toArray());
            assertArrayEquals(new int[] {2, 3, 4}, st.tensor("t").dims());
            assertArrayEquals(threeD.toArray(), st.tensor("t").toArray());
            FloatBuffer fb = st.floatBuffer("t");
            assertEquals(24, fb.remaining());
            assertEquals(threeD.toArray()[5], fb.get(5));
            assertEquals(Safetensors.Dtype.F32, st.info("t").dtype());
            assertArrayEquals(new long[] {2, 3, 4}, st.info("t").shape());
        }
        byte[] bytes = Files.readAllBytes(p);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        assertEquals(0, n % 8);
        assertEquals('{', bytes[8]);
    }

    @Test
    void intRoundTripEachDtype() throws IOException {
        Path p = dir.resolve("i.safetensors");
        IntTensor i32 = IntTensor.of(DType.INT32, new long[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, 2, 2);
        IntTensor i64 = IntTensor.of(new long[] {Long.MIN_VALUE, 5, Long.MAX_VALUE}, 3);
        IntTensor u8 = IntTensor.of(DType.UINT8, new long[] {0, 255, 7}, 3);
        IntTensor b = IntTensor.of(DType.BOOL, new long[] {1, 0}, 1, 2, 1);
        Safetensors.builder().put("i32", i32).put("i64", i64).put("u8", u8).put("b", b).write(p);
        try (Safetensors st = Safetensors.open(p)) {
            assertEquals(i32, st.intTensor("i32"));
            assertEquals(i64, st.intTensor("i64"));
            assertEquals(u8, st.intTensor("u8"));
            assertEquals(b, st.intTensor("b"));
            assertEquals(Safetensors.Dtype.BOOL, st.info("b").dtype());
            assertArrayEquals(new float[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}, st.tensor("i32").toArray(), 0f);
            FormatException e = assertThrows(FormatException.class, () -> st.floatBuffer("u8"));
            assertTrue(e.getMessage().contains("not F32"), e.getMessage());
        }
        assertTrue(Files.list(dir).allMatch(f -> !f.getFileName().toString().endsWith(".tmp")));
    }

    @Test
    void convertsF64F16Bf16AndSmallInts() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(8 + 2 + 2 + 2 + 4).order(ByteOrder.LITTLE_ENDIAN);
        data.putDouble(1.5);
        data.putShort(Float.floatToFloat16(-2.5f));
        data.putShort((short) (Float.floatToIntBits(0.75f) >>> 16));
        data.putShort((short) -3);
        data.putInt(-1); // U32 max
        String json = "{\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},"
                + "\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[8,10]},"
                + "\"bf\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[10,12]},"
                + "\"s\":{\"dtype\":\"I16\",\"shape\":[1],\"data_offsets\":[12,14]},"
                + "\"u\":{\"dtype\":\"U32\",\"shape\":[1],\"data_offsets\":[14,18]}}";
        try (Safetensors st = Safetensors.open(file(json, data.array()))) {
            assertEquals(1.5f, st.tensor("d").item());
            assertEquals(-2.5f, st.tensor("h").item());
            assertEquals(0.75f, st.tensor("bf").item());
            assertEquals(-3, st.intTensor("s").getFlat(0));
            assertEquals(DType.INT32, st.intTensor("s").dtype());
            assertEquals(4294967295L, st.intTensor("u").getFlat(0));
            assertThrows(FormatException.class, () -> st.intTensor("d"));
        }
    }

    // ---- malformed input ----------------------------------------------------------------------

    static Stream<Arguments> malformed() {
        String ok = "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        return Stream.of(
                Arguments.of("empty", new byte[0], "truncated"),
                Arguments.of("short", new byte[] {1, 0, 0}, "truncated"),
                Arguments.of("length beyond file", raw(1000, "{}"), "exceeds the 2 bytes"),
                Arguments.of("huge length", raw(Long.MAX_VALUE, "{}"), "byte limit"),
                Arguments.of("negative length", raw(-1, "{}"), "byte limit"),
                Arguments.of("not an object", bytes("[]", 0), "does not start with '{'"),
                Arguments.of("bad json", bytes("{\"a\":", 0), "unexpected end of JSON"),
                Arguments.of("trailing json", bytes("{} x", 0), "after the JSON value"),
                Arguments.of("float", bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2.0],\"data_offsets\":[0,8]}}", 8), "not an integer"),
                Arguments.of("deep", bytes("{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}", 0), "nested deeper"),
                Arguments.of("unknown dtype", bytes("{\"a\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8), "unknown dtype \"F33\""),
                Arguments.of("extra key", bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8],\"x\":1}}", 8), "unexpected key \"x\""),
                Arguments.of("missing offsets", bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8), "data_offsets must be"),
                Arguments.of("negative dim", bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8), "negative dimension -2"),
                Arguments.of("shape mismatch", bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "does not match data_offsets"),
                Arguments.of("overflowing shape", bytes("{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296,4294967296],\"data_offsets\":[0,8]}}", 8), "does not match data_offsets"),
                Arguments.of("reversed offsets", bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8), "bad data_offsets"),
                Arguments.of("out of range", bytes("{" + ok + "}", 4), "beyond the 4 byte buffer"),
                Arguments.of("huge offsets", bytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[8],\"data_offsets\":[9223372036854775799,9223372036854775807]}}", 8), "beyond the 8 byte buffer"),
                Arguments.of("overlap", bytes("{" + ok + ",\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "overlaps"),
                Arguments.of("gap", bytes("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "gap of 4 bytes"),
                Arguments.of("trailing bytes", bytes("{" + ok + "}", 12), "4 trailing bytes"),
                Arguments.of("duplicate key", bytes("{" + ok + "," + ok + "}", 8), "duplicate key \"a\""),
                Arguments.of("bad metadata", bytes("{\"__metadata__\":{\"k\":1}}", 0), "is not a string"),
                Arguments.of("bad utf8", raw(2, new byte[] {'{', (byte) 0xff}), "not valid UTF-8"),
                Arguments.of("bad escape", bytes("{\"\\q\":1}", 0), "bad escape"),
                Arguments.of("big int", bytes("{\"a\":{\"dtype\":\"U8\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]}}", 8), "does not fit 64 bits"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedInputIsAFormatException(String label, byte[] content, String expected) throws IOException {
        Path p = dir.resolve("bad.safetensors");
        Files.write(p, content);
        FormatException e = assertThrows(FormatException.class, () -> Safetensors.open(p).close());
        assertTrue(e.getMessage().contains(expected), label + ": " + e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        assertEquals(p, e.path().orElseThrow());
    }

    @Test
    void missingTensorIsNamed() throws IOException {
        try (Safetensors st = Safetensors.open(file("{}", new byte[0]))) {
            assertTrue(st.names().isEmpty());
            assertTrue(assertThrows(FormatException.class, () -> st.tensor("x")).getMessage().contains("no tensor \"x\""));
        }
    }

    private Path file(String json, byte[] data) throws IOException {
        Path p = Files.createTempFile(dir, "t", ".safetensors");
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        ByteBuffer bb = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(h.length).put(h).put(data);
        Files.write(p, bb.array());
        return p;
    }

    private static byte[] bytes(String json, int dataBytes) {
        byte[] h = json.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN).putLong(h.length).put(h).array();
    }

    private static byte[] raw(long length, String rest) {
        return raw(length, rest.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] raw(long length, byte[] rest) {
        return ByteBuffer.allocate(8 + rest.length).order(ByteOrder.LITTLE_ENDIAN).putLong(length).put(rest).array();
    }
}
