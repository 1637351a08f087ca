package dev.sieve.prune;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Pruning schedules: one-shot at a step; gradual cubic after Zhu &amp; Gupta (2017); a list of stages
 * each followed by fine-tuning steps, as tile-wise sparsity's 25% → 95%.
 */
public final class PruneSchedules {
    private PruneSchedules() {}

    /** Prunes to the target's sparsity once, at {@code step}; masks stay fixed afterwards. */
    public static PruneSchedule oneShot(int step) {
        return new OneShot(step);
    }

    /**
     * Zhu &amp; Gupta's cubic schedule from 0: see {@link #cubic(double, int, int, int)}.
     */
    public static PruneSchedule cubic(int startStep, int span, int every) {
        return cubic(0.0, startStep, span, every);
    }

    /**
     * s_t = s_f + (s_i − s_f)·(1 − (t − t0)/span)³ for t0 ≤ t ≤ t0 + span, with masks recomputed every
     * {@code every} steps from t0 (warm-up: nothing before t0) and once more at t0 + span, where s_f is
     * reached; afterwards the masks stay fixed (cool-down: fine-tuning at s_f). With span = n·Δt this is
     * the paper's schedule over n updates.
     */
    public static PruneSchedule cubic(double initialSparsity, int startStep, int span, int every) {
        return new Cubic(initialSparsity, startStep, span, every);
    }

    /**
     * Stages: stage k prunes to {@code sparsities[k]} at {@code startStep + k · fineTuneSteps}, then the
     * masks stay fixed for {@code fineTuneSteps} steps of fine-tuning (25%, 50%, 75%, 95%, as in TW). The
     * last stage must equal the target's sparsity.
     */
    public static PruneSchedule stages(int startStep, int fineTuneSteps, double... sparsities) {
        List<Stage> list = new ArrayList<>();
        for (double s : sparsities) list.add(new Stage(s, fineTuneSteps));
        return stages(startStep, list);
    }

    /** Stages with their own fine-tuning lengths; stage k starts when stage k − 1's fine-tuning ends. */
    public static PruneSchedule stages(int startStep, List<Stage> stages) {
        return new Stages(startStep, List.copyOf(stages));
    }

    /** One stage: prune to {@code sparsity}, then fine-tune for {@code fineTuneSteps} steps. */
    public record Stage(double sparsity, int fineTuneSteps) {
        public Stage {
            Targets.checkSparsity(sparsity);
            if (fineTuneSteps < 0) throw new IllegalArgumentException("fine-tuning steps must be >= 0, got " + fineTuneSteps);
        }
    }

    record OneShot(int step) implements PruneSchedule {
        OneShot {
            if (step < 0) throw new IllegalArgumentException("one-shot step must be >= 0, got " + step);
        }

        @Override
        public OptionalDouble updateAt(int t, double finalSparsity) {
            return t == step ? OptionalDouble.of(finalSparsity) : OptionalDouble.empty();
        }

        @Override
        public int lastUpdateStep() {
            return step;
        }

        @Override
        public String toString() {
            return "one-shot at step " + step;
        }
    }

    record Cubic(double initialSparsity, int startStep, int span, int every) implements PruneSchedule {
        Cubic {
            Targets.checkSparsity(initialSparsity);
            if (startStep < 0 || span < 1 || every < 1)
                throw new IllegalArgumentException("cubic schedule needs start >= 0, span >= 1 and every >= 1, got "
                        + startStep + ", " + span + ", " + every);
        }

        /** s_t, clamped to [t0, t0 + span]. */
        public double sparsityAt(int t, double finalSparsity) {
            double progress = Math.min(1.0, Math.max(0.0, (double) (t - startStep) / span));
            double r = 1.0 - progress;
            return finalSparsity + (initialSparsity - finalSparsity) * r * r * r;
        }

        @Override
        public void validate(double finalSparsity) {
            if (initialSparsity > finalSparsity + 1e-9)
                throw new IllegalArgumentException("cubic schedule starts at " + initialSparsity + ", above the target's " + finalSparsity);
        }

        @Override
        public OptionalDouble updateAt(int t, double finalSparsity) {
            int since = t - startStep;
            if (since < 0 || since > span) return OptionalDouble.empty();
            if (since % every != 0 && since != span) return OptionalDouble.empty();
            return OptionalDouble.of(since == span ? finalSparsity : sparsityAt(t, finalSparsity));
        }

        @Override
        public int lastUpdateStep() {
            return startStep + span;
        }

        @Override
        public String toString() {
            return "cubic from " + initialSparsity + " over steps " + startStep + ".." + (startStep + span) + " every " + every;
        }
    }

    record Stages(int startStep, List<Stage> stages) implements PruneSchedule {
        Stages {
            if (startStep < 0) throw new IllegalArgumentException("stages start step must be >= 0, got " + startStep);
            if (stages.isEmpty()) throw new IllegalArgumentException("a stage schedule needs at least one stage");
            for (int i = 1; i < stages.size(); i++) {
                if (stages.get(i).sparsity() < stages.get(i - 1).sparsity())
                    throw new IllegalArgumentException("stage sparsities must not decrease: " + stages);
            }
        }

        @Override
        public void validate(double finalSparsity) {
            double last = stages.get(stages.size() - 1).sparsity();
            if (Math.abs(last - finalSparsity) > 1e-9)
                throw new IllegalArgumentException("the last stage prunes to " + last + ", the target's sparsity is " + finalSparsity);
        }

        /** The last stage that starts at {@code t} (stages without fine-tuning share a step). */
        @Override
        public OptionalDouble updateAt(int t, double finalSparsity) {
            long at = startStep;
            OptionalDouble found = OptionalDouble.empty();
            for (Stage s : stages) {
                if (t == at) found = OptionalDouble.of(s.sparsity());
                at += s.fineTuneSteps();
            }
            return found;
        }

        @Override
        public int lastUpdateStep() {
            long at = startStep;
            for (int i = 0; i < stages.size() - 1; i++) at += stages.get(i).fineTuneSteps();
            return (int) Math.min(Integer.MAX_VALUE, at);
        }

        @Override
        public String toString() {
            return "stages from step " + startStep + ": " + stages;
        }
    }
}
