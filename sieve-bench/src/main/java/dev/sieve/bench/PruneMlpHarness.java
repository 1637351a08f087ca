package dev.sieve.bench;

import dev.sieve.io.data.BatchLoader;
import dev.sieve.io.data.FashionMnist;
import dev.sieve.models.Mlp;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.nn.LrScheduler;
import dev.sieve.nn.Schedules;
import dev.sieve.parallel.Parallel;
import dev.sieve.prune.LayerReport;
import dev.sieve.prune.PruneSchedule;
import dev.sieve.prune.PruneSchedules;
import dev.sieve.prune.Pruner;
import dev.sieve.prune.Scores;
import dev.sieve.prune.Target;
import dev.sieve.prune.Targets;
import dev.sieve.sparse.Layout;
import dev.sieve.tensor.Tensor;
import dev.sieve.train.Evaluation;
import dev.sieve.train.Trainer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Gradual pruning of the reference MLP on Fashion-MNIST, the recipe of BENCHMARKS.md: Adam 1e-3, batch
 * 128, pixels standardised (mean 0.2860, std 0.3530), a cubic schedule from 0 to the target sparsity over
 * {@code prune} epochs (masks updated every {@code every} steps) after {@code warmup} dense epochs, then
 * {@code finetune} epochs at the final sparsity; then materializes the pruned layers and reports them.
 *
 * <p>Usage: {@code PruneMlpHarness [key=value ...]} with keys sparsity (0.9), score (magnitude), layout
 * (csr), select (fc[123]\.weight), global (false), warmup (0), prune (4), finetune (2), every (50),
 * lr (1e-3), lrSchedule (constant|cosine, constant), seed (0), threads (2), data (default location).
 */
public final class PruneMlpHarness {
    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>(Map.of("sparsity", "0.9", "score", "magnitude", "layout", "csr",
                "select", "fc[123]\\.weight", "global", "false", "warmup", "0", "prune", "4", "finetune", "2", "every", "50", "lr", "1e-3"));
        o.putAll(Map.of("lrSchedule", "constant", "seed", "0", "threads", "2", "batch", "128"));
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq)) && !a.startsWith("data="))
                throw new IllegalArgumentException("unknown argument " + a + "; keys: " + o.keySet() + ", data");
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        Parallel.setThreads(Integer.parseInt(o.get("threads")));
        double sparsity = Double.parseDouble(o.get("sparsity"));
        int warmup = Integer.parseInt(o.get("warmup")), prune = Integer.parseInt(o.get("prune")), finetune = Integer.parseInt(o.get("finetune"));
        int every = Integer.parseInt(o.get("every")), batch = Integer.parseInt(o.get("batch"));
        long seed = Long.parseLong(o.get("seed"));
        double lr = Double.parseDouble(o.get("lr"));
        java.nio.file.Path dir = o.containsKey("data") ? java.nio.file.Path.of(o.get("data")) : null;

        FashionMnist.Data train = FashionMnist.load(dir, FashionMnist.Split.TRAIN), test = FashionMnist.load(dir, FashionMnist.Split.TEST);
        Tensor trainX = standardise(train.images(), train.size()), testX = standardise(test.images(), test.size());
        Mlp net = new Mlp(seed);
        Adam adam = new Adam(net.parameters(), lr);
        BatchLoader loader = new BatchLoader(trainX, train.labels(), batch, true, seed, false);
        int epochs = warmup + prune + finetune, perEpoch = loader.batchCount();
        LrScheduler lrs = o.get("lrSchedule").equals("cosine") ? new LrScheduler(adam, Schedules.cosine(lr, epochs * perEpoch, 0)) : null;

        Layout layout = Layout.parse(o.get("layout"));
        Target target = Targets.forLayout(layout, sparsity);
        if (Boolean.parseBoolean(o.get("global"))) target = target.global();
        PruneSchedule schedule = PruneSchedules.cubic(warmup * perEpoch, prune * perEpoch, every);
        Pruner pruner = Pruner.builder().select(o.get("select"), Scores.named(o.get("score")), target, schedule).optimizer(adam).build(net);
        Trainer trainer = new Trainer(net, adam, new CrossEntropyLoss(), lrs).addHook(pruner);

        System.out.printf(Locale.ROOT, "prune mlp: %s, threads %d%n", o, Parallel.threads());
        long t0 = System.nanoTime();
        double accuracy = Double.NaN;
        for (int e = 0; e < epochs; e++) {
            Trainer.EpochResult r = trainer.fitEpoch(loader, e, null);
            accuracy = Evaluation.accuracy(net, testX, test.labels(), 1000);
            System.out.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  sparsity %.4f  test accuracy %.2f%%  %.1f s%n", e + 1, epochs,
                    r.meanLoss(), pruner.sparsity(), 100 * accuracy, r.seconds());
        }
        pruner.materialize();
        double materialized = Evaluation.accuracy(net, testX, test.labels(), 1000);
        System.out.print(LayerReport.table(pruner.report()));
        System.out.printf(Locale.ROOT, "final: sparsity %.4f  test accuracy %.2f%% (materialized %.2f%%)  total %.0f s%n",
                pruner.sparsity(), 100 * accuracy, 100 * materialized, (System.nanoTime() - t0) / 1e9);
    }

    private static Tensor standardise(Tensor images, int n) {
        float[] v = images.toArray();
        for (int i = 0; i < v.length; i++) v[i] = (v[i] - 0.2860f) / 0.3530f;
        return Tensor.of(v, n, 784);
    }
}
