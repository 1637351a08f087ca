package dev.sieve.parallel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class RangesTest {
    @Test
    void equalSplitCoversEverythingOnce() {
        for (int n : new int[] {0, 1, 5, 7, 100}) {
            for (int parts = 1; parts <= 8; parts++) {
                assertEquals(0, Ranges.start(n, parts, 0));
                assertEquals(n, Ranges.start(n, parts, parts));
                for (int p = 0; p < parts; p++) {
                    int len = Ranges.start(n, parts, p + 1) - Ranges.start(n, parts, p);
                    assertTrue(len == n / parts || len == n / parts + 1, "n=" + n + " parts=" + parts);
                }
            }
        }
    }

    @Test
    void weightedSplitBalancesSkewedRows() {
        // one very heavy row among light ones: it gets a part to itself
        long[] prefix = {0, 1, 2, 1002, 1003, 1004};
        int[] bounds = Ranges.splitByWeight(prefix, 5, 3);
        assertEquals(4, bounds.length);
        assertEquals(0, bounds[0]);
        assertEquals(5, bounds[3]);
        for (int i = 0; i < 3; i++) assertTrue(bounds[i] <= bounds[i + 1]);
        assertArrayEquals(new int[] {0, 2, 3, 5}, bounds);
    }

    @Test
    void weightedSplitOfUniformRowsIsEven() {
        int[] rowPtr = new int[101];
        for (int i = 0; i <= 100; i++) rowPtr[i] = 3 * i;
        assertArrayEquals(new int[] {0, 25, 50, 75, 100}, Ranges.splitByWeight(rowPtr, 100, 4));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> Ranges.splitByWeight(new long[] {0, 1}, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> Ranges.splitByWeight(new long[] {0}, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParallelRuntime(0));
    }

    @Test
    void runtimeRunsEveryChunkOnceAndPropagatesFailures() {
        try (ParallelRuntime rt = new ParallelRuntime(3)) {
            AtomicIntegerArray hits = new AtomicIntegerArray(10);
            rt.runChunks(10, (c, cs) -> hits.incrementAndGet(c));
            for (int i = 0; i < 10; i++) assertEquals(1, hits.get(i));

            AtomicLong sum = new AtomicLong();
            rt.forRange(1000, 1, (from, to) -> {
                long s = 0;
                for (int i = from; i < to; i++) s += i;
                sum.addAndGet(s);
            });
            assertEquals(999L * 1000 / 2, sum.get());

            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rt.runChunks(3, (c, cs) -> { if (c == 2) throw new IllegalStateException("boom"); }));
            assertEquals("boom", e.getMessage());

            // nested calls from a worker run inline instead of deadlocking
            AtomicLong nested = new AtomicLong();
            rt.runChunks(3, (c, cs) -> rt.runChunks(3, (c2, cs2) -> nested.incrementAndGet()));
            assertEquals(9, nested.get());
        }
    }

    @Test
    void weightedRangeVisitsEveryRow() {
        try (ParallelRuntime rt = new ParallelRuntime(2)) {
            long[] prefix = {0, 0, 0, 10, 10};
            AtomicIntegerArray hits = new AtomicIntegerArray(4);
            rt.forWeightedRange(4, prefix, (from, to) -> {
                for (int r = from; r < to; r++) hits.incrementAndGet(r);
            });
            for (int i = 0; i < 4; i++) assertEquals(1, hits.get(i));
        }
    }
}
