package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulesTest {
    @Test
    void stepDecay() {
        LrSchedule s = Schedules.step(0.1, 3, 0.5);
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025};
        for (int t = 0; t < expected.length; t++) assertEquals(expected[t], s.lr(t), 1e-12, "t=" + t);
    }

    @Test
    void cosineAnnealing() {
        LrSchedule s = Schedules.cosine(1.0, 4, 0.1);
        assertEquals(1.0, s.lr(0), 1e-12);
        assertEquals(0.1 + 0.9 * (1 + Math.cos(Math.PI / 4)) / 2, s.lr(1), 1e-12);
        assertEquals(0.55, s.lr(2), 1e-12);
        assertEquals(0.1, s.lr(4), 1e-12);
        assertEquals(0.1, s.lr(10), 1e-12);
    }

    @Test
    void warmupThenInner() {
        LrSchedule s = Schedules.warmup(4, Schedules.step(0.8, 2, 0.5));
        double[] expected = {0.2, 0.4, 0.6, 0.8, 0.8, 0.8, 0.4, 0.4, 0.2};
        for (int t = 0; t < expected.length; t++) assertEquals(expected[t], s.lr(t), 1e-12, "t=" + t);
        assertEquals(0.5, Schedules.warmup(0, Schedules.constant(0.5)).lr(0));
        assertThrows(IllegalArgumentException.class, () -> s.lr(-1));
    }

    @Test
    void schedulerDrivesOptimizer() {
        SGD opt = new SGD(List.of(Variable.parameter(Tensor.zeros(1))), 123);
        LrScheduler sch = new LrScheduler(opt, Schedules.warmup(2, Schedules.cosine(1.0, 2, 0.0)));
        assertEquals(0.5, opt.lr(), 1e-12);
        sch.step();
        assertEquals(1.0, opt.lr(), 1e-12);
        sch.step();
        assertEquals(1.0, opt.lr(), 1e-12);
        sch.step();
        assertEquals(0.5, opt.lr(), 1e-12);
        sch.step();
        assertEquals(0.0, sch.lr(), 1e-12);
        assertEquals(4, sch.index());
    }
}
