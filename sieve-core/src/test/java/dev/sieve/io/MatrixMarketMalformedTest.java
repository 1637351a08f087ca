package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.assertFormatError;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed Matrix Market files. Each must fail with a FormatException that names the line and the
 * problem; never another exception, and never an allocation sized by a lying header.
 */
class MatrixMarketMalformedTest {
    @TempDir
    Path dir;

    private static final String REAL = "%%MatrixMarket matrix coordinate real general\n";
    private static final String INTEGER = "%%MatrixMarket matrix coordinate integer general\n";
    private static final String SYMMETRIC = "%%MatrixMarket matrix coordinate real symmetric\n";
    private static final String SKEW = "%%MatrixMarket matrix coordinate real skew-symmetric\n";
    private static final String ARRAY = "%%MatrixMarket matrix array real general\n";
    /**
     * A trailing comment, so a short file passes the size line's byte-count check and the reader
     * gets as far as the entries (without it, "declares N entries but only B bytes follow" fires first).
     */
    private static final String PADDING = "% padding " + "-".repeat(64) + "\n";

    /** Cases whose problem is in the banner or size line: readHeader must catch them too. */
    static List<Arguments> headerCorpus() {
        return List.of(
                Arguments.of("empty file", "", "empty file (expected a %%MatrixMarket banner)"),
                Arguments.of("missing banner", "3 3 1\n1 1 1.0\n", "missing %%MatrixMarket banner on line 1"),
                Arguments.of("comment instead of banner", "% just a comment\n3 3 0\n", "missing %%MatrixMarket banner on line 1"),
                Arguments.of("binary garbage", "\u0000\u0001\u00ff\u00fe garbage", "missing %%MatrixMarket banner on line 1"),
                Arguments.of("banner too short", "%%MatrixMarket matrix coordinate real\n3 3 0\n", "line 1: banner has 4 words"),
                Arguments.of("banner too long", "%%MatrixMarket matrix coordinate real general extra\n3 3 0\n", "line 1: banner has 6 words"),
                Arguments.of("vector object", "%%MatrixMarket vector coordinate real general\n3 3 0\n", "line 1: unsupported object 'vector'"),
                Arguments.of("unknown format", "%%MatrixMarket matrix sparse real general\n3 3 0\n", "line 1: unknown format 'sparse'"),
                Arguments.of("unknown field", "%%MatrixMarket matrix coordinate float general\n3 3 0\n", "line 1: unknown field 'float'"),
                Arguments.of("complex field", "%%MatrixMarket matrix coordinate complex general\n3 3 1\n1 1 1 0\n", "line 1: complex matrices are not supported"),
                Arguments.of("hermitian symmetry", "%%MatrixMarket matrix coordinate real hermitian\n3 3 0\n", "line 1: hermitian matrices are not supported"),
                Arguments.of("unknown symmetry", "%%MatrixMarket matrix coordinate real diagonal\n3 3 0\n", "line 1: unknown symmetry 'diagonal'"),
                Arguments.of("pattern array", "%%MatrixMarket matrix array pattern general\n3 3\n", "line 1: the pattern field needs the coordinate format"),
                Arguments.of("pattern skew-symmetric", "%%MatrixMarket matrix coordinate pattern skew-symmetric\n3 3 0\n", "cannot be skew-symmetric"),
                Arguments.of("banner line beyond the line limit", "%%MatrixMarket " + "x".repeat(2000) + "\n", "line 1: line is longer than 1024 bytes"),
                Arguments.of("no size line", REAL + "% only comments\n\n", "truncated: no size line after the banner"),
                Arguments.of("size line without nnz", REAL + "3 3\n", "line 2: size line needs rows, columns and nnz, found 2 values"),
                Arguments.of("array size line with nnz", ARRAY + "3 3 9\n", "line 2: size line needs rows and columns, found 3 values"),
                Arguments.of("garbage in size line", REAL + "3 abc 1\n", "line 2: columns 'abc' is not an integer"),
                Arguments.of("NaN as a dimension", REAL + "NaN 3 1\n", "line 2: rows 'NaN' is not an integer"),
                Arguments.of("float dimension", REAL + "3.0 3 1\n", "line 2: rows '3.0' is not an integer"),
                Arguments.of("negative rows", REAL + "-3 3 1\n1 1 1\n", "line 2: rows -3 is negative"),
                Arguments.of("negative nnz", REAL + "3 3 -1\n", "line 2: nnz -1 is negative"),
                Arguments.of("rows 10^12", REAL + "1000000000000 5 1\n1 1 1\n", "line 2: rows 1000000000000 exceeds the 2147483647 supported"),
                Arguments.of("number beyond long", REAL + "99999999999999999999 5 1\n", "line 2: rows '99999999999999999999' is too large"),
                Arguments.of("nnz above rows*cols", REAL + "2 2 5\n1 1 1\n1 2 1\n2 1 1\n2 2 1\n1 1 1\n", "line 2: declares 5 entries but a 2 x 2 matrix has only 4 positions"),
                Arguments.of("nnz the file cannot hold", REAL + "100000 100000 1000000000\n1 1 1\n", "line 2: declares 1000000000 entries but only 6 bytes follow, room for at most 1"),
                Arguments.of("nnz beyond 2^31 with huge dims", REAL + "2147483647 2147483647 4611686014132420609\n", "declares 4611686014132420609 entries, more than the 2147483631 supported"),
                Arguments.of("symmetric but not square", SYMMETRIC + "3 4 1\n1 1 1\n", "line 2: a symmetric matrix must be square, size is 3 x 4"),
                Arguments.of("dense array too large", ARRAY + "100000 100000\n1\n", "line 2: a 100000 x 100000 dense array has more than the 2147483631 elements supported"),
                Arguments.of("array values the file cannot hold", ARRAY + "1000 1000\n1\n2\n", "line 2: declares 1000000 entries but only 4 bytes follow"));
    }

