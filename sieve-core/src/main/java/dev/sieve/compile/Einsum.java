package dev.sieve.compile;

import dev.sieve.compile.codegen.KernelCache;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.Parser;
import dev.sieve.compile.expr.Shapes;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.KernelPlan;
import dev.sieve.compile.plan.Planner;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.kernel.VectorizationProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensor compiler's entry point: an einsum ({@code "ik,kj->ij"}) or index-notation expression
 * ({@code "C(i,j) = A(i,k) * B(k,j) + D(i,j)"}) over inputs that each carry a format of levels, compiled to a
 * specialised Java kernel (cached in memory and on disk) and run.
 *
 * <pre>{@code
 * FormattedTensor a = FormattedTensor.of(csr);                  // CSR matrix as (dense, compressed) levels
 * FormattedTensor h = FormattedTensor.fromDense(features, Format.dense(2));
 * FormattedTensor y = Einsum.evaluate("ik,kj->ij", a, h);        // a dense result: SpMM
 * }</pre>
 */
public final class Einsum {
    private Einsum() {}

    /**
     * Compiles {@code expression} for inputs with these formats and dimensions.
     *
     * @param output the output format, or null to infer it ({@code OutputFormats})
     * @param schedule overrides, or {@link Schedule#automatic()}
     */
    public static CompiledEinsum compile(String expression, Map<String, Format> formats, Map<String, int[]> dims, Format output,
                                         Schedule schedule) {
        return compile(expression, formats, dims, output, schedule, Map.of());
    }

    /**
     * As above, with the number of stored entries of (some) inputs: the scheduler weighs re-storing dense
     * operands against the work the sparse ones bring (see {@code Planner.transposition}). Inputs without a
     * count are assumed dense enough.
     */
    public static CompiledEinsum compile(String expression, Map<String, Format> formats, Map<String, int[]> dims, Format output,
                                         Schedule schedule, Map<String, Integer> stored) {
        return cached(expression, formats, dims, output, schedule, stored, null);
    }

    /** Through the front cache: a repeated request skips parsing and planning as well as code generation. */
    private static CompiledEinsum cached(String expression, Map<String, Format> formats, Map<String, int[]> dims, Format output,
                                         Schedule schedule, Map<String, Integer> stored, dev.sieve.compile.plan.Epilogue epilogue) {
        StringBuilder key = new StringBuilder(expression).append('|').append(output).append('|').append(schedule).append('|').append(epilogue);
        for (var e : new java.util.TreeMap<>(formats).entrySet()) {
            key.append('|').append(e.getKey()).append(':').append(e.getValue()).append(java.util.Arrays.toString(dims.get(e.getKey())));
            Integer n = stored.get(e.getKey());
            if (n != null) key.append('#').append(n);
        }
        String k = key.toString();
        synchronized (RECENT) {
            CompiledEinsum hit = RECENT.get(k);
            if (hit != null) return hit.asCacheHit();
        }
        CompiledEinsum c = compileUncached(expression, formats, dims, output, schedule, stored, epilogue);
        synchronized (RECENT) {
            RECENT.put(k, c);
        }
        return c;
    }

    /**
     * The most recently compiled expressions by (expression, formats, dims, output, schedule): a repeated call
     * skips parsing and planning as well as code generation. Bounded, least recently used first out.
     */
    private static final Map<String, CompiledEinsum> RECENT = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompiledEinsum> eldest) {
            return size() > 256;
        }
    };

    private static CompiledEinsum compileUncached(String expression, Map<String, Format> formats, Map<String, int[]> dims, Format output,
                                                  Schedule schedule, Map<String, Integer> stored, dev.sieve.compile.plan.Epilogue epilogue) {
        Assignment a = Parser.parse(expression);
        Map<String, int[]> exprDims = dims;
        if (epilogue != null && epilogue.bias() != null) {
            exprDims = new LinkedHashMap<>(dims);
            exprDims.remove(epilogue.bias());
        }
        Map<String, Integer> sizes = Shapes.indexSizes(a, exprDims);
        int[] outDims = Shapes.outputDims(a, sizes);
        if (epilogue != null && epilogue.bias() != null) {
            int[] b = dims.get(epilogue.bias());
            Integer n = sizes.get(epilogue.index());
            if (b == null || b.length != 1 || n == null || b[0] != n)
                throw new IllegalArgumentException("bias " + epilogue.bias() + " must be a vector of " + n + " (the size of " + epilogue.index()
                        + "), got " + (b == null ? "none" : java.util.Arrays.toString(b)));
        }
        if (epilogue != null) output = Format.dense(a.lhs().indices().size());
        KernelPlan plan = Planner.plan(a, formats, sizes, output, schedule, vectorLanes(), epilogue, stored);
        return new CompiledEinsum(plan, KernelCache.get(plan), formats, dims, sizes, outDims);
    }

    /**
     * Compiles {@code expression} with an epilogue applied to every output element (a bias along one output
     * index, then an activation), fused into the kernel's stores where its loop structure allows. The bias is
     * an extra rank-1 input named {@code epilogue.bias()}: include it in {@code formats}/{@code dims} (dense)
     * and in the inputs of {@link CompiledEinsum#evaluate}. The output is dense.
     */
    public static CompiledEinsum compile(String expression, Map<String, Format> formats, Map<String, int[]> dims, Schedule schedule,
                                         dev.sieve.compile.plan.Epilogue epilogue) {
        return cached(expression, formats, dims, null, schedule, Map.of(), epilogue); // dense output, set once parsed
    }

    /** Forgets the recently compiled expressions held by {@link #compile} (the kernel caches stay). */
    public static void clearRecent() {
        synchronized (RECENT) {
            RECENT.clear();
        }
    }

    /** Compiles for these inputs (formats and dims taken from them) and evaluates. */
    public static FormattedTensor evaluate(String expression, Map<String, FormattedTensor> inputs, Format output, Schedule schedule) {
        return compileFor(expression, inputs, output, schedule).evaluate(inputs);
    }

    /** Inputs bound in order of first appearance on the right-hand side (A, B, ... for an einsum string). */
    public static FormattedTensor evaluate(String expression, FormattedTensor... inputs) {
        Assignment a = Parser.parse(expression);
        return evaluate(expression, CompiledEinsum.named(a, inputs), null, Schedule.automatic());
    }

    /** Compiles for the formats and dims of {@code inputs}. */
    public static CompiledEinsum compileFor(String expression, Map<String, FormattedTensor> inputs, Format output, Schedule schedule) {
        Map<String, Format> formats = new LinkedHashMap<>();
        Map<String, int[]> dims = new LinkedHashMap<>();
        Map<String, Integer> stored = new LinkedHashMap<>();
        for (var e : inputs.entrySet()) {
            formats.put(e.getKey(), e.getValue().format());
            dims.put(e.getKey(), e.getValue().dims());
            if (!e.getValue().format().isAllDense()) stored.put(e.getKey(), e.getValue().nnz());
        }
        return compile(expression, formats, dims, output, schedule, stored);
    }

    static Map<String, FormattedTensor> bind(Assignment a, FormattedTensor[] inputs) {
        return CompiledEinsum.named(a, inputs);
    }

    /** Floats per vector in generated code: the Vector API's preferred width when it is available, else 0 (scalar). */
    public static int vectorLanes() {
        VectorizationProvider p = VectorizationProvider.get();
        return p.isVectorized() ? p.vectorBitSize() / 32 : 0;
    }
}
