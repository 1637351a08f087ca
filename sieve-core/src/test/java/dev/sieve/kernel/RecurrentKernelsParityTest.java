package dev.sieve.kernel;

import static dev.sieve.kernel.FloatChecks.assertSameBits;
import static dev.sieve.kernel.FloatChecks.awkwardSizes;
import static dev.sieve.kernel.FloatChecks.samples;
import static dev.sieve.kernel.KernelPair.FAST;
import static dev.sieve.kernel.KernelPair.LANES;
import static dev.sieve.kernel.KernelPair.REF;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The LSTM/GRU cell kernels perform the reference's float operations in the same order, so the vector
 * kernels must give the same bits, on awkward row lengths, at offsets inside larger arrays (whose other
 * elements must stay untouched), and with special values mixed in.
 */
class RecurrentKernelsParityTest {
    private static final int OFF = 3, SLACK = 11;

    @BeforeAll
    static void vectorized() {
        KernelPair.requireVectorized();
    }

    private static RecurrentKernels fast() {
        return FAST.kernels(RecurrentKernels.class);
    }

    private static RecurrentKernels ref() {
        return REF.kernels(RecurrentKernels.class);
    }

    /** A row of {@code gates}·n values at OFF, with slack around; gate activations in (0, 1) or (-1, 1). */
    private static float[] gates(long seed, int n, int gates, boolean activated) {
        float[] a = samples(seed, OFF + gates * n + SLACK, true);
        if (activated) {
            SplittableRandom r = new SplittableRandom(seed);
            for (int i = OFF; i < OFF + gates * n; i++) if (r.nextInt(10) > 0) a[i] = (float) (2 * r.nextDouble() - 1);
        }
        return a;
    }

    private static float[] values(long seed, int n) {
        return samples(seed, OFF + 2 * n + SLACK, true);
    }

    @Test
    void lstmCell() {
        for (int n : awkwardSizes(LANES)) {
            float[] g = gates(n, n, 4, true);
            float[] want = values(n + 1, n), got = want.clone();
            ref().lstmCell(g, OFF, want, OFF, OFF + n, n);
            fast().lstmCell(g, OFF, got, OFF, OFF + n, n);
            assertSameBits(want, got, "lstmCell n=" + n);
        }
    }

    @Test
    void lstmCellBackward() {
        for (int n : awkwardSizes(LANES)) {
            for (boolean specials : new boolean[] {false, true}) {
                float[] g = gates(n, n, 4, !specials), c = values(n + 1, n), t = values(n + 2, n), dh = values(n + 3, n);
                float[] dcWant = values(n + 4, n), dcGot = dcWant.clone();
                float[] dgWant = gates(n + 5, n, 4, false), dgGot = dgWant.clone();
                ref().lstmCellBackward(g, OFF, c, OFF + 1, t, OFF + 2, dh, OFF, dcWant, OFF + 1, dgWant, n);
                fast().lstmCellBackward(g, OFF, c, OFF + 1, t, OFF + 2, dh, OFF, dcGot, OFF + 1, dgGot, n);
                assertSameBits(dgWant, dgGot, "lstmCellBackward dGates n=" + n);
                assertSameBits(dcWant, dcGot, "lstmCellBackward dc n=" + n);
            }
        }
    }

    @Test
    void gruNewGateAndUpdate() {
        for (int n : awkwardSizes(LANES)) {
            float[] hidden = gates(n + 7, n, 3, false);
            float[] want = gates(n, n, 3, true), got = want.clone();
            ref().gruNewGate(want, hidden, OFF, n);
            fast().gruNewGate(got, hidden, OFF, n);
            assertSameBits(want, got, "gruNewGate n=" + n);
            float[] g = gates(n + 1, n, 3, true);
            float[] hWant = values(n + 2, n), hGot = hWant.clone();
            ref().gruUpdate(g, OFF, hWant, OFF + n, OFF, n);
            fast().gruUpdate(g, OFF, hGot, OFF + n, OFF, n);
            assertSameBits(hWant, hGot, "gruUpdate n=" + n);
        }
    }

    @Test
    void gruCellBackward() {
        for (int n : awkwardSizes(LANES)) {
            for (boolean specials : new boolean[] {false, true}) {
                float[] g = gates(n, n, 3, !specials), hidden = gates(n + 1, n, 3, false), h = values(n + 2, n);
                float[] dhWant = values(n + 3, n), dhGot = dhWant.clone();
                float[] inWant = gates(n + 4, n, 3, false), inGot = inWant.clone();
                float[] hidWant = gates(n + 5, n, 3, false), hidGot = hidWant.clone();
                ref().gruCellBackward(g, hidden, OFF, h, OFF + 2, dhWant, OFF + 1, inWant, hidWant, n);
                fast().gruCellBackward(g, hidden, OFF, h, OFF + 2, dhGot, OFF + 1, inGot, hidGot, n);
                assertSameBits(inWant, inGot, "gruCellBackward input half n=" + n);
                assertSameBits(hidWant, hidGot, "gruCellBackward hidden half n=" + n);
                assertSameBits(dhWant, dhGot, "gruCellBackward dh n=" + n);
            }
        }
    }
}
