package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.autograd.Variable;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearInputObserverTest {
    @Test
    void seesTheInputAsTokensByFeaturesInDenseAndSparseMode() {
        Linear l = new Linear(4, 3, true, 1);
        List<Tensor> seen = new ArrayList<>();
        l.setInputObserver(x -> seen.add(x.copy()));
        Tensor x = Tensor.randn(3, 2, 5, 4);
        l.forward(Variable.constant(x));
        l.sparsify(Sparsifiers.forLayout(Layout.CSR, 0.5));
        l.forward(Variable.constant(x.reshape(10, 4)));
        assertEquals(2, seen.size());
        for (Tensor t : seen) {
            assertArrayEquals(new int[] {10, 4}, t.dims());
            assertArrayEquals(x.toArray(), t.toArray());
        }
        l.setInputObserver(null);
        l.forward(Variable.constant(x));
        assertEquals(2, seen.size());
    }
}
