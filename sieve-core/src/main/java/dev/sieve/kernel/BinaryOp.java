package dev.sieve.kernel;

/**
 * The elementwise binary operations of {@link DenseKernels}. Every kernel must give exactly the IEEE
 * float result of {@link #apply}, so fast and reference kernels agree bit for bit.
 */
public enum BinaryOp {
    ADD,
    SUB,
    MUL,
    DIV,
    /** Larger of the two; NaN if either is NaN, and +0 beats -0 (as {@link Math#max(float, float)}). */
    MAX,
    /** Smaller of the two; NaN if either is NaN, and -0 beats +0 (as {@link Math#min(float, float)}). */
    MIN;

    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }
}
