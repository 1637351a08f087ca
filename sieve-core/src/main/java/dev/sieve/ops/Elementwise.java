package dev.sieve.ops;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.UnaryOp;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;

/**
 * Elementwise operations on dense tensors: binary operations with NumPy/PyTorch broadcasting, and
 * unary maps. Every call returns a new tensor except the {@code ...Into} forms, which write into a
 * tensor the caller provides (it may be one of the inputs, for in-place updates).
 */
public final class Elementwise {
    private Elementwise() {}

    private static DenseKernels kernels() {
        return VectorizationProvider.get().dense();
    }

    // ---- binary, broadcasting ------------------------------------------------------------------

    public static Tensor add(Tensor a, Tensor b) {
        return binary(BinaryOp.ADD, a, b);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary(BinaryOp.SUB, a, b);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary(BinaryOp.MUL, a, b);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary(BinaryOp.DIV, a, b);
    }

    /** Elementwise larger value (NaN if either is NaN), as {@code torch.maximum}. */
    public static Tensor maximum(Tensor a, Tensor b) {
        return binary(BinaryOp.MAX, a, b);
    }

    /** Elementwise smaller value (NaN if either is NaN), as {@code torch.minimum}. */
    public static Tensor minimum(Tensor a, Tensor b) {
        return binary(BinaryOp.MIN, a, b);
    }

    /** {@code a op b} with the shapes broadcast against each other. */
    public static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        Shape shape = Broadcast.shape(a.shape(), b.shape());
        Tensor out = Tensor.zeros(shape.dims());
        run(op, a, b, out, shape);
        return out;
    }

    /**
     * {@code out = a op b}, broadcasting; {@code out} must have the broadcast shape. {@code out} may be
     * {@code a} or {@code b} itself (an in-place update); other overlapping storage is not supported.
     */
    public static void binaryInto(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Shape shape = Broadcast.shape(a.shape(), b.shape());
        if (!shape.equals(out.shape())) {
            throw new IllegalArgumentException(op + " of shapes " + a.shape() + " and " + b.shape()
                    + " has shape " + shape + ", but the output has shape " + out.shape());
        }
        run(op, a, b, out, shape);
    }

    private static void run(BinaryOp op, Tensor a, Tensor b, Tensor out, Shape shape) {
        if (shape.size() == 0) return;
        BroadcastPlan plan = BroadcastPlan.of(a.shape(), b.shape(), shape);
        DenseKernels k = kernels();
        float[] ad = a.data(), bd = b.data(), od = out.data();
        int aBase = a.offset(), bBase = b.offset(), oBase = out.offset();
        int inner = plan.inner;
        int[] dims = plan.outerDims;
        Work.rows(plan.outer, inner, Work.CHEAP, (from, to) -> {
            // odometer over the outer dimensions, started at row `from`
            int[] idx = new int[dims.length];
            int aOff = aBase, bOff = bBase;
            for (int d = dims.length - 1, rest = from; d >= 0; d--) {
                idx[d] = rest % dims[d];
                rest /= dims[d];
                aOff += idx[d] * plan.aStrides[d];
                bOff += idx[d] * plan.bStrides[d];
            }
            for (int row = from; row < to; row++) {
                int oOff = oBase + row * inner;
                switch (plan.mode) {
                    case BOTH -> k.binary(op, ad, aOff, bd, bOff, od, oOff, inner);
                    case A_SCALAR -> k.binaryScalarRun(op, ad[aOff], bd, bOff, od, oOff, inner);
                    case B_SCALAR -> k.binaryRunScalar(op, ad, aOff, bd[bOff], od, oOff, inner);
                }
                for (int d = dims.length - 1; d >= 0; d--) {
                    aOff += plan.aStrides[d];
                    bOff += plan.bStrides[d];
                    if (++idx[d] < dims[d]) break;
                    aOff -= plan.aStrides[d] * dims[d];
                    bOff -= plan.bStrides[d] * dims[d];
                    idx[d] = 0;
                }
            }
        });
    }

    // ---- binary with a scalar --------------------------------------------------------------------

    public static Tensor add(Tensor a, float s) {
        return binary(BinaryOp.ADD, a, s);
    }

    public static Tensor sub(Tensor a, float s) {
        return binary(BinaryOp.SUB, a, s);
    }

    public static Tensor mul(Tensor a, float s) {
        return binary(BinaryOp.MUL, a, s);
    }

    public static Tensor div(Tensor a, float s) {
        return binary(BinaryOp.DIV, a, s);
    }

    /** {@code a op s} for every element of {@code a}. */
    public static Tensor binary(BinaryOp op, Tensor a, float s) {
        Tensor out = Tensor.zeros(a.dims());
        float[] ad = a.data(), od = out.data();
        int aOff = a.offset();
        DenseKernels k = kernels();
        Work.elements(a.size(), Work.CHEAP, (from, to) -> k.binaryRunScalar(op, ad, aOff + from, s, od, from, to - from));
        return out;
    }

    /** {@code s op b} for every element of {@code b}. */
    public static Tensor binary(BinaryOp op, float s, Tensor b) {
        Tensor out = Tensor.zeros(b.dims());
        float[] bd = b.data(), od = out.data();
        int bOff = b.offset();
        DenseKernels k = kernels();
        Work.elements(b.size(), Work.CHEAP, (from, to) -> k.binaryScalarRun(op, s, bd, bOff + from, od, from, to - from));
        return out;
    }

    // ---- unary -------------------------------------------------------------------------------------

    public static Tensor neg(Tensor x) {
        return unary(UnaryOp.NEG, x);
    }

    public static Tensor exp(Tensor x) {
        return unary(UnaryOp.EXP, x);
    }

    public static Tensor log(Tensor x) {
        return unary(UnaryOp.LOG, x);
    }

    public static Tensor sqrt(Tensor x) {
        return unary(UnaryOp.SQRT, x);
    }

    public static Tensor tanh(Tensor x) {
        return unary(UnaryOp.TANH, x);
    }

    public static Tensor sigmoid(Tensor x) {
        return unary(UnaryOp.SIGMOID, x);
    }

    public static Tensor relu(Tensor x) {
        return unary(UnaryOp.RELU, x);
    }

    /** GELU, exact (erf) form: PyTorch's default {@code gelu(x)}. */
    public static Tensor gelu(Tensor x) {
        return unary(UnaryOp.GELU_ERF, x);
    }

    /** GELU, tanh approximation: PyTorch's {@code gelu(x, approximate='tanh')}. */
    public static Tensor geluTanh(Tensor x) {
        return unary(UnaryOp.GELU_TANH, x);
    }

    public static Tensor unary(UnaryOp op, Tensor x) {
        Tensor out = Tensor.zeros(x.dims());
        unaryInto(op, x, out);
        return out;
    }

    /** {@code out = op(x)}; {@code out} must have x's shape and may be x itself. */
    public static void unaryInto(UnaryOp op, Tensor x, Tensor out) {
        if (!x.shape().equals(out.shape())) {
            throw new IllegalArgumentException(op + " of shape " + x.shape() + " cannot be written to shape " + out.shape());
        }
        float[] xd = x.data(), od = out.data();
        int xOff = x.offset(), oOff = out.offset();
        DenseKernels k = kernels();
        long grain = op == UnaryOp.NEG || op == UnaryOp.RELU ? Work.CHEAP : Work.COSTLY;
        Work.elements(x.size(), grain, (from, to) -> k.unary(op, xd, xOff + from, od, oOff + from, to - from));
    }
}
