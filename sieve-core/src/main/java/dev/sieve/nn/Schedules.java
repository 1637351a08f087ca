package dev.sieve.nn;

/** Learning-rate schedules (closed forms of PyTorch's StepLR and CosineAnnealingLR, plus linear warm-up). */
public final class Schedules {
    private Schedules() {}

    public static LrSchedule constant(double lr) {
        checkNonNegative(lr, "lr");
        return t -> lr;
    }

    /** StepLR: base·gamma^⌊t / stepSize⌋. */
    public static LrSchedule step(double base, int stepSize, double gamma) {
        checkNonNegative(base, "base lr");
        if (stepSize <= 0) throw new IllegalArgumentException("step size must be positive: " + stepSize);
        checkNonNegative(gamma, "gamma");
        return t -> base * Math.pow(gamma, Math.floorDiv(checkT(t), stepSize));
    }

    /**
     * Cosine annealing from base to etaMin over tMax steps: etaMin + (base−etaMin)·(1+cos(π·t/tMax))/2 for
     * t ≤ tMax, then held at etaMin (PyTorch's closed form would rise again).
     */
    public static LrSchedule cosine(double base, int tMax, double etaMin) {
        checkNonNegative(base, "base lr");
        checkNonNegative(etaMin, "etaMin");
        if (tMax <= 0) throw new IllegalArgumentException("tMax must be positive: " + tMax);
        return t -> checkT(t) >= tMax ? etaMin : etaMin + (base - etaMin) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    /**
     * Linear warm-up over {@code steps} steps, then {@code inner} shifted to start after the warm-up:
     * lr(t) = inner.lr(0)·(t+1)/steps for t &lt; steps, inner.lr(t − steps) afterwards.
     */
    public static LrSchedule warmup(int steps, LrSchedule inner) {
        if (steps < 0) throw new IllegalArgumentException("warm-up steps must be >= 0: " + steps);
        if (inner == null) throw new IllegalArgumentException("inner schedule is null");
        return t -> checkT(t) < steps ? inner.lr(0) * (t + 1) / steps : inner.lr(t - steps);
    }

    private static int checkT(int t) {
        if (t < 0) throw new IllegalArgumentException("step index must be >= 0: " + t);
        return t;
    }

    private static void checkNonNegative(double v, String what) {
        if (!(v >= 0)) throw new IllegalArgumentException(what + " must be >= 0: " + v);
    }
}
