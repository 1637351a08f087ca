package dev.sieve.cli.train;

import dev.sieve.nn.Module;
import dev.sieve.prune.PruneSchedule;
import dev.sieve.prune.PruneSchedules;
import dev.sieve.prune.Pruner;
import dev.sieve.prune.Score;
import dev.sieve.prune.Scores;
import dev.sieve.prune.Target;
import dev.sieve.prune.Targets;
import dev.sieve.sparse.Layout;
import dev.sieve.autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the CLI prunes and how: every weight matrix of the model (parameters of rank ≥ 2 whose name has
 * "weight"), one score, one target layout and sparsity, and a schedule over a number of steps.
 *
 * @param sparsity the final sparsity
 * @param layout the layout pruned Linears are materialized in (it also fixes the mask's structure)
 * @param method the score's name (magnitude, taylor, movement, wanda, sparsegpt)
 * @param globalThreshold rank unstructured weights against one threshold across layers
 */
public record PruneSettings(double sparsity, Layout layout, String method, boolean globalThreshold) {
    /** Mask updates of a gradual schedule happen this often (optimizer steps). */
    public static final int UPDATE_EVERY = 50;

    /** The names of the parameters pruned: weight matrices (rank ≥ 2), not biases, norms or embeddings of positions. */
    public static List<String> weightNames(Module model) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Variable> e : model.namedParameters().entrySet()) {
            String leaf = e.getKey().substring(e.getKey().lastIndexOf('.') + 1);
            if (leaf.startsWith("weight") && e.getValue().value().rank() >= 2) out.add(e.getKey());
        }
        return out;
    }

    public Target target() {
        Target t = Targets.forLayout(layout, sparsity);
        return globalThreshold ? t.global() : t;
    }

    public Score score() {
        return Scores.named(method);
    }

    /** A pruner over every weight matrix with {@code schedule} (null: pruneNow only). */
    public Pruner pruner(Module model, PruneSchedule schedule) {
        List<String> names = weightNames(model);
        if (names.isEmpty()) throw new IllegalArgumentException("the model has no weight matrices to prune");
        StringBuilder regex = new StringBuilder();
        for (String n : names) regex.append(regex.isEmpty() ? "" : "|").append(Pattern.quote(n));
        Target target = target();
        Pruner.Builder b = Pruner.builder();
        if (schedule == null) b.select(regex.toString(), score(), target);
        else b.select(regex.toString(), score(), target, schedule);
        return b.build(model);
    }

    /**
     * The pruning schedule, in optimizer steps from the start of the pruning phase: {@code cubic} ramps from
     * 0 to the sparsity over {@code pruneSteps} (mask update every {@link #UPDATE_EVERY}); {@code oneshot}
     * prunes at step 0; {@code stages} prunes to 25, 50, 75% ... of the way in equal stages over
     * {@code pruneSteps}, as TW's 25% → 95% recipe.
     */
    public static PruneSchedule schedule(String name, int pruneSteps) {
        return switch (name) {
            case "cubic" -> PruneSchedules.cubic(0, Math.max(1, pruneSteps), Math.max(1, Math.min(UPDATE_EVERY, pruneSteps)));
            case "oneshot" -> PruneSchedules.oneShot(0);
            case "stages" -> throw new IllegalStateException("stages needs the sparsity: use stages(sparsity, steps)");
            default -> throw new IllegalArgumentException("unknown schedule " + name + " (cubic, oneshot, stages)");
        };
    }

    /** The schedule for this target's sparsity (see {@link #schedule(String, int)}). */
    public PruneSchedule schedule(String name, int pruneSteps, double finalSparsity) {
        if (!name.equals("stages")) return schedule(name, pruneSteps);
        List<Double> levels = new ArrayList<>();
        for (double s : new double[] {0.25, 0.5, 0.75}) if (s < finalSparsity - 1e-9) levels.add(s);
        levels.add(finalSparsity);
        int per = Math.max(1, pruneSteps / levels.size());
        double[] arr = levels.stream().mapToDouble(Double::doubleValue).toArray();
        return PruneSchedules.stages(0, per, arr);
    }
}
