package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.*;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NnSparseLinearTest {
    @Test
    void prunedLayerMatchesMaskedDenseAndTrains() {
        for (String layout : new String[] {"csr", "nm:2:4"}) {
            Linear dense = new Linear(8, 4, true, 11);
            SparseLinear sparse = SparseLinear.fromLinear(dense, Sparsifiers.forLayout(Layout.parse(layout), 0.5));
            assertEquals(List.of("weight_values", "bias"), List.copyOf(sparse.namedParameters().keySet()));
            Tensor x = Tensor.uniform(5, -1, 1, 3, 8);
            Tensor w = sparse.weight().matrix().toDense();
            Tensor expected = x.matmul(w.t()).add(dense.bias().value());
            assertArrayEquals(expected.toArray(), sparse.forward(Variable.constant(x)).value().toArray(), 1e-5f, layout);

            FiniteDiff.check(layout, () -> Functions.sum(Functions.tanh(sparse.forward(Variable.constant(x)))),
                    sparse.weight().values(), sparse.bias());

            SGD opt = new SGD(sparse.parameters(), 0.1);
            MSELoss mse = new MSELoss();
            Variable target = Variable.constant(Tensor.zeros(3, 4));
            float before = mse.forward(sparse.forward(Variable.constant(x)), target).value().item();
            for (int i = 0; i < 20; i++) {
                opt.zeroGrad();
                mse.forward(sparse.forward(Variable.constant(x)), target).backward();
                opt.step();
            }
            float after = mse.forward(sparse.forward(Variable.constant(x)), target).value().item();
            assertTrue(after < before, layout + ": " + before + " -> " + after);
        }
    }
}
