package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.report.HtmlReport;
import dev.sieve.cli.report.LineChart;
import dev.sieve.cli.train.EpochRunner;
import dev.sieve.cli.train.FashionMnistFiles;
import dev.sieve.cli.train.ModelLatency;
import dev.sieve.cli.train.PruneSettings;
import dev.sieve.cli.util.Json;
import dev.sieve.cli.util.LatencyStats;
import dev.sieve.cli.util.Terminal;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.models.Checkpoints;
import dev.sieve.models.ReferenceModel;
import dev.sieve.models.ReferenceModels;
import dev.sieve.nn.Adam;
import dev.sieve.nn.Layer;
import dev.sieve.nn.LrScheduler;
import dev.sieve.nn.Schedules;
import dev.sieve.prune.LayerReport;
import dev.sieve.prune.Pruner;
import dev.sieve.sparse.Layout;
import dev.sieve.tensor.Tensor;
import dev.sieve.train.Evaluation;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sieve demo}: the main job end to end. Train (or load from the cache) a dense Fashion-MNIST MLP,
 * prune it gradually to 90% with fine-tuning, convert the pruned weights to CSR, and show accuracy,
 * latency, throughput and size before and after, with an HTML report of accuracy and latency against
 * sparsity.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: train a dense Fashion-MNIST MLP (or load it from the cache), prune it gradually",
                "to 90% (cubic schedule, magnitude, one threshold across layers, mask updates every 50 steps) with fine-tuning, convert the pruned",
                "weights to CSR, and print accuracy, p50/p95 latency, throughput and size on disk before and after.",
                "Writes an HTML report with charts of accuracy and latency against sparsity. A few minutes on 2 cores."})
public final class DemoCommand implements Callable<Integer> {
    static final String MODEL = "mlp";
    static final int DENSE_EPOCHS = 5, PRUNE_EPOCHS = 4, FINETUNE_EPOCHS = 2, BATCH = 128;
    static final double LR = 1e-3;
    static final double[] SWEEP = {0.5, 0.75, 0.9, 0.95};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--sparsity", defaultValue = "0.9", paramLabel = "S", description = "Final sparsity (default: ${DEFAULT-VALUE}).")
    double sparsity;

    @Option(names = "--layout", defaultValue = "csr", paramLabel = "L", description = "Layout of the pruned weights (default: ${DEFAULT-VALUE}).")
    String layoutName;

    @Option(names = "--method", defaultValue = "magnitude", paramLabel = "M", description = "Importance score (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--per-layer", description = "One threshold per layer instead of one across layers.")
    boolean perLayer;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Fashion-MNIST directory (default: $SIEVE_FASHION_MNIST, else /usr/share/datasets/fashion-mnist).")
    Path data;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where the trained dense model is kept between runs (default: $XDG_CACHE_HOME/sieve, else ~/.cache/sieve).")
    Path cache;

    @Option(names = "--retrain", description = "Train the dense model even if the cache has it.")
    boolean retrain;

    @Option(names = "--report", defaultValue = "sieve-demo-report.html", paramLabel = "FILE",
            description = "HTML report to write (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--json", description = "End the output with one JSON line (and no progress bars).")
    boolean json;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    /** One model measured: accuracy, latency (batch 1, one thread), throughput (batch 256, all threads), size. */
    record Measured(String name, double sparsity, double accuracy, LatencyStats latency, double imagesPerSecond, long bytes) {}

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        // One threshold across layers where the target has a global form (it lets the small last layer
        // keep more of its weights; +0.4 to +1.9 points on the MLP at 90-95%, docs/pruning.md).
        PruneSettings settings = PruneSettings.parse(cl, "--sparsity", sparsity, layoutName, method, false);
        if (!perLayer && PruneSettings.globalPossible(settings.layout(), sparsity)) {
            settings = new PruneSettings(sparsity, settings.layout(), method, true);
        }
        int threads = threadsOption.apply();
        PrintWriter out = cl.getOut();
        boolean progress = !json && Terminal.stderrIsTerminal();
        ReferenceModel ref = ReferenceModels.find(MODEL).orElseThrow();
        FashionMnistFiles.Split train = FashionMnistFiles.load(data, FashionMnist.Split.TRAIN, ref, true);
        FashionMnistFiles.Split test = FashionMnistFiles.load(data, FashionMnist.Split.TEST, ref, true);
        Path dir = cacheDir();
        Path denseFile = dir.resolve("demo-" + MODEL + "-seed" + seed + "-e" + DENSE_EPOCHS + ".safetensors");
        Map<String, String> meta = Map.of(Checkpoints.INPUT_MEAN_KEY, Float.toString(FashionMnistFiles.MEAN),
                Checkpoints.INPUT_STD_KEY, Float.toString(FashionMnistFiles.STD));
        BatchLoader loader = new BatchLoader(train.inputs(), train.labels(), BATCH, true, seed, false);

