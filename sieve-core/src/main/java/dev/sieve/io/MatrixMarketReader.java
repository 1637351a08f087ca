package dev.sieve.io;

import dev.sieve.io.MatrixMarketHeader.Field;
import dev.sieve.io.MatrixMarketHeader.Format;
import dev.sieve.io.MatrixMarketHeader.Symmetry;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads Matrix Market files. The size line is checked against the file's length before any storage
 * is sized from it: each stored entry needs at least two bytes per number, so a file of B bytes
 * cannot hold more than about B / 4 coordinate entries. Entry storage then grows with what is read.
 */
final class MatrixMarketReader {
    /** Elements of a Java array. */
    static final long MAX_ELEMENTS = Integer.MAX_VALUE - 16;
    private static final int MAX_INITIAL_CAPACITY = 1 << 20;

    private final Path path;
    private final long fileSize;
    private final MatrixMarketLines lines;

    private MatrixMarketReader(Path path, long fileSize, InputStream in) {
        this.path = path;
        this.fileSize = fileSize;
        this.lines = new MatrixMarketLines(path, in);
    }

    static MatrixMarketHeader readHeader(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            return new MatrixMarketReader(path, Files.size(path), in).header();
        }
    }

    static MatrixMarketData read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            MatrixMarketReader reader = new MatrixMarketReader(path, Files.size(path), in);
            MatrixMarketHeader header = reader.header();
            return header.format() == Format.COORDINATE
                    ? new MatrixMarketData.Sparse(header, reader.coordinate(header))
                    : new MatrixMarketData.Dense(header, reader.array(header));
        }
    }

    // ---- banner and size line -----------------------------------------------------------------

    private MatrixMarketHeader header() throws IOException {
        if (!lines.nextLine()) throw new FormatException(path, "empty file (expected a %%MatrixMarket banner)");
        if (lines.tokenCount() == 0 || !lines.token(0).equalsIgnoreCase("%%MatrixMarket")) {
            throw new FormatException(path, "missing %%MatrixMarket banner on line 1");
        }
        if (lines.tokenCount() != 5) {
            throw lines.error("banner has " + lines.tokenCount()
                    + " words, expected '%%MatrixMarket matrix <format> <field> <symmetry>'");
        }
        String object = word(1);
        if (!object.equals("matrix")) throw lines.error("unsupported object " + lines.quoted(1) + " (only 'matrix')");
        Format format = switch (word(2)) {
            case "coordinate" -> Format.COORDINATE;
            case "array" -> Format.ARRAY;
            default -> throw lines.error("unknown format " + lines.quoted(2) + " (expected coordinate or array)");
        };
        Field field = switch (word(3)) {
            case "real" -> Field.REAL;
            case "double" -> Field.DOUBLE;
            case "integer" -> Field.INTEGER;
            case "pattern" -> Field.PATTERN;
            case "complex" -> throw lines.error("complex matrices are not supported");
            default -> throw lines.error("unknown field " + lines.quoted(3) + " (expected real, double, integer or pattern)");
        };
        Symmetry symmetry = switch (word(4)) {
            case "general" -> Symmetry.GENERAL;
            case "symmetric" -> Symmetry.SYMMETRIC;
            case "skew-symmetric" -> Symmetry.SKEW_SYMMETRIC;
            case "hermitian" -> throw lines.error("hermitian matrices are not supported (they are complex)");
            default -> throw lines.error("unknown symmetry " + lines.quoted(4) + " (expected general, symmetric or skew-symmetric)");
        };
        if (field == Field.PATTERN && format == Format.ARRAY) throw lines.error("the pattern field needs the coordinate format");
        if (field == Field.PATTERN && symmetry == Symmetry.SKEW_SYMMETRIC) {
            throw lines.error("a pattern matrix cannot be skew-symmetric (it has no values to negate)");
        }

        if (!lines.nextContentLine()) throw new FormatException(path, "truncated: no size line after the banner");
        int expected = format == Format.COORDINATE ? 3 : 2;
        if (lines.tokenCount() != expected) {
            throw lines.error("size line needs " + (expected == 3 ? "rows, columns and nnz" : "rows and columns")
                    + ", found " + lines.tokenCount() + (lines.tokenCount() == 1 ? " value" : " values"));
        }
        int rows = dimension(0, "rows");
        int cols = dimension(1, "columns");
        if (symmetry != Symmetry.GENERAL && rows != cols) {
            throw lines.error("a " + symmetry.word() + " matrix must be square, size is " + rows + " x " + cols);
        }
        long positions = (long) rows * cols;
        long entries;
        if (format == Format.COORDINATE) {
            entries = lines.integer(2, "nnz");
            if (entries < 0) throw lines.error("nnz " + entries + " is negative");
            if (entries > positions) {
                throw lines.error("declares " + entries + " entries but a " + rows + " x " + cols + " matrix has only "
                        + positions + " positions");
            }
            if (entries > MAX_ELEMENTS) throw lines.error("declares " + entries + " entries, more than the " + MAX_ELEMENTS + " supported");
        } else {
            if (positions > MAX_ELEMENTS) {
                throw lines.error("a " + rows + " x " + cols + " dense array has more than the " + MAX_ELEMENTS + " elements supported");
            }
            long n = rows;
            entries = switch (symmetry) {
                case GENERAL -> positions;
                case SYMMETRIC -> n * (n + 1) / 2;
                case SKEW_SYMMETRIC -> n * (n - 1) / 2;
            };
        }
        // Every number takes at least one digit and one separator; the last may lack its newline.
        long minBytesPerEntry = 2L * (format == Format.ARRAY ? 1 : field == Field.PATTERN ? 2 : 3);
        long remaining = fileSize - lines.bytesConsumed();
        if (entries > 0 && entries * minBytesPerEntry - 1 > remaining) {
            throw lines.error("declares " + entries + (entries == 1 ? " entry" : " entries") + " but only " + remaining
                    + " bytes follow, room for at most " + (remaining + 1) / minBytesPerEntry);
        }
        return new MatrixMarketHeader(format, field, symmetry, rows, cols, entries);
    }

    private String word(int i) {
        return lines.token(i).toLowerCase(Locale.ROOT);
    }

    private int dimension(int i, String what) throws FormatException {
        long v = lines.integer(i, what);
        if (v < 0) throw lines.error(what + " " + v + " is negative");
        if (v > Integer.MAX_VALUE) throw lines.error(what + " " + v + " exceeds the " + Integer.MAX_VALUE + " supported");
        return (int) v;
    }

    // ---- entries ------------------------------------------------------------------------------

    private CooMatrix coordinate(MatrixMarketHeader h) throws IOException {
        long declared = h.entries();
        CooBuilder entries = new CooBuilder((int) Math.min(declared, MAX_INITIAL_CAPACITY));
        int expected = h.field() == Field.PATTERN ? 2 : 3;
        long seen = 0;
        while (lines.nextContentLine()) {
            if (seen == declared) throw lines.error("more entries than the " + declared + " declared on the size line");
            if (lines.tokenCount() != expected) {
                throw lines.error("expected " + expected + " values (row, column" + (expected == 3 ? ", value" : "")
                        + "), found " + lines.tokenCount());
            }
            int i = index(0, "row index", h.rows());
            int j = index(1, "column index", h.cols());
            float v = switch (h.field()) {
                case PATTERN -> 1f;
                case INTEGER -> lines.integer(2, "value");
                case REAL, DOUBLE -> lines.real(2, "value");
            };
            if (h.symmetry() != Symmetry.GENERAL) {
                if (i == j && h.symmetry() == Symmetry.SKEW_SYMMETRIC) {
                    throw lines.error("diagonal entry (" + (i + 1) + ", " + (j + 1) + ") in a skew-symmetric matrix, whose diagonal is zero");
                }
                if (i < j) {
                    throw lines.error("entry (" + (i + 1) + ", " + (j + 1) + ") is above the diagonal; a " + h.symmetry().word()
                            + " file stores only the lower triangle");
                }
            }
            add(entries, i, j, v);
            if (h.symmetry() != Symmetry.GENERAL && i != j) {
                add(entries, j, i, h.symmetry() == Symmetry.SKEW_SYMMETRIC ? negate(v) : v);
            }
            seen++;
        }
        if (seen < declared) {
            throw new FormatException(path, "truncated: size line declares " + declared + " entries but only " + seen + " follow");
        }
        return entries.build(h.rows(), h.cols());
    }

    private void add(CooBuilder entries, int i, int j, float v) throws FormatException {
        if (entries.size() >= MAX_ELEMENTS) {
            throw lines.error("more than " + MAX_ELEMENTS + " entries after expanding the symmetric part");
        }
        entries.add(i, j, v);
    }

    /** The skew-symmetric mirror value; a stored zero mirrors to +0 (not -0), as NumPy/SciPy produce. */
    private static float negate(float v) {
        return 0f - v;
    }

    /** A 1-based index from the file, checked, as 0-based. */
    private int index(int token, String what, int size) throws FormatException {
        long v = lines.integer(token, what);
        if (v < 1 || v > size) {
            throw lines.error(what + " " + v + (size == 0 ? " out of range (dimension is 0)" : " out of range 1.." + size));
        }
        return (int) (v - 1);
    }

    /** Column-major values; symmetric kinds list only the (strict) lower triangle, column by column. */
    private Tensor array(MatrixMarketHeader h) throws IOException {
        int rows = h.rows(), cols = h.cols();
        float[] out = new float[rows * cols];
        Symmetry symmetry = h.symmetry();
        int i = symmetry == Symmetry.SKEW_SYMMETRIC ? 1 : 0, j = 0;
        long seen = 0;
        while (lines.nextContentLine()) {
            for (int t = 0; t < lines.tokenCount(); t++) {
                if (seen == h.entries()) {
                    throw lines.error("more values than the " + h.entries() + " a " + symmetry.word() + " "
                            + rows + " x " + cols + " array holds");
                }
                float v = h.field() == Field.INTEGER ? lines.integer(t, "value") : lines.real(t, "value");
                out[i * cols + j] = v;
                if (symmetry != Symmetry.GENERAL && i != j) out[j * cols + i] = symmetry == Symmetry.SKEW_SYMMETRIC ? negate(v) : v;
                seen++;
                if (++i == rows) {
                    j++;
                    i = switch (symmetry) {
                        case GENERAL -> 0;
                        case SYMMETRIC -> j;
                        case SKEW_SYMMETRIC -> j + 1;
                    };
                }
            }
        }
        if (seen < h.entries()) {
            throw new FormatException(path, "truncated: a " + symmetry.word() + " " + rows + " x " + cols + " array needs "
                    + h.entries() + " values but only " + seen + " follow");
        }
        return Tensor.wrap(out, rows, cols);
    }
}
