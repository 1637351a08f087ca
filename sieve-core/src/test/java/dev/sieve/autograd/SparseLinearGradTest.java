package dev.sieve.autograd;

import static dev.sieve.autograd.GradCheck.check;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sieve.ops.MatMul;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of {@link Functions#sparseLinear} for every layout, on awkward shapes. */
class SparseLinearGradTest {
    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("csr", 0.5, 5, 7),
                Arguments.of("csc", 0.6, 5, 7),
                Arguments.of("coo", 0.5, 6, 5),
                Arguments.of("masked", 0.5, 5, 7),
                Arguments.of("bsr:2x3", 0.5, 5, 7),
                Arguments.of("nm:2:4", 0.5, 5, 7),
                Arguments.of("nm:1:3", 2.0 / 3, 4, 8),
                Arguments.of("nmg:2:4:2", 0.5, 9, 15),
                Arguments.of("tw:2", 0.5, 5, 7));
    }

    private static SparseMatrix pattern(String layout, double sparsity, int out, int in, long seed) {
        return Sparsifiers.forLayout(Layout.parse(layout), sparsity).sparsify(Tensor.randn(seed, out, in));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void finiteDifferences(String layout, double sparsity, int out, int in) {
        SparseMatrix p = pattern(layout, sparsity, out, in, 42);
        Tensor values = SparseParameter.of(p).values().value();
        for (int tokens : new int[] {1, 3}) {
            Tensor x = Tensor.randn(7 + tokens, tokens, in);
            Tensor bias = Tensor.randn(9, out);
            check(layout + " tokens " + tokens, v -> Functions.sparseLinear(v[0], new SparseParameter(p, v[1]), v[2]), x, values, bias);
            check(layout + " no bias", v -> Functions.sparseLinear(v[0], new SparseParameter(p, v[1]), null), x, values);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void matchesDenseLinearOnStoredPositions(String layout, double sparsity, int out, int in) {
        SparseMatrix p = pattern(layout, sparsity, out, in, 43);
        SparseParameter w = SparseParameter.of(p);
        Variable x = Variable.parameter(Tensor.randn(3, 4, in));
        Variable b = Variable.parameter(Tensor.randn(4, out));
        Tensor seed = Tensor.randn(5, 4, out);
        Variable y = Functions.sparseLinear(x, w, b);
        y.backward(seed);

        Tensor dense = p.toDense();
        Variable wd = Variable.parameter(dense.copy());
        Variable xd = Variable.parameter(x.value().copy());
        Variable bd = Variable.parameter(b.value().copy());
        Variable yd = Functions.linear(xd, wd, bd);
        yd.backward(seed);
        assertArrayEquals(yd.value().toArray(), y.value().toArray(), 1e-4f);
        assertArrayEquals(xd.grad().toArray(), x.grad().toArray(), 1e-4f);
        assertArrayEquals(bd.grad().toArray(), b.grad().toArray(), 1e-4f);

        // the values' gradient, scattered back through a matrix carrying it, equals the dense gradient masked to the pattern
        Tensor gv = w.values().grad();
        float[] storage = gv.toArray();
        SparseParameter carrier = new SparseParameter(p, Variable.constant(Tensor.wrap(storage, storage.length)));
        CooMatrix gc = carrier.matrix().toCoo();
        float[] dw = wd.grad().toArray();
        for (int k = 0; k < gc.nnz(); k++) {
            assertEquals(dw[gc.rowIdx()[k] * in + gc.colIdx()[k]], gc.data()[k], 1e-4f, layout + " entry " + k);
        }
        // and it is zero at every slot outside the matrix (padding, masked-out)
        float total = 0, stored = 0;
        for (float v : storage) total += Math.abs(v);
        for (int k = 0; k < gc.nnz(); k++) stored += Math.abs(gc.data()[k]);
        assertEquals(stored, total, 1e-3f * Math.max(1, total), layout + ": gradient outside stored positions");
    }

    @Test
    void inPlaceUpdateOfValuesChangesTheWeight() {
        SparseMatrix p = pattern("nm:2:4", 0.5, 3, 6, 44);
        SparseParameter w = SparseParameter.of(p);
        Variable x = Variable.constant(Tensor.randn(1, 2, 6));
        Functions.sum(Functions.sparseLinear(x, w, null)).backward();
        float[] v = w.values().value().data(), g = w.values().grad().toArray();
        for (int i = 0; i < v.length; i++) v[i] -= 0.1f * g[i];
        Tensor expected = MatMul.linear(x.value(), w.matrix().toDense(), null);
        assertArrayEquals(expected.toArray(), Functions.sparseLinear(x, w, null).value().toArray(), 1e-5f);
        assertArrayEquals(p.toDense().toArray(), SparseParameter.of(p).matrix().toDense().toArray(), 0f);
    }

    @Test
    void onlyRequestedGradients() {
        SparseMatrix p = pattern("csr", 0.5, 4, 5, 45);
        SparseParameter w = new SparseParameter(p, Variable.constant(SparseParameter.of(p).values().value()));
        Variable x = Variable.parameter(Tensor.randn(2, 3, 5));
        Functions.sum(Functions.sparseLinear(x, w, null)).backward();
        assertEquals(x.value().shape(), x.grad().shape());
        assertNull(w.values().grad());
    }

    @Test
    void rejectsBadShapes() {
        SparseMatrix p = pattern("csr", 0.5, 4, 5, 46);
        SparseParameter w = SparseParameter.of(p);
        assertThrows(IllegalArgumentException.class, () -> new SparseParameter(p, Variable.parameter(Tensor.zeros(p.nnz() + 1))));
        assertThrows(IllegalArgumentException.class, () -> Functions.sparseLinear(Variable.constant(Tensor.zeros(2, 4)), w, null));
        assertThrows(IllegalArgumentException.class,
                () -> Functions.sparseLinear(Variable.constant(Tensor.zeros(2, 5)), w, Variable.constant(Tensor.zeros(5))));
        CooMatrix dup = new CooMatrix(2, 2, new int[] {0, 0}, new int[] {1, 1}, new float[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> SparseParameter.of(dup));
    }
}
