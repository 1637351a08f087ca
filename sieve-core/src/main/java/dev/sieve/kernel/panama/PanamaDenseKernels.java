package dev.sieve.kernel.panama;

import static dev.sieve.kernel.panama.VectorReductions.L;
import static dev.sieve.kernel.panama.VectorReductions.S;

import dev.sieve.kernel.BinaryOp;
import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.UnaryOp;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Vector API implementations of {@link DenseKernels}. The last partial vector of a run is handled
 * with a mask, so every element goes through the same code (a value's result does not depend on its
 * position in the run).
 *
 * <p>No method here passes a vector to another method of ours: a vector that crosses a call the JIT
 * did not inline is boxed on the heap (see {@link VectorFunctions}). So the binary op switch sits in
 * the loop body with each arm loading, computing and storing on its own; the switch is loop-invariant,
 * one predicted branch per vector.
 */
final class PanamaDenseKernels implements DenseKernels {

    @Override
    public void binary(BinaryOp op, float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, aOff + i), vb = FloatVector.fromArray(S, b, bOff + i);
            switch (op) {
                case ADD -> va.add(vb).intoArray(out, outOff + i);
                case SUB -> va.sub(vb).intoArray(out, outOff + i);
                case MUL -> va.mul(vb).intoArray(out, outOff + i);
                case DIV -> va.div(vb).intoArray(out, outOff + i);
                case MAX -> va.max(vb).intoArray(out, outOff + i);
                case MIN -> va.min(vb).intoArray(out, outOff + i);
            }
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(S, a, aOff + i, m), vb = FloatVector.fromArray(S, b, bOff + i, m);
            switch (op) {
                case ADD -> va.add(vb).intoArray(out, outOff + i, m);
                case SUB -> va.sub(vb).intoArray(out, outOff + i, m);
                case MUL -> va.mul(vb).intoArray(out, outOff + i, m);
                case DIV -> va.div(vb).intoArray(out, outOff + i, m);
                case MAX -> va.max(vb).intoArray(out, outOff + i, m);
                case MIN -> va.min(vb).intoArray(out, outOff + i, m);
            }
        }
    }

    @Override
    public void binaryRunScalar(BinaryOp op, float[] a, int aOff, float s, float[] out, int outOff, int n) {
        FloatVector vs = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector va = FloatVector.fromArray(S, a, aOff + i), vb = vs;
            switch (op) {
                case ADD -> va.add(vb).intoArray(out, outOff + i);
                case SUB -> va.sub(vb).intoArray(out, outOff + i);
                case MUL -> va.mul(vb).intoArray(out, outOff + i);
                case DIV -> va.div(vb).intoArray(out, outOff + i);
                case MAX -> va.max(vb).intoArray(out, outOff + i);
                case MIN -> va.min(vb).intoArray(out, outOff + i);
            }
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector va = FloatVector.fromArray(S, a, aOff + i, m), vb = vs;
            switch (op) {
                case ADD -> va.add(vb).intoArray(out, outOff + i, m);
                case SUB -> va.sub(vb).intoArray(out, outOff + i, m);
                case MUL -> va.mul(vb).intoArray(out, outOff + i, m);
                case DIV -> va.div(vb).intoArray(out, outOff + i, m);
                case MAX -> va.max(vb).intoArray(out, outOff + i, m);
                case MIN -> va.min(vb).intoArray(out, outOff + i, m);
            }
        }
    }

    @Override
    public void binaryScalarRun(BinaryOp op, float s, float[] b, int bOff, float[] out, int outOff, int n) {
        FloatVector vs = FloatVector.broadcast(S, s);
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector va = vs, vb = FloatVector.fromArray(S, b, bOff + i);
            switch (op) {
                case ADD -> va.add(vb).intoArray(out, outOff + i);
                case SUB -> va.sub(vb).intoArray(out, outOff + i);
                case MUL -> va.mul(vb).intoArray(out, outOff + i);
                case DIV -> va.div(vb).intoArray(out, outOff + i);
                case MAX -> va.max(vb).intoArray(out, outOff + i);
                case MIN -> va.min(vb).intoArray(out, outOff + i);
            }
        }
        if (i < n) {
            VectorMask<Float> m = S.indexInRange(i, n);
            FloatVector va = vs, vb = FloatVector.fromArray(S, b, bOff + i, m);
            switch (op) {
                case ADD -> va.add(vb).intoArray(out, outOff + i, m);
                case SUB -> va.sub(vb).intoArray(out, outOff + i, m);
                case MUL -> va.mul(vb).intoArray(out, outOff + i, m);
                case DIV -> va.div(vb).intoArray(out, outOff + i, m);
                case MAX -> va.max(vb).intoArray(out, outOff + i, m);
                case MIN -> va.min(vb).intoArray(out, outOff + i, m);
            }
        }
    }

    @Override
    public void unary(UnaryOp op, float[] x, int xOff, float[] out, int outOff, int n) {
        switch (op) {
            case NEG -> neg(x, xOff, out, outOff, n);
            case SQRT -> sqrt(x, xOff, out, outOff, n);
            case RELU -> relu(x, xOff, out, outOff, n);
            case EXP -> VectorFunctions.exp(x, xOff, out, outOff, n);
            case LOG -> VectorFunctions.log(x, xOff, out, outOff, n);
            case TANH -> VectorFunctions.tanh(x, xOff, out, outOff, n, VectorFunctions.scratch());
            case SIGMOID -> VectorFunctions.sigmoid(x, xOff, out, outOff, n, VectorFunctions.scratch());
            case GELU_ERF -> VectorFunctions.geluErf(x, xOff, out, outOff, n, VectorFunctions.scratch());
            case GELU_TANH -> VectorFunctions.geluTanh(x, xOff, out, outOff, n, VectorFunctions.scratch());
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
}
