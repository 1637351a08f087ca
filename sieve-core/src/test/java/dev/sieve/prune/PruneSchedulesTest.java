package dev.sieve.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PruneSchedulesTest {
    static List<double[]> updates(PruneSchedule s, double fin, int steps) {
        List<double[]> out = new ArrayList<>();
        for (int t = 0; t < steps; t++) {
            OptionalDouble u = s.updateAt(t, fin);
            if (u.isPresent()) out.add(new double[] {t, u.getAsDouble()});
        }
        return out;
    }

    @Test
    void cubicFollowsZhuAndGupta() {
        // t0 = 10, n = 4 updates of Δt = 5: s_t = s_f + (s_i − s_f)(1 − (t − t0)/(nΔt))³
        PruneSchedule s = PruneSchedules.cubic(0.1, 10, 20, 5);
        List<double[]> u = updates(s, 0.9, 100);
        assertEquals(5, u.size(), "t0, t0 + Δt, ..., t0 + nΔt; nothing in warm-up or cool-down");
        double[] expectedSteps = {10, 15, 20, 25, 30};
        for (int k = 0; k < 5; k++) {
            assertEquals(expectedSteps[k], u.get(k)[0]);
            double r = 1 - k / 4.0;
            assertEquals(0.9 + (0.1 - 0.9) * r * r * r, u.get(k)[1], 1e-12);
        }
        assertEquals(0.9, u.get(4)[1], 0.0);
        assertEquals(30, s.lastUpdateStep());
        for (int k = 1; k < 5; k++) assertTrue(u.get(k)[1] > u.get(k - 1)[1]);
    }

    @Test
    void cubicWithASpanThatIsNotAMultipleOfTheIntervalStillEndsAtTheTarget() {
        List<double[]> u = updates(PruneSchedules.cubic(0, 10, 4), 0.8, 50);
        assertEquals(List.of(0.0, 4.0, 8.0, 10.0), u.stream().map(x -> x[0]).toList());
        assertEquals(0.0, u.get(0)[1]);
        assertEquals(0.8, u.get(3)[1]);
        assertThrows(IllegalArgumentException.class, () -> PruneSchedules.cubic(0.5, 0, 10, 1).validate(0.4));
        assertThrows(IllegalArgumentException.class, () -> PruneSchedules.cubic(0, 0, 1));
    }

    @Test
    void oneShotAndStages() {
        List<double[]> one = updates(PruneSchedules.oneShot(7), 0.9, 20);
        assertEquals(1, one.size());
        assertEquals(7.0, one.get(0)[0]);
        assertEquals(0.9, one.get(0)[1]);

        PruneSchedule st = PruneSchedules.stages(5, 10, 0.25, 0.5, 0.75, 0.95);
        st.validate(0.95);
        List<double[]> u = updates(st, 0.95, 100);
        assertEquals(List.of(5.0, 15.0, 25.0, 35.0), u.stream().map(x -> x[0]).toList());
        assertEquals(List.of(0.25, 0.5, 0.75, 0.95), u.stream().map(x -> x[1]).toList());
        assertEquals(35, st.lastUpdateStep());
        assertThrows(IllegalArgumentException.class, () -> st.validate(0.9));
        assertThrows(IllegalArgumentException.class, () -> PruneSchedules.stages(0, 1, 0.5, 0.25));
        PruneSchedule custom = PruneSchedules.stages(0, List.of(new PruneSchedules.Stage(0.5, 3), new PruneSchedules.Stage(0.9, 0)));
        assertEquals(List.of(0.0, 3.0), updates(custom, 0.9, 10).stream().map(x -> x[0]).toList());
        assertFalse(custom.updateAt(4, 0.9).isPresent());
    }
}
