package dev.sieve.models;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.nn.Dropout;
import dev.sieve.nn.GraphConv;
import dev.sieve.nn.Layer;
import dev.sieve.sparse.SparseMatrix;

/**
 * The two-layer graph convolutional network of Kipf &amp; Welling for node classification:
 * {@code GraphConv(in, hidden) → ReLU → dropout → GraphConv(hidden, classes)}, returning logits
 * {@code [nodes, classes]} (train with cross-entropy on the labelled nodes).
 *
 * <p>Children {@code conv1}, {@code conv2} (each with {@code bias} and {@code lin.weight}, PyG's names) and
 * {@code dropout}. The propagation matrix Â (e.g. {@link GraphConv#normalizedAdjacency}) is given at
 * construction / by {@link #useAdjacency}, or per call to {@link #forward(SparseMatrix, Variable)}.
 */
public final class Gcn extends Layer {
    /** Kipf &amp; Welling's dropout rate. */
    public static final double DEFAULT_DROPOUT = 0.5;

    private final GraphConv conv1, conv2;
    private final Dropout dropout;
    private SparseMatrix adjacency;

    /** Dropout 0.5, no fixed adjacency. */
    public Gcn(int in, int hidden, int classes, long seed) {
        this(null, in, hidden, classes, DEFAULT_DROPOUT, seed);
    }

    /**
     * @param adjacency the propagation matrix for {@link #forward(Variable)} (may be null: pass one per call)
     * @param dropout the dropout probability between the layers (training mode only)
     */
    public Gcn(SparseMatrix adjacency, int in, int hidden, int classes, double dropout, long seed) {
        this.conv1 = registerModule("conv1", new GraphConv(in, hidden, true, seed));
        this.conv2 = registerModule("conv2", new GraphConv(hidden, classes, true, seed + 1));
        this.dropout = registerModule("dropout", new Dropout(dropout, seed + 2));
        if (adjacency != null) useAdjacency(adjacency);
    }

    /** Fixes the propagation matrix used by {@link #forward(Variable)}; returns this. */
    public Gcn useAdjacency(SparseMatrix adjacency) {
        conv1.useAdjacency(adjacency);
        conv2.useAdjacency(adjacency);
        this.adjacency = adjacency;
        return this;
    }

    /** Logits {@code [nodes, classes]} for node features {@code [nodes, in]} over the fixed adjacency. */
    @Override
    public Variable forward(Variable features) {
        if (adjacency == null)
            throw new IllegalStateException("Gcn: no adjacency; construct with one, call useAdjacency(Â), or use forward(Â, features)");
        return forward(adjacency, features);
    }

    /** Logits {@code [nodes, classes]} for node features {@code [nodes, in]} over {@code adjacency}. */
    public Variable forward(SparseMatrix adjacency, Variable features) {
        Variable h = Functions.relu(conv1.forward(adjacency, features));
        return conv2.forward(adjacency, dropout.forward(h));
    }

    public GraphConv conv1() {
        return conv1;
    }

    public GraphConv conv2() {
        return conv2;
    }
}