    /** Cases whose problem is in the entries. */
    static List<Arguments> entryCorpus() {
        return List.of(
                Arguments.of("row index 0", REAL + "3 3 1\n0 1 1.0\n", "line 3: row index 0 out of range 1..3"),
                Arguments.of("row index past rows", REAL + "3 3 1\n4 1 1.0\n", "line 3: row index 4 out of range 1..3"),
                Arguments.of("column index past cols", REAL + "% c\n3 3 2\n1 1 1\n1 9 1.0\n", "line 5: column index 9 out of range 1..3"),
                Arguments.of("negative index", REAL + "3 3 1\n-1 1 1.0\n", "line 3: row index -1 out of range 1..3"),
                Arguments.of("index into a 0-row matrix", REAL + "0 3 0\n1 1 1.0\n", "line 3: more entries than the 0 declared"),
                Arguments.of("huge index", REAL + "3 3 1\n1 99999999999 1.0\n", "line 3: column index 99999999999 out of range 1..3"),
                Arguments.of("garbage value", REAL + "3 3 1\n1 1 abc\n", "line 3: value 'abc' is not a number"),
                Arguments.of("garbage index", REAL + "3 3 1\nx 1 1.0\n", "line 3: row index 'x' is not an integer"),
                Arguments.of("NaN index", REAL + "3 3 1\nNaN 1 1.0\n", "line 3: row index 'NaN' is not an integer"),
                Arguments.of("lone sign as index", REAL + "3 3 1\n- 1 1.0\n", "line 3: row index '-' is not an integer"),
                Arguments.of("NaN in integer field", INTEGER + "3 3 1\n1 1 NaN\n", "line 3: value 'NaN' is not an integer"),
                Arguments.of("fraction in integer field", INTEGER + "3 3 1\n1 1 1.5\n", "line 3: value '1.5' is not an integer"),
                Arguments.of("hex float", REAL + "3 3 1\n1 1 0x1p3\n", "line 3: value '0x1p3' is not a number"),
                Arguments.of("Java float suffix", REAL + "3 3 1\n1 1 1.0f\n", "line 3: value '1.0f' is not a number"),
                Arguments.of("exponent without digits", REAL + "3 3 1\n1 1 1e\n", "line 3: value '1e' is not a number"),
                Arguments.of("comma decimal", REAL + "3 3 1\n1 1 1,5\n", "line 3: value '1,5' is not a number"),
                Arguments.of("control bytes in a value", REAL + "3 3 1\n1 1 1\u0001\u0002\n", "line 3: value '1??' is not a number"),
                Arguments.of("entry missing its value", REAL + "3 3 1\n1 1\n" + PADDING, "line 3: expected 3 values (row, column, value), found 2"),
                Arguments.of("entry with an extra value", REAL + "3 3 1\n1 1 1 0\n", "line 3: expected 3 values (row, column, value), found 4"),
                Arguments.of("pattern entry with a value", "%%MatrixMarket matrix coordinate pattern general\n3 3 1\n1 1 1\n", "line 3: expected 2 values (row, column), found 3"),
                Arguments.of("fewer entries than declared", REAL + "3 3 3\n1 1 1\n2 2 2\n" + PADDING, "truncated: size line declares 3 entries but only 2 follow"),
                Arguments.of("more entries than declared", REAL + "3 3 1\n1 1 1\n2 2 2\n", "line 4: more entries than the 1 declared"),
                Arguments.of("symmetric entry above the diagonal", SYMMETRIC + "3 3 2\n1 1 1\n1 2 5\n", "line 4: entry (1, 2) is above the diagonal; a symmetric file stores only the lower triangle"),
                Arguments.of("skew-symmetric diagonal entry", SKEW + "3 3 1\n2 2 1\n", "line 3: diagonal entry (2, 2) in a skew-symmetric matrix"),
                Arguments.of("skew-symmetric entry above the diagonal", SKEW + "3 3 1\n1 3 1\n", "line 3: entry (1, 3) is above the diagonal"),
                Arguments.of("entry line beyond the line limit", REAL + "3 3 1\n1 1 " + "1".repeat(5000) + "\n", "line 3: line is longer than 1024 bytes"),
                Arguments.of("array with too few values", ARRAY + "3 3\n1\n2\n" + PADDING, "truncated: a general 3 x 3 array needs 9 values but only 2 follow"),
                Arguments.of("array with too many values", ARRAY + "2 2\n1\n2\n3\n4\n5\n", "line 7: more values than the 4 a general 2 x 2 array holds"),
                Arguments.of("symmetric array with the full square", "%%MatrixMarket matrix array real symmetric\n2 2\n1\n2\n3\n4\n", "line 6: more values than the 3 a symmetric 2 x 2 array holds"),
                Arguments.of("garbage in array", ARRAY + "2 1\n1\nfoo\n", "line 4: value 'foo' is not a number"),
                Arguments.of("NaN in integer array", "%%MatrixMarket matrix array integer general\n1 1\nnan\n", "line 3: value 'nan' is not an integer"));
    }

    private Path file(String content) throws IOException {
        return IoTestSupport.write(dir, "case.mtx", content.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerCorpus")
    void badHeaderFailsTheHeaderRead(String name, String content, String expected) throws IOException {
        Path p = file(content);
        assertFormatError(p, expected, () -> MatrixMarket.readHeader(p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerCorpus")
    void badHeaderFailsTheFullRead(String name, String content, String expected) throws IOException {
        Path p = file(content);
        assertFormatError(p, expected, () -> MatrixMarket.read(p));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entryCorpus")
    void badEntriesFailTheFullRead(String name, String content, String expected) throws IOException {
        Path p = file(content);
        assertFormatError(p, expected, () -> MatrixMarket.read(p));
    }

    @Test
    void aLongLineWithoutNewlinesDoesNotExhaustMemory() throws IOException {
        byte[] content = new byte[8 << 20];
        java.util.Arrays.fill(content, (byte) '1');
        byte[] banner = REAL.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(banner, 0, content, 0, banner.length);
        Path p = IoTestSupport.write(dir, "long.mtx", content);
        assertFormatError(p, "line 2: line is longer than 1024 bytes", () -> MatrixMarket.read(p));
    }
}
