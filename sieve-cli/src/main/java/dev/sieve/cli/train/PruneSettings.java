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
import picocli.CommandLine;

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
    /**
     * Linear weights smaller than this stay dense when materialized (the 10x100 classifier): the sparse
     * kernels' fixed costs exceed the work they save (docs/pruning.md, "Tiny layers stay dense").
     */
    public static final int MIN_SPARSE_WEIGHTS = 4096;

    /**
     * Checked settings from command-line options: {@code sparsityOption} names the sparsity's option in
     * messages. A sparsity outside (0, 1), an unknown layout or method, a sparsity the layout contradicts, or
     * a global threshold the layout has no form for is a usage error (exit 2).
     */
    public static PruneSettings parse(CommandLine cl, String sparsityOption, double sparsity, String layoutName, String method,
                                      boolean global) {
        try {
            if (!(sparsity > 0 && sparsity < 1))
                throw new IllegalArgumentException(sparsityOption + " must be in (0, 1), got " + sparsity);
            PruneSettings s = new PruneSettings(sparsity, Layout.parse(layoutName), method, global);
            s.target();
            s.score();
            return s;
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** Whether {@code layout} at {@code sparsity} has a global-threshold form (unstructured, blocks, tile-wise). */
    public static boolean globalPossible(Layout layout, double sparsity) {
        try {
            new PruneSettings(sparsity, layout, "magnitude", true).target();
            return true;
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

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
     * 0 to the target's sparsity over {@code pruneSteps} (mask update every {@link #UPDATE_EVERY});
     * {@code oneshot} prunes at step 0; {@code stages} prunes to 25, 50, 75% (those below the target) and
     * then the target in equal stages over {@code pruneSteps}, as TW's 25% → 95% recipe.
     */
    public PruneSchedule schedule(String name, int pruneSteps) {
        return switch (name) {
            case "cubic" -> PruneSchedules.cubic(0, Math.max(1, pruneSteps), Math.max(1, Math.min(UPDATE_EVERY, pruneSteps)));
            case "oneshot" -> PruneSchedules.oneShot(0);
            case "stages" -> {
                double last = target().sparsity();
                List<Double> levels = new ArrayList<>();
                for (double level : new double[] {0.25, 0.5, 0.75}) if (level < last - 1e-9) levels.add(level);
                levels.add(last);
                yield PruneSchedules.stages(0, Math.max(1, pruneSteps / levels.size()), levels.stream().mapToDouble(Double::doubleValue).toArray());
            }
            default -> throw new IllegalArgumentException("unknown schedule " + name + " (cubic, oneshot, stages)");
        };
    }
}
