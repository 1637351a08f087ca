package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.Tensor;
import java.util.Map;

/**
 * Graph convolution of Kipf &amp; Welling (GCN): {@code H' = Â · (H · Wᵀ) + b} for node features
 * {@code H [nodes, in]}, a fixed sparse propagation matrix {@code Â [nodes, nodes]} in any layout (usually
 * {@link #normalizedAdjacency}, D^-1/2 (A + I) D^-1/2) and {@code W [out, in]}.
 *
 * <p>Parameters and init follow PyTorch Geometric's {@code GCNConv}: a child Linear {@code lin} without
 * bias whose {@code weight [out, in]} is Glorot/Xavier uniform, U(±√(6 / (in + out))), and a {@code bias
 * [out]} of zeros; state-dict names {@code bias}, {@code lin.weight} as in PyG 2.x. {@code lin} is a normal
 * {@link Linear}, so the weight itself can be made sparse ({@code lin().sparsify(...)}).
 *
 * <p>Â is a constant (no gradient). The product runs as SpMM with Â's own layout; the gradient to the
 * dense factor is {@code Âᵀ · dY} by SpMM with Âᵀ in CSR, built once per adjacency and reused (Â itself
 * when Â is a symmetric CSR matrix, as the normalised adjacency of an undirected graph is). The dense
 * product runs on the narrower side: {@code Â · (H·Wᵀ)} when out ≤ in, {@code (Â·H) · Wᵀ} otherwise
 * (equal in exact arithmetic; SpMM work is nnz × width).
 */
public final class GraphConv extends Layer {
    private final int in, out;
    private final Linear lin;
    private final Variable bias;
    private SparseMatrix adjacency;
    /** The adjacency whose transpose is cached, compared by identity, and that transpose (CSR). */
    private SparseMatrix transposedFor;
    private SparseMatrix transposed;

    /** With bias, initialised from the global generator ({@link Init#manualSeed}). */
    public GraphConv(int in, int out) {
        this(in, out, true, Init.nextSeed());
    }

    /** With bias. */
    public GraphConv(int in, int out, long seed) {
        this(in, out, true, seed);
    }

    public GraphConv(int in, int out, boolean bias, long seed) {
        if (in <= 0 || out <= 0) throw new IllegalArgumentException("GraphConv: in and out must be positive, got " + in + ", " + out);
        this.in = in;
        this.out = out;
        this.bias = bias ? registerParameter("bias", Variable.parameter(Tensor.zeros(out))) : null;
        Linear l = new Linear(in, out, false, seed);
        l.loadStateDict(Map.of("weight", Init.xavierUniform(seed, in, out, 1.0, out, in)));
        this.lin = registerModule("lin", l);
    }

    /** Fixes the propagation matrix {@code Â [nodes, nodes]} used by {@link #forward(Variable)}; returns this. */
    public GraphConv useAdjacency(SparseMatrix adjacency) {
        checkSquare(adjacency);
        this.adjacency = adjacency;
        return this;
    }

    /** The fixed propagation matrix, or null if none was set. */
    public SparseMatrix adjacency() {
        return adjacency;
    }

    /** {@code Â · (H · Wᵀ) + b} with the adjacency fixed by {@link #useAdjacency}. */
    @Override
    public Variable forward(Variable h) {
        if (adjacency == null)
            throw new IllegalStateException("GraphConv: no adjacency; call useAdjacency(Â) first or pass it to forward(Â, H)");
        return forward(adjacency, h);
    }

    /** {@code Â · (H · Wᵀ) + b} for this call's propagation matrix {@code Â [nodes, nodes]}, H {@code [nodes, in]}. */
    public Variable forward(SparseMatrix a, Variable h) {
        checkSquare(a);
        int[] d = h.dims();
        if (d.length != 2 || d[0] != a.rows() || d[1] != in)
            throw new IllegalArgumentException("GraphConv(" + in + ", " + out + "): features must be [" + a.rows() + ", " + in
                    + "] for " + a.rows() + " nodes, got " + h.shape());
        Variable y;
        if (out <= in) {
            Variable hw = lin.forward(h);
            y = propagate(a, hw);
        } else {
            y = lin.forward(propagate(a, h));
        }
        return bias == null ? y : Functions.add(y, bias);
    }

    private Variable propagate(SparseMatrix a, Variable x) {
        if (!x.requiresGrad() || !NoGrad.isGradEnabled()) return Functions.spmm(a, x);
        return Functions.spmm(a, transposeOf(a), x);
    }

