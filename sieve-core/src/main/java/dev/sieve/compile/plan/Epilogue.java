package dev.sieve.compile.plan;

/**
 * Work fused into the point where a kernel finishes an output element: add a bias indexed by one output
 * index, then apply an activation. With it, a sparse linear layer {@code act(W·X + b)} is one pass over the
 * output instead of three. A kernel that cannot fuse it (no register-tiled store that visits every output
 * element once) gets it applied in a separate pass by the runner, with the same result.
 *
 * @param bias the name of the rank-1 bias input, or null for none
 * @param index the output index the bias runs along (ignored without a bias)
 * @param activation applied after the bias
 */
public record Epilogue(String bias, String index, Activation activation) {
    /** Elementwise functions an epilogue can apply. */
    public enum Activation { NONE, RELU, SIGMOID }

    public Epilogue {
        if (activation == null) throw new IllegalArgumentException("activation is null (use NONE)");
        if (bias != null && index == null) throw new IllegalArgumentException("a bias needs the output index it runs along");
    }

    @Override
    public String toString() {
        return (bias == null ? "" : "+" + bias + "(" + index + ")") + (activation == Activation.NONE ? "" : " " + activation.name().toLowerCase(java.util.Locale.ROOT));
    }
}