        // 1. The dense model, from the cache or trained now.
        out.printf(Locale.ROOT, "sieve demo: %s on Fashion-MNIST (%d train, %d test images), %d threads%n",
                ref.description(), train.size(), test.size(), threads);
        Layer dense;
        if (!retrain && Files.isRegularFile(denseFile) && loadsAsModel(denseFile)) {
            dense = load(denseFile);
            out.println("[1/4] dense model from the cache: " + denseFile);
        } else {
            out.printf(Locale.ROOT, "[1/4] training the dense model: %d epochs, Adam %s with a cosine schedule, batch %d%n", DENSE_EPOCHS, LR, BATCH);
            out.flush();
            dense = ref.create(seed);
            new EpochRunner(dense, loader, test, out, progress).phase("dense", optimization(dense, DENSE_EPOCHS * loader.batchCount()),
                    null, DENSE_EPOCHS, null);
            Files.createDirectories(dir);
            Checkpoints.save(denseFile, MODEL, dense, meta);
            out.println("      cached as " + denseFile);
        }
        double denseAccuracy = Evaluation.accuracy(dense, test.inputs(), test.labels(), 1000);

        // 2. Gradual pruning with fine-tuning, starting from a copy of the dense model.
        out.printf(Locale.ROOT, "[2/4] pruning to %.0f%% (%s, %s, %s threshold, cubic over %d epochs, mask update every %d steps), then fine-tuning %d epochs%n",
                100 * sparsity, method, settings.layout(), settings.globalThreshold() ? "global" : "per-layer", PRUNE_EPOCHS,
                PruneSettings.UPDATE_EVERY, FINETUNE_EPOCHS);
        out.flush();
        Layer pruned = load(denseFile);
        pruned.train();
        int phaseEpochs = PRUNE_EPOCHS + FINETUNE_EPOCHS;
        Pruner pruner = settings.pruner(pruned, settings.schedule("cubic", PRUNE_EPOCHS * loader.batchCount()));
        EpochRunner.Optimization opt = optimization(pruned, phaseEpochs * loader.batchCount());
        pruner.attach(opt.optimizer());
        EpochRunner runner = new EpochRunner(pruned, loader, test, out, progress);
        runner.phase("prune", opt, pruner, phaseEpochs, pruner::sparsity);
        pruner.materialize(PruneSettings.MIN_SPARSE_WEIGHTS);
        Path prunedFile = dir.resolve("demo-" + MODEL + "-pruned.safetensors");
        Checkpoints.save(prunedFile, MODEL, pruned, meta);

        // 3. Before and after, same run.
        out.println("[3/4] measuring latency (batch 1, one thread) and throughput (batch 256, " + threads + " threads)");
        out.flush();
        Measured before = measure("dense", 0, dense, test, Files.size(denseFile));
        Measured after = measure(settings.layout() + " " + Math.round(100 * pruner.sparsity()) + "%", pruner.sparsity(), pruned, test,
                Files.size(prunedFile));
        List<List<String>> table = List.of(
                List.of("model", "sparsity", "test accuracy", "p50 latency", "p95 latency", "throughput", "size on disk"),
                row(before), row(after),
                List.of("after / before", "", String.format(Locale.ROOT, "%+.2f points", 100 * (after.accuracy() - before.accuracy())),
                        String.format(Locale.ROOT, "%.2fx faster", before.latency().p50Micros() / after.latency().p50Micros()),
                        String.format(Locale.ROOT, "%.2fx faster", before.latency().p95Micros() / after.latency().p95Micros()),
                        String.format(Locale.ROOT, "%.2fx", after.imagesPerSecond() / before.imagesPerSecond()),
                        String.format(Locale.ROOT, "%.2fx smaller", (double) before.bytes() / after.bytes())));
        out.println();
        printTable(out, table);
        out.println();
        out.print(LayerReport.table(pruner.report()));

