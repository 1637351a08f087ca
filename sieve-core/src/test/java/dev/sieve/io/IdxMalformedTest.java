package dev.sieve.io;

import static dev.sieve.io.IdxTestFiles.concat;
import static dev.sieve.io.IdxTestFiles.gzip;
import static dev.sieve.io.IdxTestFiles.header;
import static dev.sieve.io.IoTestSupport.assertFormatError;
import static dev.sieve.io.IoTestSupport.write;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every malformed file fails with a distinctive one-line FormatException, never an OutOfMemoryError. */
class IdxMalformedTest {
    @TempDir Path dir;

    private void expect(String name, byte[] bytes, String message) throws Exception {
        Path p = write(dir, "case-" + name + ".fixture", bytes);
        assertFormatError(p, message, () -> Idx.read(p));
    }

    @Test
    void emptyFile() throws Exception {
        expect("empty", new byte[0], "not an IDX file (empty)");
    }

    @Test
    void badMagic() throws Exception {
        expect("npy", new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, "not an IDX file (bad magic: first bytes 93 4e");
        expect("short", new byte[] {1}, "not an IDX file (bad magic)");
    }

    @Test
    void truncatedMagic() throws Exception {
        expect("two", new byte[] {0, 0}, "truncated: file has 2 bytes, too short for the 4-byte IDX magic");
    }

    @Test
    void badType() throws Exception {
        expect("type", concat(header(0x0A, 1), new byte[4]), "unsupported IDX type byte 0x0a");
    }

    @Test
    void badRank() throws Exception {
        expect("rank0", new byte[] {0, 0, 8, 0}, "IDX rank 0 is out of range (1 to 8)");
        expect("rank9", concat(new byte[] {0, 0, 8, 9}, new byte[36]), "IDX rank 9 is out of range (1 to 8)");
    }

    @Test
    void truncatedDimensions() throws Exception {
        expect("dims", Arrays.copyOf(header(0x08, 60000, 28, 28), 10), "truncated: file ends inside the dimension sizes (6 of 12 bytes)");
    }

    @Test
    void negativeDimension() throws Exception {
        expect("neg", header(0x08, 3, -1), "dimension 1 size -1 is negative in shape [3, -1]");
    }

    @Test
    void truncatedData() throws Exception {
        expect("trunc", concat(header(0x08, 2, 3), new byte[5]), "truncated: header says [2, 3] = 6 ubyte values (6 bytes) but 5 bytes follow");
    }

    @Test
    void lyingSizeCostsNoAllocation() throws Exception {
        // 10^8 doubles: would need 800 MB; rejected from the file length alone.
        expect("lie", concat(header(0x0E, 100_000_000), new byte[8]),
                "truncated: header says [100000000] = 100000000 double values (800000000 bytes) but 8 bytes follow");
    }

    @Test
    void hugeDimensionsOverflow() throws Exception {
        int m = Integer.MAX_VALUE;
        expect("huge", header(0x08, m, m, m, m, m, m, m, m), "has more than 2147483631 elements, the supported maximum");
    }

    @Test
    void trailingBytes() throws Exception {
        expect("trail", concat(header(0x08, 2), new byte[3]), "trailing data: header says [2] = 2 ubyte values (2 bytes) but 3 bytes follow");
    }

    @Test
    void truncatedGzip() throws Exception {
        byte[] gz = gzip(IdxTestFiles.ubyte(new int[1000], 10, 100));
        expect("cut.gz", Arrays.copyOf(gz, gz.length - 12), "truncated: gzip stream ends before its end marker");
    }

    @Test
    void gzipWithTooLittleData() throws Exception {
        expect("short.gz", gzip(concat(header(0x08, 10, 10), new byte[99])),
                "truncated: header says [10, 10] = 100 ubyte values (100 bytes) but the decompressed data holds only 99");
    }

    @Test
    void gzipLyingHugeSizeFailsWithoutAllocatingIt() throws Exception {
        expect("lie.gz", gzip(concat(header(0x08, 2_000_000_000), new byte[10])), "but the decompressed data holds only 10");
    }

    @Test
    void gzipWithTrailingData() throws Exception {
        expect("trail.gz", gzip(concat(header(0x08, 4), new byte[6])), "trailing data: decompressed data continues past the 4 data bytes");
    }

    @Test
    void gzipTooBigForAJavaArray() throws Exception {
        expect("big.gz", gzip(header(0x0E, 1 << 30)), "needs 8589934592 bytes, more than the 2147483631 supported");
    }

    @Test
    void corruptGzip() throws Exception {
        byte[] gz = gzip(IdxTestFiles.ubyte(new int[100], 100));
        gz[gz.length - 8] ^= 1; // the CRC-32 in the trailer
        expect("bad.gz", gz, "corrupt gzip data");
    }

    @Test
    void emptyAfterDecompression() throws Exception {
        expect("empty.gz", gzip(new byte[0]), "not an IDX file (empty after decompression)");
    }
}
