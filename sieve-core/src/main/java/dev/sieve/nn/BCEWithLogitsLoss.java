package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.tensor.Tensor;

/**
 * Binary cross-entropy from logits, mean over all elements, in the numerically stable form
 * max(x,0) − x·y + log(1+exp(−|x|)). The max/log part is softplus(x), recorded as one node whose gradient
 * is sigmoid(x) (exact also at x = 0, where the kinks of max and |x| would otherwise give 0).
 */
public final class BCEWithLogitsLoss {
    public Variable forward(Variable logits, Variable targets) {
        return Functions.mean(Functions.sub(softplus(logits), Functions.mul(logits, targets)));
    }

    /** softplus(x) = max(x,0) + log(1+exp(−|x|)), gradient sigmoid(x). */
    static Variable softplus(Variable x) {
        Tensor xv = x.value();
        Tensor y = Tensor.zeros(xv.dims());
        float[] xd = xv.data(), yd = y.data();
        int off = xv.offset();
        for (int i = 0; i < yd.length; i++) {
            double v = xd[off + i];
            yd[i] = (float) (Math.max(v, 0) + Math.log1p(Math.exp(-Math.abs(v))));
        }
        return Variable.result("softplus", y, g -> {
            Tensor dx = Tensor.zeros(xv.dims());
            float[] dd = dx.data(), gd = g.data();
            int go = g.offset();
            for (int i = 0; i < dd.length; i++) {
                double v = xd[off + i];
                double s = v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
                dd[i] = (float) (gd[go + i] * s);
            }
            return new Tensor[] {dx};
        }, x);
    }
}
