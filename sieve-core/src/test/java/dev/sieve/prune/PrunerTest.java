package dev.sieve.prune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.NoGrad;
import dev.sieve.autograd.Variable;
import dev.sieve.io.data.Batch;
import dev.sieve.io.data.BatchLoader;
import dev.sieve.nn.Adam;
import dev.sieve.nn.CrossEntropyLoss;
import dev.sieve.nn.Linear;
import dev.sieve.nn.ReLU;
import dev.sieve.nn.Sequential;
import dev.sieve.sparse.Layout;
import dev.sieve.tensor.Tensor;
import dev.sieve.train.Trainer;
import dev.sieve.train.TrainingHook;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrunerTest {
    static final int IN = 20, N = 64;

    /** Layers "0", "2", "4" are Linears 20 -> 32 -> 16 -> 4. */
    static Sequential model(long seed) {
        return new Sequential(new Linear(IN, 32, true, seed), new ReLU(), new Linear(32, 16, true, seed + 1), new ReLU(),
                new Linear(16, 4, true, seed + 2));
    }

    static Tensor inputs() {
        return Tensor.randn(7, N, IN);
    }

    static int[] labels() {
        int[] y = new int[N];
        Tensor x = inputs();
        for (int i = 0; i < N; i++) y[i] = (x.get(i, 0) > 0 ? 1 : 0) + (x.get(i, 1) > 0 ? 2 : 0);
        return y;
    }

    static Tensor weight(Sequential m, int i) {
        return ((Linear) m.get(i)).weight().value();
    }

    @Test
    void masksStayEnforcedThroughFineTuningOnWeightsGradientsAndAdamState() {
        Sequential m = model(1);
        Adam adam = new Adam(m.parameters(), 0.01);
        Pruner pruner = Pruner.builder()
                .select("[02]\\.weight", Scores.taylor(), Targets.unstructured(0.8), PruneSchedules.cubic(0, 24, 4))
                .select("4\\.weight", Scores.magnitude(), Targets.nm(2, 4), PruneSchedules.oneShot(6))
                .optimizer(adam)
                .build(m);
        assertEquals(List.of("0.weight", "2.weight", "4.weight"), pruner.names());
        List<String> violations = new ArrayList<>();
        int[] checkedSteps = {0};
        // Runs before the pruner: after the optimizer step, before the pruner re-zeroes anything. A pruned
        // weight that moved would mean a gradient or an Adam moment was left unmasked.
        TrainingHook afterOptimizer = new TrainingHook() {
            @Override
            public void afterStep(int epoch, int step, double loss) {
                for (var e : pruner.masks().entrySet()) {
                    Tensor w = m.namedParameters().get(e.getKey()).value();
                    for (int i = 0; i < w.size(); i++)
                        if (e.getValue().data()[i] == 0f && w.data()[i] != 0f) violations.add("weight " + e.getKey() + "[" + i + "] at step " + step);
                }
                checkedSteps[0]++;
            }
        };
        // Runs after the pruner's afterBackward: gradients are masked.
        TrainingHook afterMasking = new TrainingHook() {
            @Override
            public void afterBackward(int epoch, int step, Variable loss) {
                for (var e : pruner.masks().entrySet()) {
                    Tensor g = m.namedParameters().get(e.getKey()).grad();
                    for (int i = 0; i < g.size(); i++)
                        if (e.getValue().data()[i] == 0f && g.data()[i] != 0f) violations.add("gradient " + e.getKey() + "[" + i + "] at step " + step);
                }
            }
        };
        Trainer trainer = new Trainer(m, adam, new CrossEntropyLoss(), null).addHook(afterOptimizer).addHook(pruner).addHook(afterMasking);
        BatchLoader loader = new BatchLoader(inputs(), labels(), 16, true, 3, false);
        List<Double> sparsities = new ArrayList<>();
        for (int epoch = 0; epoch < 15; epoch++) {
            trainer.fitEpoch(loader, epoch, null);
            sparsities.add(Masks.sparsity(pruner.masks().get("0.weight")));
        }
        assertEquals(60, trainer.steps());
        assertEquals(60, checkedSteps[0]);
        assertTrue(violations.isEmpty(), violations.size() + " violations, first: " + (violations.isEmpty() ? "" : violations.get(0)));
        for (int i = 1; i < sparsities.size(); i++) assertTrue(sparsities.get(i) >= sparsities.get(i - 1) - 1e-12, "the cubic ramp never decreases");
        assertEquals(0.8, sparsities.get(sparsities.size() - 1), 1e-9);
        assertTrue(sparsities.get(2) < 0.8, "still ramping after 12 steps");
        assertEquals(0.8, zeroFraction(weight(m, 0)), 1e-9);
        assertEquals(1 - 102 / 512.0, zeroFraction(weight(m, 2)), 1e-9, "round(0.2 * 512) = 102 kept");
        assertEquals(0.5, zeroFraction(weight(m, 4)), 1e-9);
        assertEquals(1 - (128 + 102 + 32) / 1216.0, pruner.sparsity(), 1e-9);

        // Masks are fixed after the schedules: fine-tuning changed weights but not the pattern.
        Map<String, Tensor> before = pruner.masks();
        Tensor w0 = weight(m, 0).copy();
        trainer.fitEpoch(loader, 15, null);
        assertArrayEquals(before.get("0.weight").toArray(), pruner.masks().get("0.weight").toArray());
        assertFalse(java.util.Arrays.equals(w0.toArray(), weight(m, 0).toArray()), "the kept weights still train");

        // Materialize: the same function, now with sparse layouts.
        Tensor x = inputs();
        Tensor y;
        try (NoGrad ignored = NoGrad.enter()) {
            y = m.forward(Variable.constant(x)).value();
        }
        List<LayerReport> beforeReport = pruner.report(16, 0);
        assertEquals("csr", beforeReport.get(0).layout());
        assertFalse(beforeReport.get(0).materialized());
        pruner.materialize();
        assertEquals(Layout.CSR, ((Linear) m.get(0)).sparseWeight().pattern().layout());
        assertEquals(new Layout.Nm(2, 4), ((Linear) m.get(4)).sparseWeight().pattern().layout());
        try (NoGrad ignored = NoGrad.enter()) {
            float[] a = y.toArray(), b = m.forward(Variable.constant(x)).value().toArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-4f, "output " + i);
        }
        List<LayerReport> report = pruner.report(16, 1);
        assertEquals(3, report.size());
        LayerReport r0 = report.get(0);
        assertEquals("0.weight", r0.name());
        assertEquals(List.of(32, 20), r0.shape());
        assertEquals(0.8, r0.sparsity(), 1e-9);
        assertTrue(r0.materialized());
        assertEquals(4L * 640, r0.denseBytes());
        assertEquals(128L * 4 + 128 * 4 + 33 * 4, r0.layoutBytes(), "csr: values, column indices, row pointers");
        assertTrue(r0.speedup() > 0);
        assertEquals("nm:2:4", report.get(2).layout());
        String table = LayerReport.table(report);
        assertTrue(table.contains("0.weight") && table.contains("total"), table);
    }

    static double zeroFraction(Tensor t) {
        int z = 0;
        for (float f : t.toArray()) if (f == 0f) z++;
        return (double) z / t.size();
    }

    @Test
    void globalTargetsRankTheSelectedLayersTogether() {
        Sequential m = model(2);
        float[] w2 = weight(m, 2).data();
        for (int i = 0; i < w2.length; i++) w2[i] *= 0.2f;
        Target global = Targets.unstructured(0.5).global();
        Pruner pruner = Pruner.builder().select("[02]\\.weight", Scores.magnitude(), global).build(m);
        pruner.pruneNow();
        assertEquals(0.5, pruner.sparsity(), 1e-9);
        assertTrue(zeroFraction(weight(m, 2)) > 0.9, "the down-scaled layer loses most: " + zeroFraction(weight(m, 2)));
    }

    @Test
    void stagesPruneStepByStepWithFineTuningBetween() {
        Sequential m = model(3);
        Adam adam = new Adam(m.parameters(), 0.01);
        Pruner pruner = Pruner.builder()
                .select("0\\.weight", Scores.movement(), Targets.neurons(0.75), PruneSchedules.stages(0, 4, 0.25, 0.5, 0.75))
                .optimizer(adam).build(m);
        Trainer trainer = new Trainer(m, adam, new CrossEntropyLoss(), null).addHook(pruner);
        BatchLoader loader = new BatchLoader(inputs(), labels(), 16, true, 3, false);
        double[] expected = {0.25, 0.5, 0.75, 0.75};
        for (int epoch = 0; epoch < 4; epoch++) {
            trainer.fitEpoch(loader, epoch, null);
            assertEquals(expected[epoch], Masks.sparsity(pruner.masks().get("0.weight")), 1e-9, "after epoch " + epoch);
        }
        Tensor w = weight(m, 0);
        int zeroRows = 0;
        for (int r = 0; r < 32; r++) {
            boolean all = true;
            for (int c = 0; c < IN; c++) all &= w.get(r, c) == 0f;
            if (all) zeroRows++;
        }
        assertEquals(24, zeroRows, "whole neurons pruned");
    }

    @Test
    void wandaAndSparseGptCalibrateLayerByLayer() {
        Sequential m = model(4);
        Tensor x = inputs();
        List<Tensor> calib = List.of(x.slice(0, 0, 32).copy(), x.slice(0, 32, 64).copy());
        Tensor w0 = weight(m, 0).copy();
        Pruner pruner = Pruner.builder()
                .select("0\\.weight", Scores.wanda(), Targets.unstructuredPerRow(0.5))
                .select("2\\.weight", Scores.sparseGpt(8, 0.01), Targets.nm(2, 4))
                .build(m);
        assertThrows(IllegalStateException.class, pruner::pruneNow, "wanda needs calibration inputs");
        pruner.pruneNow(Calibration.inputs(calib));

        // Wanda on layer 0: |W| times the norms of the calibration inputs' columns.
        Importance wanda = Scores.wanda().create(w0.dims());
        for (Tensor c : calib) wanda.observeInput(c);
        Tensor expected = Targets.unstructuredPerRow(0.5).mask(wanda.scores(w0), 0.5);
        assertArrayEquals(expected.toArray(), pruner.masks().get("0.weight").toArray());

        // SparseGPT on layer 2 saw the outputs of the pruned layer 0 and compensated: on the calibration
        // data it reconstructs layer 2's output better than plain 2:4 magnitude pruning of the same weights.
        Sequential reference = model(4);
        Tensor dense2 = weight(reference, 2).copy();
        Tensor h;
        try (NoGrad ignored = NoGrad.enter()) {
            h = new ReLU().forward(m.get(0).forward(Variable.constant(x))).value();
        }
        Tensor magnitude = dense2.copy();
        Masks.apply(magnitude, Targets.nm(2, 4).mask(Scores.magnitude().create(dense2.dims()).scores(dense2), 0.5));
        double eGpt = SparseGptTest.error(h, dense2, weight(m, 2)), eMag = SparseGptTest.error(h, dense2, magnitude);
        assertTrue(eGpt < eMag, "sparsegpt " + eGpt + " vs magnitude " + eMag);
        assertEquals(0.5, zeroFraction(weight(m, 2)), 1e-9);
        pruner.materialize();
        assertEquals(new Layout.Nm(2, 4), ((Linear) m.get(2)).sparseWeight().pattern().layout());
    }

    @Test
    void tinyLayersCanStayDenseWhenMaterializing() {
        Sequential m = model(3);
        Pruner pruner = Pruner.builder().select(".*weight", Scores.magnitude(), Targets.unstructured(0.5)).build(m);
        pruner.pruneNow();
        Tensor x = inputs();
        Tensor before;
        try (NoGrad ignored = NoGrad.enter()) {
            before = m.forward(Variable.constant(x)).value();
        }
        pruner.materialize(16 * 4 + 1); // the 4x16 output layer (64 weights) stays dense, the others become csr
        assertTrue(((Linear) m.get(0)).isSparse());
        assertTrue(((Linear) m.get(2)).isSparse());
        assertFalse(((Linear) m.get(4)).isSparse());
        assertEquals(0.5, zeroFraction(weight(m, 4)), 1e-9, "its pruned zeros are kept");
        var rows = pruner.report(8, 0);
        assertEquals("dense", rows.get(2).layout());
        assertEquals(rows.get(2).denseBytes(), rows.get(2).layoutBytes());
        try (NoGrad ignored = NoGrad.enter()) {
            float[] a = before.toArray(), b = m.forward(Variable.constant(x)).value().toArray();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 1e-5f);
        }
    }

    @Test
    void inputScoresDuringTrainingCountTrainingForwardsOnly() {
        Sequential m = model(7);
        Adam adam = new Adam(m.parameters(), 0.01);
        Pruner pruner = Pruner.builder().select("0\\.weight", Scores.wanda(), Targets.unstructured(0.5), PruneSchedules.oneShot(5))
                .optimizer(adam).build(m);
        Tensor[] weightAtUpdate = new Tensor[1];
        TrainingHook capture = new TrainingHook() {
            @Override
            public void afterBackward(int epoch, int step, Variable loss) {
                if (step == 5) weightAtUpdate[0] = weight(m, 0).copy();
            }
        };
        Trainer trainer = new Trainer(m, adam, new CrossEntropyLoss(), null).addHook(capture).addHook(pruner);
        BatchLoader loader = new BatchLoader(inputs(), labels(), 16, true, 3, false);
        trainer.fitEpoch(loader, 0, null);
        dev.sieve.train.Evaluation.accuracy(m, inputs(), labels(), 16); // eval-mode forwards: not counted
        trainer.fitEpoch(loader, 1, null);
        Importance wanda = Scores.wanda().create(new int[] {32, IN});
        for (Batch b : loader.epoch(0)) wanda.observeInput(b.inputs());
        int k = 0;
        for (Batch b : loader.epoch(1)) if (k++ < 2) wanda.observeInput(b.inputs()); // steps 4 and 5
        Tensor expected = Targets.unstructured(0.5).mask(wanda.scores(weightAtUpdate[0]), 0.5);
        assertArrayEquals(expected.toArray(), pruner.masks().get("0.weight").toArray());
    }

    @Test
    void taylorOneShotUsesTheGradientsOfLabelledCalibrationBatches() {
        Sequential m = model(5), twin = model(5);
        List<Batch> batches = Calibration.take(new BatchLoader(inputs(), labels(), 16, false, 0, false).epoch(0), 2);
        assertEquals(2, batches.size());
        Pruner pruner = Pruner.builder().select("2\\.weight", Scores.taylor(), Targets.blocks(4, 4, 0.5)).build(m);
        assertThrows(IllegalStateException.class, () -> pruner.pruneNow(Calibration.inputs(List.of(inputs()))), "no labels, no gradients");
        pruner.pruneNow(Calibration.batches(batches));
        Importance taylor = Scores.taylor().create(new int[] {16, 32});
        for (Batch b : batches) {
            twin.zeroGrad();
            new CrossEntropyLoss().forward(twin.forward(Variable.constant(b.inputs())), b.labels()).backward();
            taylor.observeGradient(weight(twin, 2), twin.namedParameters().get("2.weight").grad());
        }
        Tensor expected = Targets.blocks(4, 4, 0.5).mask(taylor.scores(weight(twin, 2)), 0.5);
        assertArrayEquals(expected.toArray(), pruner.masks().get("2.weight").toArray());
        assertNotNull(m.namedParameters().get("2.weight"));
        for (var p : m.parameters()) assertEquals(null, p.grad(), "calibration leaves no gradients behind");
    }

    @Test
    void attentionHeadsOfInProjWeightArePrunedAcrossQkv() {
        dev.sieve.nn.MultiheadAttention mha = new dev.sieve.nn.MultiheadAttention(8, 4, 0.0, true, true, 9);
        Pruner pruner = Pruner.builder().select("in_proj_weight", Scores.magnitude(), Targets.heads(2, 3, 0.5)).build(mha);
        pruner.pruneNow();
        Tensor w = mha.inProjWeight().value(); // [24, 8]: q, k, v rows, 4 heads of 2 rows each
        int pruned = 0;
        for (int h = 0; h < 4; h++) {
            boolean zero = true, nonzero = true;
            for (int sec = 0; sec < 3; sec++) {
                for (int r = sec * 8 + 2 * h; r < sec * 8 + 2 * h + 2; r++) {
                    for (int c = 0; c < 8; c++) {
                        zero &= w.get(r, c) == 0f;
                        nonzero &= w.get(r, c) != 0f;
                    }
                }
            }
            assertTrue(zero || nonzero, "head " + h + " is kept or pruned as a whole in q, k and v");
            if (zero) pruned++;
        }
        assertEquals(2, pruned);
    }

    @Test
    void prunedHeadsTakeTheirOutProjectionColumnsWithThemWithoutChangingTheOutput() {
        dev.sieve.nn.MultiheadAttention mha = new dev.sieve.nn.MultiheadAttention(8, 4, 0.0, true, true, 11);
        dev.sieve.nn.MultiheadAttention rowsOnly = new dev.sieve.nn.MultiheadAttention(8, 4, 0.0, true, true, 11);
        // Nonzero biases, so the folded constant matters.
        for (var m : List.of(mha, rowsOnly)) {
            Tensor ib = m.inProjBias().value();
            for (int i = 0; i < ib.size(); i++) ib.data()[ib.offset() + i] = 0.1f * (i % 7) - 0.3f;
        }
        Pruner pruner = Pruner.builder().select("in_proj_weight", Scores.magnitude(), Targets.heads(2, 3, 0.5)).build(mha);
        pruner.pruneNow();
        Masks.apply(rowsOnly.inProjWeight().value(), pruner.masks().get("in_proj_weight"));
        Tensor x = Tensor.randn(12, 3, 5, 8);
        Tensor a, b;
        try (NoGrad ignored = NoGrad.enter()) {
            a = mha.forward(Variable.constant(x), Variable.constant(x), Variable.constant(x)).output().value();
            b = rowsOnly.forward(Variable.constant(x), Variable.constant(x), Variable.constant(x)).output().value();
        }
        for (int i = 0; i < a.size(); i++) assertEquals(b.data()[i], a.data()[i], 1e-5, "output " + i);
        Tensor w = mha.inProjWeight().value(), out = mha.outProj().weight().value();
        int zeroColumns = 0;
        for (int h = 0; h < 4; h++) {
            boolean pruned = w.get(16 + 2 * h, 0) == 0f && w.get(16 + 2 * h, 1) == 0f;
            for (int c = 2 * h; c < 2 * h + 2; c++) {
                boolean zero = true;
                for (int o = 0; o < 8; o++) zero &= out.get(o, c) == 0f;
                assertEquals(pruned, zero, "head " + h + " column " + c);
                if (zero) zeroColumns++;
            }
        }
        assertEquals(4, zeroColumns, "two pruned heads, two columns each");

        // Fine-tuning keeps them pruned: gradients, Adam's state and the weights are masked every step.
        Adam adam = new Adam(mha.parameters(), 1e-2);
        pruner.attach(adam);
        Tensor before = out.copy();
        for (int step = 0; step < 3; step++) {
            mha.zeroGrad();
            Variable y = mha.forward(Variable.constant(x), Variable.constant(x), Variable.constant(x)).output();
            Variable loss = dev.sieve.autograd.Functions.sum(dev.sieve.autograd.Functions.mul(y, y));
            loss.backward();
            pruner.afterBackward(0, step, loss);
            adam.step();
            pruner.afterStep(0, step, loss.value().item());
        }
        for (int o = 0; o < 8; o++) {
            for (int c = 0; c < 8; c++) {
                if (before.get(o, c) == 0f) assertEquals(0f, out.get(o, c), "column " + c + " stays pruned");
            }
        }
    }

    @Test
    void misuseIsReported() {
        Sequential m = model(6);
        Target t = Targets.unstructured(0.5);
        assertThrows(IllegalArgumentException.class, () -> Pruner.builder().select("fc1\\.weight", Scores.magnitude(), t).build(m));
        assertThrows(IllegalArgumentException.class, () -> Pruner.builder().select("0\\..*", Scores.magnitude(), t).build(m), "bias has rank 1");
        assertThrows(IllegalArgumentException.class,
                () -> Pruner.builder().select("0\\.weight", Scores.magnitude(), t).select("[0-4]\\.weight", Scores.magnitude(), t).build(m));
        assertThrows(IllegalArgumentException.class, () -> Pruner.builder().build(m));
        Target g = Targets.unstructured(0.5).global();
        assertThrows(IllegalArgumentException.class, () -> Pruner.builder()
                .select("0\\.weight", Scores.magnitude(), g, PruneSchedules.oneShot(1))
                .select("2\\.weight", Scores.magnitude(), g, PruneSchedules.oneShot(2)).build(m));
        assertThrows(IllegalArgumentException.class,
                () -> Pruner.builder().select("0\\.weight", Scores.magnitude(), Targets.unstructured(0.5), PruneSchedules.stages(0, 1, 0.9)));
        Pruner p = Pruner.builder().select("0\\.weight", Scores.magnitude(), t).build(m);
        assertThrows(IllegalStateException.class, p::materialize);
        // A conv-like parameter of rank 4 that no Linear owns: Wanda cannot watch its inputs.
        dev.sieve.nn.Layer conv = new dev.sieve.nn.Layer() {
            {
                registerParameter("weight", Variable.parameter(Tensor.randn(1, 4, 2, 3, 3)));
            }

            @Override
            public Variable forward(Variable x) {
                return x;
            }
        };
        assertThrows(IllegalArgumentException.class, () -> Pruner.builder().select("weight", Scores.wanda(), t).build(conv));
        Pruner channels = Pruner.builder().select("weight", Scores.magnitude(), Targets.channels(0.5)).build(conv);
        channels.pruneNow();
        assertEquals(0.5, Masks.sparsity(channels.masks().get("weight")), 1e-9);
        assertArrayEquals(new int[] {4, 2, 3, 3}, channels.masks().get("weight").dims());
        channels.materialize(); // not a Linear: stays dense with its zeros
        assertEquals(0.5, zeroFraction(conv.namedParameters().get("weight").value()), 1e-9);
    }
}
