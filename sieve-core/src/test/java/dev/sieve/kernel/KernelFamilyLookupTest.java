package dev.sieve.kernel;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KernelFamilyLookupTest {
    /** A family with only a scalar implementation: the vector provider falls back to it. */
    public interface ProbeKernels {}

    @Test
    void fallsBackToScalarAndCaches() {
        ProbeKernels k = VectorizationProvider.get().kernels(ProbeKernels.class);
        assertInstanceOf(ScalarProbeKernels.class, k);
        assertSame(k, VectorizationProvider.get().kernels(ProbeKernels.class));
        assertInstanceOf(ScalarProbeKernels.class, VectorizationProvider.scalar().kernels(ProbeKernels.class));
    }

    public interface MissingKernels {}

    @Test
    void missingScalarImplementationIsAnError() {
        assertThrows(IllegalStateException.class, () -> VectorizationProvider.get().kernels(MissingKernels.class));
    }
}
