package dev.sieve.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Variable;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.nn.Linear;
import dev.sieve.nn.LrScheduler;
import dev.sieve.nn.SGD;
import dev.sieve.nn.Schedules;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** Two Gaussian blobs in 4-D: linearly separable. */
    static Tensor inputs(int n, int[] labels) {
        Tensor x = Tensor.randn(1, n, 4);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 2;
            x.data()[i * 4] += labels[i] == 0 ? -3f : 3f;
        }
        return x;
    }

    @Test
    void learnsASeparableProblemAndCallsHooksInOrder() {
        int n = 64;
        int[] labels = new int[n];
        Tensor x = inputs(n, labels);
        Linear model = new Linear(4, 2, true, 3);
        Adam opt = new Adam(model.parameters(), 0.05);
        LrScheduler sched = new LrScheduler(opt, Schedules.cosine(0.05, 3 * 4, 0));
        Trainer t = new Trainer(model, opt, new CrossEntropyLoss(), sched);
        List<String> events = new ArrayList<>();
        t.addHook(new TrainingHook() {
            @Override
            public void beforeStep(int epoch, int step) {
                events.add("before " + step);
            }

            @Override
            public void afterBackward(int epoch, int step, Variable loss) {
                assertTrue(model.weight().grad() != null, "gradients exist after backward");
                events.add("backward " + step);
            }

            @Override
            public void afterStep(int epoch, int step, double loss) {
                events.add("step " + step);
            }

            @Override
            public void afterEpoch(int epoch) {
                events.add("epoch " + epoch);
            }
        });
        BatchLoader loader = new BatchLoader(x, labels, 16, true, 9, false);
        double first = Double.NaN, last = Double.NaN;
        List<Integer> progress = new ArrayList<>();
        for (int e = 0; e < 3; e++) {
            Trainer.EpochResult r = t.fitEpoch(loader, e, (done, mean) -> progress.add(done));
            assertEquals(4, r.steps());
            if (e == 0) first = r.meanLoss();
            last = r.meanLoss();
        }
        assertTrue(last < first / 2, "loss falls: " + first + " -> " + last);
        assertEquals(12, t.steps());
        assertEquals(List.of("before 0", "backward 0", "step 0", "before 1"), events.subList(0, 4));
        assertEquals("epoch 0", events.get(12));
        assertEquals(List.of(1, 2, 3, 4), progress.subList(0, 4));
        assertEquals(0.0, opt.lr(), 1e-12, "cosine schedule reached its end");
        assertEquals(1.0, Evaluation.accuracy(model, x, labels, 7), 1e-9);
    }

    @Test
    void divergenceIsReportedNotSilentlyContinued() {
        int[] labels = new int[8];
        Tensor x = inputs(8, labels);
        Linear model = new Linear(4, 2, true, 3);
        model.weight().value().data()[0] = Float.NaN;
        Trainer t = new Trainer(model, new SGD(model.parameters(), 0.1), new CrossEntropyLoss(), null);
        var e = assertThrows(IllegalStateException.class, () -> t.fitEpoch(new BatchLoader(x, labels, 4, false, 0, false), 0, null));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
    }
}
