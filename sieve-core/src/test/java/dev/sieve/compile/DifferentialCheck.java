package dev.sieve.compile;

import dev.sieve.compile.expr.Access;
import dev.sieve.compile.expr.Add;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.IndexExpr;
import dev.sieve.compile.expr.Literal;
import dev.sieve.compile.expr.Mul;
import dev.sieve.compile.expr.Neg;
import dev.sieve.compile.expr.ReferenceEinsum;
import dev.sieve.compile.expr.Sub;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.tensor.Tensor;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Runs one compiled kernel on one set of inputs and compares it with {@link ReferenceEinsum}. Inputs are drawn
 * with consistent sizes: every index has one size, and a tensor read twice (as {@code A(i,j)} and {@code A(j,i)})
 * ties the sizes of the indices at each of its modes.
 */
final class DifferentialCheck {
    /** The largest generated method seen, for the record (must stay under HotSpot's 8000-byte JIT limit). */
    static final java.util.concurrent.atomic.AtomicInteger MAX_METHOD_BYTES = new java.util.concurrent.atomic.AtomicInteger();

    private DifferentialCheck() {}

    /** One evaluation's inputs: dense values by name and their sizes. */
    record Instance(Map<String, Tensor> dense, Map<String, int[]> dims, String description) {}

    /**
     * Dense inputs for {@code a}: each index a size from {@code sizes} (tied indices share one), each tensor a
     * density between 0 and 1, values either quarter-integers (exact in float, so any difference is a bug) or
     * normally distributed.
     */
    static Instance instance(SplittableRandom r, Assignment a, SizeChooser sizes) {
        Map<String, String> root = tiedIndices(a);
        List<String> classes = new ArrayList<>(new LinkedHashSet<>(root.values()));
        int[] members = new int[classes.size()];
        for (String v : a.indices()) members[classes.indexOf(root.get(v))]++;
        int[] chosen = sizes.sizes(r, members);
        Map<String, Integer> size = new LinkedHashMap<>();
        for (String v : a.indices()) size.put(v, chosen[classes.indexOf(root.get(v))]);
        boolean exact = r.nextInt(4) != 0;
        return instance(r, a, size, tensor -> switch (r.nextInt(8)) {
            case 0 -> 0.0;
            case 1 -> 1.0;
            default -> r.nextDouble();
        }, exact);
    }

    /** Inputs for {@code a} with these index sizes and each tensor's density. */
    static Instance instance(SplittableRandom r, Assignment a, Map<String, Integer> size, ToDoubleFunction<String> densityOf, boolean exact) {
        Map<String, Tensor> dense = new LinkedHashMap<>();
        Map<String, int[]> dims = new LinkedHashMap<>();
        StringBuilder d = new StringBuilder("sizes=" + size + (exact ? " quarter-integers" : " gaussian"));
        for (Access acc : a.accesses()) {
            if (dims.containsKey(acc.tensor())) continue;
            int[] shape = acc.indices().stream().mapToInt(size::get).toArray();
            double density = densityOf.applyAsDouble(acc.tensor());
            dims.put(acc.tensor(), shape);
            dense.put(acc.tensor(), values(r, shape, density, exact));
            d.append(String.format(" %s%s@%.2f", acc.tensor(), Arrays.toString(shape), density));
        }
        return new Instance(dense, dims, d.toString());
    }

    /** Chooses one size per class of tied indices; {@code members[c]} indices share class c's size. */
    @FunctionalInterface
    interface SizeChooser {
        int[] sizes(SplittableRandom r, int[] members);
    }

    /**
     * Mostly sizes 0..7 (0 and 1 more often than uniform); one instance in five also draws sizes around and
     * above the vector widths (16..130 floats, so vector bodies and register-tiled strips run, not only their
     * scalar tails), keeping the index space below 150k points so the reference stays fast.
     */
    static int[] mixedSizes(SplittableRandom r, int[] members) {
        boolean medium = r.nextInt(5) == 0;
        int[] s = new int[members.length];
        long points = 1;
        for (int c = 0; c < s.length; c++) s[c] = smallSize(r);
        for (int c = 0; c < s.length; c++) points *= power(Math.max(1, s[c]), members[c]);
        for (int c = 0; medium && c < s.length; c++) {
            if (!r.nextBoolean()) continue;
            int big = MEDIUM[r.nextInt(MEDIUM.length)];
            long grown = points / power(Math.max(1, s[c]), members[c]) * power(big, members[c]);
            if (grown <= 150_000) {
                s[c] = big;
                points = grown;
            }
        }
        return s;
    }

    private static long power(long base, int exponent) {
        long p = 1;
        for (int e = 0; e < exponent; e++) p = Math.min(p * base, 1L << 40);
        return p;
    }

    private static final int[] MEDIUM = {15, 16, 17, 31, 33, 48, 64, 65, 70, 130};

    /** Sizes 0..7, with 0 and 1 more often than uniform. */
    static int smallSize(SplittableRandom r) {
        return switch (RandomEinsums.weighted(r, 1, 2, 7)) {
            case 0 -> 0;
            case 1 -> 1;
            default -> 2 + r.nextInt(6);
        };
    }

