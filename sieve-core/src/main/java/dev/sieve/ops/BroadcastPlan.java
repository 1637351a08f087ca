package dev.sieve.ops;

import dev.sieve.tensor.Shape;
import java.util.Arrays;

/**
 * How to walk a broadcast binary operation as a sequence of contiguous runs. Output dimensions of
 * size 1 are dropped, and neighbouring dimensions are merged while each operand either varies along
 * both or is broadcast along both; what remains is a few outer dimensions (walked with an odometer)
 * and one inner run that the kernels process. E.g. [2,1,3] + [4,1] -> [2,4,3] becomes outer dims
 * [2,4] with strides a [3,0], b [0,1], inner run 3 in which b is a scalar.
 */
final class BroadcastPlan {
    enum InnerMode {
        /** Both operands vary along the run. */
        BOTH,
        /** a is one value repeated along the run. */
        A_SCALAR,
        /** b is one value repeated along the run. */
        B_SCALAR
    }

    final int[] outerDims;
    final int[] aStrides;
    final int[] bStrides;
    final int outer;
    final int inner;
    final InnerMode mode;

    private BroadcastPlan(int[] outerDims, int[] aStrides, int[] bStrides, int inner, InnerMode mode) {
        this.outerDims = outerDims;
        this.aStrides = aStrides;
        this.bStrides = bStrides;
        this.inner = inner;
        this.mode = mode;
        int o = 1;
        for (int d : outerDims) o *= d;
        this.outer = o;
    }

    static BroadcastPlan of(Shape a, Shape b, Shape out) {
        int r = out.rank();
        int[] dims = new int[r];
        boolean[] aFull = new boolean[r], bFull = new boolean[r];
        int g = -1;
        for (int i = 0; i < r; i++) {
            int d = out.dim(i);
            if (d == 1) continue;
            boolean af = Broadcast.dimFromRight(a, r - 1 - i) == d;
            boolean bf = Broadcast.dimFromRight(b, r - 1 - i) == d;
            if (g >= 0 && aFull[g] == af && bFull[g] == bf) {
                dims[g] *= d;
            } else {
                g++;
                dims[g] = d;
                aFull[g] = af;
                bFull[g] = bf;
            }
        }
        int groups = g + 1;
        if (groups == 0) return new BroadcastPlan(new int[0], new int[0], new int[0], 1, InnerMode.BOTH);
        int last = groups - 1;
        InnerMode mode = aFull[last] && bFull[last] ? InnerMode.BOTH : aFull[last] ? InnerMode.B_SCALAR : InnerMode.A_SCALAR;
        int[] outerDims = Arrays.copyOf(dims, last);
        int[] as = new int[last], bs = new int[last];
        int aStride = aFull[last] ? dims[last] : 1, bStride = bFull[last] ? dims[last] : 1;
        for (int k = last - 1; k >= 0; k--) {
            as[k] = aFull[k] ? aStride : 0;
            bs[k] = bFull[k] ? bStride : 0;
            if (aFull[k]) aStride *= dims[k];
            if (bFull[k]) bStride *= dims[k];
        }
        return new BroadcastPlan(outerDims, as, bs, dims[last], mode);
    }
}
