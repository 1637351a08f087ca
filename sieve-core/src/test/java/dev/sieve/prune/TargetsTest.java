package dev.sieve.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.sparse.Layout;
import dev.sieve.sparse.MagnitudeSparsifier;
import dev.sieve.sparse.NmMatrix;
import dev.sieve.sparse.NmgMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.sparse.TileWiseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each target's mask: the right count, the right structure, the best scores. */
class TargetsTest {
    static Tensor scores(long seed, int rows, int cols) {
        return Tensor.uniform(seed, 0f, 1f, rows, cols);
    }

    static float at(Tensor t, int r, int c) {
        return t.data()[t.offset() + r * t.dim(1) + c];
    }

    @Test
    void unstructuredPerLayerMatchesTheMagnitudeSparsifier() {
        Tensor s = scores(1, 12, 20);
        Tensor keep = Targets.unstructured(0.7).mask(s, 0.7);
        assertEquals(Math.round(0.3 * 240), Masks.kept(keep));
        Tensor expected = Masks.of(MagnitudeSparsifier.csr(0.7).sparsify(Tensor.full(1f, 12, 20), s));
        assertEquals(List.of(expected.toArray().length), List.of(keep.toArray().length));
        assertTrue(java.util.Arrays.equals(expected.toArray(), keep.toArray()));
        assertEquals(0.7, Masks.sparsity(keep), 1e-2);
        // A scheduled sparsity below the final one.
        assertEquals(Math.round(0.6 * 240), Masks.kept(Targets.unstructured(0.7).mask(s, 0.4)));
        assertThrows(IllegalArgumentException.class, () -> Targets.unstructured(0.7).mask(s, 0.8));
    }

    @Test
    void globalUnstructuredUsesOneThresholdOverAllLayers() {
        Tensor a = scores(2, 10, 30), b = scores(3, 20, 5);
        float[] bv = b.data();
        for (int i = 0; i < bv.length; i++) bv[i] *= 0.3f; // layer b is less important overall
        Target global = Targets.unstructured(0.6).global();
        assertTrue(global.isGlobal());
        List<Tensor> masks = global.masks(List.of(a, b), 0.6);
        long kept = Masks.kept(masks.get(0)) + Masks.kept(masks.get(1));
        assertEquals(Math.round(0.4 * 400), kept);
        float minKept = Float.MAX_VALUE, maxPruned = 0;
        for (int l = 0; l < 2; l++) {
            Tensor s = l == 0 ? a : b, k = masks.get(l);
            for (int i = 0; i < s.size(); i++) {
                if (k.data()[i] != 0f) minKept = Math.min(minKept, s.data()[i]);
                else maxPruned = Math.max(maxPruned, s.data()[i]);
            }
        }
        assertTrue(minKept >= maxPruned, "one threshold: every kept score " + minKept + " >= every pruned " + maxPruned);
        assertTrue(Masks.sparsity(masks.get(1)) > Masks.sparsity(masks.get(0)), "the weaker layer is pruned harder");
    }

    @Test
    void globalRankingBreaksTiesByOrderAndStopsAtTheFirstUnitThatDoesNotFit() {
        boolean[][] kept = UnitRanking.select(List.of(new float[] {1, 1, 1}, new float[] {1, 2}), List.of(new int[] {1, 1, 1}, new int[] {1, 3}), 4);
        assertTrue(kept[1][1], "the best unit (3 elements)");
        assertTrue(kept[0][0] && !kept[0][1] && !kept[0][2] && !kept[1][0], "then the first tie only: budget 4");
        boolean[][] all = UnitRanking.select(List.of(new float[] {0, 5}), List.of(new int[] {2, 2}), 10);
        assertTrue(all[0][0] && all[0][1]);
        boolean[][] prefix = UnitRanking.select(List.of(new float[] {3, 2, 1}), List.of(new int[] {1, 5, 1}), 3);
        assertTrue(prefix[0][0] && !prefix[0][1] && !prefix[0][2], "a prefix of the ranking: no skipping ahead");
        boolean[][] none = UnitRanking.select(List.of(new float[] {3, 2}), List.of(new int[] {1, 1}), 0);
        assertTrue(!none[0][0] && !none[0][1]);
    }

