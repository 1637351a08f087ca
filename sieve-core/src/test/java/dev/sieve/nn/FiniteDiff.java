package dev.sieve.nn;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;
import java.util.function.Supplier;

/** Central finite differences of a scalar loss w.r.t. parameters, compared with autograd (as GradCheck). */
final class FiniteDiff {
    static final float H = 1e-2f;
    static final double TOL = 1e-2;

    private FiniteDiff() {}

    static void check(String what, Supplier<Variable> loss, Variable... params) {
        for (Variable p : params) p.zeroGrad();
        loss.get().backward();
        for (int k = 0; k < params.length; k++) {
            Tensor a = params[k].grad();
            if (a == null) throw new AssertionError(what + ": no gradient for parameter " + k);
            float[] x = params[k].value().data();
            int off = params[k].value().offset();
            for (int j = 0; j < params[k].value().size(); j++) {
                float saved = x[off + j];
                x[off + j] = saved + H;
                double plus = eval(loss);
                x[off + j] = saved - H;
                double minus = eval(loss);
                x[off + j] = saved;
                double num = (plus - minus) / (2.0 * H);
                double an = a.data()[a.offset() + j];
                if (Math.abs(an - num) > TOL * Math.max(1.0, Math.max(Math.abs(an), Math.abs(num))))
                    throw new AssertionError(what + ": param " + k + " element " + j + ": analytic " + an + ", numeric " + num);
            }
        }
    }

    private static double eval(Supplier<Variable> loss) {
        try (NoGrad g = NoGrad.enter()) {
            return loss.get().value().item();
        }
    }
}
