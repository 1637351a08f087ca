package dev.sieve.ops.sparse;

/** The sparse kernels registered as fast paths (SpMM per layout, SpGEMM, sparse add and multiply). */
final class SparseKernelPaths {
    private SparseKernelPaths() {}

    static void register() {
        // filled in as kernel families land
    }
}
