package dev.sieve.cli.commands;

import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.einsum.EinsumArgs;
import dev.sieve.cli.einsum.EinsumInputs;
import dev.sieve.cli.util.Json;
import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.Einsum;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sieve bench einsum}: times a compiled kernel, its compilation and the cache-hit path. */
@Command(name = "einsum", mixinStandardHelpOptions = true,
        description = {"Time the compiled kernel of EXPR on the inputs (same arguments as sieve einsum): the compile",
                "(generate, javac, load; or a disk-cache read), the cache-hit path (planning and looking the kernel up",
                "again), and --iterations timed evaluations after --warmup untimed ones (output assembly included).",
                "The last line with --json: {\"op\":\"einsum\",\"expr\":..,\"threads\":..,\"min_ms\":..,\"median_ms\":..,",
                "\"compile_ms\":..,...}."})
public final class BenchEinsumCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "N",
            description = "Untimed runs first: at least N, and more until one second has passed (at most 10,000) (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--iterations", defaultValue = "30", paramLabel = "N", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--json", description = "End the output with one JSON line.")
    boolean json;

    @CommandLine.Mixin
    EinsumArgs args;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        if (warmup < 0) throw new CommandLine.ParameterException(cl, "--warmup must be >= 0, got " + warmup);
        if (iterations < 1) throw new CommandLine.ParameterException(cl, "--iterations must be >= 1, got " + iterations);
        Schedule sched = args.schedule(cl);
        int threads = threadsOption.apply();
        EinsumInputs.Bound bound = args.load(cl);
        CompiledEinsum c = args.compile(cl, bound, sched);
        double compileMs = c.compileMillis();
        String origin = c.origin().name().toLowerCase(Locale.ROOT);

        // The cache-hit path: everything a repeated call pays before running the kernel.
        double[] hit = new double[200];
        for (int i = 0; i < hit.length; i++) {
            long t0 = System.nanoTime();
            Einsum.compileFor(args.expression(), bound.inputs(), bound.output(), sched);
            hit[i] = (System.nanoTime() - t0) / 1e3;
        }
        Arrays.sort(hit);
        double hitUs = hit[hit.length / 2];

        FormattedTensor result = null;
        // At least --warmup calls and, up to 10,000 calls, one second: C2 compiles the generated loops only after
        // enough calls and loop trips, and a few calls of a small kernel would time the interpreter.
        long warmStart = System.nanoTime();
        for (int i = 0; i < warmup || (i < 10_000 && System.nanoTime() - warmStart < 1_000_000_000L); i++) result = c.evaluate(bound.inputs());
        double[] ms = new double[iterations];
        for (int i = 0; i < iterations; i++) {
            long t0 = System.nanoTime();
            result = c.evaluate(bound.inputs());
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double min = sorted[0], median = sorted[sorted.length / 2];

        PrintWriter out = cl.getOut();
        EinsumArgs.describe(out, bound, c);
        out.printf(Locale.ROOT, "output %s as %s (%d stored)%n", Arrays.toString(result.dims()), result.format(), result.nnz());
        out.printf(Locale.ROOT, "kernel: %s in %.1f ms; cache hit %.1f us%n", origin, compileMs, hitUs);
        out.printf(Locale.ROOT, "%d runs on %d thread%s: min %.3f ms, median %.3f ms%n", iterations, threads, threads == 1 ? "" : "s", min, median);
        if (json) {
            Json j = new Json().put("op", "einsum").put("expr", c.assignment().toString()).put("threads", threads).put("min_ms", min)
                    .put("median_ms", median).put("compile_ms", compileMs).put("kernel", origin).put("cache_hit_us", hitUs);
            StringBuilder f = new StringBuilder();
            for (var e : bound.inputs().entrySet()) f.append(f.isEmpty() ? "" : ",").append(e.getKey()).append('=').append(e.getValue().format());
            j.put("formats", f.toString()).put("output_format", result.format().toString()).put("output_nnz", result.nnz());
            out.println(j);
        }
        out.flush();
        return 0;
    }
}
