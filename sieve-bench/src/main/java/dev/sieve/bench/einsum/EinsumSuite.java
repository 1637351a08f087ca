package dev.sieve.bench.einsum;

import dev.sieve.compile.codegen.KernelCache;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.parallel.Parallel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Argument parsing and the order of the sections; {@link dev.sieve.bench.EinsumBench} is the entry point. */
public final class EinsumSuite {
    static final List<String> SECTIONS = List.of("compile", "agg", "gcn", "ae", "bigbird", "ops");

    private EinsumSuite() {}

    public static void main(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        o.put("dir", null);
        o.put("what", String.join(",", SECTIONS));
        o.put("threads", "2");
        o.put("rounds", "10");
        o.put("warmup", "3");
        o.put("compileReps", "3");
        o.put("matrices", "");
        o.put("lengths", "");
        o.put("json", "true");
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq))) throw new IllegalArgumentException("unknown argument " + a + "; keys: " + o.keySet());
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        if (o.get("dir") == null) throw new IllegalArgumentException("dir=WORKLOADS is required (written by scripts/einsum-workloads.py)");
        List<String> what = Arrays.asList(o.get("what").split(","));
        for (String s : what) if (!SECTIONS.contains(s)) throw new IllegalArgumentException("what: unknown section " + s + "; sections: " + SECTIONS);
        int threads = Integer.parseInt(o.get("threads")), rounds = Integer.parseInt(o.get("rounds")), warmup = Integer.parseInt(o.get("warmup"));
        List<String> matrices = o.get("matrices").isEmpty() ? null : Arrays.asList(o.get("matrices").split(","));
        List<String> lengths = o.get("lengths").isEmpty() ? null : Arrays.asList(o.get("lengths").split(","));

        Parallel.setThreads(threads);
        // Kernels live in memory only, so runs do not depend on (or fill) the user's disk cache; the compile
        // section measures the disk path in a temporary directory of its own.
        KernelCache.setDirectory(null);
        Workloads w = new Workloads(Path.of(o.get("dir")));
        Report report = new Report(Boolean.parseBoolean(o.get("json")));
        System.out.printf(Locale.ROOT, "# EinsumBench: %s (%s workloads), threads %d, up to %d rounds after warm-up (>= %d calls per candidate), JDK %s, %s, CPU %s%n",
                w.dir(), w.get("scale"), threads, rounds, warmup, Runtime.version(), VectorizationProvider.get().name(), cpu());
        long t0 = System.nanoTime();
        // The compile section goes first so that its "first compile in this JVM" really is the first.
        for (String s : SECTIONS) {
            if (!what.contains(s)) continue;
            long ts = System.nanoTime();
            switch (s) {
                case "compile" -> new CompileBench(report, Integer.parseInt(o.get("compileReps"))).run();
                case "agg" -> gcn(w, report, warmup, rounds).aggregation();
                case "gcn" -> gcn(w, report, warmup, rounds).endToEnd();
                case "ae" -> new AutoencoderBench(w, report, warmup, rounds).run();
                case "bigbird" -> new BigBirdBench(w, report, warmup, rounds).run(lengths);
                case "ops" -> new OpsBench(w, report, warmup, rounds).run(matrices);
                default -> throw new AssertionError(s);
            }
            System.out.printf(Locale.ROOT, "(%s: %.1f s)%n", s, (System.nanoTime() - ts) / 1e9);
        }
        System.out.printf(Locale.ROOT, "# done in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Parallel.runtime().close();
    }

    private static GcnBench gcnBench;

    /** One instance for both GCN sections, so the graph is read once. */
    private static GcnBench gcn(Workloads w, Report report, int warmup, int rounds) {
        if (gcnBench == null) gcnBench = new GcnBench(w, report, warmup, rounds);
        return gcnBench;
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) return line.substring(line.indexOf(':') + 1).strip() + " x" + Runtime.getRuntime().availableProcessors();
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
