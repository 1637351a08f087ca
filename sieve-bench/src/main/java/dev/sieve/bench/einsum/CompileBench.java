package dev.sieve.bench.einsum;

import dev.sieve.compile.Einsum;
import dev.sieve.compile.codegen.KernelCache;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.Parser;
import dev.sieve.compile.expr.Shapes;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.plan.KernelPlan;
import dev.sieve.compile.plan.Planner;
import dev.sieve.compile.plan.Schedule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a kernel costs before it runs, for each kernel the suite uses:
 * <ul>
 *   <li>fresh: parse, plan, generate, javac, load, with the memory cache cleared and the disk cache off;</li>
 *   <li>disk hit: the same with the class file already in a (temporary) disk cache;</li>
 *   <li>memory hit: parse, plan and a lookup in the kernel cache;</li>
 *   <li>front-cache hit: {@link Einsum#compile} again with the same expression, formats and dims, the path a
 *       repeated call takes.</li>
 * </ul>
 * Fresh compiles go through the public pieces {@code Einsum.compile} itself uses (Parser, Shapes, Planner,
 * KernelCache) because {@code Einsum}'s front cache of recent expressions cannot be cleared from outside.
 * The first compile in the JVM also loads javac; it is reported on its own.
 */
final class CompileBench {
    /** A kernel: name, expression, input formats and dims, output format (null: inferred). */
    record Kernel(String name, String expr, Map<String, Format> formats, Map<String, int[]> dims, Format output) {}

    private final Report report;
    private final int reps;

    CompileBench(Report report, int reps) {
        this.report = report;
        this.reps = reps;
    }

    static List<Kernel> kernels() {
        int n = 4096, f = 128, d = 64;
        Format csr = Format.csr(), d1 = Format.dense(1), d2 = Format.dense(2);
        return List.of(
                new Kernel("spmv", OpsBench.SPMV, map("A", csr, "x", d1), dims("A", new int[] {n, n}, "x", new int[] {n}), null),
                new Kernel("spmm", OpsBench.SPMM, map("A", csr, "B", d2), dims("A", new int[] {n, n}, "B", new int[] {n, f}), null),
                new Kernel("spgemm", OpsBench.SPMM, map("A", csr, "B", csr), dims("A", new int[] {n, n}, "B", new int[] {n, n}), csr),
                new Kernel("sddmm", OpsBench.SDDMM, map("S", csr, "U", d2, "V", d2),
                        dims("S", new int[] {n, n}, "U", new int[] {n, d}, "V", new int[] {n, d}), null),
                new Kernel("dense·csr", GcnBench.XW, map("X", d2, "W", csr), dims("X", new int[] {n, f}, "W", new int[] {f, f}), d2),
                new Kernel("bigbird-scores", BigBirdBench.SCORES, map("M", csr, "Q", d2, "K", d2),
                        dims("M", new int[] {n, n}, "Q", new int[] {n, d}, "K", new int[] {n, d}), null));
    }

    void run() {
        Path saved = KernelCache.directory();
        Path tmp;
        try {
            tmp = Files.createTempDirectory("sieve-einsum-bench-kernels");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Report.Table t = new Report.Table("Compile time per kernel (ms) and the cache-hit paths (us); " + reps + " reps each",
                "kernel", "expr", "fresh min ms", "fresh med ms", "javac+load ms (med)", "disk hit med ms", "memory hit med us",
                "front-cache hit med us");
        try {
            boolean first = true;
            for (Kernel k : kernels()) {
                if (first) {
                    KernelCache.setDirectory(null);
                    KernelCache.clearMemory();
                    double ms = timeMs(() -> compileThroughPlan(k));
                    t.row("(first compile in this JVM: " + k.name() + ")", "", ms, "", "", "", "", "");
                    report.emit(Report.line("compile", k.name(), "first-in-jvm", "compiled").put("ms", ms));
                    first = false;
                }
                double[] fresh = new double[reps], inner = new double[reps], disk = new double[reps];
                for (int r = 0; r < reps; r++) {
                    KernelCache.setDirectory(null);
                    KernelCache.clearMemory();
                    KernelCache.Kernel[] got = new KernelCache.Kernel[1];
                    fresh[r] = timeMs(() -> got[0] = compileThroughPlan(k));
                    if (got[0].origin() != KernelCache.Origin.COMPILED) throw new IllegalStateException(k.name() + ": expected a fresh compile, got " + got[0].origin());
                    inner[r] = got[0].compileMillis();
                }
                KernelCache.setDirectory(tmp);
                KernelCache.clearMemory();
                compileThroughPlan(k); // writes the class file
                for (int r = 0; r < reps; r++) {
                    KernelCache.clearMemory();
                    KernelCache.Kernel[] got = new KernelCache.Kernel[1];
                    disk[r] = timeMs(() -> got[0] = compileThroughPlan(k));
                    if (got[0].origin() != KernelCache.Origin.DISK) throw new IllegalStateException(k.name() + ": expected a disk hit, got " + got[0].origin());
                }
                KernelCache.setDirectory(null);
                double memoryUs = medianUs(2000, () -> compileThroughPlan(k));
                Einsum.compile(k.expr(), k.formats(), k.dims(), k.output(), Schedule.automatic());
                double frontUs = medianUs(2000, () -> Einsum.compile(k.expr(), k.formats(), k.dims(), k.output(), Schedule.automatic()));
                Arrays.sort(fresh);
                Arrays.sort(inner);
                Arrays.sort(disk);
                t.row(k.name(), "`" + k.expr() + "` " + formatsText(k.formats()), fresh[0], median(fresh), median(inner), median(disk),
                        memoryUs, frontUs);
                report.emit(Report.line("compile", k.name(), "cost", "compiled").put("expr", k.expr()).put("fresh_min_ms", fresh[0])
                        .put("fresh_median_ms", median(fresh)).put("javac_load_median_ms", median(inner)).put("disk_hit_median_ms", median(disk))
                        .put("memory_hit_median_us", memoryUs).put("front_cache_hit_median_us", frontUs));
            }
        } finally {
            KernelCache.setDirectory(saved);
            deleteTree(tmp);
        }
        report.print(t);
    }

    /** What Einsum.compile does on a front-cache miss. */
    static KernelCache.Kernel compileThroughPlan(Kernel k) {
        Assignment a = Parser.parse(k.expr());
        Map<String, Integer> sizes = Shapes.indexSizes(a, k.dims());
        KernelPlan plan = Planner.plan(a, k.formats(), sizes, k.output(), Schedule.automatic(), Einsum.vectorLanes());
        return KernelCache.get(plan);
    }

    private static String formatsText(Map<String, Format> formats) {
        StringBuilder b = new StringBuilder();
        formats.forEach((name, f) -> b.append(b.isEmpty() ? "" : ",").append(name).append('=').append(f));
        return b.toString();
    }

    private static double timeMs(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double medianUs(int n, Runnable r) {
        for (int i = 0; i < n / 4; i++) r.run(); // warm the path up
        double[] us = new double[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            r.run();
            us[i] = (System.nanoTime() - t0) / 1e3;
        }
        Arrays.sort(us);
        return us[n / 2];
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static Map<String, Format> map(Object... kv) {
        Map<String, Format> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Format) kv[i + 1]);
        return m;
    }

    private static Map<String, int[]> dims(Object... kv) {
        Map<String, int[]> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (int[]) kv[i + 1]);
        return m;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind is harmless
        }
    }
}
