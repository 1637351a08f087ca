package dev.sieve.kernel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The fast kernels under test and the scalar reference they must agree with. */
final class KernelPair {
    static final VectorizationProvider FAST = VectorizationProvider.get();
    static final VectorizationProvider REF = VectorizationProvider.scalar();
    /** Float lanes per vector of the fast kernels (1 for scalar, so the sizes stay meaningful). */
    static final int LANES = Math.max(1, FAST.vectorBitSize() / 32);

    private KernelPair() {}

    /** Tests run with --add-modules jdk.incubator.vector; without it there is nothing to compare. */
    static void requireVectorized() {
        assumeTrue(FAST.isVectorized(), "fast kernels are not vectorized here (" + FAST.name() + ")");
    }
}
