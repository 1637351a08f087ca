package dev.sieve.autograd;

import dev.sieve.compile.Einsum;
import dev.sieve.compile.expr.Access;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.Parser;
import dev.sieve.compile.expr.Shapes;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.compile.plan.Term;
import dev.sieve.compile.plan.Terms;
import dev.sieve.ops.Elementwise;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A compiled einsum as a differentiable operation. The right-hand side is a sum of products, so the gradient
 * with respect to one occurrence of an input is again an einsum: the output gradient times the other factors of
 * that occurrence's term, summed over every index the occurrence does not have (and scaled by the size of any
 * index the term only broadcasts over). Each such gradient is compiled like the forward pass.
 *
 * <p>An input given a sparse format is treated as a tensor whose zeros are structural (a pruned weight, an
 * adjacency): its gradient is sampled at its stored positions only, by multiplying the gradient einsum with the
 * input's pattern (an SDDMM when the rest is a matrix product), and is zero elsewhere.
 */
final class CompiledEinsumOp {
    private CompiledEinsumOp() {}

    static Variable apply(String expression, List<Variable> inputs, List<Format> formats) {
        Assignment a = Parser.parse(expression);
        List<String> names = a.inputs();
        if (inputs.size() != names.size())
            throw new IllegalArgumentException("einsum " + a + " takes " + names.size() + " inputs " + names + ", got " + inputs.size());
        if (formats != null && formats.size() != inputs.size())
            throw new IllegalArgumentException("einsum: " + inputs.size() + " inputs but " + formats.size() + " formats");
        Map<String, FormattedTensor> stored = new LinkedHashMap<>();
        Map<String, int[]> dims = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            Tensor v = inputs.get(i).value();
            Format f = formats == null || formats.get(i) == null ? Format.dense(v.rank()) : formats.get(i);
            stored.put(names.get(i), FormattedTensor.fromDense(v, f));
            dims.put(names.get(i), v.dims());
        }
        Tensor out = Einsum.evaluate(expression, stored, Format.dense(a.lhs().indices().size()), Schedule.automatic()).toDense();
        Map<String, Integer> sizes = Shapes.indexSizes(a, dims);
        return Variable.result("einsum", out, g -> gradients(a, stored, sizes, g), inputs.toArray(Variable[]::new));
    }

    private static Tensor[] gradients(Assignment a, Map<String, FormattedTensor> stored, Map<String, Integer> sizes, Tensor g) {
        List<String> names = a.inputs();
        Tensor[] grads = new Tensor[names.size()];
        String gName = "G_", pName = "P_";
        List<String> out = a.lhs().indices();
        for (Term t : Terms.of(a)) {
            for (int occ = 0; occ < t.factors().size(); occ++) {
                Access x = t.factors().get(occ);
                int which = names.indexOf(x.tensor());
                FormattedTensor xs = stored.get(x.tensor());
                boolean sparse = !xs.format().isAllDense();
                double coef = t.coefficient();
                // Indices the term loops over that no factor, the output or x carries: each multiplies by its size.
                List<String> present = new ArrayList<>(out);
                for (Access f : t.factors()) present.addAll(f.indices());
                for (String v : t.indices()) if (!present.contains(v)) coef *= sizes.get(v);

                StringBuilder rhs = new StringBuilder(literal(coef)).append(" * ").append(gName).append(args(out));
                Map<String, FormattedTensor> in = new LinkedHashMap<>();
                in.put(gName, FormattedTensor.fromDense(g, Format.dense(out.size())));
                for (int o = 0; o < t.factors().size(); o++) {
                    if (o == occ) continue;
                    Access f = t.factors().get(o);
                    String alias = "F" + o + "_";
                    rhs.append(" * ").append(alias).append(args(f.indices()));
                    in.put(alias, stored.get(f.tensor()));
                }
                if (sparse) {
                    rhs.append(" * ").append(pName).append(args(x.indices()));
                    in.put(pName, ones(xs));
                } else {
                    // The gradient is broadcast along x's indices that nothing else carries: a vector of ones each.
                    List<String> carried = new ArrayList<>(out);
                    for (int o = 0; o < t.factors().size(); o++) if (o != occ) carried.addAll(t.factors().get(o).indices());
                    for (String v : x.indices()) {
                        if (carried.contains(v)) continue;
                        String alias = "One" + v + "_";
                        rhs.append(" * ").append(alias).append("(").append(v).append(")");
                        in.put(alias, FormattedTensor.fromDense(Tensor.full(1f, sizes.get(v)), Format.dense(1)));
                    }
                }
                String expr = "D_" + args(x.indices()) + " = " + rhs;
                Tensor d = Einsum.evaluate(expr, in, Format.dense(x.indices().size()), Schedule.automatic()).toDense();
                grads[which] = grads[which] == null ? d : Elementwise.add(grads[which], d);
            }
        }
        return grads;
    }

    private static String args(List<String> indices) {
        return indices.isEmpty() ? "" : "(" + String.join(",", indices) + ")";
    }

    private static String literal(double c) {
        // The exact decimal value of the double, without an exponent: it parses back to the same double.
        String s = new java.math.BigDecimal(Math.abs(c)).toPlainString();
        return c < 0 ? "(-" + s + ")" : s;
    }

    /** The same pattern with every stored value 1: multiplying by it samples a product at the stored positions. */
    private static FormattedTensor ones(FormattedTensor t) {
        int r = t.rank();
        int[][] pos = new int[r][], crd = new int[r][];
        for (int k = 0; k < r; k++) {
            pos[k] = t.pos(k);
            crd[k] = t.crd(k);
        }
        float[] v = new float[t.nnz()];
        java.util.Arrays.fill(v, 1f);
        return FormattedTensor.wrap(t.dims(), t.format(), pos, crd, v);
    }
}