        // 4. The sweep for the charts: one-shot magnitude pruning of the dense model at several sparsities.
        out.println("[4/4] one-shot sweep for the charts (no fine-tuning): " + java.util.Arrays.toString(SWEEP));
        out.flush();
        List<Measured> sweep = new ArrayList<>();
        sweep.add(before);
        for (double s : SWEEP) {
            Layer m = load(denseFile);
            PruneSettings one = new PruneSettings(s, Layout.CSR, "magnitude", false);
            Pruner p = one.pruner(m, null);
            p.pruneNow();
            p.materialize(PruneSettings.MIN_SPARSE_WEIGHTS);
            Path f = dir.resolve("demo-sweep.safetensors");
            Checkpoints.save(f, MODEL, m, meta);
            sweep.add(measure("one-shot " + Math.round(100 * s) + "%", s, m, test, Files.size(f)));
            Files.deleteIfExists(f);
        }
        writeReport(table, runner.history(), sweep, before, after, pruner);
        out.println();
        out.println("report: " + report.toAbsolutePath());
        if (json) {
            out.println(new Json().put("model", MODEL).put("sparsity", pruner.sparsity()).put("layout", settings.layout().toString())
                    .put("method", method).put("dense_accuracy", before.accuracy()).put("test_accuracy", after.accuracy())
                    .put("dense_p50_us", before.latency().p50Micros()).put("p50_us", after.latency().p50Micros())
                    .put("dense_p95_us", before.latency().p95Micros()).put("p95_us", after.latency().p95Micros())
                    .put("dense_images_per_s", before.imagesPerSecond()).put("images_per_s", after.imagesPerSecond())
                    .put("dense_bytes", before.bytes()).put("bytes", after.bytes()).put("threads", threads)
                    .put("report", report.toString()));
        }
        out.flush();
        return 0;
    }

    private Path cacheDir() {
        if (cache != null) return cache;
        String xdg = System.getenv("XDG_CACHE_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache")).resolve("sieve");
    }

    private static boolean loadsAsModel(Path file) {
        try {
            return Checkpoints.load(file).reference().name().equals(MODEL);
        } catch (IOException | RuntimeException e) {
            return false; // a damaged cache entry is retrained, not fatal
        }
    }

    private static Layer load(Path file) {
        try {
            return Checkpoints.load(file).model();
        } catch (IOException e) {
            throw new InputException(file.toString(), e.getMessage(), e);
        }
    }

    private static EpochRunner.Optimization optimization(Layer net, int steps) {
        Adam opt = new Adam(net.parameters(), LR);
        return new EpochRunner.Optimization(opt, new LrScheduler(opt, Schedules.cosine(LR, Math.max(1, steps), 0)));
    }

    /** Accuracy, batch-1 latency on one thread, batch-256 throughput on all threads. */
    private static Measured measure(String name, double sparsity, Layer model, FashionMnistFiles.Split test, long bytes) {
        double accuracy = Evaluation.accuracy(model, test.inputs(), test.labels(), 1000);
        Tensor one = test.inputs().slice(0, 0, 1).copy();
        Tensor batch = test.inputs().slice(0, 0, Math.min(256, test.size())).copy();
        LatencyStats latency = ModelLatency.singleImage(model, one, 300, 2000);
        double perSecond = ModelLatency.throughput(model, batch, 10, 60);
        return new Measured(name, sparsity, accuracy, latency, perSecond, bytes);
    }

    private static List<String> row(Measured m) {
        return List.of(m.name(), String.format(Locale.ROOT, "%.1f%%", 100 * m.sparsity()), String.format(Locale.ROOT, "%.2f%%", 100 * m.accuracy()),
                String.format(Locale.ROOT, "%.1f us", m.latency().p50Micros()), String.format(Locale.ROOT, "%.1f us", m.latency().p95Micros()),
                String.format(Locale.ROOT, "%.0f img/s", m.imagesPerSecond()), String.format(Locale.ROOT, "%.1f KB", m.bytes() / 1024.0));
    }

    private static void printTable(PrintWriter out, List<List<String>> rows) {
        int cols = rows.get(0).size();
        int[] w = new int[cols];
        for (List<String> r : rows) for (int c = 0; c < cols; c++) w[c] = Math.max(w[c], r.get(c).length());
        for (List<String> r : rows) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                String cell = r.get(c);
                b.append(c == 0 ? String.format("%-" + w[c] + "s", cell) : String.format("  %" + w[c] + "s", cell));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private void writeReport(List<List<String>> table, List<EpochRunner.EpochRecord> history, List<Measured> sweep,
                             Measured before, Measured after, Pruner pruner) throws IOException {
        // The gradual curve starts at the dense model, then one point per epoch of pruning and fine-tuning.
        double[] gs = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(0),
                history.stream().mapToDouble(r -> 100 * r.sparsity())).toArray();
        double[] ga = java.util.stream.DoubleStream.concat(java.util.stream.DoubleStream.of(100 * before.accuracy()),
                history.stream().mapToDouble(r -> 100 * r.testAccuracy())).toArray();
        double[] ss = sweep.stream().mapToDouble(m -> 100 * m.sparsity()).toArray();
        double[] sa = sweep.stream().mapToDouble(m -> 100 * m.accuracy()).toArray();
        double[] sl = sweep.stream().mapToDouble(m -> m.latency().p50Micros()).toArray();
        double[] st = sweep.stream().mapToDouble(m -> m.imagesPerSecond()).toArray();
        LineChart accuracy = new LineChart("Test accuracy vs sparsity", "sparsity (%)", "test accuracy (%)")
                .add(new LineChart.Series("gradual pruning + fine-tuning (end of each epoch)", gs, ga))
                .add(new LineChart.Series("one-shot magnitude, no fine-tuning", ss, sa))
                .add(new LineChart.Series("final pruned model", new double[] {100 * after.sparsity()}, new double[] {100 * after.accuracy()}));
        LineChart latency = new LineChart("Latency vs sparsity (batch 1, one thread, CSR)", "sparsity (%)", "p50 latency (us)")
                .add(new LineChart.Series("p50 latency", ss, sl));
        LineChart throughput = new LineChart("Throughput vs sparsity (batch 256, CSR)", "sparsity (%)", "images per second")
                .add(new LineChart.Series("throughput", ss, st));
        List<List<String>> layers = new ArrayList<>();
        layers.add(List.of("layer", "sparsity", "layout", "dense bytes", "layout bytes", "dense us", "sparse us", "speedup"));
        for (LayerReport r : pruner.report()) {
            layers.add(List.of(r.name(), String.format(Locale.ROOT, "%.1f%%", 100 * r.sparsity()), r.layout(), Long.toString(r.denseBytes()),
                    Long.toString(r.layoutBytes()), String.format(Locale.ROOT, "%.1f", r.denseMicros()),
                    String.format(Locale.ROOT, "%.1f", r.sparseMicros()), String.format(Locale.ROOT, "%.2fx", r.speedup())));
        }
        HtmlReport html = new HtmlReport("Sieve demo: pruning a Fashion-MNIST MLP to " + Math.round(100 * after.sparsity()) + "%")
                .paragraph(String.format(Locale.ROOT, "MLP 784-300-100-10 trained %d epochs (dense), then pruned with %s scores on a cubic "
                        + "schedule over %d epochs and fine-tuned %d epochs; the pruned weights are held as %s. Latency: one image, "
                        + "one thread, p50/p95 of 2000 calls; throughput: batches of 256 images on all threads.",
                        DENSE_EPOCHS, method, PRUNE_EPOCHS, FINETUNE_EPOCHS, after.name()))
                .heading("Before and after").table(table)
                .heading("Per layer").table(layers)
                .heading("Accuracy").chart(accuracy)
                .heading("Speed").chart(latency).chart(throughput);
        html.write(report);
    }
}