    @Test
    void nmKeepsTheBestNOfEveryGroupAndRampsToThePattern() {
        Tensor s = scores(4, 6, 16);
        Target t = Targets.nm(2, 4);
        assertEquals(0.5, t.sparsity());
        assertEquals(new Layout.Nm(2, 4), t.layout());
        Tensor keep = t.mask(s, 0.5);
        for (int r = 0; r < 6; r++) {
            for (int g = 0; g < 4; g++) {
                int n = 0;
                float minKept = 2, maxPruned = -1;
                for (int c = g * 4; c < g * 4 + 4; c++) {
                    if (at(keep, r, c) != 0f) {
                        n++;
                        minKept = Math.min(minKept, at(s, r, c));
                    } else {
                        maxPruned = Math.max(maxPruned, at(s, r, c));
                    }
                }
                assertEquals(2, n);
                assertTrue(minKept >= maxPruned);
            }
        }
        Tensor ramp = t.mask(s, 0.25);
        assertEquals(Math.round(0.75 * 96), Masks.kept(ramp));
        for (int i = 0; i < 96; i++) if (keep.data()[i] != 0f) assertEquals(1f, ramp.data()[i], "the final pattern is inside the ramp");
        assertTrue(t.columnSeparable(128, 0.5));
        assertTrue(!t.columnSeparable(128, 0.25) && !t.columnSeparable(126, 0.5));
        assertThrows(UnsupportedOperationException.class, t::global);
    }

    @Test
    void nmgMaskIsAValidAssignment() {
        Tensor s = scores(5, 8, 24); // n:m:g 2:4:2: chunks of C(4,2)*2 = 12 columns
        Target t = Targets.nmg(2, 4, 2);
        Tensor keep = t.mask(s, t.sparsity());
        NmgMatrix held = (NmgMatrix) Materialize.toLayout(Tensor.randn(6, 8, 24), keep, t.layout());
        assertEquals(Masks.kept(keep), held.nnz());
        assertTrue(java.util.Arrays.equals(keep.toArray(), Masks.of(held).toArray()), "the mask is exactly an n:m:g pattern");
    }

    @Test
    void blocksMatchTheBsrSparsifierPerLayer() {
        Tensor s = scores(6, 10, 14);
        Tensor keep = Targets.blocks(2, 4, 0.5).mask(s, 0.5);
        Tensor expected = Masks.of(Sparsifiers.forLayout(new Layout.Bsr(2, 4), 0.5).sparsify(Tensor.full(1f, 10, 14), s));
        assertTrue(java.util.Arrays.equals(expected.toArray(), keep.toArray()));
        // Global blocks: whole blocks, one threshold, element budget.
        List<Tensor> masks = Targets.blocks(2, 2, 0.75).global().masks(List.of(scores(7, 8, 8), scores(8, 4, 8)), 0.75);
        assertEquals(24, Masks.kept(masks.get(0)) + Masks.kept(masks.get(1)));
        for (Tensor m : masks) {
            for (int r = 0; r < m.dim(0); r += 2) {
                for (int c = 0; c < m.dim(1); c += 2) {
                    float v = at(m, r, c);
                    assertTrue(at(m, r + 1, c) == v && at(m, r, c + 1) == v && at(m, r + 1, c + 1) == v, "whole blocks");
                }
            }
        }
    }

    @Test
    void tileWisePerLayerIsTheSparsifierAndGlobalRanksAcrossLayers() {
        Tensor s = scores(9, 16, 12);
        Target t = Targets.tileWise(4, 0.75);
        Tensor keep = t.mask(s, 0.75);
        TileWiseMatrix tw = (TileWiseMatrix) Sparsifiers.forLayout(new Layout.TileWise(4), 0.75).sparsify(Tensor.full(1f, 16, 12), s);
        assertTrue(java.util.Arrays.equals(Masks.of(tw).toArray(), keep.toArray()));
        Tensor a = scores(10, 16, 12), b = scores(11, 8, 20);
        for (int i = 0; i < b.size(); i++) b.data()[i] *= 0.2f;
        List<Tensor> masks = t.global().masks(List.of(a, b), 0.75);
        double kept = Masks.kept(masks.get(0)) + Masks.kept(masks.get(1));
        assertEquals(0.25, kept / (16 * 12 + 8 * 20), 0.05, "two steps of s' reach about s");
        assertTrue(Masks.sparsity(masks.get(1)) > Masks.sparsity(masks.get(0)));
        for (Tensor m : masks) {
            // Each weight is exactly what tw holds: materializing and reading back loses nothing.
            SparseMatrix held = Materialize.toLayout(Tensor.full(1f, m.dim(0), m.dim(1)), m, new Layout.TileWise(4));
            assertTrue(java.util.Arrays.equals(m.toArray(), Masks.of(held).toArray()));
        }
    }

