package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.assertFormatError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed .npy files. Each must fail with a FormatException naming the problem, both when reading
 * the header alone and when reading the whole file; never with another exception or by allocating
 * what a lying header asks for.
 */
class NpyMalformedTest {
    @TempDir
    Path dir;

    private static final String F4_3X4 = "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }";

    /** A .npy file with the given version, header text (written verbatim plus a newline) and data length. */
    static byte[] npy(int major, int minor, String header, int dataBytes) {
        byte[] h = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(NpyReader.MAGIC);
        out.write(major);
        out.write(minor);
        out.write(h.length & 0xff);
        out.write(h.length >>> 8);
        if (major > 1) {
            out.write(h.length >>> 16);
            out.write(h.length >>> 24);
        }
        out.writeBytes(h);
        out.writeBytes(new byte[dataBytes]);
        return out.toByteArray();
    }

    static byte[] npy(String header, int dataBytes) {
        return npy(1, 0, header, dataBytes);
    }

    static String dict(String descr, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < b.length; i++) b[i] = (byte) values[i];
        return b;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static List<Arguments> corpus() {
        byte[] magic = NpyReader.MAGIC;
        return List.of(
                // ---- magic, version, header length
                Arguments.of("empty file", new byte[0], "not a .npy file (empty)"),
                Arguments.of("zip file instead of npy", "PK\u0003\u0004 this is a zip".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file (bad magic)"),
                Arguments.of("text file", "hello, world\n".getBytes(StandardCharsets.US_ASCII), "not a .npy file (bad magic)"),
                Arguments.of("magic cut short", bytes(0x93, 'N', 'U', 'M'), "truncated: 4 bytes is too short"),
                Arguments.of("magic without version", magic, "truncated: 6 bytes is too short"),
                Arguments.of("version 4.0", concat(magic, bytes(4, 0, 10, 0)), "unsupported .npy format version 4.0"),
                Arguments.of("version 1.1", concat(magic, bytes(1, 1, 10, 0)), "unsupported .npy format version 1.1"),
                Arguments.of("version 0.0", concat(magic, bytes(0, 0, 10, 0)), "unsupported .npy format version 0.0"),
                Arguments.of("v2 length field cut short", concat(magic, bytes(2, 0, 10, 0)), "truncated: 10 bytes is too short"),
                Arguments.of("v1 header length beyond file", concat(magic, bytes(1, 0, 0xff, 0xff, '{', '}')), "truncated: header length 65535 exceeds the 2 bytes that follow"),
                Arguments.of("v2 header length 4 GiB", concat(magic, bytes(2, 0, 0xff, 0xff, 0xff, 0xff, '{')), "truncated: header length 4294967295 exceeds the 1 bytes that follow"),
                Arguments.of("v3 header not UTF-8", concat(concat(magic, bytes(3, 0, 4, 0, 0, 0)), bytes('{', 0xff, '}', '\n')), "header is not valid UTF-8"),
                // ---- header dict syntax
                Arguments.of("header is not a dict", npy("hello", 0), "bad header dict: expected '{' to open the header dict at offset 0"),
                Arguments.of("binary garbage header", npy("\u0000\u0001\u0002\u0003", 0), "bad header dict: expected '{'"),
                Arguments.of("dict never closed", npy("{'descr': '<f4'", 0), "expected ',' or '}' after the value of 'descr'"),
                Arguments.of("unterminated string", npy("{'descr", 0), "unterminated string"),
                Arguments.of("missing colon", npy("{'descr' '<f4'}", 0), "expected ':' after key 'descr'"),
                Arguments.of("unquoted key", npy("{descr: '<f4'}", 0), "expected a quoted key"),
                Arguments.of("escape in string", npy("{'de\\x73cr': '<f4'}", 0), "escape sequences in strings are not supported"),
                Arguments.of("text after the dict", npy(F4_3X4 + " junk", 48), "unexpected text after the header dict"),
                Arguments.of("None value", npy("{'descr': '<f4', 'fortran_order': None, 'shape': (3, 4)}", 48), "expected a string, True, False, an integer or a tuple"),
                Arguments.of("duplicate key", npy("{'descr': '<f4', 'descr': '<f8', 'fortran_order': False, 'shape': ()}", 4), "duplicate key 'descr'"),
                Arguments.of("shape as a list", npy(dict("<f4", "[3, 4]"), 48), "lists are not supported"),
                Arguments.of("one-element tuple without comma", npy(dict("<f4", "(3)"), 12), "(n) is not a tuple"),
                Arguments.of("tuple never closed", npy(dict("<f4", "(3, 4"), 48), "expected an integer or ')' in tuple"),
                Arguments.of("float in shape", npy(dict("<f4", "(3.5,)"), 48), "expected ',' or ')' in tuple"),
                Arguments.of("dimension beyond long", npy(dict("<f4", "(99999999999999999999,)"), 0), "integer too large"),
                // ---- header dict content
                Arguments.of("missing shape", npy("{'descr': '<f4', 'fortran_order': False, }", 0), "header has no 'shape' key"),
                Arguments.of("missing descr", npy("{'fortran_order': False, 'shape': (), }", 4), "header has no 'descr' key"),
                Arguments.of("unexpected key", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (), 'extra': 1}", 4), "unexpected key 'extra'"),
                Arguments.of("fortran_order not a bool", npy("{'descr': '<f4', 'fortran_order': 0, 'shape': ()}", 4), "'fortran_order' must be True or False, found 0"),
                Arguments.of("shape not a tuple", npy("{'descr': '<f4', 'fortran_order': False, 'shape': 12}", 48), "'shape' must be a tuple"),
                Arguments.of("descr not a string", npy("{'descr': 4, 'fortran_order': False, 'shape': ()}", 4), "'descr' must be a string"),
                Arguments.of("unknown dtype float16", npy(dict("<f2", "(3,)"), 6), "unsupported dtype '<f2'"),
                Arguments.of("unknown dtype complex64", npy(dict("<c8", "(3,)"), 24), "unsupported dtype '<c8'"),
                Arguments.of("object dtype", npy(dict("|O", "(3,)"), 24), "unsupported dtype '|O'"),
                Arguments.of("unicode string dtype", npy(dict("<U10", "(3,)"), 120), "unsupported dtype '<U10'"),
                Arguments.of("structured dtype", npy("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (3,)}", 12), "structured dtypes cannot be read"),
                Arguments.of("no byte order", npy(dict("f4", "(3,)"), 12), "unsupported dtype 'f4'"),
                Arguments.of("native byte order", npy(dict("=f4", "(3,)"), 12), "native byte order"),
                Arguments.of("pipe order on a 4-byte type", npy(dict("|f4", "(3,)"), 12), "byte order '|' is only for one-byte types"),
                Arguments.of("bad byte order char", npy(dict("!f4", "(3,)"), 12), "must start with a byte order"),
                // ---- shapes that lie about the data
                Arguments.of("negative dimension", npy(dict("<f4", "(-1, 3)"), 12), "negative dimension -1 in shape (-1, 3)"),
                Arguments.of("too little data", npy(F4_3X4, 20), "truncated: header says 12 float32 values (48 bytes) but 20 bytes follow"),
                Arguments.of("no data at all", npy(F4_3X4, 0), "truncated: header says 12 float32 values (48 bytes) but 0 bytes follow"),
                Arguments.of("trailing data", npy(F4_3X4, 52), "trailing data: header says 12 float32 values (48 bytes) but 52 bytes follow"),
                Arguments.of("scalar without data", npy(dict("<f8", "()"), 0), "header says 1 float64 value (8 bytes) but 0 bytes follow"),
                Arguments.of("empty array with data", npy(dict("<f4", "(0, 3)"), 4), "trailing data: header says 0 float32 values (0 bytes) but 4 bytes follow"),
                Arguments.of("huge 2^31 x 2^31 shape", npy(dict("<f4", "(2147483647, 2147483647)"), 16), "truncated: header says 4611686014132420609 float32 values (18446744056529682436 bytes) but 16 bytes follow"),
                Arguments.of("shape product beyond 2^64", npy(dict("<i8", "(4294967296, 4294967296, 4294967296)"), 8), "truncated: header says 79228162514264337593543950336 int64 values"),
                Arguments.of("dimension beyond int beside a zero", npy(dict("<f4", "(0, 3000000000)"), 0), "dimension 3000000000 in shape (0, 3000000000) exceeds 2^31-1"),
                Arguments.of("rank 65", npy(dict("<f4", "(" + "1, ".repeat(65) + ")"), 4), "shape has 65 dimensions, more than 64"),
                Arguments.of("bool byte that is not 0 or 1", concat(npy(dict("|b1", "(2,)"), 0), bytes(1, 2)), "bool element 1 holds byte 2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void fullReadFailsClearly(String name, byte[] content, String expected) throws IOException {
        Path p = IoTestSupport.write(dir, "case.npy", content);
        assertFormatError(p, expected, () -> Npy.read(p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void headerReadFailsClearlyToo(String name, byte[] content, String expected) throws IOException {
        Path p = IoTestSupport.write(dir, "case.npy", content);
        if (expected.startsWith("bool element")) return; // data content, which readHeader does not look at
        assertFormatError(p, expected, () -> Npy.readHeader(p));
    }

    /**
     * A header whose size matches the file but exceeds what a Java array holds. The file is sparse
     * (set length, never written), so the test costs no disk space or time.
     */
    @Test
    void moreElementsThanAJavaArrayHoldsIsRejectedBeforeAllocating() throws IOException {
        long elements = (long) Integer.MAX_VALUE - 15; // one more than supported
        byte[] header = npy(dict("|u1", "(" + elements + ",)"), 0);
        Path p = IoTestSupport.write(dir, "huge.npy", header);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(header.length + elements);
        }
        assertFormatError(p, "has 2147483632 elements, more than the 2147483631 supported", () -> Npy.read(p));
    }

    @Test
    void parserAcceptsWhatNumpyAndPython2Wrote() throws IOException {
        String[] variants = {
            "{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }",
            "{'descr':'<f4','fortran_order':False,'shape':(3,4)}",
            "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (3L, 4L)}",
            "  {'shape': (3, 4,), 'fortran_order': False, 'descr': '<f4'}   \t",
        };
        for (String v : variants) {
            Path p = IoTestSupport.write(dir, "ok.npy", npy(v, 48));
            assertEquals(dev.sieve.tensor.Shape.of(3, 4), Npy.readHeader(p).shape(), v);
        }
    }
}
