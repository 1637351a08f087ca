package dev.sieve.ops.sparse;

/** The binary matrix operators that dispatch on the layouts of both operands. */
public enum MatrixOp {
    MATMUL("matmul"),
    ADD("add"),
    MUL("mul");

    private final String label;

    MatrixOp(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
