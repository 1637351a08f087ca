package dev.sieve.nn;

import static dev.sieve.golden.Goldens.assertClose;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.golden.Goldens;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * nn.LSTM and nn.GRU against PyTorch (scripts/goldens/gen_rnn.py): 2 layers, batch 3, seq 5, input 4,
 * hidden 6; batch-first with zero and with given initial states, and bidirectional time-major without
 * biases. Compares output, h_n, c_n and the gradients to the input, the initial states and every parameter.
 */
class RnnGoldenTest {
    private static final int I = 4, H = 6, L = 2;

    @Test
    void lstmBatchFirstZeroStates() {
        check("rnn_lstm", "plain.", new LSTM(I, H, L, true, true, 7), false);
    }

    @Test
    void lstmBatchFirstInitialStates() {
        check("rnn_lstm", "init.", new LSTM(I, H, L, true, true, 7), true);
    }

    @Test
    void lstmBidirectionalNoBias() {
        check("rnn_lstm", "bidir.", new LSTM(I, H, L, false, false, 0, true, 7), true);
    }

    @Test
    void gruBatchFirstZeroState() {
        check("rnn_gru", "plain.", new GRU(I, H, L, true, true, 7), false);
    }

    @Test
    void gruBatchFirstInitialState() {
        check("rnn_gru", "init.", new GRU(I, H, L, true, true, 7), true);
    }

    @Test
    void gruBidirectionalNoBias() {
        check("rnn_gru", "bidir.", new GRU(I, H, L, false, false, 0, true, 7), true);
    }

    private static void check(String file, String prefix, RnnBase module, boolean withInit) {
        Goldens g = Goldens.load(file);
        boolean lstm = module instanceof LSTM;
        Map<String, Tensor> state = new LinkedHashMap<>();
        for (String name : module.namedParameters().keySet()) state.put(name, g.get(prefix + name));
        module.loadStateDict(state);

        Variable x = Variable.parameter(g.get(prefix + "x"));
        Variable h0 = withInit ? Variable.parameter(g.get(prefix + "h0")) : null;
        Variable c0 = withInit && lstm ? Variable.parameter(g.get(prefix + "c0")) : null;
        RnnOutput out = lstm ? ((LSTM) module).forward(x, h0, c0) : ((GRU) module).forward(x, h0);
        assertClose(prefix + "output", g.get(prefix + "output"), out.output().value());
        assertClose(prefix + "h_n", g.get(prefix + "h_n"), out.h().value());
        if (lstm) assertClose(prefix + "c_n", g.get(prefix + "c_n"), out.c().value());
        else assertNull(out.c());

        Variable loss = Functions.add(dot(out.output(), g.get(prefix + "grad_output")), dot(out.h(), g.get(prefix + "grad_h")));
        if (lstm) loss = Functions.add(loss, dot(out.c(), g.get(prefix + "grad_c")));
        loss.backward();
        assertClose(prefix + "grad x", g.get(prefix + "grad_x"), x.grad());
        if (withInit) {
            assertClose(prefix + "grad h0", g.get(prefix + "grad_h0"), h0.grad());
            if (lstm) assertClose(prefix + "grad c0", g.get(prefix + "grad_c0"), c0.grad());
        }
        for (var e : module.namedParameters().entrySet()) {
            assertClose(prefix + "grad " + e.getKey(), g.get(prefix + "grad_" + e.getKey()), e.getValue().grad());
        }
    }

    private static Variable dot(Variable v, Tensor w) {
        return Functions.sum(Functions.mul(v, Variable.constant(w)));
    }
}
