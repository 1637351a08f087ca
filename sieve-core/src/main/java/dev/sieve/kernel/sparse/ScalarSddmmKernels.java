package dev.sieve.kernel.sparse;

import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.CsrMatrix;

/** The scalar reference of {@link SddmmKernels}: one sequential fused multiply-add chain per dot. */
public class ScalarSddmmKernels implements SddmmKernels {

    @Override
    public void sddmm(CsrMatrix pattern, boolean scaleByValues, float alpha, float[] d1, int d1Off, int ld1, float[] d2,
                      int d2Off, int ld2, int k, float[] out, int outOff, ParallelRuntime runtime) {
        SddmmKernels.check(pattern, d1, d1Off, ld1, d2, d2Off, ld2, k, out, outOff);
        int[] rp = pattern.rowPtr(), ci = pattern.colIdx();
        float[] s = pattern.data();
        RowSplit.byWeight(runtime, pattern.rows(), rp, (r0, r1) -> {
            for (int i = r0; i < r1; i++) {
                int x = d1Off + i * ld1;
                for (int p = rp[i]; p < rp[i + 1]; p++) {
                    int y = d2Off + ci[p] * ld2;
                    float dot = 0f;
                    for (int t = 0; t < k; t++) dot = Math.fma(d1[x + t], d2[y + t], dot);
                    if (scaleByValues) dot *= s[p];
                    out[outOff + p] = alpha * dot;
                }
            }
        });
    }
}
