package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorMath.L;
import static dev.sieve.kernel.panama.VectorMath.S;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Vector API implementations of {@link DenseKernels}. The last partial vector of a run is handled
 * with a mask, so every element goes through the same code (a value's result does not depend on its
 * position in the run).
 *
 * <p>Binary ops switch inside the loop, in a small method the JIT inlines; the switch is loop-invariant,
 * so it costs one predicted branch per vector while each arm stays a direct, intrinsified call. Unary
 * ops each get their own loop instead: with every transcendental body inlined into one loop the JIT
 * runs out of inlining budget, stops inlining, and then boxes every vector (measured: 16 bytes
 * allocated per element, several times slower).
 */
final class PanamaDenseKernels implements DenseKernels {

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            apply(op, FloatVector.fromArray(S, a, aOff + i), FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            apply(op, FloatVector.fromArray(S, a, aOff + i, m), FloatVector.fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void binaryRunScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        FloatVector vs = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            apply(op, FloatVector.fromArray(S, a, aOff + i), vs).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            apply(op, FloatVector.fromArray(S, a, aOff + i, m), vs).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void binaryScalarRun(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        FloatVector vs = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            apply(op, vs, FloatVector.fromArray(S, b, bOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            apply(op, vs, FloatVector.fromArray(S, b, bOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEG -> neg(x, xOff, out, outOff, n);
            case EXP -> exp(x, xOff, out, outOff, n);
            case LOG -> log(x, xOff, out, outOff, n);
            case SQRT -> sqrt(x, xOff, out, outOff, n);
            case TANH -> tanh(x, xOff, out, outOff, n);
            case SIGMOID -> sigmoid(x, xOff, out, outOff, n);
            case RELU -> relu(x, xOff, out, outOff, n);
            case GELU_ERF -> geluErf(x, xOff, out, outOff, n);
            case GELU_TANH -> geluTanh(x, xOff, out, outOff, n);
        }
    }

    private static void neg(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).neg().intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).neg().intoArray(out, outOff + i, m);
        }
    }

    private static void exp(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMath.exp(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.exp(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void log(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.LOG).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).lanewise(VectorOperators.LOG).intoArray(out, outOff + i, m);
        }
    }

    private static void sqrt(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).sqrt().intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).sqrt().intoArray(out, outOff + i, m);
        }
    }

    private static void tanh(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).lanewise(VectorOperators.TANH).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).lanewise(VectorOperators.TANH).intoArray(out, outOff + i, m);
        }
    }

    private static void sigmoid(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMath.sigmoid(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.sigmoid(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void relu(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector.fromArray(S, x, xOff + i).max(0f).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector.fromArray(S, x, xOff + i, m).max(0f).intoArray(out, outOff + i, m);
        }
    }

    private static void geluErf(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMath.geluErf(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.geluErf(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static void geluTanh(float[] x, int xOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            VectorMath.geluTanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(out, outOff + i);
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            VectorMath.geluTanh(FloatVector.fromArray(S, x, xOff + i, m)).intoArray(out, outOff + i, m);
        }
    }

    private static FloatVector apply(BinaryOp op, FloatVector a, FloatVector b) {
        return switch (op) {
            case ADD -> a.add(b);
            case SUB -> a.sub(b);
            case MUL -> a.mul(b);
            case DIV -> a.div(b);
            case MAX -> a.max(b);
            case MIN -> a.min(b);
        };
    }
}