    private SparseMatrix transposeOf(SparseMatrix a) {
        if (a != transposedFor) {
            CsrMatrix t = Functions.transposeForSpmm(a);
            transposed = a instanceof CsrMatrix && t.equals(a) ? a : t;
            transposedFor = a;
        }
        return transposed;
    }

    private static void checkSquare(SparseMatrix a) {
        if (a == null) throw new IllegalArgumentException("GraphConv: adjacency is null");
        if (a.rows() != a.cols())
            throw new IllegalArgumentException("GraphConv: adjacency must be square [nodes, nodes], got [" + a.rows() + ", " + a.cols() + "]");
    }

    /**
     * GCN's symmetric normalisation {@code D^-1/2 (A + I) D^-1/2} of an adjacency {@code A [nodes, nodes]}
     * (weighted or 0/1; A[i, j] is the weight of the edge j → i, so row i gathers node i's messages), with
     * D the row sums of A + I (of A without self loops). {@code A + I} adds 1 to every diagonal entry, stored
     * or not (Kipf &amp; Welling's renormalisation; PyG's {@code add_remaining_self_loops} instead keeps an
     * existing self-loop weight: the same for graphs without self loops). A node of degree 0 gets a zero row
     * and column (PyG maps the infinite D^-1/2 to 0). Computed in double, stored as CSR with sorted columns.
     *
     * @throws IllegalArgumentException if A is not square or a degree is negative
     */
    public static CsrMatrix normalizedAdjacency(CsrMatrix a, boolean addSelfLoops) {
        checkSquare(a);
        int n = a.rows();
        int[] rp = a.rowPtr(), ci = a.colIdx();
        float[] v = a.data();
        int[] rowPtr = new int[n + 1];
        for (int i = 0; i < n; i++) {
            boolean hasDiagonal = java.util.Arrays.binarySearch(ci, rp[i], rp[i + 1], i) >= 0;
            rowPtr[i + 1] = rowPtr[i] + (rp[i + 1] - rp[i]) + (addSelfLoops && !hasDiagonal ? 1 : 0);
        }
        int[] colIdx = new int[rowPtr[n]];
        double[] w = new double[rowPtr[n]];
        double[] degree = new double[n];
        for (int i = 0; i < n; i++) {
            int dst = rowPtr[i];
            boolean pending = addSelfLoops;
            for (int k = rp[i]; k < rp[i + 1]; k++) {
                int j = ci[k];
                if (pending && j >= i) {
                    if (j == i) {
                        colIdx[dst] = i;
                        w[dst++] = v[k] + 1.0;
                        pending = false;
                        continue;
                    }
                    colIdx[dst] = i;
                    w[dst++] = 1.0;
                    pending = false;
                }
                colIdx[dst] = j;
                w[dst++] = v[k];
            }
            if (pending) {
                colIdx[dst] = i;
                w[dst++] = 1.0;
            }
            double s = 0;
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) s += w[k];
            if (s < 0) throw new IllegalArgumentException("normalizedAdjacency: node " + i + " has negative degree " + s);
            degree[i] = s;
        }
        double[] dInvSqrt = new double[n];
        for (int i = 0; i < n; i++) dInvSqrt[i] = degree[i] > 0 ? 1.0 / Math.sqrt(degree[i]) : 0.0;
        float[] data = new float[w.length];
        for (int i = 0; i < n; i++) {
            for (int k = rowPtr[i]; k < rowPtr[i + 1]; k++) data[k] = (float) (dInvSqrt[i] * w[k] * dInvSqrt[colIdx[k]]);
        }
        return new CsrMatrix(n, n, rowPtr, colIdx, data);
    }

    /** {@link #normalizedAdjacency(CsrMatrix, boolean)} of an adjacency in any layout (repeated COO entries add up). */
    public static CsrMatrix normalizedAdjacency(SparseMatrix a, boolean addSelfLoops) {
        return normalizedAdjacency(a instanceof CsrMatrix c ? c : a.toCoo().toCsr(), addSelfLoops);
    }

    public int inFeatures() {
        return in;
    }

    public int outFeatures() {
        return out;
    }

    /** The feature transform: a bias-free {@link Linear} holding {@code weight [out, in]}. */
    public Linear lin() {
        return lin;
    }

    /** The bias [out], or null. */
    public Variable bias() {
        return bias;
    }
}
