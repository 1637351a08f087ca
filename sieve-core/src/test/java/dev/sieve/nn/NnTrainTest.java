package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** End to end: a 2-layer MLP learns a synthetic separable 3-class problem with SGD + momentum. */
class NnTrainTest {
    @Test
    void mlpTrainsToLowLoss() {
        int n = 96, classes = 3;
        float[] x = new float[n * 2];
        int[] y = new int[n];
        SplittableRandom r = new SplittableRandom(7);
        double[][] centers = {{2, 0}, {-1, 1.7}, {-1, -1.7}};
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
            x[2 * i] = (float) (centers[y[i]][0] + 0.4 * r.nextGaussian());
            x[2 * i + 1] = (float) (centers[y[i]][1] + 0.4 * r.nextGaussian());
        }
        Variable input = Variable.constant(Tensor.of(x, n, 2));

        Init.manualSeed(1);
        Sequential model = new Sequential(new Linear(2, 16, true), new ReLU(), new Dropout(0.1, 3), new Linear(16, classes, true));
        CrossEntropyLoss ce = new CrossEntropyLoss();
        SGD opt = new SGD(model.parameters(), 0.1, 0.9, false, 1e-4);
        LrScheduler sched = new LrScheduler(opt, Schedules.warmup(10, Schedules.cosine(0.1, 290, 0.001)));

        double first = Double.NaN, last = Double.NaN;
        for (int step = 0; step < 300; step++) {
            opt.zeroGrad();
            Variable loss = ce.forward(model.forward(input), y);
            if (step == 0) first = loss.value().item();
            loss.backward();
            opt.step();
            sched.step();
        }
        model.eval();
        int correct = 0;
        try (NoGrad g = NoGrad.enter()) {
            Variable logits = model.forward(input);
            last = ce.forward(logits, y).value().item();
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < classes; c++) if (logits.value().get(i, c) > logits.value().get(i, best)) best = c;
                if (best == y[i]) correct++;
            }
        }
        assertTrue(first > 0.8, "initial loss " + first);
        assertTrue(last < 0.05, "final loss " + last);
        assertEquals(n, correct);
    }
}
