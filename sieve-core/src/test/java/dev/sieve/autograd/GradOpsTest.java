package dev.sieve.autograd;

import static dev.sieve.autograd.GradCheck.awayFromZero;
import static dev.sieve.autograd.GradCheck.check;
import static dev.sieve.autograd.GradCheck.distinct;

import dev.sieve.autograd.Functions;
import dev.sieve.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Finite-difference checks of every differentiable operation in {@link Functions}. */
class GradOpsTest {
    private static Tensor randn(long seed, int... dims) {
        return Tensor.randn(seed, dims);
    }

    private static Tensor positive(long seed, int... dims) {
        return Tensor.uniform(seed, 0.5f, 2f, dims);
    }

    @Test
    void binarySameShape() {
        check("add", v -> Functions.add(v[0], v[1]), randn(1, 3, 4), randn(2, 3, 4));
        check("sub", v -> Functions.sub(v[0], v[1]), randn(3, 3, 4), randn(4, 3, 4));
        check("mul", v -> Functions.mul(v[0], v[1]), randn(5, 3, 4), randn(6, 3, 4));
        check("div", v -> Functions.div(v[0], v[1]), randn(7, 3, 4), positive(8, 3, 4));
    }

    @Test
    void binaryBroadcast() {
        check("add row", v -> Functions.add(v[0], v[1]), randn(11, 2, 3, 4), randn(12, 4));
        check("sub column", v -> Functions.sub(v[0], v[1]), randn(13, 3, 1), randn(14, 2, 3, 4));
        check("mul both", v -> Functions.mul(v[0], v[1]), randn(15, 3, 1), randn(16, 1, 4));
        check("div scalar", v -> Functions.div(v[0], v[1]), randn(17, 3, 4), positive(18, 1));
        check("div by broadcast", v -> Functions.div(v[0], v[1]), randn(19, 2, 3, 4), positive(20, 3, 1));
    }

    @Test
    void unary() {
        check("neg", v -> Functions.neg(v[0]), randn(21, 3, 4));
        check("exp", v -> Functions.exp(v[0]), randn(22, 3, 4));
        check("log", v -> Functions.log(v[0]), positive(23, 3, 4));
        check("sqrt", v -> Functions.sqrt(v[0]), positive(24, 3, 4));
        check("tanh", v -> Functions.tanh(v[0]), randn(25, 3, 4));
        check("sigmoid", v -> Functions.sigmoid(v[0]), randn(26, 3, 4));
        check("relu", v -> Functions.relu(v[0]), awayFromZero(27, 0.1f, 2f, 3, 4));
        check("gelu", v -> Functions.gelu(v[0]), Tensor.uniform(28, -4f, 4f, 5, 4));
        check("geluTanh", v -> Functions.geluTanh(v[0]), Tensor.uniform(29, -4f, 4f, 5, 4));
    }

    @Test
    void reductions() {
        check("sum all", v -> Functions.sum(v[0]), randn(31, 3, 4));
        check("mean all", v -> Functions.mean(v[0]), randn(32, 3, 4));
        for (int axis = 0; axis < 3; axis++) {
            int a = axis;
            for (boolean keep : new boolean[] {false, true}) {
                check("sum axis " + a + " keep " + keep, v -> Functions.sum(v[0], a, keep), randn(33 + a, 2, 3, 4));
                check("mean axis " + a + " keep " + keep, v -> Functions.mean(v[0], a, keep), randn(36 + a, 2, 3, 4));
                check("max axis " + a + " keep " + keep, v -> Functions.max(v[0], a, keep), distinct(39 + a, 2, 3, 4));
            }
        }
        check("sum axis -1", v -> Functions.sum(v[0], -1, false), randn(42, 2, 3));
    }

    @Test
    void softmaxAndLogSoftmax() {
        for (int axis : new int[] {0, 1, -1}) {
            check("softmax axis " + axis, v -> Functions.softmax(v[0], axis), randn(50 + axis, 2, 3, 5));
            check("logSoftmax axis " + axis, v -> Functions.logSoftmax(v[0], axis), randn(60 + axis, 2, 3, 5));
        }
    }

    @Test
    void layerNorm() {
        check("layerNorm affine", v -> Functions.layerNorm(v[0], new int[] {5}, v[1], v[2]),
                randn(71, 3, 5), randn(72, 5), randn(73, 5));
        check("layerNorm over two dims", v -> Functions.layerNorm(v[0], new int[] {2, 3}, v[1], v[2], 1e-5f),
                randn(74, 2, 2, 3), randn(75, 2, 3), randn(76, 2, 3));
        check("layerNorm plain", v -> Functions.layerNorm(v[0], new int[] {4}, null, null), randn(77, 3, 4));
    }

    @Test
    void matmul() {
        check("matmul 2-D", v -> Functions.matmul(v[0], v[1]), randn(81, 3, 4), randn(82, 4, 5));
        check("matmul batched", v -> Functions.matmul(v[0], v[1]), randn(83, 2, 3, 4), randn(84, 2, 4, 5));
        check("matmul broadcast right", v -> Functions.matmul(v[0], v[1]), randn(85, 2, 3, 4), randn(86, 4, 5));
    }

    @Test
    void linear() {
        check("linear", v -> Functions.linear(v[0], v[1], v[2]), randn(91, 3, 4), randn(92, 5, 4), randn(93, 5));
        check("linear 3-D input", v -> Functions.linear(v[0], v[1], v[2]), randn(94, 2, 3, 4), randn(95, 5, 4), randn(96, 5));
        check("linear without bias", v -> Functions.linear(v[0], v[1], null), randn(97, 3, 4), randn(98, 5, 4));
    }

    @Test
    void shapes() {
        check("reshape", v -> Functions.mul(Functions.reshape(v[0], 4, 3), v[1]), randn(101, 3, 4), randn(102, 4, 3));
        check("reshape infer", v -> Functions.reshape(v[0], -1), randn(103, 2, 3));
        check("transpose", v -> Functions.mul(Functions.transpose(v[0], 0, 2), v[1]), randn(104, 2, 3, 4), randn(105, 4, 3, 2));
    }

    @Test
    void composite() {
        // a small MLP with a softmax cross-entropy-like loss
        check("mlp", v -> Functions.mean(Functions.neg(Functions.logSoftmax(
                        Functions.linear(Functions.tanh(Functions.linear(v[0], v[1], v[2])), v[3], null), -1))),
                randn(111, 4, 3), randn(112, 5, 3), randn(113, 5), randn(114, 2, 5));
    }
}
