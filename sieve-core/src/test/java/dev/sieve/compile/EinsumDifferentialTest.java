package dev.sieve.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.compile.codegen.KernelCache;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.Parser;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.tensor.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Differential tests of the tensor compiler against {@link dev.sieve.compile.expr.ReferenceEinsum}: seeded random
 * expressions (einsum and index notation) over random formats, output formats and schedules, each compiled once
 * and run on many inputs of different sizes (0 to 130 per index) and densities (all-zero to full), serially and
 * on two threads; plus large inputs that make the runner split loops across threads, and regression cases.
 */
class EinsumDifferentialTest {
    /** Distinct kernels in the random test; each compiles with javac once (tens to hundreds of milliseconds). */
    private static final int RANDOM_KERNELS = 250;
    /** Inputs per kernel: the compiled plan does not depend on sizes, so these are kernel-cache hits. */
    private static final int INSTANCES = 12;

    private static Path previousCacheDirectory;
    private static ParallelRuntime serial, twoThreads;

    @BeforeAll
    static void memoryOnlyCache() {
        previousCacheDirectory = KernelCache.directory();
        KernelCache.setDirectory(null);
        serial = new ParallelRuntime(1);
        twoThreads = new ParallelRuntime(2);
    }

    @AfterAll
    static void restoreCache() {
        KernelCache.setDirectory(previousCacheDirectory);
        serial.close();
        twoThreads.close();
    }

