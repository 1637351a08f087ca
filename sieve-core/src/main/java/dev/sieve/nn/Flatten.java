package dev.sieve.nn;

import dev.sieve.autograd.Functions;
import dev.sieve.autograd.Variable;
import java.util.Arrays;

/**
 * Flattens dimensions {@code startDim..endDim} into one, as {@code torch.nn.Flatten} (default 1..−1: keeps the
 * batch dimension). A view: no copy. No parameters.
 */
public final class Flatten extends Layer {
    private final int startDim, endDim;

    public Flatten() {
        this(1, -1);
    }

    public Flatten(int startDim, int endDim) {
        this.startDim = startDim;
        this.endDim = endDim;
    }

    @Override
    public Variable forward(Variable x) {
        int[] d = x.dims();
        int r = d.length;
        int s = startDim < 0 ? startDim + r : startDim, e = endDim < 0 ? endDim + r : endDim;
        if (r == 0) return Functions.reshape(x, 1);
        if (s < 0 || e >= r || s > e) {
            throw new IllegalArgumentException("Flatten(" + startDim + ", " + endDim + "): invalid dimensions for shape " + Arrays.toString(d));
        }
        int[] out = new int[r - (e - s)];
        int k = 0;
        for (int i = 0; i < s; i++) out[k++] = d[i];
        int flat = 1;
        for (int i = s; i <= e; i++) flat *= d[i];
        out[k++] = flat;
        for (int i = e + 1; i < r; i++) out[k++] = d[i];
        return Functions.reshape(x, out);
    }
}