    static Tensor values(SplittableRandom r, int[] shape, double density, boolean exact) {
        int n = 1;
        for (int s : shape) n *= s;
        float[] v = new float[n];
        for (int e = 0; e < n; e++) {
            if (r.nextDouble() >= density) continue;
            if (exact) {
                int q = r.nextInt(1, 17) * (r.nextBoolean() ? 1 : -1); // +-1/4 .. +-4
                v[e] = q / 4f;
            } else {
                float x = (float) r.nextGaussian();
                v[e] = x == 0f ? 1f : x;
            }
        }
        return Tensor.wrap(v, shape);
    }

    /** Union-find over indices that sit at the same mode of one tensor, as representative by index. */
    private static Map<String, String> tiedIndices(Assignment a) {
        Map<String, String> parent = new HashMap<>();
        for (String v : a.indices()) parent.put(v, v);
        Map<String, Access> first = new HashMap<>();
        for (Access acc : a.accesses()) {
            Access f = first.putIfAbsent(acc.tensor(), acc);
            if (f == null) continue;
            for (int m = 0; m < acc.rank(); m++) parent.put(find(parent, acc.indices().get(m)), find(parent, f.indices().get(m)));
        }
        Map<String, String> root = new HashMap<>();
        for (String v : a.indices()) root.put(v, find(parent, v));
        return root;
    }

    private static String find(Map<String, String> parent, String v) {
        while (!parent.get(v).equals(v)) v = parent.get(v);
        return v;
    }

    /**
     * Compiles {@code spec} for the instance's dims (a memory-cache hit after the first time), evaluates on
     * {@code rt} (null: through {@link Einsum#evaluate} on the shared pool), and returns null if the result matches the reference and has the requested format, else a
     * description of the first difference.
     */
    static String check(RandomEinsums.KernelSpec spec, Instance in, ParallelRuntime rt) {
        CompiledEinsum c = Einsum.compile(spec.expression(), spec.formats(), in.dims(), spec.output(), spec.parsedSchedule());
        if (c.largestMethodBytes() <= 0 || c.largestMethodBytes() > dev.sieve.compile.codegen.KernelCache.HUGE_METHOD_LIMIT) {
            throw new AssertionError(spec.expression() + ": largest generated method is " + c.largestMethodBytes() + " bytes of bytecode");
        }
        MAX_METHOD_BYTES.accumulateAndGet(c.largestMethodBytes(), Math::max);
        Map<String, FormattedTensor> inputs = new LinkedHashMap<>();
        for (var e : in.dense().entrySet()) inputs.put(e.getKey(), FormattedTensor.fromDense(e.getValue(), spec.formats().get(e.getKey())));
        FormattedTensor got = rt == null ? Einsum.evaluate(spec.expression(), inputs, spec.output(), spec.parsedSchedule())
                : c.evaluate(inputs, rt);
        Format wantFormat = spec.output() != null ? spec.output() : c.outputFormat();
        if (!got.format().equals(wantFormat)) return "result format " + got.format() + ", expected " + wantFormat;
        if (wantFormat.rank() != spec.assignment().lhs().rank()) return "inferred output format " + wantFormat + " has the wrong rank";
        return compare(spec.assignment(), in.dense(), got.toDense());
    }

    /**
     * Null if {@code got} equals the reference within 1e-4 relative plus an absolute allowance scaled by the
     * magnitude of the summands (the reference over |inputs| with every sign made positive), which bounds
     * float32 rounding whatever the summation order.
     */
    static String compare(Assignment a, Map<String, Tensor> dense, Tensor got) {
        Tensor want = ReferenceEinsum.evaluate(a, dense);
        if (!Arrays.equals(want.dims(), got.dims())) return "dims " + Arrays.toString(got.dims()) + ", expected " + Arrays.toString(want.dims());
        Map<String, Tensor> abs = new HashMap<>();
        for (var e : dense.entrySet()) {
            float[] src = e.getValue().data(), v = new float[e.getValue().size()];
            for (int i = 0; i < v.length; i++) v[i] = Math.abs(src[e.getValue().offset() + i]);
            abs.put(e.getKey(), Tensor.wrap(v, e.getValue().dims()));
        }
        Tensor magnitude = ReferenceEinsum.evaluate(new Assignment(a.lhs(), absolute(a.rhs())), abs);
        for (int i = 0; i < want.size(); i++) {
            float w = want.data()[want.offset() + i], g = got.data()[got.offset() + i];
            float mag = magnitude.data()[magnitude.offset() + i];
            double tol = 1e-4 * Math.abs(w) + 1e-5 * mag + 1e-6;
            if (!(Math.abs(w - g) <= tol)) {
                return "element " + i + " (" + coords(i, want.dims()) + "): got " + g + ", expected " + w + " (tolerance " + (float) tol + ")";
            }
        }
        return null;
    }

    /** The same tree with every sign positive: an upper bound on the size of each summand. */
    private static IndexExpr absolute(IndexExpr e) {
        return switch (e) {
            case Access acc -> acc;
            case Literal l -> new Literal(Math.abs(l.value()));
            case Add(IndexExpr l, IndexExpr r) -> new Add(absolute(l), absolute(r));
            case Sub(IndexExpr l, IndexExpr r) -> new Add(absolute(l), absolute(r));
            case Mul(IndexExpr l, IndexExpr r) -> new Mul(absolute(l), absolute(r));
            case Neg(IndexExpr x) -> absolute(x);
        };
    }

    private static String coords(int flat, int[] dims) {
        int[] c = new int[dims.length];
        for (int m = dims.length - 1; m >= 0; m--) {
            c[m] = flat % dims[m];
            flat /= dims[m];
        }
        return Arrays.toString(c);
    }
}
