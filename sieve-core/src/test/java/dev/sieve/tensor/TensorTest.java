package dev.sieve.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void reshapeIsAViewAndInfersOneDimension() {
        Tensor t = Tensor.arange(12);
        Tensor r = t.reshape(3, -1);
        assertArrayEquals(new int[] {3, 4}, r.dims());
        assertSame(t.data(), r.data());
        r.set(42f, 2, 3);
        assertEquals(42f, t.get(11));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(5, -1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> t.reshape(2, 5));
    }

    @Test
    void leadingSliceIsAViewInnerSliceIsACopy() {
        Tensor t = Tensor.arange(24).reshape(2, 3, 4);
        Tensor lead = t.slice(0, 1, 2);
        assertSame(t.data(), lead.data());
        assertEquals(12, lead.offset());
        assertEquals(12f, lead.get(0, 0, 0));

        Tensor inner = t.slice(2, 1, 3);
        assertArrayEquals(new int[] {2, 3, 2}, inner.dims());
        assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10, 13, 14, 17, 18, 21, 22}, inner.toArray());

        Tensor row = t.row(1).slice(0, 2, 3);  // a view of a view: [1, 4]
        assertArrayEquals(new float[] {20, 21, 22, 23}, row.toArray());
        assertThrows(IndexOutOfBoundsException.class, () -> t.slice(1, 2, 4));
    }

    @Test
    void emptyAndScalarTensors() {
        Tensor e = Tensor.zeros(0, 5);
        assertEquals(0, e.size());
        assertEquals(0, e.t().size());
        assertArrayEquals(new int[] {5, 0}, e.t().dims());
        assertEquals(0, e.slice(1, 1, 3).size());
        Tensor s = Tensor.scalar(3f);
        assertEquals(0, s.rank());
        assertEquals(3f, s.item());
    }

    @Test
    void transposeAndPermuteMaterialise() {
        Tensor t = Tensor.arange(6).reshape(2, 3);
        Tensor tt = t.t();
        assertArrayEquals(new int[] {3, 2}, tt.dims());
        assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, tt.toArray());
        Tensor big = Tensor.arange(24).reshape(2, 3, 4);
        Tensor p = big.permute(2, 0, 1);
        assertArrayEquals(new int[] {4, 2, 3}, p.dims());
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++) assertEquals(big.get(i, j, k), p.get(k, i, j));
        assertEquals(big.get(1, 2, 3), big.transpose(0, -1).get(3, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> big.permute(0, 0, 1));
    }

    @Test
    void largeTransposeMatchesElementwise() {
        Tensor t = Tensor.uniform(1, -1, 1, 67, 45);
        Tensor tt = t.t();
        for (int i = 0; i < 67; i++)
            for (int j = 0; j < 45; j++) assertEquals(t.get(i, j), tt.get(j, i));
    }

    @Test
    void transposeSplitBetweenThreadsMatchesElementwise() {
        Tensor t = Tensor.uniform(2, -1, 1, 301, 257);  // above the parallel threshold, ragged blocks
        Tensor tt = t.t();
        for (int i = 0; i < 301; i++)
            for (int j = 0; j < 257; j++) assertEquals(t.get(i, j), tt.get(j, i));
    }

    @Test
    void shapeChecksRejectNegativeAndOverflowingSizes() {
        assertThrows(IllegalArgumentException.class, () -> Shape.of(2, -1));
        assertThrows(IllegalArgumentException.class, () -> Shape.of(1 << 16, 1 << 16));
        assertThrows(IllegalArgumentException.class, () -> Tensor.wrap(new float[5], 2, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Tensor.zeros(2, 2).get(2, 0));
    }
}
