package dev.sieve.compile.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.sparse.BsrMatrix;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CscMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FormattedTensorTest {
    private static final String LETTERS = "dsuq";

    /** Every format of {@code rank} that passes validation: each letter string times each mode order. */
    static List<Format> allFormats(int rank) {
        List<Format> out = new ArrayList<>();
        int combos = (int) Math.pow(LETTERS.length(), rank);
        List<int[]> orders = permutations(rank);
        for (int c = 0; c < combos; c++) {
            StringBuilder letters = new StringBuilder();
            for (int k = 0, x = c; k < rank; k++, x /= LETTERS.length()) letters.append(LETTERS.charAt(x % LETTERS.length()));
            List<LevelType> levels = letters.chars().mapToObj(ch -> LevelType.of((char) ch)).toList();
            for (int[] order : orders) {
                try {
                    out.add(new Format(levels, order));
                } catch (IllegalArgumentException invalid) {
                    // not a format: skipped
                }
            }
        }
        return out;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int at, List<int[]> out) {
        if (at == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int m = 0; m < cur.length; m++) {
            if (used[m]) continue;
            used[m] = true;
            cur[at] = m;
            permute(cur, used, at + 1, out);
            used[m] = false;
        }
    }

    /** About half zeros (some of them -0.0), the rest nonzero. */
    private static Tensor randomTensor(long seed, int... dims) {
        Tensor t = Tensor.zeros(dims);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            double u = rnd.nextDouble();
            d[i] = u < 0.4 ? 0f : u < 0.5 ? -0f : (float) (rnd.nextInt(1, 100) * (rnd.nextBoolean() ? 1 : -1)) / 4f;
        }
        return t;
    }

    /** The elements with -0.0 read as 0.0, which is what a format that drops zeros gives back. */
    private static float[] normalized(Tensor t) {
        float[] a = t.toArray();
        for (int i = 0; i < a.length; i++) if (a[i] == 0f) a[i] = 0f;
        return a;
    }

    private static int nonzeros(Tensor t) {
        int n = 0;
        for (float v : t.toArray()) if (v != 0f) n++;
        return n;
    }

    private static final int[][][] SHAPES = {
        {{}},
        {{0}, {1}, {7}},
        {{0, 3}, {3, 0}, {1, 1}, {3, 4}, {5, 1}, {1, 6}},
        {{2, 3, 4}, {0, 2, 3}, {2, 0, 1}, {1, 1, 1}, {3, 1, 2}, {4, 3, 1}},
    };

    @Test
    void enumeratesTheExpectedFormats() {
        assertEquals(1, allFormats(0).size());
        assertEquals(List.of("d", "s"), allFormats(1).stream().map(Format::toString).toList());
        // dd ds sd ss uq, each in both mode orders.
        assertEquals(10, allFormats(2).size());
        assertTrue(allFormats(3).contains(Format.parse("uqs:2,1,0")));
        assertTrue(allFormats(3).contains(Format.parse("suq")));
    }

    @Test
    void everyFormatOfEveryRankRoundTripsThroughDense() {
        long seed = 1;
        for (int rank = 0; rank <= 3; rank++) {
            List<Format> formats = allFormats(rank);
            for (int[] dims : SHAPES[rank]) {
                Tensor t = randomTensor(seed++, dims);
                for (Format f : formats) {
                    FormattedTensor ft = FormattedTensor.fromDense(t, f);
                    String what = f + " " + t.shape();
                    assertArrayEquals(normalized(t), ft.toDense().toArray(), what);
                    assertArrayEquals(dims, ft.dims(), what);
                    assertEquals(f, ft.format());
                    // Rebuilding from the arrays passes validation and gives the same tensor.
                    int[][] pos = new int[rank][], crd = new int[rank][];
                    for (int k = 0; k < rank; k++) {
                        pos[k] = ft.pos(k);
                        crd[k] = ft.crd(k);
                    }
                    assertEquals(ft, new FormattedTensor(dims, f, pos, crd, ft.vals()), what);
                    if (rank == 0) assertEquals(1, ft.nnz());
                    if (!f.levels().contains(LevelType.DENSE) && rank > 0) assertEquals(nonzeros(t), ft.nnz(), what);
                    int[] visited = {0};
                    ft.forEach((coords, v) -> {
                        assertEquals(v, t.get(coords) == 0f ? 0f : t.get(coords), 0f, what);
                        visited[0]++;
                    });
                    assertEquals(ft.nnz(), visited[0], what);
                }
            }
        }
    }

    @Test
    void allZeroTensorsAndViewsWithAnOffset() {
        for (int rank = 1; rank <= 3; rank++) {
            for (int[] dims : SHAPES[rank]) {
                Tensor zeros = Tensor.zeros(dims);
                for (Format f : allFormats(rank)) {
                    FormattedTensor ft = FormattedTensor.fromDense(zeros, f);
                    assertArrayEquals(zeros.toArray(), ft.toDense().toArray(), f + " " + zeros.shape());
                    if (!f.levels().contains(LevelType.DENSE)) assertEquals(0, ft.nnz());
                }
            }
        }
        Tensor view = randomTensor(8, 4, 3).slice(0, 1, 3);
        assertTrue(view.offset() > 0);
        for (Format f : allFormats(2)) {
            assertArrayEquals(normalized(view), FormattedTensor.fromDense(view, f).toDense().toArray(), f.toString());
        }
    }

    @Test
    void duplicatesAddUpInInputOrder() {
        // In float, (1e8 + 1) - 1e8 is 0 while (1e8 - 1e8) + 1 is 1: the sum shows the order used.
        int[][] coords = {{1, 1}, {0, 2}, {1, 1}, {0, 0}, {1, 1}};
        float[] values = {1e8f, 4, 1, 5, -1e8f};
        for (Format f : allFormats(2)) {
            FormattedTensor t = FormattedTensor.fromCoordinates(new int[] {2, 3}, f, coords, values, true);
            assertEquals(0f, t.toDense().get(1, 1), f.toString());
            assertEquals(4f, t.toDense().get(0, 2), f.toString());
        }
    }

    @Test
    void convertsBetweenEveryPairOfRank2Formats() {
        for (int[] dims : SHAPES[2]) {
            Tensor t = randomTensor(dims[0] * 31L + dims[1], dims);
            checkAllConversions(t, allFormats(2));
        }
    }

    @Test
    void convertsBetweenRank3Formats() {
        List<Format> formats = allFormats(3);
        checkAllConversions(randomTensor(5, 2, 3, 4), formats);
        checkAllConversions(randomTensor(6, 3, 1, 2), formats.subList(0, formats.size() / 3));
    }

    private static void checkAllConversions(Tensor t, List<Format> formats) {
        List<FormattedTensor> held = formats.stream().map(f -> FormattedTensor.fromDense(t, f)).toList();
        for (FormattedTensor from : held) {
            for (int j = 0; j < formats.size(); j++) {
                // From dense input nothing is an explicit zero, so conversion must give exactly fromDense's storage.
                assertEquals(held.get(j), from.convert(formats.get(j)), from.format() + " -> " + formats.get(j));
            }
        }
    }

    @Test
    void convertRejectsOtherRanksAndReturnsItselfForItsOwnFormat() {
        FormattedTensor t = FormattedTensor.fromDense(randomTensor(3, 2, 2), Format.csr());
        assertSame(t, t.convert(Format.csr()));
        var e = assertThrows(IllegalArgumentException.class, () -> t.convert(Format.csf(3)));
        assertEquals("cannot convert rank-2 format ds to rank-3 format sss", e.getMessage());
    }

    @Test
    void denseLevelsBelowSparseOnesKeepWholeFibers() {
        Tensor t = Tensor.of(new float[] {0, 0, 0, 0, 2, 0, 0, 0, 0}, 3, 3);
        FormattedTensor sd = FormattedTensor.fromDense(t, Format.parse("sd"));
        assertArrayEquals(new int[] {0, 1}, sd.pos(0));
        assertArrayEquals(new int[] {1}, sd.crd(0));
        assertNull(sd.pos(1));
        assertNull(sd.crd(1));
        assertArrayEquals(new float[] {0, 2, 0}, sd.vals());
        assertEquals(1, sd.positions(0));
        assertEquals(3, sd.positions(1));
        // Its zeros are fill: converting drops them.
        assertEquals(1, sd.convert(Format.dcsr()).nnz());
    }

    @Test
    void csrStorageMatchesTheClassicArrays() {
        Tensor t = Tensor.of(new float[] {1, 0, 2, 0, 0, 0, 0, 3, 4}, 3, 3);
        FormattedTensor csr = FormattedTensor.fromDense(t, Format.csr());
        assertArrayEquals(new int[] {0, 2, 2, 4}, csr.pos(1));
        assertArrayEquals(new int[] {0, 2, 1, 2}, csr.crd(1));
        assertArrayEquals(new float[] {1, 2, 3, 4}, csr.vals());
        assertEquals(1, csr.positions(-1));
        assertEquals(3, csr.positions(0));
        assertEquals(4, csr.positions(1));
        assertThrows(IllegalArgumentException.class, () -> csr.positions(2));
        assertEquals(4L * (4 + 4) + 4L * 4, csr.storageBytes());
        assertEquals(3, csr.levelSize(0));

        FormattedTensor csc = csr.convert(Format.csc());
        assertArrayEquals(new int[] {0, 1, 2, 4}, csc.pos(1));
        assertArrayEquals(new int[] {0, 2, 0, 2}, csc.crd(1));
        assertArrayEquals(new float[] {1, 3, 2, 4}, csc.vals());
        List<String> order = new ArrayList<>();
        csc.forEach((c, v) -> order.add(c[0] + "," + c[1]));
        assertEquals(List.of("0,0", "2,1", "0,2", "2,2"), order);

        FormattedTensor coo = csr.convert(Format.coo(2));
        assertArrayEquals(new int[] {0, 4}, coo.pos(0));
        assertArrayEquals(new int[] {0, 0, 2, 2}, coo.crd(0));
        assertArrayEquals(new int[] {0, 2, 1, 2}, coo.crd(1));
        assertNull(coo.pos(1));
    }

    @Test
    void rankZeroHoldsOneValue() {
        FormattedTensor s = FormattedTensor.fromDense(Tensor.scalar(2.5f), Format.dense(0));
        assertArrayEquals(new float[] {2.5f}, s.vals());
        assertEquals(2.5f, s.toDense().item());
        assertArrayEquals(new float[] {0f}, FormattedTensor.fromDense(Tensor.scalar(0f), Format.parse("")).vals());
        FormattedTensor summed = FormattedTensor.fromCoordinates(new int[0], Format.dense(0), new int[][] {{}, {}},
                new float[] {1, 2}, true);
        assertArrayEquals(new float[] {3f}, summed.vals());
        assertEquals(4L, summed.storageBytes());
    }

    @Test
    void fromCoordinatesSortsSumsAndKeepsExplicitZeros() {
        int[][] coords = {{2, 1}, {0, 3}, {2, 1}, {1, 0}, {0, 0}};
        float[] values = {1, 2, 10, 0, 5};
        FormattedTensor csr = FormattedTensor.fromCoordinates(new int[] {3, 4}, Format.csr(), coords, values, true);
        assertArrayEquals(new int[] {0, 2, 3, 4}, csr.pos(1));
        assertArrayEquals(new int[] {0, 3, 0, 1}, csr.crd(1));
        assertArrayEquals(new float[] {5, 2, 0, 11}, csr.vals());
        // The explicit zero survives a conversion between formats that end in a sparse level.
        FormattedTensor coo = csr.convert(Format.coo(2));
        assertEquals(4, coo.nnz());
        assertEquals(4, ((CscMatrix) csr.convert(Format.csc()).toSparseMatrix()).nnz());

        var e = assertThrows(IllegalArgumentException.class,
                () -> FormattedTensor.fromCoordinates(new int[] {3, 4}, Format.csr(), coords, values, false));
        assertEquals("entries 0 and 2 both have coordinates (2, 1); sum duplicates or remove one", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FormattedTensor.fromCoordinates(new int[] {3, 4}, Format.csr(),
                new int[][] {{0, 0}, {3, 0}}, new float[] {1, 2}, false));
        assertEquals("entry 1: coordinate 3 of mode 0 is outside 0..2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FormattedTensor.fromCoordinates(new int[] {3, 0}, Format.csr(),
                new int[][] {{0, 0}}, new float[] {1}, false));
        assertEquals("entry 0: coordinate 0 of mode 1 is outside the mode, which has size 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FormattedTensor.fromCoordinates(new int[] {3, 4}, Format.csr(),
                new int[][] {{0}}, new float[] {1}, false));
        assertEquals("entry 0: 1 coordinates [0] for rank 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FormattedTensor.fromCoordinates(new int[] {3, 4}, Format.csr(),
                new int[][] {{0, 0}}, new float[] {1, 2}, false));
        assertEquals("1 coordinate tuples but 2 values", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FormattedTensor.fromCoordinates(new int[] {3}, Format.csr(),
                new int[0][], new float[0], false));
        assertEquals("dims [3] have 1 modes; format ds has rank 2", e.getMessage());
    }

    @Test
    void hugeSparseDimsNeedNoDenseAllocationAndDenseOverflowIsRejected() {
        int big = 1_000_000_000;
        int[][] coords = {{big - 1, 5}, {3, big - 2}, {3, 7}};
        float[] values = {1, 2, 3};
        FormattedTensor dcsr = FormattedTensor.fromCoordinates(new int[] {big, big}, Format.dcsr(), coords, values, false);
        assertArrayEquals(new int[] {3, big - 1}, dcsr.crd(0));
        assertArrayEquals(new int[] {7, big - 2, 5}, dcsr.crd(1));
        FormattedTensor coo = dcsr.convert(Format.parse("uq:1,0"));
        assertArrayEquals(new int[] {5, 7, big - 2}, coo.crd(0));
        var e = assertThrows(IllegalArgumentException.class,
                () -> FormattedTensor.fromCoordinates(new int[] {big, big}, Format.dense(2), coords, values, false));
        assertTrue(e.getMessage().startsWith("level 1 (d, dense, mode 1): 1000000000 parent positions x size 1000000000"),
                e.getMessage());
    }

    @Test
    void constructorCopiesAndAccessorsExposeTheStorage() {
        int[] dims = {2, 3};
        int[] ptr = {0, 1, 2};
        int[] idx = {2, 0};
        float[] v = {1, 2};
        int[][] pos = {null, ptr};
        FormattedTensor t = new FormattedTensor(dims, Format.csr(), pos, new int[][] {null, idx}, v);
        dims[0] = 9;
        ptr[1] = 0;
        idx[0] = 1;
        v[0] = 7;
        pos[1] = null;
        assertArrayEquals(new int[] {2, 3}, t.dims());
        assertArrayEquals(new int[] {0, 1, 2}, t.pos(1));
        assertArrayEquals(new int[] {2, 0}, t.crd(1));
        assertArrayEquals(new float[] {1, 2}, t.vals());
        assertSame(t.vals(), t.vals());
        t.dims()[0] = 5;
        assertEquals(2, t.dim(0));
        assertEquals(2, t.rank());
        assertEquals("FormattedTensor[csr, dims=[2, 3], nnz=2]", t.toString());

        float[] owned = {1, 2};
        FormattedTensor w = FormattedTensor.wrap(new int[] {2, 3}, Format.csr(), new int[][] {null, {0, 1, 2}},
                new int[][] {null, {2, 0}}, owned);
        assertSame(owned, w.vals());
        assertEquals(t, w);
        assertEquals(t.hashCode(), w.hashCode());
    }

    // ---- malformed storage --------------------------------------------------------------------

    private static void assertRejected(String expected, int[] dims, String format, int[][] pos, int[][] crd, float[] vals) {
        var e = assertThrows(IllegalArgumentException.class, () -> new FormattedTensor(dims, Format.parse(format), pos, crd, vals));
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }

    private static final int[] D23 = {2, 3};
    private static final float[] F2 = {1, 2};

    @Test
    void rejectsMalformedStorage() {
        assertRejected("dims [2] have 1 modes; format ds has rank 2", new int[] {2}, "ds", new int[2][], new int[2][], F2);
        assertRejected("dimension of mode 1 is negative (-3)", new int[] {2, -3}, "ds", new int[2][], new int[2][], F2);
        assertRejected("pos has 1 and crd 2 level arrays; format ds has 2 levels", D23, "ds", new int[1][], new int[2][], F2);
        assertRejected("vals is null", D23, "ds", new int[2][], new int[2][], null);
        assertRejected("level 0 (d, dense, mode 0): a dense level stores no arrays, but pos is given (length 3)", D23, "ds",
                new int[][] {{0, 1, 2}, {0, 1, 2}}, new int[][] {null, {0, 1}}, F2);
        assertRejected("level 1 (s, compressed, mode 1): needs pos, got null", D23, "ds", new int[2][],
                new int[][] {null, {0, 1}}, F2);
        assertRejected("level 1 (s, compressed, mode 1): pos has 2 entries, expected 3", D23, "ds",
                new int[][] {null, {0, 2}}, new int[][] {null, {0, 1}}, F2);
        assertRejected("level 1 (s, compressed, mode 1): pos[0] = 1, must be 0", D23, "ds",
                new int[][] {null, {1, 1, 2}}, new int[][] {null, {0, 1}}, F2);
        assertRejected("level 1 (s, compressed, mode 1): pos[2] = 1 is below pos[1] = 2", D23, "ds",
                new int[][] {null, {0, 2, 1}}, new int[][] {null, {0, 1}}, F2);
        assertRejected("level 1 (s, compressed, mode 1): crd has 2 entries, but pos[2] = 3", D23, "ds",
                new int[][] {null, {0, 1, 3}}, new int[][] {null, {0, 1}}, F2);
        assertRejected("level 1 (s, compressed, mode 1): crd[1] = 3 is outside 0..2", D23, "ds",
                new int[][] {null, {0, 1, 2}}, new int[][] {null, {0, 3}}, F2);
        assertRejected("level 1 (s, compressed, mode 0): crd[0] = 0 is outside the mode, which has size 0", new int[] {0, 2},
                "ds:1,0", new int[][] {null, {0, 1, 1}}, new int[][] {null, {0}}, new float[] {1});
        assertRejected("level 1 (s, compressed, mode 1): crd[1] = 1 is not above crd[0] = 1 in segment 0", D23, "ds",
                new int[][] {null, {0, 2, 2}}, new int[][] {null, {1, 1}}, F2);
        assertRejected("level 0 (u, compressed non-unique, mode 0): crd[1] = 0 is not at or above crd[0] = 1 in segment 0",
                D23, "uq", new int[][] {{0, 2}, null}, new int[][] {{1, 0}, {0, 0}}, F2);
        assertRejected("level 1 (q, singleton, mode 1): a singleton level has no pos array, but one is given (length 3)",
                D23, "uq", new int[][] {{0, 2}, {0, 1, 2}}, new int[][] {{0, 1}, {0, 0}}, F2);
        assertRejected("level 1 (q, singleton, mode 1): crd has 1 entries, expected 2", D23, "uq",
                new int[][] {{0, 2}, null}, new int[][] {{0, 1}, {0}}, F2);
        assertRejected("vals has 2 entries, expected 6 (one per position of level 1)", D23, "dd", new int[2][], new int[2][], F2);
        assertRejected("vals has 2 entries, expected 1 (a rank-0 tensor holds one value)", new int[0], "", new int[0][],
                new int[0][], F2);
        assertRejected("level 1 (d, dense, mode 1): 65536 parent positions x size 65536 = 4294967296 positions",
                new int[] {65536, 65536}, "dd", new int[2][], new int[2][], F2);
    }

    @Test
    void rejectsNonCanonicalCoo() {
        assertRejected("levels 0..1 (COO run, modes 0,1): position 1 has coordinates (0, 1), which come before those of "
                + "position 0 (0, 2) in segment 0; canonical COO is sorted with no repeated coordinates", D23, "uq",
                new int[][] {{0, 2}, null}, new int[][] {{0, 0}, {2, 1}}, F2);
        assertRejected("position 1 has coordinates (1, 2), which repeat those of position 0 (1, 2)", D23, "uq",
                new int[][] {{0, 2}, null}, new int[][] {{1, 1}, {2, 2}}, F2);
        assertRejected("levels 1..2 (COO run, modes 1,0)", new int[] {2, 2, 2}, "duq:2,1,0",
                new int[][] {null, {0, 0, 2}, null}, new int[][] {null, {1, 1}, {1, 0}}, F2);
        // Sorted within each segment is enough: segments are separate.
        FormattedTensor ok = new FormattedTensor(new int[] {2, 2, 2}, Format.parse("duq"), new int[][] {null, {0, 1, 2}, null},
                new int[][] {null, {1, 1}, {1, 0}}, F2);
        assertEquals(2, ok.nnz());
    }

    // ---- Sieve matrices -----------------------------------------------------------------------

    @Test
    void sparseMatricesRoundTrip() {
        Tensor dense = randomTensor(11, 5, 7);
        CsrMatrix csr = CsrMatrix.fromDense(dense);
        FormattedTensor fromCsr = FormattedTensor.of(csr);
        assertEquals(Format.csr(), fromCsr.format());
        assertNotSame(csr.rowPtr(), fromCsr.pos(1));
        assertNotSame(csr.colIdx(), fromCsr.crd(1));
        assertNotSame(csr.data(), fromCsr.vals());
        SparseMatrix back = fromCsr.toSparseMatrix();
        assertEquals(csr, back);
        assertNotSame(fromCsr.vals(), ((CsrMatrix) back).data());

        CscMatrix csc = CscMatrix.fromDense(dense);
        FormattedTensor fromCsc = FormattedTensor.of(csc);
        assertEquals(Format.csc(), fromCsc.format());
        assertEquals(csc, fromCsc.toSparseMatrix());
        assertEquals(fromCsr.convert(Format.csc()), fromCsc);

        CooMatrix coo = new CooMatrix(3, 4, new int[] {2, 0, 2, 1}, new int[] {1, 3, 1, 0}, new float[] {1, 2, 3, 0});
        FormattedTensor fromCoo = FormattedTensor.of(coo);
        assertEquals(Format.coo(2), fromCoo.format());
        assertEquals(coo.coalesce(), fromCoo.toSparseMatrix());
        assertArrayEquals(coo.toDense().toArray(), fromCoo.toDense().toArray());

        for (Format f : allFormats(2)) {
            assertArrayEquals(normalized(dense), FormattedTensor.fromSparseMatrix(csr, f).toDense().toArray(), f.toString());
            assertArrayEquals(coo.toDense().toArray(), FormattedTensor.fromSparseMatrix(coo, f).toDense().toArray(), f.toString());
            SparseMatrix m = FormattedTensor.fromDense(dense, f).toSparseMatrix();
            assertArrayEquals(normalized(dense), m.toDense().toArray(), f.toString());
        }
        assertInstanceOf(CsrMatrix.class, FormattedTensor.fromDense(dense, Format.dcsr()).toSparseMatrix());
        assertInstanceOf(CooMatrix.class, FormattedTensor.fromDense(dense, Format.coo(2)).toSparseMatrix());
        assertEquals(csr, FormattedTensor.fromDense(dense, Format.dense(2)).toSparseMatrix());
        assertThrows(IllegalArgumentException.class, () -> FormattedTensor.fromSparseMatrix(csr, Format.csf(3)));
        assertThrows(IllegalArgumentException.class, () -> FormattedTensor.fromDense(randomTensor(1, 2), Format.csr()));
        assertThrows(IllegalArgumentException.class,
                () -> FormattedTensor.fromDense(randomTensor(1, 2, 2, 2), Format.csf(3)).toSparseMatrix());
    }

    @Test
    void otherLayoutsGoThroughTheirEntries() {
        Tensor dense = randomTensor(12, 5, 7);
        BsrMatrix bsr = BsrMatrix.fromDense(dense, 2, 3);
        FormattedTensor held = FormattedTensor.of(bsr);
        assertEquals(Format.csr(), held.format());
        assertArrayEquals(normalized(dense), held.toDense().toArray());
        assertEquals(bsr.nnz(), held.nnz()); // zeros inside stored blocks are explicit entries
        for (Format f : allFormats(2)) {
            assertArrayEquals(normalized(dense), FormattedTensor.fromSparseMatrix(bsr, f).toDense().toArray(), f.toString());
        }
        CsrMatrix empty = CsrMatrix.empty(0, 4);
        assertEquals(empty, FormattedTensor.of(empty).toSparseMatrix());
        assertEquals(0, FormattedTensor.fromSparseMatrix(CooMatrix.empty(3, 0), Format.coo(2)).nnz());
    }
}
