package dev.sieve.kernel.panama;

import dev.sieve.kernel.DenseKernels;
import dev.sieve.kernel.NormalizationKernels;
import dev.sieve.kernel.ReductionKernels;
import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.kernel.gemm.GemmMicroKernel;
import jdk.incubator.vector.FloatVector;

/** Vector API kernels. Loaded reflectively by {@link VectorizationProvider} only when the module exists. */
public final class PanamaVectorizationProvider extends VectorizationProvider {
    private final int bits = FloatVector.SPECIES_PREFERRED.vectorBitSize();
    private final DenseKernels dense = new PanamaDenseKernels();
    private final ReductionKernels reductions = new PanamaReductionKernels();
    private final NormalizationKernels normalization = new PanamaNormalizationKernels();
    private final GemmMicroKernel gemm = bits >= 512 ? new GemmMicroKernel8x2v() : new GemmMicroKernel4x2v();

    @Override
    public String name() {
        return "Panama Vector API, " + bits + "-bit";
    }

    @Override
    public int vectorBitSize() {
        return bits;
    }

    @Override
    public DenseKernels dense() {
        return dense;
    }

    @Override
    public ReductionKernels reductions() {
        return reductions;
    }

    @Override
    public NormalizationKernels normalization() {
        return normalization;
    }

    @Override
    public GemmMicroKernel gemmMicroKernel() {
        return gemm;
    }
}
