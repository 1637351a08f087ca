package dev.sieve.nn;

import static dev.sieve.golden.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.golden.Goldens;
import dev.sieve.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Activations, losses, optimizers and schedules against PyTorch (scripts/goldens/gen_basic.py). */
class BasicGoldenTest {
    static final Goldens G = Goldens.load("basic");

    @Test
    void activationsAndSoftmaxForwardAndBackward() {
        Map<String, UnaryOperator<Variable>> fns = Map.of(
                "relu", Functions::relu, "gelu", Functions::gelu, "gelu_tanh", Functions::geluTanh,
                "tanh", Functions::tanh, "sigmoid", Functions::sigmoid,
                "softmax1", x -> Functions.softmax(x, 1), "log_softmax1", x -> Functions.logSoftmax(x, 1));
        for (var e : fns.entrySet()) {
            Variable x = Variable.parameter(G.get("act_x"));
            Variable y = e.getValue().apply(x);
            assertClose(e.getKey() + " forward", G.get(e.getKey() + "_y"), y.value());
            y.backward(G.get("act_gy"));
            assertClose(e.getKey() + " gradient", G.get(e.getKey() + "_gx"), x.grad());
        }
    }

    static int[] labels(String key) {
        long[] v = G.ints(key).data();
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (int) v[i];
        return out;
    }

    @Test
    void lossesAndTheirGradients() {
        for (String eps : new String[] {"0", "0.1"}) {
            Variable logits = Variable.parameter(G.get("ce_logits"));
            Variable loss = new CrossEntropyLoss(Double.parseDouble(eps)).forward(logits, labels("ce_targets"));
            assertClose("cross-entropy ε=" + eps, G.get("ce" + eps + "_loss"), loss.value().reshape(1));
            loss.backward();
            assertClose("cross-entropy ε=" + eps + " gradient", G.get("ce" + eps + "_grad"), logits.grad());
        }
        Variable a = Variable.parameter(G.get("mse_a"));
        Variable mse = new MSELoss().forward(a, Variable.constant(G.get("mse_b")));
        assertClose("mse", G.get("mse_loss"), mse.value().reshape(1));
        mse.backward();
        assertClose("mse gradient", G.get("mse_grad"), a.grad());
        Variable z = Variable.parameter(G.get("bce_z"));
        Variable bce = new BCEWithLogitsLoss().forward(z, Variable.constant(G.get("bce_t")));
        assertClose("bce", G.get("bce_loss"), bce.value().reshape(1));
        bce.backward();
        assertClose("bce gradient", G.get("bce_grad"), z.grad());
    }

    @Test
    void optimizersFollowPyTorchOverFiveSteps() {
        Map<String, Function<List<Variable>, Optimizer>> configs = Map.of(
                "sgd", p -> new SGD(p, 0.1),
                "sgd_momentum", p -> new SGD(p, 0.1, 0.9, false, 0),
                "sgd_nesterov_wd", p -> new SGD(p, 0.1, 0.9, true, 0.01),
                "adam", p -> new Adam(p, 0.01),
                "adam_wd", p -> new Adam(p, 0.01, 0.9, 0.999, 1e-8, 0.1),
                "adamw", p -> new AdamW(p, 0.01, 0.9, 0.999, 1e-8, 0.1));
        Tensor grads = G.get("opt_grads");
        for (var e : configs.entrySet()) {
            Variable p = Variable.parameter(G.get("opt_p0"));
            Optimizer opt = e.getValue().apply(List.of(p));
            for (int step = 0; step < grads.dim(0); step++) {
                p.zeroGrad();
                Functions.sum(Functions.mul(p, Variable.constant(grads.slice(0, step, step + 1).copy().reshape(7)))).backward();
                opt.step();
            }
            assertClose(e.getKey(), G.get("opt_" + e.getKey()), p.value(), 1e-6, 1e-5);
        }
    }

    @Test
    void schedulesMatchStepLrAndCosineAnnealing() {
        float[] step = G.get("lr_step").toArray(), cosine = G.get("lr_cosine").toArray();
        LrSchedule s = Schedules.step(0.1, 3, 0.5), c = Schedules.cosine(0.1, 10, 0.01);
        for (int t = 0; t < step.length; t++) assertEquals(step[t], s.lr(t), 1e-7, "StepLR at " + t);
        for (int t = 0; t < cosine.length; t++) assertEquals(cosine[t], c.lr(t), 1e-7, "CosineAnnealingLR at " + t);
    }
}
