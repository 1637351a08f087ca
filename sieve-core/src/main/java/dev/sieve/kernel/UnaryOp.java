package dev.sieve.kernel;

/**
 * The elementwise unary operations of {@link DenseKernels}. The definitions are those of PyTorch;
 * NaN inputs give NaN.
 */
public enum UnaryOp {
    NEG,
    EXP,
    /** Natural logarithm: -inf at 0, NaN below. */
    LOG,
    /** NaN below 0 (and -0 for -0). */
    SQRT,
    TANH,
    /** 1 / (1 + e^-x). */
    SIGMOID,
    /** max(x, 0). */
    RELU,
    /** GELU, exact form: 0.5·x·(1 + erf(x/√2)), computed as 0.5·x·erfc(-x/√2) so the negative tail keeps its digits. */
    GELU_ERF,
    /**
     * GELU, tanh approximation: 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³), computed as the
     * identical x·sigmoid(2u) = x / (1 + e^(-2u)) so the negative tail does not cancel to zero.
     */
    GELU_TANH
}
