package dev.sieve.ops.sparse;

import dev.sieve.ops.Elementwise;
import dev.sieve.ops.MatMul;
import dev.sieve.parallel.ParallelRuntime;
import dev.sieve.sparse.Layout;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up the implementation of an operator for the layouts of its two operands.
 *
 * <p>Implementations are registered per (operator, layout kind of the left operand, layout kind of
 * the right one); a kind is the layout's class, so {@code bsr:4x4} and {@code bsr:2x2} share one.
 * A combination with no registered implementation densifies both operands and runs the dense
 * operator; the first time each combination does so, one line on standard error says which. In
 * strict mode ({@link #setStrict}, or {@code -Dsieve.strict=true}) that fallback is an error instead.
 */
public final class Dispatcher {
    /** An implementation of one operator for one pair of layout kinds. */
    @FunctionalInterface
    public interface Impl {
        Operand apply(Operand a, Operand b, ParallelRuntime runtime);
    }

    /** The key of a registered implementation. */
    public record Key(MatrixOp op, Class<? extends Layout> left, Class<? extends Layout> right) {
        @Override
        public String toString() {
            return op.label() + "(" + kindName(left) + ", " + kindName(right) + ")";
        }
    }

    private static final Map<Key, Impl> REGISTRY = new ConcurrentHashMap<>();
    private static final Set<Key> WARNED = ConcurrentHashMap.newKeySet();
    private static volatile boolean strict = Boolean.getBoolean("sieve.strict");
    private static volatile boolean compiled = !"false".equalsIgnoreCase(System.getProperty("sieve.compiledKernels", "true"));

    private Dispatcher() {}

    public static void register(MatrixOp op, Class<? extends Layout> left, Class<? extends Layout> right, Impl impl) {
        FastPaths.ensureRegistered();
        REGISTRY.put(new Key(op, left, right), java.util.Objects.requireNonNull(impl, "impl"));
    }

    /** Removes a registration, so that combination takes the dense fallback (tests use this). */
    public static void unregister(MatrixOp op, Class<? extends Layout> left, Class<? extends Layout> right) {
        FastPaths.ensureRegistered();
        REGISTRY.remove(new Key(op, left, right));
    }

    /** Sieve's own registrations again, and no fallback remembered as already reported. */
    public static void restoreDefaults() {
        synchronized (FastPaths.class) {
            REGISTRY.clear();
            WARNED.clear();
            FastPaths.reset();
            FastPaths.ensureRegistered();
        }
    }

    /** Used by {@link FastPaths} while registering, before it marks itself done. */
    static void registerInitial(MatrixOp op, Class<? extends Layout> left, Class<? extends Layout> right, Impl impl) {
        REGISTRY.put(new Key(op, left, right), impl);
    }

    /** Whether a fast path is registered for this combination. */
    public static boolean hasFastPath(MatrixOp op, Layout left, Layout right) {
        FastPaths.ensureRegistered();
        return REGISTRY.containsKey(new Key(op, left.getClass(), right.getClass()));
    }

    /**
     * Whether combinations without a hand kernel use a kernel from the tensor compiler before the dense fallback
     * (default on; {@code -Dsieve.compiledKernels=false} turns it off).
     */
    public static void setCompiledKernels(boolean value) {
        compiled = value;
    }

    public static boolean compiledKernels() {
        return compiled;
    }

    /** Turns the dense fallback into an {@link UnsupportedOperationException}. */
    public static void setStrict(boolean value) {
        strict = value;
    }

    public static boolean isStrict() {
        return strict;
    }

    /** Applies {@code op} to {@code a} and {@code b} through a fast path or the dense fallback. */
    public static Operand apply(MatrixOp op, Operand a, Operand b, ParallelRuntime runtime) {
        checkShapes(op, a, b);
        FastPaths.ensureRegistered();
        Key key = new Key(op, a.layout().getClass(), b.layout().getClass());
        Impl impl = REGISTRY.get(key);
        if (impl != null) {
            return impl.apply(a, b, runtime);
        }
        if (compiled && CompiledPaths.applies(a, b)) {
            try {
                Operand out = CompiledPaths.apply(op, a, b, runtime);
                if (WARNED.add(key)) System.err.println("sieve: note: no hand kernel for " + key + "; using a compiled kernel");
                return out;
            } catch (IllegalStateException e) {
                // No JDK compiler in this runtime (a jlink image): the dense fallback still works.
                if (WARNED.add(key)) System.err.println("sieve: note: cannot compile a kernel for " + key + " (" + e.getMessage() + ")");
            }
        }
        if (strict) {
            throw new UnsupportedOperationException("no fast path for " + key + " and strict mode is on");
        }
        if (WARNED.add(key)) {
            System.err.println("sieve: note: no fast path for " + key + "; computing it densely");
        }
        return Operand.of(dense(op, a, b));
    }

    private static dev.sieve.tensor.Tensor dense(MatrixOp op, Operand a, Operand b) {
        return switch (op) {
            case MATMUL -> MatMul.matmul(a.toDense(), b.toDense());
            case ADD -> Elementwise.add(a.toDense(), b.toDense());
            case MUL -> Elementwise.mul(a.toDense(), b.toDense());
        };
    }

    private static void checkShapes(MatrixOp op, Operand a, Operand b) {
        boolean ok = op == MatrixOp.MATMUL ? a.cols() == b.rows() : a.rows() == b.rows() && a.cols() == b.cols();
        if (!ok) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s: shapes [%d, %d] (%s) and [%d, %d] (%s) do not match",
                    op.label(), a.rows(), a.cols(), a.layout(), b.rows(), b.cols(), b.layout()));
        }
    }

    private static String kindName(Class<? extends Layout> kind) {
        return kind.getSimpleName().toLowerCase(Locale.ROOT);
    }
}
