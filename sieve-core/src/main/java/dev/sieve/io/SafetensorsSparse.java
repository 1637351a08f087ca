package dev.sieve.io;

import dev.sieve.sparse.BsrMatrix;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.MaskedMatrix;
import dev.sieve.sparse.NmMatrix;
import dev.sieve.sparse.NmgMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.TileWiseMatrix;
import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Sparse matrices in safetensors files, stored as the arrays PyTorch uses for the same layout (see
 * docs/checkpoints.md). A matrix {@code W} becomes tensors {@code W.<array>} plus the metadata entry
 * {@code "W": "{\"layout\":\"csr\",\"shape\":[rows,cols]}"}, where layout is the Sieve layout name
 * ({@link Layout#toString()}: {@code coo}, {@code csr}, {@code csc}, {@code bsr:RxC}, {@code nm:N:M},
 * {@code nmg:N:M:G}, {@code tw:G}, {@code masked}).
 *
 * <table>
 * <caption>Arrays per layout (indices are I64 unless stated)</caption>
 * <tr><td>csr</td><td>crow_indices [rows+1], col_indices [nnz], values F32 [nnz]</td></tr>
 * <tr><td>csc</td><td>ccol_indices [cols+1], row_indices [nnz], values F32 [nnz]</td></tr>
 * <tr><td>coo</td><td>indices [2, nnz] (row, column), values F32 [nnz]</td></tr>
 * <tr><td>bsr:RxC</td><td>crow_indices [blockRows+1], col_indices [blocks], values F32 [blocks, R, C]</td></tr>
 * <tr><td>nm:N:M</td><td>values F32, positions U8 (NmMatrix data and positions)</td></tr>
 * <tr><td>nmg:N:M:G</td><td>values F32, columns I32 (NmgMatrix data and columns)</td></tr>
 * <tr><td>tw:G</td><td>kept_rows, tile_col_ptr, tile_cols, values F32 (TileWiseMatrix arrays)</td></tr>
 * <tr><td>masked</td><td>values F32 [rows, cols], mask_words I64 (MaskedMatrix data and maskWords)</td></tr>
 * </table>
 *
 * <p>Reading accepts I32 or I64 index arrays and any float dtype for values ({@link Safetensors#tensor}
 * rules); the layout constructors validate the arrays, and a violation becomes a {@link FormatException}.
 */
public final class SafetensorsSparse {
    private SafetensorsSparse() {}

    /** Adds {@code m}'s arrays and its metadata entry under {@code name}. */
    public static Safetensors.Builder put(Safetensors.Builder b, String name, SparseMatrix m) {
        StringBuilder meta = new StringBuilder("{\"layout\":");
        SafetensorsJson.quote(meta, m.layout().toString());
        meta.append(",\"shape\":[").append(m.rows()).append(',').append(m.cols()).append("]}");
        b.metadata(name, meta.toString());
        switch (m) {
            case CsrMatrix c -> {
                b.put(name + ".crow_indices", i64(c.rowPtr()));
                b.put(name + ".col_indices", i64(c.colIdx()));
                b.put(name + ".values", Tensor.of(c.data(), c.nnz()));
            }
            case CscMatrix c -> {
                b.put(name + ".ccol_indices", i64(c.colPtr()));
                b.put(name + ".row_indices", i64(c.rowIdx()));
                b.put(name + ".values", Tensor.of(c.data(), c.nnz()));
            }
            case CooMatrix c -> {
                int nnz = c.nnz();
                long[] idx = new long[2 * nnz];
                for (int k = 0; k < nnz; k++) {
                    idx[k] = c.rowIndex(k);
                    idx[nnz + k] = c.colIndex(k);
                }
                b.put(name + ".indices", IntTensor.of(idx, 2, nnz));
                b.put(name + ".values", Tensor.of(c.values(), nnz));
            }
            case BsrMatrix c -> {
                b.put(name + ".crow_indices", i64(c.blockRowPtr()));
                b.put(name + ".col_indices", i64(c.blockColIdx()));
                b.put(name + ".values", Tensor.of(c.data(), c.blockCount(), c.blockHeight(), c.blockWidth()));
            }
            case NmMatrix c -> {
                byte[] pos = c.positions();
                long[] p = new long[pos.length];
                for (int i = 0; i < p.length; i++) p[i] = pos[i] & 0xff;
                b.put(name + ".values", Tensor.of(c.data(), c.data().length));
                b.put(name + ".positions", IntTensor.of(DType.UINT8, p, p.length));
            }
            case NmgMatrix c -> {
                short[] cols = c.columns();
                long[] p = new long[cols.length];
                for (int i = 0; i < p.length; i++) p[i] = cols[i];
                b.put(name + ".values", Tensor.of(c.data(), c.data().length));
                b.put(name + ".columns", IntTensor.of(DType.INT32, p, p.length));
            }
            case TileWiseMatrix c -> {
                b.put(name + ".kept_rows", i64(c.keptRows()));
                b.put(name + ".tile_col_ptr", i64(c.tileColPtr()));
                b.put(name + ".tile_cols", i64(c.tileCols()));
                b.put(name + ".values", Tensor.of(c.data(), c.data().length));
            }
            case MaskedMatrix c -> {
                long[] words = c.maskWords();
                b.put(name + ".values", Tensor.of(c.data(), c.rows(), c.cols()));
                b.put(name + ".mask_words", IntTensor.of(words, words.length));
            }
        }
        return b;
    }

    /**
     * Rebuilds the sparse matrix stored under {@code name}.
     *
     * @throws FormatException if the metadata entry is missing or malformed, an array is missing or has
     *     the wrong rank or type, or the arrays violate the layout's invariants
     */
    public static SparseMatrix get(Safetensors r, String name) throws FormatException {
        String shown = "sparse tensor \"" + Printable.snippet(name, 40) + "\"";
        String text = r.metadata().get(name);
        if (text == null) throw new FormatException(r.path(), shown + ": no __metadata__ entry");
        Layout layout;
        int rows, cols;
        try {
            if (!(SafetensorsJson.parse(text) instanceof Map<?, ?> meta)
                    || !(meta.get("layout") instanceof String layoutName)
                    || !(meta.get("shape") instanceof List<?> shape) || shape.size() != 2
                    || !(shape.get(0) instanceof Long r0) || !(shape.get(1) instanceof Long c0)) {
                throw new FormatException(r.path(), "metadata must be {\"layout\": name, \"shape\": [rows, cols]}");
            }
            if (r0 < 0 || c0 < 0 || r0 > Integer.MAX_VALUE || c0 > Integer.MAX_VALUE) {
                throw new FormatException(r.path(), "bad shape [" + r0 + ", " + c0 + "]");
            }
            rows = (int) (long) r0;
            cols = (int) (long) c0;
            layout = Layout.parse(layoutName);
        } catch (FormatException e) {
            throw new FormatException(r.path(), shown + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new FormatException(r.path(), shown + ": " + e.getMessage());
        }
        try {
            return switch (layout) {
                case Layout.Csr l -> new CsrMatrix(rows, cols, ints(r, name, "crow_indices", 1), ints(r, name, "col_indices", 1), floats(r, name, "values", 1));
                case Layout.Csc l -> new CscMatrix(rows, cols, ints(r, name, "ccol_indices", 1), ints(r, name, "row_indices", 1), floats(r, name, "values", 1));
                case Layout.Coo l -> {
                    int[] idx = ints(r, name, "indices", 2);
                    if (r.info(name + ".indices").shape()[0] != 2) throw new FormatException(r.path(), shown + ": indices must have shape [2, nnz]");
                    int nnz = idx.length / 2;
                    yield new CooMatrix(rows, cols, Arrays.copyOfRange(idx, 0, nnz), Arrays.copyOfRange(idx, nnz, 2 * nnz), floats(r, name, "values", 1));
                }
                case Layout.Bsr l -> {
                    long[] vs = r.info(name + ".values").shape();
                    if (vs.length != 3 || vs[1] != l.height() || vs[2] != l.width()) {
                        throw new FormatException(r.path(), shown + ": values must have shape [blocks, " + l.height() + ", " + l.width() + "]");
                    }
                    yield new BsrMatrix(rows, cols, l.height(), l.width(), ints(r, name, "crow_indices", 1), ints(r, name, "col_indices", 1), floats(r, name, "values", 3));
                }
                case Layout.Nm l -> {
                    int[] p = ints(r, name, "positions", 1);
                    byte[] pos = new byte[p.length];
                    for (int i = 0; i < p.length; i++) {
                        if (p[i] < 0 || p[i] > 255) throw new FormatException(r.path(), shown + ": position " + p[i] + " at index " + i + " does not fit a byte");
                        pos[i] = (byte) p[i];
                    }
                    yield new NmMatrix(rows, cols, l.n(), l.m(), floats(r, name, "values", 1), pos);
                }
                case Layout.Nmg l -> {
                    int[] c = ints(r, name, "columns", 1);
                    short[] s = new short[c.length];
                    for (int i = 0; i < c.length; i++) {
                        if (c[i] < Short.MIN_VALUE || c[i] > Short.MAX_VALUE) throw new FormatException(r.path(), shown + ": column " + c[i] + " at index " + i + " does not fit 16 bits");
                        s[i] = (short) c[i];
                    }
                    yield new NmgMatrix(rows, cols, l.n(), l.m(), l.g(), floats(r, name, "values", 1), s);
                }
                case Layout.TileWise l -> new TileWiseMatrix(rows, cols, l.g(), ints(r, name, "kept_rows", 1), ints(r, name, "tile_col_ptr", 1),
                        ints(r, name, "tile_cols", 1), floats(r, name, "values", 1));
                case Layout.Masked l -> {
                    long[] w = longs(r, name, "mask_words");
                    yield new MaskedMatrix(rows, cols, floats(r, name, "values", 2), w);
                }
                case Layout.Dense l -> throw new FormatException(r.path(), shown + ": layout dense is not sparse");
            };
        } catch (IllegalArgumentException e) {
            throw new FormatException(r.path(), shown + ": " + Printable.snippet(String.valueOf(e.getMessage()), 200));
        }
    }

    private static IntTensor i64(int[] v) {
        long[] l = new long[v.length];
        for (int i = 0; i < v.length; i++) l[i] = v[i];
        return IntTensor.of(l, l.length);
    }

    private static int[] ints(Safetensors r, String name, String array, int rank) throws FormatException {
        String full = name + "." + array;
        if (!r.contains(full)) throw new FormatException(r.path(), "sparse tensor \"" + Printable.snippet(name, 40) + "\": missing array \"" + Printable.snippet(full, 60) + "\"");
        if (r.info(full).rank() != rank) throw new FormatException(r.path(), "array \"" + Printable.snippet(full, 60) + "\" must have rank " + rank);
        IntTensor t = r.intTensor(full);
        int[] out = new int[t.size()];
        for (int i = 0; i < out.length; i++) {
            long v = t.getFlat(i);
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new FormatException(r.path(), "array \"" + Printable.snippet(full, 60) + "\": value " + v + " at index " + i + " does not fit int32");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /** All 64 bits of each value (mask words): I64 expected. */
    private static long[] longs(Safetensors r, String name, String array) throws FormatException {
        String full = name + "." + array;
        if (!r.contains(full)) throw new FormatException(r.path(), "sparse tensor \"" + Printable.snippet(name, 40) + "\": missing array \"" + Printable.snippet(full, 60) + "\"");
        if (r.info(full).rank() != 1 || r.info(full).dtype() != Safetensors.Dtype.I64) {
            throw new FormatException(r.path(), "array \"" + Printable.snippet(full, 60) + "\" must be 1-D I64");
        }
        return r.intTensor(full).data();
    }

    private static float[] floats(Safetensors r, String name, String array, int rank) throws FormatException {
        String full = name + "." + array;
        if (!r.contains(full)) throw new FormatException(r.path(), "sparse tensor \"" + Printable.snippet(name, 40) + "\": missing array \"" + Printable.snippet(full, 60) + "\"");
        if (r.info(full).rank() != rank) throw new FormatException(r.path(), "array \"" + Printable.snippet(full, 60) + "\" must have rank " + rank);
        if (!r.info(full).dtype().isFloatingPoint()) throw new FormatException(r.path(), "array \"" + Printable.snippet(full, 60) + "\" must be floating point");
        return r.tensor(full).toArray();
    }
}
