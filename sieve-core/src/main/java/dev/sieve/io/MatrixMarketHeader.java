package dev.sieve.io;

/**
 * The banner and size line of a Matrix Market file, checked for consistency with each other and
 * with the file's length.
 *
 * @param rows number of rows (fits an int)
 * @param cols number of columns (fits an int)
 * @param entries the entries stored in the file: the declared nnz for {@code coordinate} (before
 *     symmetric expansion), or the number of values for {@code array} (rows * cols for general,
 *     the lower triangle for symmetric, the strict lower triangle for skew-symmetric)
 */
public record MatrixMarketHeader(Format format, Field field, Symmetry symmetry, int rows, int cols, long entries) {

    /** How entries are listed. */
    public enum Format {
        /** One {@code row col [value]} line per stored entry, 1-based: a sparse matrix. */
        COORDINATE,
        /** Every value in column-major order: a dense matrix. */
        ARRAY;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The type of the values; all are read as float32. */
    public enum Field {
        REAL, DOUBLE, INTEGER,
        /** No values: each listed position holds 1.0. */
        PATTERN;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Which part of the matrix is stored; the rest is implied. */
    public enum Symmetry {
        GENERAL,
        /** Only the lower triangle (with diagonal) is stored; A[j][i] = A[i][j]. */
        SYMMETRIC,
        /** Only the strict lower triangle is stored; A[j][i] = -A[i][j] and the diagonal is zero. */
        SKEW_SYMMETRIC;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The banner line as it appears in a file, e.g. {@code %%MatrixMarket matrix coordinate real general}. */
    public String banner() {
        return "%%MatrixMarket matrix " + format.word() + " " + field.word() + " " + symmetry.word();
    }
}
