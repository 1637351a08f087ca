package dev.sieve.io.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchLoaderTest {
    /** 10 examples of shape [2, 3]; example i holds values 100*i + 0..5, label i. */
    private static final int N = 10;
    private static final Tensor INPUTS = inputs();
    private static final int[] LABELS = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static Tensor inputs() {
        float[] v = new float[N * 6];
        for (int i = 0; i < N; i++) for (int j = 0; j < 6; j++) v[i * 6 + j] = 100 * i + j;
        return Tensor.wrap(v, N, 2, 3);
    }

    private static List<Batch> all(BatchLoader loader, int epoch) {
        List<Batch> out = new ArrayList<>();
        for (Batch b : loader.epoch(epoch)) out.add(b);
        return out;
    }

    @Test
    void unshuffledKeepsOrderAndKeepsTheShortLastBatch() {
        BatchLoader loader = new BatchLoader(INPUTS, LABELS, 4, false, 0, false);
        List<Batch> batches = all(loader, 0);
        assertEquals(3, loader.batchCount());
        assertEquals(3, batches.size());
        assertArrayEquals(new int[] {4, 2, 3}, batches.get(0).inputs().dims());
        assertArrayEquals(new int[] {0, 1, 2, 3}, batches.get(0).labels());
        assertArrayEquals(new int[] {8, 9}, batches.get(2).labels());
        assertArrayEquals(new int[] {2, 2, 3}, batches.get(2).inputs().dims());
        assertEquals(905f, batches.get(2).inputs().get(1, 1, 2));
    }

    @Test
    void dropLastDropsTheShortBatch() {
        BatchLoader loader = new BatchLoader(INPUTS, LABELS, 4, true, 1, true);
        assertEquals(2, loader.batchCount());
        List<Batch> batches = all(loader, 0);
        assertEquals(2, batches.size());
        batches.forEach(b -> assertEquals(4, b.size()));
    }

    @Test
    void shuffleIsAPermutationWithMatchingLabelsAndRows() {
        BatchLoader loader = new BatchLoader(INPUTS, LABELS, 3, true, 42, false);
        boolean[] seen = new boolean[N];
        for (Batch b : loader.epoch(5)) {
            for (int k = 0; k < b.size(); k++) {
                int i = b.indices()[k];
                assertFalse(seen[i]);
                seen[i] = true;
                assertEquals(LABELS[i], b.labels()[k]);
                assertEquals(100f * i + 4, b.inputs().get(k, 1, 1));
            }
        }
        for (boolean s : seen) assertEquals(true, s);
    }

    @Test
    void sameSeedAndEpochGiveTheSameOrderOtherEpochsDiffer() {
        BatchLoader a = new BatchLoader(INPUTS, LABELS, 3, true, 7, false);
        BatchLoader b = new BatchLoader(INPUTS, LABELS, 3, true, 7, false);
        assertArrayEquals(a.order(0), b.order(0));
        assertArrayEquals(a.order(3), b.order(3));
        assertFalse(Arrays.equals(a.order(0), a.order(1)));
        // seed + epoch: epoch 1 of seed 7 is epoch 0 of seed 8.
        assertArrayEquals(a.order(1), new BatchLoader(INPUTS, LABELS, 3, true, 8, false).order(0));
        // Iterating an epoch twice gives the same batches.
        List<Batch> first = all(a, 2), second = all(a, 2);
        for (int i = 0; i < first.size(); i++) assertArrayEquals(first.get(i).indices(), second.get(i).indices());
    }

    @Test
    void batchesAreCopiesNotViews() {
        BatchLoader loader = new BatchLoader(INPUTS, LABELS, 10, false, 0, false);
        Batch b = loader.epoch(0).iterator().next();
        b.inputs().set(-1f, 0, 0, 0);
        assertEquals(0f, INPUTS.get(0, 0, 0));
    }

    @Test
    void worksOnAViewWithAnOffset() {
        Tensor tail = INPUTS.slice(0, 5, 10);
        BatchLoader loader = new BatchLoader(tail, new int[] {5, 6, 7, 8, 9}, 2, false, 0, false);
        Batch first = loader.epoch(0).iterator().next();
        assertEquals(500f, first.inputs().get(0, 0, 0));
    }

    @Test
    void emptyDatasetHasNoBatches() {
        BatchLoader loader = new BatchLoader(Tensor.zeros(0, 4), new int[0], 3, true, 0, false);
        assertEquals(0, loader.batchCount());
        assertFalse(loader.epoch(0).iterator().hasNext());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(INPUTS, new int[3], 2, false, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(INPUTS, LABELS, 0, false, 0, false));
        assertThrows(IllegalArgumentException.class, () -> new BatchLoader(Tensor.scalar(1), new int[0], 1, false, 0, false));
    }
}
