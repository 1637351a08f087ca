package dev.sieve.compile.format;

import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable float32 tensor stored level by level as its {@link Format} says (the TACO layout, where
 * positions flow from each level to the next).
 *
 * <p>{@link #dims()} are the logical dimensions, indexed by mode; level {@code k} has size
 * {@code dims[format.mode(k)]}. A virtual root level above level 0 has exactly one position, 0. With
 * {@code P} the number of positions of level {@code k-1}:
 * <ul>
 *   <li><b>dense</b> (d): no arrays ({@code pos(k) == crd(k) == null}); coordinate {@code i} under parent
 *       position {@code p} is position {@code p * size_k + i}, so the level has {@code P * size_k}
 *       positions.</li>
 *   <li><b>compressed</b> (s) and <b>compressed non-unique</b> (u): {@code pos(k)} has {@code P + 1}
 *       non-decreasing entries from 0; parent position {@code p} has child positions
 *       {@code pos[p] .. pos[p+1]-1} with coordinates {@code crd(k)[...]}, strictly increasing in each
 *       segment for s, non-decreasing for u. The level has {@code pos[P]} positions.</li>
 *   <li><b>singleton</b> (q): no pos; {@code crd(k)} has one coordinate per parent position and the child
 *       position is the parent position.</li>
 * </ul>
 * {@link #vals()} holds one value per position of the last level (one value at rank 0). A {@code u q..q}
 * run is canonical: in each segment of the u level its coordinate tuples strictly increase, so entries are
 * sorted and none repeats.
 *
 * <p>{@link #pos(int)}, {@link #crd(int)} and {@link #vals()} return the backing arrays, not copies, so
 * generated kernels can read them directly: callers must never modify them.
 */
public final class FormattedTensor {
    private final int[] dims;
    private final Format format;
    private final int[][] pos;
    private final int[][] crd;
    private final float[] vals;
    private final int[] positions;

    /** Receives stored entries from {@link #forEach}. */
    @FunctionalInterface
    public interface EntryConsumer {
        /**
         * @param coords the entry's coordinates by logical mode (a fresh array per entry)
         * @param value the stored value
         */
        void accept(int[] coords, float value);
    }

    /**
     * Copies and validates the storage.
     *
     * @param dims logical dimensions, by mode
     * @param pos per level, the position array, or null for dense and singleton levels
     * @param crd per level, the coordinate array, or null for dense levels
     * @param vals one value per position of the last level
     * @throws IllegalArgumentException naming the level, its letter and the index of the first violation
     */
    public FormattedTensor(int[] dims, Format format, int[][] pos, int[][] crd, float[] vals) {
        this(copy(dims), format, deepCopy(pos), deepCopy(crd), vals == null ? null : vals.clone(), true);
    }

    private FormattedTensor(int[] dims, Format format, int[][] pos, int[][] crd, float[] vals, boolean owned) {
        this.positions = StorageChecks.validate(dims, format, pos, crd, vals);
        this.dims = dims;
        this.format = format;
        this.pos = pos;
        this.crd = crd;
        this.vals = vals;
    }

    /**
     * Like the constructor but takes ownership of the level and value arrays instead of copying them
     * (still validates): for producers such as generated kernels that build fresh arrays. The caller must
     * not touch the arrays afterwards.
     */
    public static FormattedTensor wrap(int[] dims, Format format, int[][] pos, int[][] crd, float[] vals) {
        return new FormattedTensor(copy(dims), format, pos == null ? null : pos.clone(), crd == null ? null : crd.clone(),
                vals, true);
    }

    private static int[] copy(int[] a) {
        return a == null ? null : a.clone();
    }

    private static int[][] deepCopy(int[][] a) {
        if (a == null) return null;
        int[][] c = new int[a.length][];
        for (int k = 0; k < a.length; k++) c[k] = copy(a[k]);
        return c;
    }

    // ---- building -----------------------------------------------------------------------------

    /**
     * The nonzero values of {@code t} in format {@code f}. Sparse levels keep only coordinates that lead
     * to a nonzero (0.0 and -0.0 are dropped, NaN is kept); a dense level keeps all its coordinates, so
     * under a sparse level it stores whole fibers, zeros included.
     *
     * @throws IllegalArgumentException if the ranks differ
     */
    public static FormattedTensor fromDense(Tensor t, Format f) {
        Objects.requireNonNull(t, "tensor");
        Objects.requireNonNull(f, "format");
        int rank = t.rank();
        if (rank != f.rank()) {
            throw new IllegalArgumentException("tensor of shape " + t.shape() + " has rank " + rank + ", format " + f
                    + " has rank " + f.rank());
        }
        int[] dims = t.dims();
        float[] data = t.data();
        int off = t.offset(), size = t.size();
        int nnz = 0;
        for (int i = 0; i < size; i++) if (data[off + i] != 0f) nnz++;
        int[][] modeCoords = new int[rank][nnz];
        float[] values = new float[nnz];
        int[] index = new int[rank];
        for (int i = 0, e = 0; i < size; i++) {
            float v = data[off + i];
            if (v != 0f) {
                for (int m = 0; m < rank; m++) modeCoords[m][e] = index[m];
                values[e++] = v;
            }
            for (int m = rank - 1; m >= 0 && ++index[m] == dims[m]; m--) index[m] = 0; // row-major odometer
        }
        return LevelAssembler.assemble(dims, f, modeCoords, values, nnz, false);
    }

    /**
     * The general builder: entries in any order, sorted (stably) into the format's level order.
     * Explicitly given zeros are stored.
     *
     * @param coords {@code coords[e]} is entry e's coordinates by logical mode ({@code rank} of them)
     * @param values entry values, one per entry
     * @param sumDuplicates whether entries with equal coordinates add up (in input order) or are rejected
     * @throws IllegalArgumentException for bad dims, mismatched lengths, an out-of-range coordinate or
     *     (unless summed) a repeated coordinate, naming the entry
     */
    public static FormattedTensor fromCoordinates(int[] dims, Format f, int[][] coords, float[] values, boolean sumDuplicates) {
        StorageChecks.checkDims(dims, f);
        Objects.requireNonNull(coords, "coords");
        Objects.requireNonNull(values, "values");
        if (coords.length != values.length) {
            throw new IllegalArgumentException(coords.length + " coordinate tuples but " + values.length + " values");
        }
        int rank = f.rank(), n = coords.length;
        int[][] modeCoords = new int[rank][n];
        for (int e = 0; e < n; e++) {
            int[] c = coords[e];
            if (c == null || c.length != rank) {
                throw new IllegalArgumentException("entry " + e + ": " + (c == null ? "coordinates are null"
                        : c.length + " coordinates " + Arrays.toString(c) + " for rank " + rank));
            }
            for (int m = 0; m < rank; m++) {
                if (c[m] < 0 || c[m] >= dims[m]) {
                    throw new IllegalArgumentException("entry " + e + ": coordinate " + c[m] + " of mode " + m + " is outside "
                            + (dims[m] == 0 ? "the mode, which has size 0" : "0.." + (dims[m] - 1)));
                }
                modeCoords[m][e] = c[m];
            }
        }
        return LevelAssembler.assemble(dims.clone(), f, modeCoords, values, n, sumDuplicates);
    }

    /**
     * This tensor in format {@code f}. Every stored entry moves over, explicit zeros included, except when
     * this format's last level is dense: its zeros are fill rather than entries and are dropped.
     *
     * @throws IllegalArgumentException if the ranks differ
     */
    public FormattedTensor convert(Format f) {
        Objects.requireNonNull(f, "format");
        if (f.rank() != rank()) {
            throw new IllegalArgumentException("cannot convert rank-" + rank() + " format " + format + " to rank-" + f.rank()
                    + " format " + f);
        }
        if (f.equals(format)) return this;
        boolean keepZeros = rank() == 0 || !format.level(rank() - 1).isDense();
        int n = 0;
        for (float v : vals) if (keepZeros || v != 0f) n++;
        int[][] modeCoords = new int[rank()][n];
        float[] values = new float[n];
        int[] count = {0};
        walk((coords, p) -> {
            float v = vals[p];
            if (!keepZeros && v == 0f) return;
            int e = count[0]++;
            for (int m = 0; m < coords.length; m++) modeCoords[m][e] = coords[m];
            values[e] = v;
        });
        return LevelAssembler.assemble(dims, f, modeCoords, values, n, false);
    }

    /**
     * A 2-D sparse matrix of any Sieve layout in format {@code f}, from its stored entries
     * ({@link SparseMatrix#toCoo()}): explicit zeros stay, repeated COO positions are summed.
     *
     * @throws IllegalArgumentException if {@code f} is not rank 2
     */
    public static FormattedTensor fromSparseMatrix(SparseMatrix m, Format f) {
        Objects.requireNonNull(m, "matrix");
        Objects.requireNonNull(f, "format");
        if (f.rank() != 2) throw new IllegalArgumentException("a matrix needs a rank-2 format, got " + f);
        if (m instanceof CsrMatrix && f.equals(Format.csr()) || m instanceof CscMatrix && f.equals(Format.csc())) return of(m);
        CooMatrix c = m.toCoo();
        return LevelAssembler.assemble(new int[] {m.rows(), m.cols()}, f, new int[][] {c.rowIdx(), c.colIdx()}, c.data(),
                c.nnz(), true);
    }

    /**
     * The matrix in its own format where one matches: CSR as csr, CSC as csc, COO as coo (coalesced), any
     * other layout as csr. Shares no array with {@code m}.
     */
    public static FormattedTensor of(SparseMatrix m) {
        Objects.requireNonNull(m, "matrix");
        int[] dims = {m.rows(), m.cols()};
        return switch (m) {
            case CsrMatrix csr -> wrap(dims, Format.csr(), new int[][] {null, csr.rowPtr().clone()},
                    new int[][] {null, csr.colIdx().clone()}, csr.data().clone());
            case CscMatrix csc -> wrap(dims, Format.csc(), new int[][] {null, csc.colPtr().clone()},
                    new int[][] {null, csc.rowIdx().clone()}, csc.data().clone());
            case CooMatrix coo -> {
                CooMatrix c = coo.isCoalesced() ? coo : coo.coalesce();
                yield wrap(dims, Format.coo(2), new int[][] {{0, c.nnz()}, null},
                        new int[][] {c.rowIdx().clone(), c.colIdx().clone()}, c.data().clone());
            }
            default -> fromSparseMatrix(m, Format.csr());
        };
    }

    // ---- reading back -------------------------------------------------------------------------

    /** The dense tensor of {@link #dims()}. */
    public Tensor toDense() {
        Tensor t = Tensor.zeros(dims);
        float[] out = t.data();
        int[] strides = new int[dims.length];
        for (int m = dims.length - 1, s = 1; m >= 0; m--) {
            strides[m] = s;
            s *= dims[m];
        }
        walk((coords, p) -> {
            int flat = 0;
            for (int m = 0; m < coords.length; m++) flat += coords[m] * strides[m];
            out[flat] = vals[p];
        });
        return t;
    }

    /**
     * This rank-2 tensor as a Sieve matrix: csr as {@link CsrMatrix}, csc as {@link CscMatrix}, coo as
     * {@link CooMatrix}, any other format converted to csr first. Shares no array with this tensor.
     *
     * @throws IllegalArgumentException if the rank is not 2
     */
    public SparseMatrix toSparseMatrix() {
        if (rank() != 2) throw new IllegalArgumentException("a rank-" + rank() + " tensor is not a matrix");
        int rows = dims[0], cols = dims[1];
        if (format.equals(Format.csr())) return new CsrMatrix(rows, cols, pos[1], crd[1], vals);
        if (format.equals(Format.csc())) return new CscMatrix(rows, cols, pos[1], crd[1], vals);
        if (format.equals(Format.coo(2))) return new CooMatrix(rows, cols, crd[0], crd[1], vals);
        return convert(Format.csr()).toSparseMatrix();
    }

    /** Visits every stored entry (including stored zeros) in storage order. */
    public void forEach(EntryConsumer consumer) {
        Objects.requireNonNull(consumer, "consumer");
        walk((coords, p) -> consumer.accept(coords.clone(), vals[p]));
    }

    /** Sees each last-level position with the logical coordinates that lead to it (a shared buffer). */
    private interface PositionVisitor {
        void visit(int[] coords, int position);
    }

    private void walk(PositionVisitor visitor) {
        walk(0, 0, new int[rank()], visitor);
    }

    private void walk(int level, int p, int[] coords, PositionVisitor visitor) {
        if (level == rank()) {
            visitor.visit(coords, p);
            return;
        }
        int mode = format.mode(level);
        switch (format.level(level)) {
            case DENSE -> {
                int size = dims[mode], base = p * size;
                for (int i = 0; i < size; i++) {
                    coords[mode] = i;
                    walk(level + 1, base + i, coords, visitor);
                }
            }
            case COMPRESSED, COMPRESSED_NONUNIQUE -> {
                int[] ps = pos[level], cs = crd[level];
                for (int q = ps[p]; q < ps[p + 1]; q++) {
                    coords[mode] = cs[q];
                    walk(level + 1, q, coords, visitor);
                }
            }
            case SINGLETON -> {
                coords[mode] = crd[level][p];
                walk(level + 1, p, coords, visitor);
            }
        }
    }

    // ---- accessors ----------------------------------------------------------------------------

    /** A copy of the logical dimensions, by mode. */
    public int[] dims() {
        return dims.clone();
    }

    /** The logical dimension of {@code mode}. */
    public int dim(int mode) {
        return dims[mode];
    }

    /** The size of level {@code k}: {@code dim(format().mode(k))}. */
    public int levelSize(int k) {
        return dims[format.mode(k)];
    }

    public int rank() {
        return dims.length;
    }

    public Format format() {
        return format;
    }

    /** The backing position array of level {@code k}, null for dense and singleton levels (read-only). */
    public int[] pos(int k) {
        return pos[k];
    }

    /** The backing coordinate array of level {@code k}, null for dense levels (read-only). */
    public int[] crd(int k) {
        return crd[k];
    }

    /** The backing values, one per position of the last level (read-only). */
    public float[] vals() {
        return vals;
    }

    /** The number of positions of {@code level}; level -1 is the root, with one position. */
    public int positions(int level) {
        if (level < -1 || level >= rank()) {
            throw new IllegalArgumentException("level " + level + " is outside -1.." + (rank() - 1));
        }
        return level == -1 ? 1 : positions[level];
    }

    /** The number of stored values, zeros included: {@code vals().length}. */
    public int nnz() {
        return vals.length;
    }

    /** Bytes held by the pos, crd and vals arrays. */
    public long storageBytes() {
        long ints = 0;
        for (int k = 0; k < rank(); k++) {
            if (pos[k] != null) ints += pos[k].length;
            if (crd[k] != null) ints += crd[k].length;
        }
        return 4L * ints + 4L * vals.length;
    }

    /** Same dims, format and arrays (values compared bit for bit, as {@link Arrays#equals(float[], float[])}). */
    @Override
    public boolean equals(Object o) {
        return o instanceof FormattedTensor t && Arrays.equals(dims, t.dims) && format.equals(t.format)
                && Arrays.deepEquals(pos, t.pos) && Arrays.deepEquals(crd, t.crd) && Arrays.equals(vals, t.vals);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dims), format, Arrays.deepHashCode(crd), Arrays.hashCode(vals));
    }

    @Override
    public String toString() {
        return "FormattedTensor[" + format.name() + ", dims=" + Arrays.toString(dims) + ", nnz=" + vals.length + "]";
    }
}