    /**
     * About 3000 cases. Reproduce or widen a run with {@code -Ddifftest.seed=<n> -Ddifftest.kernels=<n>}; a
     * failure lists the expression, formats, schedule and input sizes of the first failing input of each kernel.
     */
    @Test
    void randomExpressionsMatchTheDenseReference() {
        int kernels = Integer.getInteger("difftest.kernels", RANDOM_KERNELS);
        SplittableRandom r = new SplittableRandom(Long.getLong("difftest.seed", 20240611L));
        List<String> failures = new ArrayList<>();
        Set<String> distinct = new HashSet<>();
        int cases = 0;
        for (int k = 0; k < kernels; k++) {
            RandomEinsums.KernelSpec spec = RandomEinsums.kernel(r);
            String first = null;
            for (int n = 0; n < INSTANCES; n++) {
                DifferentialCheck.Instance in = DifferentialCheck.instance(r, spec.assignment(), DifferentialCheck::mixedSizes);
                ParallelRuntime rt = switch (r.nextInt(5)) {
                    case 0 -> null; // through Einsum.evaluate and the shared pool
                    case 1, 2 -> serial;
                    default -> twoThreads;
                };
                String problem;
                try {
                    distinct.add(Einsum.compile(spec.expression(), spec.formats(), in.dims(), spec.output(), spec.parsedSchedule()).plan().key());
                    problem = DifferentialCheck.check(spec, in, rt);
                } catch (RuntimeException e) {
                    problem = e.toString();
                }
                cases++;
                if (problem != null && first == null) first = "#" + k + " " + spec + "\n    " + in.description() + "\n    " + problem;
            }
            if (first != null) failures.add(first);
        }
        String summary = cases + " cases over " + distinct.size() + " distinct kernels, largest generated method "
                + DifferentialCheck.MAX_METHOD_BYTES.get() + " bytes of bytecode";
        System.out.println("EinsumDifferentialTest: " + summary);
        assertTrue(failures.isEmpty(), failures.size() + " of " + kernels + " kernels failed (" + summary + "):\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertTrue(distinct.size() > kernels * 9 / 10, "the generator repeats itself: " + summary);
    }

    /** Compiles and checks {@code expression} over inputs given as name, dense tensor, format, ...; null output = inferred. */
    private static void check(String expression, String output, String schedule, ParallelRuntime rt, Object... inputs) {
        Map<String, Format> formats = new LinkedHashMap<>();
        Map<String, Tensor> dense = new LinkedHashMap<>();
        Map<String, int[]> dims = new LinkedHashMap<>();
        for (int i = 0; i < inputs.length; i += 3) {
            String name = (String) inputs[i];
            Tensor t = (Tensor) inputs[i + 1];
            dense.put(name, t);
            dims.put(name, t.dims());
            formats.put(name, Format.parse((String) inputs[i + 2]));
        }
        Assignment a = Parser.parse(expression);
        var spec = new RandomEinsums.KernelSpec(expression, a, formats, output == null ? null : Format.parse(output), schedule);
        String problem = DifferentialCheck.check(spec, new DifferentialCheck.Instance(dense, dims, ""), rt);
        assertNull(problem, () -> spec + ": " + problem + "\n" + Einsum.compile(expression, formats, dims, spec.output(), spec.parsedSchedule()).source());
    }

    private static Tensor tensor(long seed, double density, int... dims) {
        return DifferentialCheck.values(new SplittableRandom(seed), dims, density, true);
    }

    /** A sparse output whose COO run has levels below it: one (u, q) position per distinct tuple, not per entry. */
    @Test
    void sparseOutputWithLevelsBelowACooRun() {
        check("C(l,k,j) = A(l,k) * A(l,j)", "uqs", "", serial, "A", tensor(1, 0.6, 5, 5), "ss");
        check("C(i,j,k) = A(i,j,k) + B(i,j)", "uqd", "", serial, "A", tensor(2, 0.3, 4, 5, 6), "sss", "B", tensor(3, 0.5, 4, 5), "ds");
    }

    /** In uqq the middle singleton's coordinates repeat within a run ((0,1,2), (0,1,3)): a merge must take the run. */
    @Test
    void intersectionOnASingletonLevelThatRepeatsCoordinates() {
        check("C(i,j,k) = A(i,j,k) * x(j)", null, "", serial, "A", tensor(4, 0.5, 4, 5, 6), "uqq", "x", tensor(5, 0.7, 5), "s");
        check("y(i) = A(i,j,k) * B(j,k)", null, "", serial, "A", tensor(6, 0.5, 4, 5, 6), "uqq", "B", tensor(7, 0.5, 5, 6), "ss");
        check("C(i,j) = A(i,j,k) * B(i,j)", "ss", "", serial, "A", tensor(8, 0.5, 4, 5, 6), "uqq", "B", tensor(9, 0.5, 4, 5), "uq");
    }

    /** The issue's examples in sparse and dense formats, with empty, single-element and all-zero operands. */
    @Test
    void issueExamplesInAwkwardShapes() {
        for (int[] size : new int[][] {{0, 3, 4}, {3, 0, 4}, {1, 1, 1}, {5, 6, 7}}) {
            int m = size[0], n = size[1], p = size[2];
            for (double density : new double[] {0, 1.0 / 3, 1}) {
                long seed = 31L * m + 7L * n + p + (long) (100 * density);
                check("C(i,j) = A(i,k)*B(k,j) + 2*D(i,j)", "ss", "", serial,
                        "A", tensor(seed, density, m, p), "uq", "B", tensor(seed + 1, density, p, n), "ds:1,0", "D", tensor(seed + 2, density, m, n), "sd");
                check("y(i) = A(i,j)*x(j) - z(i)", null, "", twoThreads,
                        "A", tensor(seed, density, m, n), "ss", "x", tensor(seed + 1, density, n), "s", "z", tensor(seed + 2, density, m), "d");
                check("s = A(i,j)*B(i,j)", null, "", serial, "A", tensor(seed, density, m, n), "uq", "B", tensor(seed + 1, density, m, n), "ds:1,0");
                check("C(i,j,k) = A(i,j,l)*B(l,k)", "dsd", "", serial,
                        "A", tensor(seed, density, m, n, p), "uqs", "B", tensor(seed + 1, density, p, n), "dd");
                check("C(i,j) = -(A(i,j) + B(j,i))", "uq", "", twoThreads, "A", tensor(seed, density, m, m), "ds", "B", tensor(seed + 1, density, m, m), "ds");
                check("ijk,jk->ki", "ds", "", serial, "A", tensor(seed, density, m, n, p), "sss:2,0,1", "B", tensor(seed + 1, density, n, p), "uq");
            }
        }
    }

    /** Index names that are also names in generated code or Java keywords, and a long implicit einsum. */
    @Test
    void indexNamesCannotClashWithGeneratedCode() {
        check("out(n, a) = x(n, for) * y(for, a) + 2 * z(a, n) - w(inner)", "ss:1,0", "", serial,
                "x", tensor(1, 0.5, 5, 6), "ds", "y", tensor(2, 0.5, 6, 4), "dd", "z", tensor(3, 0.5, 4, 5), "uq", "w", tensor(4, 0.5, 3), "s");
        check("C(i_, S, lo) = A(i_, hi, S) * B(hi, lo)", null, "", serial, "A", tensor(5, 0.5, 3, 4, 5), "sds", "B", tensor(6, 1, 4, 2), "dd");
        check("iA,Aj,jk", null, "", serial, "A", tensor(7, 0.5, 3, 4), "ds", "B", tensor(8, 0.5, 4, 5), "ss", "C", tensor(9, 0.5, 5, 6), "dd");
    }

    /** Constant right-hand sides, one tensor read three times, four operands and deep nesting. */
    @Test
    void degenerateAndCrowdedExpressions() {
        check("s = 3", null, "", serial);
        check("s = 3 - 1.5 * 2 + A(i)", null, "", serial, "A", tensor(1, 0.5, 4), "s");
        check("C(i) = A(i) * A(i) * A(i) - 0", "s", "", serial, "A", tensor(2, 0.5, 6), "s");
        check("C(i,j) = A(i,j) * A(j,i) * A(i,j)", "uq", "", twoThreads, "A", tensor(3, 0.6, 6, 6), "uq");
        check("C(i,j) = A(i,k) * B(k,l) * D(l,m) * E(m,j)", "ds", "", serial,
                "A", tensor(4, 0.5, 3, 4), "ds", "B", tensor(5, 0.5, 4, 5), "uq", "D", tensor(6, 0.5, 5, 2), "dd", "E", tensor(7, 0.5, 2, 3), "ss:1,0");
        check("C(i) = -(-(A(i) - (B(i) - (A(i) * (B(i) + 2)))))", "s", "", serial, "A", tensor(8, 0.5, 7), "s", "B", tensor(9, 0.5, 7), "d");
        check("C(i,j,k,l) = A(i,j) * B(k,l) + D(i,j,k,l)", "sdsd", "", serial,
                "A", tensor(10, 0.5, 3, 4), "ds", "B", tensor(11, 0.5, 2, 5), "uq", "D", tensor(12, 0.3, 3, 4, 2, 5), "uqqq:3,1,0,2");
    }

    /** Products of all-zero operands store nothing, whatever the output's sparse format. */
    @Test
    void allZeroOperandsGiveEmptySparseOutputs() {
        Map<String, Format> formats = Map.of("A", Format.parse("uq"), "B", Format.parse("ds"));
        Map<String, int[]> dims = Map.of("A", new int[] {6, 5}, "B", new int[] {5, 4});
        for (String out : new String[] {"ss", "uq", "sd", "ds:1,0"}) {
            CompiledEinsum c = Einsum.compile("C(i,j) = A(i,k) * B(k,j)", formats, dims, Format.parse(out), Schedule.automatic());
            FormattedTensor got = c.evaluate(Map.of("A", FormattedTensor.fromDense(Tensor.zeros(6, 5), formats.get("A")),
                    "B", FormattedTensor.fromDense(tensor(3, 1, 5, 4), formats.get("B"))), serial);
            assertEquals(Format.parse(out), got.format());
            assertEquals(0, got.nnz(), out);
        }
    }

    /** Explicit loop orders, concordant or not (an operand is then re-stored), into dense and sparse outputs. */
    @Test
    void explicitLoopOrdersInEveryPermutation() {
        String[] orders = {"i,j,k", "i,k,j", "j,i,k", "j,k,i", "k,i,j", "k,j,i"};
        for (String order : orders) {
            for (String out : new String[] {"dd", "ds", "ss:1,0", "uq"}) {
                check("C(i,j) = A(i,k) * B(k,j) - D(j,i)", out, "order=" + order, serial,
                        "A", tensor(1, 0.4, 7, 6), "ds", "B", tensor(2, 0.5, 6, 5), "uq", "D", tensor(3, 0.5, 5, 7), "ss");
                check("C(i,j) = A(i,k) * B(k,j)", out, "order=" + order + " strip=2", twoThreads,
                        "A", tensor(4, 0.3, 20, 33), "ds", "B", tensor(5, 1, 33, 40), "dd");
            }
        }
    }

    /**
     * Inputs large enough (at least 16384 entries under the outer loop) for the runner to split the outer loop
     * across two threads: sparse roots (compressed, and COO whose runs must not be cut), dense roots weighted by a
     * compressed child, and sparse outputs assembled from several ranges' keys or row workspaces.
     */
    @Test
    void largeInputsSplitAcrossThreads() {
        String[][] cases = {
                // expression, formats (name=format ...), output ("-" = inferred), index sizes other than 300
                {"y(i) = A(i,j) * x(j)", "A=ds x=d", "-", ""},
                {"y(i) = A(i,j) * x(j)", "A=uq x=d", "s", ""},
                {"y(i) = A(i,j) * x(j) - z(i)", "A=ss x=s z=d", "d", ""},
                {"C(i,j) = A(i,j) * B(i,j)", "A=uq B=ds", "uq", ""},
                {"C(i,j) = A(i,j) * B(i,j)", "A=uq B=dd", "ds", ""},
                {"C(i,j) = A(i,j) + 2 * B(i,j)", "A=uq B=ds", "ss", ""},
                {"C(i,j) = A(i,j) + 2 * B(i,j)", "A=ds B=ds", "dd", ""},
                {"C(i,j) = -(A(i,j) + B(j,i))", "A=uq B=ds", "uq", ""},
                {"C(j,i) = A(i,j)", "A=uq", "ds", ""},
                {"C(i,j) = A(i,k) * B(k,j)", "A=ds B=dd", "dd", "j=20"},
                {"C(i,j) = A(i,k) * B(k,j)", "A=uq B=dd", "ds", "j=20"},
                {"C(i,j) = A(i,k) * B(k,j)", "A=ss B=dd", "sd", "j=20"},
                {"C(i,j) = A(i,k) * B(k,j) + 2 * D(i,j)", "A=uq B=dd D=dd", "-", "j=20"},
                {"C(i,j) = S(i,j) * U(i,k) * V(j,k)", "S=uq U=dd V=dd", "uq", "k=8"},
                {"C(i,j) = S(i,j) * U(i,k) * V(j,k)", "S=ds U=dd V=dd", "-", "k=8"},
                {"s = A(i,j) * B(i,j)", "A=uq B=dd", "-", ""},
                {"C(i,j,k) = A(i,j,k) * B(k)", "A=uqq B=d", "-", "i=40 j=40 k=40"},
                {"C(i,j,k) = A(i,j,k) * B(k)", "A=uqq B=d", "uqq", "i=40 j=40 k=40"},
                {"C(i,k) = A(i,j,k) * B(j)", "A=uqq B=s", "ds", "i=40 j=40 k=40"},
                {"C(i,j,k) = A(i,j,k) - B(i,j)", "A=sss B=ds", "dss", "i=130 j=130 k=3"},
        };
        SplittableRandom r = new SplittableRandom(77);
        for (String[] c : cases) {
            Assignment a = Parser.parse(c[0]);
            Map<String, Format> formats = new LinkedHashMap<>();
            for (String pair : c[1].split(" ")) formats.put(pair.substring(0, pair.indexOf('=')), Format.parse(pair.substring(pair.indexOf('=') + 1)));
            Format output = c[2].equals("-") ? null : Format.parse(c[2]);
            var spec = new RandomEinsums.KernelSpec(c[0], a, formats, output, "");
            for (double density : new double[] {0.3, 0.9}) {
                Map<String, Integer> size = new LinkedHashMap<>();
                for (String v : a.indices()) size.put(v, 300);
                for (String pair : c[3].split(" ")) {
                    if (!pair.isEmpty()) size.put(pair.substring(0, pair.indexOf('=')), Integer.parseInt(pair.substring(pair.indexOf('=') + 1)));
                }
                DifferentialCheck.Instance in = DifferentialCheck.instance(r, a, size,
                        t -> formats.get(t).isAllDense() ? 1.0 : density, r.nextBoolean());
                String problem = DifferentialCheck.check(spec, in, twoThreads);
                assertNull(problem, () -> spec + " " + in.description() + ": " + problem);
            }
        }
    }
}
