package dev.sieve.tensor;

import dev.sieve.ops.Elementwise;
import dev.sieve.ops.Indices;
import dev.sieve.ops.MatMul;
import dev.sieve.ops.Reductions;
import dev.sieve.ops.Softmax;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense float32 tensor: a shape over contiguous row-major storage.
 *
 * <p>Storage is always contiguous, so a tensor is fully described by {@code (data, offset, shape)}.
 * {@link #reshape} and {@link #slice} along the leading axis are views that share storage; other
 * slices and {@link #transpose} materialise a copy. Views see writes made through each other.
 */
public final class Tensor {
    private final float[] data;
    private final int offset;
    private final Shape shape;

    private Tensor(float[] data, int offset, Shape shape) {
        if (offset < 0 || (long) offset + shape.size() > data.length) {
            throw new IllegalArgumentException("storage of " + data.length + " floats cannot hold shape "
                    + shape + " at offset " + offset);
        }
        this.data = data;
        this.offset = offset;
        this.shape = shape;
    }

    // ---- construction -------------------------------------------------------------------------

    public static Tensor zeros(int... dims) {
        return new Tensor(new float[Shape.checkedSize(dims)], 0, Shape.of(dims));
    }

    public static Tensor full(float value, int... dims) {
        Tensor t = zeros(dims);
        Arrays.fill(t.data, value);
        return t;
    }

    /** Wraps {@code data} without copying; its length must equal the shape's element count. */
    public static Tensor wrap(float[] data, int... dims) {
        Shape s = Shape.of(dims);
        if (s.size() != data.length) {
            throw new IllegalArgumentException("shape " + s + " needs " + s.size() + " values, got " + data.length);
        }
        return new Tensor(data, 0, s);
    }

    /** Wraps a region of {@code data} starting at {@code offset} without copying. */
    public static Tensor wrap(float[] data, int offset, Shape shape) {
        return new Tensor(data, offset, shape);
    }

    /** Copies {@code values} into a new tensor of the given shape. */
    public static Tensor of(float[] values, int... dims) {
        return wrap(values.clone(), dims);
    }

    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, 0, Shape.of());
    }

    /** 0, 1, ..., n-1. */
    public static Tensor arange(int n) {
        Tensor t = zeros(n);
        for (int i = 0; i < n; i++) t.data[i] = i;
        return t;
    }

    /** Uniform values in [lo, hi) from a seeded generator: the same seed gives the same tensor. */
    public static Tensor uniform(long seed, float lo, float hi, int... dims) {
        Tensor t = zeros(dims);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        return t;
    }

    /** Standard normal values from a seeded generator. */
    public static Tensor randn(long seed, int... dims) {
        Tensor t = zeros(dims);
        java.util.Random rnd = new java.util.Random(seed);
        for (int i = 0; i < t.data.length; i++) t.data[i] = (float) rnd.nextGaussian();
        return t;
    }

    // ---- shape and storage --------------------------------------------------------------------

    public Shape shape() {
        return shape;
    }

    public int[] dims() {
        return shape.dims();
    }

    public int rank() {
        return shape.rank();
    }

    public int dim(int axis) {
        return shape.dim(axis);
    }

    public int size() {
        return shape.size();
    }

    /** The backing array; elements live at {@code [offset(), offset() + size())}. */
    public float[] data() {
        return data;
    }

    public int offset() {
        return offset;
    }

    /** A fresh array holding this tensor's elements in row-major order. */
    public float[] toArray() {
        return Arrays.copyOfRange(data, offset, offset + shape.size());
    }

    public Tensor copy() {
        return new Tensor(toArray(), 0, shape);
    }

    public float get(int... index) {
        return data[offset + flatIndex(index)];
    }

    public void set(float value, int... index) {
        data[offset + flatIndex(index)] = value;
    }

    /** The single value of a one-element tensor. */
    public float item() {
        if (shape.size() != 1) throw new IllegalStateException("item() needs one element, shape is " + shape);
        return data[offset];
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.rank()) {
            throw new IllegalArgumentException("index " + Arrays.toString(index) + " has rank " + index.length
                    + ", tensor has rank " + shape.rank());
        }
        int flat = 0;
        for (int i = 0; i < index.length; i++) {
            int d = shape.dim(i);
            if (index[i] < 0 || index[i] >= d) {
                throw new IndexOutOfBoundsException("index " + Arrays.toString(index) + " out of bounds for shape " + shape);
            }
            flat = flat * d + index[i];
        }
        return flat;
    }

    // ---- views --------------------------------------------------------------------------------

    /** A view with a new shape; one dimension may be -1 and is inferred. */
    public Tensor reshape(int... dims) {
        int[] d = dims.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < d.length; i++) {
            if (d[i] == -1) {
                if (infer >= 0) throw new IllegalArgumentException("reshape " + Arrays.toString(dims) + ": only one -1 allowed");
                infer = i;
            } else {
                if (d[i] < 0) throw new IllegalArgumentException("reshape " + Arrays.toString(dims) + ": negative dimension");
                known *= d[i];
            }
        }
        if (infer >= 0) {
            if (known == 0 || shape.size() % known != 0) {
                throw new IllegalArgumentException("cannot reshape " + shape + " to " + Arrays.toString(dims));
            }
            d[infer] = (int) (shape.size() / known);
        }
        Shape s = Shape.of(d);
        if (s.size() != shape.size()) {
            throw new IllegalArgumentException("cannot reshape " + shape + " (" + shape.size() + " elements) to " + s);
        }
        return new Tensor(data, offset, s);
    }

    /**
     * Elements {@code [from, to)} along {@code axis}. A view when every axis before {@code axis} has
     * size 1 (the result is then contiguous in the same storage), a copy otherwise.
     */
    public Tensor slice(int axis, int from, int to) {
        int a = shape.normalizeAxis(axis);
        int n = shape.dim(a);
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") out of range for axis " + axis + " of " + shape);
        }
        int[] d = shape.dims();
        d[a] = to - from;
        int inner = shape.product(a + 1, shape.rank());
        int outer = shape.product(0, a);
        if (outer == 1 || to - from == 0) {
            return new Tensor(data, outer == 1 ? offset + from * inner : offset, Shape.of(d));
        }
        float[] out = new float[Shape.checkedSize(d)];
        int chunk = (to - from) * inner;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(data, offset + (o * n + from) * inner, out, o * chunk, chunk);
        }
        return new Tensor(out, 0, Shape.of(d));
    }

    /** Row {@code i} along the leading axis, as a view of rank - 1. */
    public Tensor row(int i) {
        return slice(0, i, i + 1).reshape(Arrays.copyOfRange(shape.dims(), 1, shape.rank()));
    }

    /** A materialised copy with axes {@code a} and {@code b} swapped. */
    public Tensor transpose(int a, int b) {
        int[] perm = new int[shape.rank()];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        int x = shape.normalizeAxis(a), y = shape.normalizeAxis(b);
        perm[x] = y;
        perm[y] = x;
        return permute(perm);
    }

    /** The transpose of a 2-D tensor, materialised. */
    public Tensor t() {
        if (shape.rank() != 2) throw new IllegalArgumentException("t() needs a 2-D tensor, shape is " + shape);
        return transpose(0, 1);
    }

    /** A materialised copy whose axis i is this tensor's axis {@code perm[i]}. */
    public Tensor permute(int... perm) {
        int r = shape.rank();
        if (perm.length != r) throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " for rank " + r);
        boolean[] seen = new boolean[r];
        for (int p : perm) {
            if (p < 0 || p >= r || seen[p]) throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            seen[p] = true;
        }
        int[] srcDims = shape.dims();
        int[] srcStrides = shape.strides();
        int[] outDims = new int[r];
        int[] strideOfOut = new int[r];
        for (int i = 0; i < r; i++) {
            outDims[i] = srcDims[perm[i]];
            strideOfOut[i] = srcStrides[perm[i]];
        }
        float[] out = new float[shape.size()];
        if (out.length > 0) {
            Permute.copy(data, offset, outDims, strideOfOut, out);
        }
        return new Tensor(out, 0, Shape.of(outDims));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(shape).append(' ');
        int n = Math.min(shape.size(), 8);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(", ");
            sb.append(data[offset + i]);
        }
        if (shape.size() > n) sb.append(", ...");
        return sb.append(']').toString();
    }

    // ---- operations: convenience forms of dev.sieve.ops -----------------------------------------
    // The one sanctioned dependency of tensor on ops (DESIGN.md). Each returns a new tensor; binary
    // operations broadcast as NumPy/PyTorch do.

    public Tensor add(Tensor other) {
        return Elementwise.add(this, other);
    }

    public Tensor sub(Tensor other) {
        return Elementwise.sub(this, other);
    }

    public Tensor mul(Tensor other) {
        return Elementwise.mul(this, other);
    }

    public Tensor div(Tensor other) {
        return Elementwise.div(this, other);
    }

    public Tensor add(float s) {
        return Elementwise.add(this, s);
    }

    public Tensor sub(float s) {
        return Elementwise.sub(this, s);
    }

    public Tensor mul(float s) {
        return Elementwise.mul(this, s);
    }

    public Tensor div(float s) {
        return Elementwise.div(this, s);
    }

    public Tensor neg() {
        return Elementwise.neg(this);
    }

    public Tensor exp() {
        return Elementwise.exp(this);
    }

    public Tensor log() {
        return Elementwise.log(this);
    }

    public Tensor sqrt() {
        return Elementwise.sqrt(this);
    }

    public Tensor tanh() {
        return Elementwise.tanh(this);
    }

    public Tensor sigmoid() {
        return Elementwise.sigmoid(this);
    }

    public Tensor relu() {
        return Elementwise.relu(this);
    }

    /** GELU, exact (erf) form. */
    public Tensor gelu() {
        return Elementwise.gelu(this);
    }

    /** GELU, tanh approximation. */
    public Tensor geluTanh() {
        return Elementwise.geluTanh(this);
    }

    /** Sum of all elements as a 0-d tensor. */
    public Tensor sum() {
        return Reductions.sum(this);
    }

    public Tensor sum(int axis) {
        return Reductions.sum(this, axis);
    }

    public Tensor sum(int axis, boolean keepDims) {
        return Reductions.sum(this, axis, keepDims);
    }

    /** Mean of all elements as a 0-d tensor. */
    public Tensor mean() {
        return Reductions.mean(this);
    }

    public Tensor mean(int axis) {
        return Reductions.mean(this, axis);
    }

    public Tensor mean(int axis, boolean keepDims) {
        return Reductions.mean(this, axis, keepDims);
    }

    /** Largest element as a 0-d tensor (NaN if any element is NaN). */
    public Tensor max() {
        return Reductions.max(this);
    }

    public Tensor max(int axis) {
        return Reductions.max(this, axis);
    }

    public Tensor max(int axis, boolean keepDims) {
        return Reductions.max(this, axis, keepDims);
    }

    /** Row-major position of the first largest element (or the first NaN). */
    public int argmax() {
        return Reductions.argmax(this);
    }

    public Indices argmax(int axis) {
        return Reductions.argmax(this, axis);
    }

    public Indices argmax(int axis, boolean keepDims) {
        return Reductions.argmax(this, axis, keepDims);
    }

    public Tensor softmax(int axis) {
        return Softmax.softmax(this, axis);
    }

    public Tensor logSoftmax(int axis) {
        return Softmax.logSoftmax(this, axis);
    }

    /** Matrix product with torch.matmul's rules (batch dimensions broadcast, 1-D operands as vectors). */
    public Tensor matmul(Tensor other) {
        return MatMul.matmul(this, other);
    }
}