    @Test
    void neuronsChannelsAndHeadsPruneWholeGroupsOfRows() {
        Tensor s = scores(12, 10, 6);
        for (int c = 0; c < 6; c++) s.data()[3 * 6 + c] = 5f; // row 3 is the most important
        Tensor keep = Targets.neurons(0.7).mask(s, 0.7);
        int keptRows = 0;
        for (int r = 0; r < 10; r++) {
            float v = at(keep, r, 0);
            for (int c = 1; c < 6; c++) assertEquals(v, at(keep, r, c), "whole rows");
            if (v != 0f) keptRows++;
        }
        assertEquals(3, keptRows);
        assertEquals(1f, at(keep, 3, 0));
        // A conv weight [O, C, kh, kw] is seen as [O, C·kh·kw]: channels are its rows.
        Tensor conv = Masks.matrixView(Tensor.uniform(13, 0f, 1f, 8, 3, 3, 3));
        assertEquals(4, Masks.kept(Targets.channels(0.5).mask(conv, 0.5)) / 27);
        // in_proj_weight [3E, E] with E = 8 and heads of 2: head h is rows {2h, 2h+1} of q, k and v.
        Tensor inProj = scores(14, 24, 8);
        for (int sec = 0; sec < 3; sec++) for (int c = 0; c < 8; c++) inProj.data()[(sec * 8 + 2) * 8 + c] = 9f; // head 1
        Tensor heads = Targets.heads(2, 3, 0.75).mask(inProj, 0.75);
        assertEquals(3 * 2 * 8, Masks.kept(heads), "one of four heads kept");
        for (int sec = 0; sec < 3; sec++) for (int r = 2; r < 4; r++) assertEquals(1f, at(heads, sec * 8 + r, 0));
        assertThrows(IllegalArgumentException.class, () -> Targets.heads(3, 3, 0.5).mask(inProj, 0.5));
    }

    @Test
    void perRowKeepsTheSameCountInEveryRow() {
        Tensor keep = Targets.unstructuredPerRow(0.75).mask(scores(15, 5, 16), 0.75);
        for (int r = 0; r < 5; r++) assertEquals(4, Masks.kept(keep.row(r)));
    }

    @Test
    void forLayoutMapsTheCliLayouts() {
        assertEquals(Layout.CSR, Targets.forLayout(Layout.CSR, 0.9).layout());
        assertEquals(Layout.COO, Targets.forLayout(Layout.COO, 0.9).layout());
        assertEquals(new Layout.Bsr(4, 4), Targets.forLayout(Layout.parse("bsr:4x4"), 0.9).layout());
        assertEquals(new Layout.Nmg(2, 4, 8), Targets.forLayout(Layout.parse("nmg:2:4:8"), 0.5).layout());
        assertEquals(new Layout.TileWise(128), Targets.forLayout(Layout.parse("tw:128"), 0.75).layout());
        assertEquals(new Layout.Bsr(2, 2), Targets.unstructured(0.5).materializeAs(new Layout.Bsr(2, 2)).layout());
        assertThrows(IllegalArgumentException.class, () -> Targets.forLayout(Layout.DENSE, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Targets.forLayout(Layout.parse("nm:2:4"), 0.9));
        assertThrows(IllegalArgumentException.class, () -> Targets.unstructured(1.5));
    }

    @Test
    void materializeHoldsExactlyTheMask() {
        Tensor w = Tensor.randn(16, 8, 16);
        for (Target t : new Target[] {Targets.unstructured(0.8), Targets.nm(1, 4), Targets.blocks(2, 2, 0.5), Targets.tileWise(4, 0.5),
                Targets.unstructured(0.6).materializeAs(Layout.MASKED)}) {
            Tensor keep = t.mask(Scores.magnitude().create(w.dims()).scores(w), t.sparsity());
            SparseMatrix m = Materialize.toLayout(w, keep, t.layout());
            assertEquals(t.layout(), m.layout());
            Tensor expected = w.copy();
            Masks.apply(expected, keep);
            assertTrue(java.util.Arrays.equals(expected.toArray(), m.toDense().toArray()), t.toString());
        }
        // An unstructured mask held as n:m loses the kept values that do not fit, smallest first.
        Tensor keep = Targets.unstructured(0.5).mask(Scores.magnitude().create(w.dims()).scores(w), 0.5);
        NmMatrix nm = (NmMatrix) Materialize.toLayout(w, keep, new Layout.Nm(1, 4));
        assertTrue(nm.nnz() <= 32);
    }
}
