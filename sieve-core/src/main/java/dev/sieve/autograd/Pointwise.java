package dev.sieve.autograd;

import dev.sieve.kernel.Erf;
import dev.sieve.ops.Elementwise;
import dev.sieve.ops.Reductions;
import dev.sieve.tensor.Shape;
import dev.sieve.tensor.Tensor;

/** Element-wise operations (binary ones broadcast) and their gradients. */
final class Pointwise {
    private Pointwise() {}

    /** The gradient of a broadcast operand: {@code g} summed back to the operand's shape. */
    static Tensor unbroadcast(Tensor g, Shape shape) {
        return g.shape().equals(shape) ? g : Reductions.sumTo(g, shape);
    }

    static Variable add(Variable a, Variable b) {
        Shape sa = a.shape(), sb = b.shape();
        return Variable.result("add", Elementwise.add(a.value(), b.value()),
                g -> new Tensor[] {unbroadcast(g, sa), unbroadcast(g, sb)}, a, b);
    }

    static Variable sub(Variable a, Variable b) {
        Shape sa = a.shape(), sb = b.shape();
        return Variable.result("sub", Elementwise.sub(a.value(), b.value()),
                g -> new Tensor[] {unbroadcast(g, sa), b.requiresGrad() ? unbroadcast(Elementwise.neg(g), sb) : null}, a, b);
    }

    static Variable mul(Variable a, Variable b) {
        Tensor av = a.value(), bv = b.value();
        return Variable.result("mul", Elementwise.mul(av, bv), g -> new Tensor[] {
                a.requiresGrad() ? unbroadcast(Elementwise.mul(g, bv), av.shape()) : null,
                b.requiresGrad() ? unbroadcast(Elementwise.mul(g, av), bv.shape()) : null}, a, b);
    }

    static Variable div(Variable a, Variable b) {
        Tensor av = a.value(), bv = b.value();
        Tensor y = Elementwise.div(av, bv);
        return Variable.result("div", y, g -> new Tensor[] {
                a.requiresGrad() ? unbroadcast(Elementwise.div(g, bv), av.shape()) : null,
                // d(a/b)/db = -(a/b)/b
                b.requiresGrad() ? unbroadcast(Elementwise.neg(Elementwise.div(Elementwise.mul(g, y), bv)), bv.shape()) : null}, a, b);
    }

    static Variable neg(Variable x) {
        return Variable.result("neg", Elementwise.neg(x.value()), g -> new Tensor[] {Elementwise.neg(g)}, x);
    }

    static Variable exp(Variable x) {
        Tensor y = Elementwise.exp(x.value());
        return Variable.result("exp", y, g -> new Tensor[] {Elementwise.mul(g, y)}, x);
    }

    static Variable log(Variable x) {
        Tensor xv = x.value();
        return Variable.result("log", Elementwise.log(xv), g -> new Tensor[] {Elementwise.div(g, xv)}, x);
    }

    static Variable sqrt(Variable x) {
        Tensor y = Elementwise.sqrt(x.value());
        return Variable.result("sqrt", y, g -> new Tensor[] {Elementwise.div(Elementwise.mul(g, 0.5f), y)}, x);
    }

    static Variable tanh(Variable x) {
        Tensor y = Elementwise.tanh(x.value());
        return Variable.result("tanh", y, g -> new Tensor[] {map(g, y, (gi, yi) -> gi * (1f - yi * yi))}, x);
    }

    static Variable sigmoid(Variable x) {
        Tensor y = Elementwise.sigmoid(x.value());
        return Variable.result("sigmoid", y, g -> new Tensor[] {map(g, y, (gi, yi) -> gi * yi * (1f - yi))}, x);
    }

    /** ReLU; the gradient at exactly 0 is taken as 0 (as PyTorch). */
    static Variable relu(Variable x) {
        Tensor xv = x.value();
        return Variable.result("relu", Elementwise.relu(xv), g -> new Tensor[] {map(g, xv, (gi, xi) -> xi > 0f ? gi : 0f)}, x);
    }

    private static final double INV_SQRT_2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2.0 / Math.PI);

    /** GELU, exact (erf) form: d/dx x·Φ(x) = Φ(x) + x·φ(x). */
    static Variable gelu(Variable x) {
        Tensor xv = x.value();
        return Variable.result("gelu", Elementwise.gelu(xv), g -> new Tensor[] {map(g, xv, (gi, xi) -> {
            double cdf = 0.5 * Erf.erfc((float) (-xi * INV_SQRT_2));
            double pdf = INV_SQRT_2PI * Math.exp(-0.5 * (double) xi * xi);
            return (float) (gi * (cdf + xi * pdf));
        })}, x);
    }

    /** GELU, tanh approximation: 0.5·x·(1 + tanh(u)), u = √(2/π)·(x + 0.044715·x³). */
    static Variable geluTanh(Variable x) {
        Tensor xv = x.value();
        return Variable.result("geluTanh", Elementwise.geluTanh(xv), g -> new Tensor[] {map(g, xv, (gi, xi) -> {
            double xd = xi;
            double t = Math.tanh(SQRT_2_OVER_PI * (xd + 0.044715 * xd * xd * xd));
            double du = SQRT_2_OVER_PI * (1 + 3 * 0.044715 * xd * xd);
            return (float) (gi * (0.5 * (1 + t) + 0.5 * xd * (1 - t * t) * du));
        })}, x);
    }

    interface FloatBinary {
        float apply(float a, float b);
    }

    /** out[i] = f(a[i], b[i]) for same-shaped tensors. */
    static Tensor map(Tensor a, Tensor b, FloatBinary f) {
        if (!a.shape().equals(b.shape())) throw new IllegalStateException("shapes differ: " + a.shape() + " vs " + b.shape());
        Tensor out = Tensor.zeros(a.dims());
        float[] ad = a.data(), bd = b.data(), od = out.data();
        int ao = a.offset(), bo = b.offset();
        for (int i = 0; i < od.length; i++) od[i] = f.apply(ad[ao + i], bd[bo + i]);
        return out;
    }
}
