package dev.sieve.compile.expr;

import dev.sieve.tensor.Tensor;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dense reference semantics of an {@link Assignment}, for differential tests of compiled
 * kernels: plain nested loops, no cleverness. Each output element is computed independently in
 * double precision by walking the expression tree, summing each reduction index at its scope
 * ({@link Reductions}), and rounded to float32 once at the end. Cost is the product of the index
 * sizes per scope, so keep sizes small.
 */
public final class ReferenceEinsum {
    private ReferenceEinsum() {}

    /**
     * Evaluates {@code a} over dense {@code inputs} (by tensor name; unused entries are ignored).
     *
     * @return a new float32 tensor of the output dimensions; rank 0 for a rank-0 output
     * @throws IllegalArgumentException if an input is missing or the shapes disagree (see
     *     {@link Shapes#indexSizes})
     */
    public static Tensor evaluate(Assignment a, Map<String, Tensor> inputs) {
        Map<String, int[]> dims = new HashMap<>();
        for (String name : a.inputs()) {
            Tensor t = inputs.get(name);
            if (t != null) dims.put(name, t.dims());
        }
        Map<String, Integer> sizes = Shapes.indexSizes(a, dims);
        Tensor out = Tensor.zeros(Shapes.outputDims(a, sizes));
        new Evaluation(a, inputs, sizes).fill(out);
        return out;
    }

    /** The loop state of one evaluation: the current value of every index variable. */
    private static final class Evaluation {
        private record Operand(float[] data, int offset, int[] strides, int[] slots) {}

        private final IndexExpr rhs;
        private final int outputRank;
        private final int[] size;
        private final int[] value;
        private final Map<IndexExpr, int[]> summedAt = new IdentityHashMap<>();
        private final Map<Access, Operand> operands = new IdentityHashMap<>();

        Evaluation(Assignment a, Map<String, Tensor> inputs, Map<String, Integer> sizes) {
            List<String> indices = a.indices();
            Map<String, Integer> slot = new HashMap<>();
            size = new int[indices.size()];
            for (int s = 0; s < size.length; s++) {
                slot.put(indices.get(s), s);
                size[s] = sizes.get(indices.get(s));
            }
            value = new int[size.length];
            rhs = a.rhs();
            outputRank = a.lhs().rank();
            Reductions.reductionScopes(a).forEach((node, summed) ->
                    summedAt.put(node, summed.stream().mapToInt(slot::get).toArray()));
            for (Access access : Trees.accesses(rhs)) {
                Tensor t = inputs.get(access.tensor());
                int[] slots = access.indices().stream().mapToInt(slot::get).toArray();
                operands.put(access, new Operand(t.data(), t.offset(), t.shape().strides(), slots));
            }
        }

        /** Writes every output element, in row-major order (output indices hold slots 0..rank-1). */
        void fill(Tensor out) {
            float[] data = out.data();
            for (int flat = 0; flat < out.size(); flat++) {
                data[out.offset() + flat] = (float) eval(rhs);
                for (int d = outputRank - 1; d >= 0; d--) {
                    if (++value[d] < size[d]) break;
                    value[d] = 0;
                }
            }
        }

        private double eval(IndexExpr e) {
            int[] summed = summedAt.get(e);
            return summed == null ? local(e) : sum(e, summed, 0);
        }

        /** The sum of {@code e}'s own value over the indices {@code summed[k..]}. */
        private double sum(IndexExpr e, int[] summed, int k) {
            if (k == summed.length) return local(e);
            int s = summed[k];
            double total = 0;
            for (int v = 0; v < size[s]; v++) {
                value[s] = v;
                total += sum(e, summed, k + 1);
            }
            return total;
        }

        /** The value of {@code e} at the current index values, without the sums scoped at {@code e}. */
        private double local(IndexExpr e) {
            return switch (e) {
                case Access access -> read(operands.get(access));
                case Literal l -> l.value();
                case Add(IndexExpr l, IndexExpr r) -> eval(l) + eval(r);
                case Sub(IndexExpr l, IndexExpr r) -> eval(l) - eval(r);
                case Mul(IndexExpr l, IndexExpr r) -> eval(l) * eval(r);
                case Neg(IndexExpr x) -> -eval(x);
            };
        }

        private double read(Operand op) {
            int flat = op.offset;
            for (int d = 0; d < op.slots.length; d++) flat += value[op.slots[d]] * op.strides[d];
            return op.data[flat];
        }
    }
}
