package dev.sieve.compile;

import dev.sieve.compile.codegen.KernelCache;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.KernelPlan;
import dev.sieve.compile.run.KernelRunner;
import dev.sieve.parallel.Parallel;
import dev.sieve.parallel.ParallelRuntime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An expression compiled for given input formats and sizes: the plan, the generated source, and a kernel that
 * evaluates it on any inputs with exactly those formats and dimensions. Immutable and thread-safe.
 */
public final class CompiledEinsum {
    private final KernelPlan plan;
    private final KernelCache.Kernel kernel;
    private final Map<String, Format> formats;
    private final Map<String, int[]> dims;
    private final Map<String, Integer> sizes;
    private final int[] outDims;

    CompiledEinsum(KernelPlan plan, KernelCache.Kernel kernel, Map<String, Format> formats, Map<String, int[]> dims,
                   Map<String, Integer> sizes, int[] outDims) {
        this.plan = plan;
        this.kernel = kernel;
        this.formats = Map.copyOf(formats);
        this.dims = Map.copyOf(dims);
        this.sizes = Map.copyOf(sizes);
        this.outDims = outDims.clone();
    }

    /** The same compiled expression, reported as a memory-cache hit (no compile time). */
    CompiledEinsum asCacheHit() {
        if (kernel.origin() == KernelCache.Origin.MEMORY) return this;
        KernelCache.Kernel k = new KernelCache.Kernel(kernel.run(), kernel.source(), kernel.className(), 0, KernelCache.Origin.MEMORY,
                kernel.fusedEpilogue(), kernel.largestMethodBytes());
        return new CompiledEinsum(plan, k, formats, dims, sizes, outDims);
    }

    /** Bytecode length of the generated class's largest method (HotSpot JIT-compiles methods up to 8000). */
    public int largestMethodBytes() {
        return kernel.largestMethodBytes();
    }

    public KernelPlan plan() {
        return plan;
    }

    public Assignment assignment() {
        return plan.assignment();
    }

    /** The generated Java source. */
    public String source() {
        return kernel.source();
    }

    /** Milliseconds spent generating, compiling (or reading from disk) and loading the kernel; 0 on a memory hit. */
    public double compileMillis() {
        return kernel.compileMillis();
    }

    public KernelCache.Origin origin() {
        return kernel.origin();
    }

    /** Scheduling decisions worth reporting (re-stored operands, serial outer loops). */
    public List<String> notes() {
        return plan.notes();
    }

    /** The format of the results {@link #evaluate} returns. */
    public Format outputFormat() {
        return plan.delivered();
    }

    public int[] outputDims() {
        return outDims.clone();
    }

    /** Evaluates with inputs bound by name, on the shared thread pool. */
    public FormattedTensor evaluate(Map<String, FormattedTensor> inputs) {
        return evaluate(inputs, Parallel.runtime());
    }

    public FormattedTensor evaluate(Map<String, FormattedTensor> inputs, ParallelRuntime rt) {
        java.util.List<String> names = new java.util.ArrayList<>(plan.assignment().inputs());
        if (plan.epilogue() != null && plan.epilogue().bias() != null) names.add(plan.epilogue().bias());
        for (String name : names) {
            FormattedTensor t = inputs.get(name);
            if (t == null) throw new IllegalArgumentException("no tensor bound to " + name + " (inputs: " + plan.assignment().inputs() + ")");
            if (!t.format().equals(formats.get(name)))
                throw new IllegalArgumentException(name + " is stored as " + t.format() + " but the kernel was compiled for " + formats.get(name));
            if (!Arrays.equals(t.dims(), dims.get(name)))
                throw new IllegalArgumentException(name + " has dims " + Arrays.toString(t.dims()) + " but the kernel was compiled for "
                        + Arrays.toString(dims.get(name)));
        }
        return KernelRunner.run(plan, kernel, inputs, sizes, outDims, rt);
    }

    /** Evaluates with inputs bound in order of first appearance on the right-hand side. */
    public FormattedTensor evaluate(FormattedTensor... inputs) {
        return evaluate(Einsum.bind(plan.assignment(), inputs));
    }

    static Map<String, FormattedTensor> named(Assignment a, FormattedTensor[] inputs) {
        List<String> names = a.inputs();
        if (inputs.length != names.size())
            throw new IllegalArgumentException(a + " takes " + names.size() + " inputs " + names + ", got " + inputs.length);
        Map<String, FormattedTensor> m = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i++) m.put(names.get(i), inputs[i]);
        return m;
    }
}
