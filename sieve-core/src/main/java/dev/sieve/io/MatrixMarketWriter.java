package dev.sieve.io;

import dev.sieve.sparse.CooMatrix;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Writes Matrix Market files (real general only), atomically. */
final class MatrixMarketWriter {
    private MatrixMarketWriter() {}

    /** Coordinate real general; entries in the matrix's own order, 1-based. */
    static void write(Path target, CooMatrix m) throws IOException {
        AtomicFiles.write(target, out -> {
            Lines lines = new Lines(out);
            lines.add("%%MatrixMarket matrix coordinate real general");
            lines.add(m.rows() + " " + m.cols() + " " + m.nnz());
            StringBuilder sb = new StringBuilder(48);
            for (int k = 0; k < m.nnz(); k++) {
                sb.setLength(0);
                sb.append(m.rowIndex(k) + 1).append(' ').append(m.colIndex(k) + 1).append(' ').append(format(m.value(k)));
                lines.add(sb);
            }
        });
    }

    /** Array real general: every value, column-major. */
    static void writeDense(Path target, Tensor t) throws IOException {
        if (t.rank() != 2) throw new IllegalArgumentException("Matrix Market holds 2-D matrices, shape is " + t.shape());
        int rows = t.dim(0), cols = t.dim(1);
        float[] data = t.data();
        int offset = t.offset();
        AtomicFiles.write(target, out -> {
            Lines lines = new Lines(out);
            lines.add("%%MatrixMarket matrix array real general");
            lines.add(rows + " " + cols);
            for (int j = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++) lines.add(format(data[offset + i * cols + j]));
            }
        });
    }

    /**
     * Shortest decimal that reads back to the same float. Non-finite values use the spellings C's
     * strtod accepts (Java's "NaN"/"Infinity" are not portable to other readers).
     */
    static String format(float v) {
        if (Float.isNaN(v)) return "nan";
        if (Float.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return Float.toString(v);
    }

    /** ASCII lines to a (buffered) stream. */
    private record Lines(OutputStream out) {
        void add(CharSequence line) throws IOException {
            out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            out.write('\n');
        }
    }
}
