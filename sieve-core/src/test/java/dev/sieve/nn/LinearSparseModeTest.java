package dev.sieve.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linear switched to sparse layouts in place: same function as the pruned dense layer, trainable values. */
class LinearSparseModeTest {
    static void assertClose(Tensor e, Tensor a) {
        assertArrayEquals(e.dims(), a.dims());
        float[] x = e.toArray(), y = a.toArray();
        for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i], 1e-4f * Math.max(1f, Math.abs(x[i])), "element " + i);
    }

    @Test
    void everyLayoutComputesThePrunedDenseLayerOnRank3Input() {
        for (String layout : new String[] {"csr", "coo", "csc", "masked", "bsr:2x2", "nm:2:4", "nmg:2:4:2", "tw:4"}) {
            Linear l = new Linear(8, 6, true, 5);
            l.sparsify(Sparsifiers.forLayout(Layout.parse(layout), 0.5));
            assertTrue(l.isSparse());
            assertEquals(List.of("weight_values", "bias"), List.copyOf(l.namedParameters().keySet()), layout);
            Tensor w = l.denseWeight();
            Variable x = Variable.constant(Tensor.randn(2, 3, 4, 8));
            Tensor expected = Functions.linear(x, Variable.constant(w), l.bias()).value();
            assertClose(expected, l.forward(x).value());
        }
    }

    @Test
    void valuesTrainAndDensifyKeepsThem() {
        Linear l = new Linear(8, 4, false, 1).sparsify(Sparsifiers.forLayout(Layout.parse("csr"), 0.75));
        Variable v = l.sparseWeight().values();
        Variable x = Variable.constant(Tensor.randn(3, 5, 8));
        Functions.sum(l.forward(x)).backward();
        assertNotNull(v.grad());
        SGD opt = new SGD(l.parameters(), 0.1);
        opt.step();
        Tensor trained = l.denseWeight();
        long nonzeros = 0;
        for (float f : trained.toArray()) if (f != 0f) nonzeros++;
        assertEquals(8, nonzeros, "the pattern (25% of 32) is kept by training");
        l.densify();
        assertFalse(l.isSparse());
        assertEquals(List.of("weight"), List.copyOf(l.namedParameters().keySet()));
        assertArrayEquals(trained.toArray(), l.weight().value().toArray());
    }

    @Test
    void misuseIsReported() {
        Linear l = new Linear(4, 3, true, 1);
        var shape = assertThrows(IllegalArgumentException.class, () -> l.useSparseWeight(
                Sparsifiers.forLayout(Layout.parse("csr"), 0.5).sparsify(Tensor.randn(1, 4, 3))));
        assertTrue(shape.getMessage().contains("[3, 4]"), shape.getMessage());
        l.sparsify(Sparsifiers.forLayout(Layout.parse("csr"), 0.5));
        assertThrows(IllegalStateException.class, l::weight);
    }
}
