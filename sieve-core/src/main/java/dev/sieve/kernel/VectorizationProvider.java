package dev.sieve.kernel;

import dev.sieve.kernel.gemm.GemmMicroKernel;
import dev.sieve.kernel.gemm.ScalarGemmMicroKernel;

/**
 * Picks the kernel implementations for this JVM: Vector API kernels when the
 * {@code jdk.incubator.vector} module is present and the hardware has useful vectors, otherwise the
 * scalar kernels, with one warning on standard error saying why and how to fix it.
 *
 * <p>The Panama implementation lives in {@code dev.sieve.kernel.panama} and is loaded reflectively,
 * so nothing that links against {@code jdk.incubator.vector} is touched when the module is absent.
 * Set {@code -Dsieve.vectorize=false} to force the scalar kernels (tests use this to compare).
 */
public abstract class VectorizationProvider {
    public static final String VECTORIZE_PROPERTY = "sieve.vectorize";

    private static final String PANAMA_PROVIDER = "dev.sieve.kernel.panama.PanamaVectorizationProvider";

    /** A short description, e.g. "Panama Vector API, 256-bit" or "scalar". */
    public abstract String name();

    /** Width in bits of the vectors the kernels use; 0 for scalar code. */
    public abstract int vectorBitSize();

    /** Elementwise binary and unary maps over contiguous runs. */
    public abstract DenseKernels dense();

    /** Sum, max, argmax and sum of squares over a contiguous run. */
    public abstract ReductionKernels reductions();

    /** Softmax, log-softmax and layer normalisation over a contiguous run. */
    public abstract NormalizationKernels normalization();

    /** The register-blocked GEMM micro-kernel. */
    public abstract GemmMicroKernel gemmMicroKernel();

    public boolean isVectorized() {
        return vectorBitSize() > 0;
    }

    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> families = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The implementation of a kernel family, found by naming convention so a new family needs no
     * change here: for interface {@code p.Foo}, the Vector API provider loads
     * {@code dev.sieve.kernel.panama.PanamaFoo} and falls back to {@code p.ScalarFoo} when a family has
     * no vector implementation; the scalar provider always loads {@code p.ScalarFoo}. Each needs a
     * public no-argument constructor. Instances are created once and shared (kernels are stateless).
     */
    public <T> T kernels(Class<T> family) {
        Object impl = families.computeIfAbsent(family, f -> {
            if (isVectorized()) {
                Object panama = instantiate("dev.sieve.kernel.panama.Panama" + f.getSimpleName(), f, false);
                if (panama != null) return panama;
            }
            return instantiate(f.getPackageName() + ".Scalar" + f.getSimpleName(), f, true);
        });
        return family.cast(impl);
    }

    private static Object instantiate(String className, Class<?> family, boolean required) {
        try {
            Class<?> c = Class.forName(className);
            if (!family.isAssignableFrom(c)) {
                throw new IllegalStateException(className + " does not implement " + family.getName());
            }
            return c.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            if (required) throw new IllegalStateException("no scalar implementation " + className + " for " + family.getName(), e);
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + className, e);
        }
    }

    public static VectorizationProvider get() {
        return Holder.INSTANCE;
    }

    /** The scalar provider, whatever this JVM supports: the reference the fast kernels are tested against. */
    public static VectorizationProvider scalar() {
        return ScalarProvider.INSTANCE;
    }

    private static final class Holder {
        static final VectorizationProvider INSTANCE = lookup();
    }

    private static VectorizationProvider lookup() {
        if ("false".equalsIgnoreCase(System.getProperty(VECTORIZE_PROPERTY, "true"))) {
            return ScalarProvider.INSTANCE;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            warn("the jdk.incubator.vector module is not available, so Sieve uses its scalar kernels (several times slower). "
                    + "Run java with --add-modules jdk.incubator.vector (./sieve and the test command do).");
            return ScalarProvider.INSTANCE;
        }
        try {
            Class<?> c = Class.forName(PANAMA_PROVIDER);
            VectorizationProvider p = (VectorizationProvider) c.getDeclaredConstructor().newInstance();
            if (p.vectorBitSize() < 128) {
                warn("the preferred vector size here is " + p.vectorBitSize()
                        + " bits (C2 disabled or no SIMD?), so Sieve uses its scalar kernels.");
                return ScalarProvider.INSTANCE;
            }
            return p;
        } catch (ReflectiveOperationException | LinkageError e) {
            warn("the Vector API kernels could not be loaded (" + e + "), so Sieve uses its scalar kernels.");
            return ScalarProvider.INSTANCE;
        }
    }

    private static void warn(String message) {
        System.err.println("sieve: warning: " + message);
    }

    /** The scalar implementations, which double as the reference for every fast kernel. */
    static final class ScalarProvider extends VectorizationProvider {
        static final ScalarProvider INSTANCE = new ScalarProvider();

        private final DenseKernels dense = new ScalarDenseKernels();
        private final ReductionKernels reductions = new ScalarReductionKernels();
        private final NormalizationKernels normalization = new ScalarNormalizationKernels();
        private final GemmMicroKernel gemm = new ScalarGemmMicroKernel();

        @Override
        public String name() {
            return "scalar";
        }

        @Override
        public int vectorBitSize() {
            return 0;
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
}
