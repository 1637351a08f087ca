package dev.sieve.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.UnaryOp;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ElementwiseTest {

    @Test
    void broadcastShapes() {
        assertEquals(Shape.of(2, 4, 3), Broadcast.shape(Shape.of(2, 1, 3), Shape.of(4, 1)));
        assertEquals(Shape.of(3, 4), Broadcast.shape(Shape.of(3, 1), Shape.of(1, 4)));
        assertEquals(Shape.of(5), Broadcast.shape(Shape.of(), Shape.of(5)));
        assertEquals(Shape.of(0, 3), Broadcast.shape(Shape.of(0, 3), Shape.of(3)));
        assertEquals(Shape.of(2, 0), Broadcast.shape(Shape.of(2, 1), Shape.of(0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Broadcast.shape(Shape.of(2, 3), Shape.of(4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Broadcast.shape(Shape.of(0), Shape.of(2)));
    }

    @Test
    void broadcastAddByHand() {
        // [2,1,3] + [4,1] -> [2,4,3]: out[i,j,k] = a[i,0,k] + b[j,0]
        Tensor a = Tensor.of(new float[] {1, 2, 3, 10, 20, 30}, 2, 1, 3);
        Tensor b = Tensor.of(new float[] {100, 200, 300, 400}, 4, 1);
        Tensor c = a.add(b);
        assertEquals(Shape.of(2, 4, 3), c.shape());
        float[] expected = new float[24];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 3; k++) expected[(i * 4 + j) * 3 + k] = a.get(i, 0, k) + b.get(j, 0);
            }
        }
        assertArrayEquals(expected, c.toArray());
        assertEquals(420f, c.get(1, 3, 1)); // a[1,0,1] = 20, b[3,0] = 400
    }

    @Test
    void outerProductShapesAndScalars() {
        Tensor col = Tensor.of(new float[] {1, 2, 3}, 3, 1);
        Tensor row = Tensor.of(new float[] {10, 20}, 1, 2);
        assertArrayEquals(new float[] {10, 20, 20, 40, 30, 60}, col.mul(row).toArray());
        // [3,1] - [2] -> [3,2]: the column repeats along the row, the vector down the column
        assertArrayEquals(new float[] {-9, -19, -8, -18, -7, -17}, col.sub(Tensor.of(new float[] {10, 20}, 2)).toArray());
        Tensor s = Tensor.scalar(2f);
        assertArrayEquals(new float[] {0.5f, 1f, 1.5f}, Tensor.of(new float[] {1, 2, 3}, 3).div(s).toArray());
        assertEquals(Shape.of(), s.add(s).shape());
        assertEquals(4f, s.add(s).item());
        assertArrayEquals(new float[] {3, 4}, Tensor.of(new float[] {1, 2}, 2).add(2f).toArray());
        assertArrayEquals(new float[] {1, 0}, Elementwise.binary(BinaryOp.SUB, 3f, Tensor.of(new float[] {2, 3}, 2)).toArray());
        assertArrayEquals(new float[] {2, 4}, Tensor.of(new float[] {1, 2}, 2).mul(2f).toArray());
    }

    @Test
    void everyOpMatchesNaiveBroadcastingOnRandomShapes() {
        SplittableRandom r = new SplittableRandom(42);
        for (int trial = 0; trial < 300; trial++) {
            int rank = r.nextInt(5);
            int[] full = new int[rank];
            for (int i = 0; i < rank; i++) full[i] = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(5);
            Shape sa = Shape.of(randomBroadcastable(r, full)), sb = Shape.of(randomBroadcastable(r, full));
            Tensor a = Tensor.uniform(trial, -3, 3, sa.dims()), b = Tensor.uniform(trial + 1000, 0.5f, 3, sb.dims());
            BinaryOp op = BinaryOp.values()[trial % BinaryOp.values().length];
            Shape out = Broadcast.shape(sa, sb);
            Tensor want = Naive.broadcastBinary(a, b, out, op::apply);
            Tensor got = Elementwise.binary(op, a, b);
            assertEquals(out, got.shape(), sa + " " + op + " " + sb);
            assertArrayEquals(want.toArray(), got.toArray(), sa + " " + op + " " + sb);
        }
    }

    /** A shape that broadcasts to {@code full}: some leading dims dropped, some dims replaced by 1. */
    private static int[] randomBroadcastable(SplittableRandom r, int[] full) {
        int drop = full.length == 0 ? 0 : r.nextInt(full.length + 1);
        int[] s = java.util.Arrays.copyOfRange(full, drop, full.length);
        for (int i = 0; i < s.length; i++) if (r.nextInt(3) == 0) s[i] = 1;
        return s;
    }

    @Test
    void largeBroadcastRunsInParallelAndMatches() {
        Tensor a = Tensor.randn(1, 8, 1, 1000);
        Tensor b = Tensor.randn(2, 37, 1);
        Tensor got = a.mul(b); // 296 000 elements: above the parallel grain of cheap ops
        Tensor want = Naive.broadcastBinary(a, b, Shape.of(8, 37, 1000), (x, y) -> x * y);
        assertArrayEquals(want.toArray(), got.toArray());
    }

    @Test
    void viewsWithAnOffsetAreRead() {
        Tensor big = Tensor.arange(12).reshape(3, 4);
        Tensor row = big.row(2); // [8, 9, 10, 11], at offset 8 of the same storage
        assertArrayEquals(new float[] {9, 10, 11, 12}, row.add(1f).toArray());
        assertArrayEquals(new float[] {16, 18, 20, 22}, row.add(row).toArray());
        assertArrayEquals(new float[] {-8, -9, -10, -11}, row.neg().toArray());
    }

    @Test
    void intoFormsWorkInPlace() {
        Tensor acc = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Elementwise.binaryInto(BinaryOp.ADD, acc, Tensor.of(new float[] {10, 20, 30}, 3), acc);
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, acc.toArray());
        Elementwise.unaryInto(UnaryOp.NEG, acc, acc);
        assertArrayEquals(new float[] {-11, -22, -33, -14, -25, -36}, acc.toArray());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Elementwise.binaryInto(BinaryOp.ADD, Tensor.zeros(3), Tensor.zeros(2, 3), Tensor.zeros(3)));
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    /**
     * Splitting into parallel chunks and reading at offsets must not change a single bit: the op must
     * equal the kernel run once over the whole array. (Accuracy is the kernel parity tests' job.)
     */
    @Test
    void unaryOpsEqualOneKernelPassOverTheWholeArray() {
        // 20 000 elements is above the parallel grain of the costly ops, so the run is split between threads
        for (int[] dims : new int[][] {{}, {0}, {1}, {7}, {3, 5}, {1, 33}, {33, 1}, {20_000}}) {
            Tensor x = Tensor.uniform(7, -6, 6, dims);
            for (UnaryOp op : UnaryOp.values()) {
                Tensor got = Elementwise.unary(op, x);
                assertEquals(x.shape(), got.shape());
                float[] want = new float[x.size()];
                VectorizationProvider.get().dense().unary(op, x.toArray(), 0, want, 0, want.length);
                assertArrayEquals(want, got.toArray(), op + " on " + x.shape());
            }
        }
    }

    @Test
    void namedUnaryOpsByHand() {
        Tensor x = Tensor.of(new float[] {-1, 0, 1}, 3);
        assertArrayEquals(new float[] {0, 0, 1}, x.relu().toArray());
        assertArrayEquals(new float[] {(float) Math.exp(-1), 1, (float) Math.E}, x.exp().toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.26894142f, 0.5f, 0.7310586f}, x.sigmoid().toArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.7615942f, 0, 0.7615942f}, x.tanh().toArray(), 1e-6f);
        // torch.nn.functional.gelu([-1, 0, 1]) and gelu(..., approximate='tanh')
        assertArrayEquals(new float[] {-0.15865526f, 0, 0.8413447f}, x.gelu().toArray(), 1e-6f);
        assertArrayEquals(new float[] {-0.15880801f, 0, 0.841192f}, x.geluTanh().toArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 2, 3}, Tensor.of(new float[] {1, 7.389056f, 20.085537f}, 3).log().toArray(), 1e-6f);
        assertArrayEquals(new float[] {0, 3, 0.5f}, Tensor.of(new float[] {0, 9, 0.25f}, 3).sqrt().toArray());
    }

    @Test
    void resultIsANewTensor() {
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        Tensor y = x.add(0f);
        y.set(5f, 0);
        assertEquals(1f, x.get(0));
    }
}
