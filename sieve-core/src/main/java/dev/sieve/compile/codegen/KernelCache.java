package dev.sieve.compile.codegen;

import dev.sieve.compile.plan.KernelPlan;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generated kernels by plan key, in memory and (optionally) on disk as class files, so a kernel is generated
 * and compiled once per process and, with the disk cache, once per machine. Thread-safe: concurrent requests
 * for one key compile it once ({@link ConcurrentHashMap#computeIfAbsent}).
 *
 * <p>The disk cache lives in {@code $SIEVE_KERNEL_CACHE}, else {@code $XDG_CACHE_HOME/sieve/kernels}, else
 * {@code ~/.cache/sieve/kernels}; {@code -Dsieve.kernelCache=off} (or {@link #setDirectory}(null)) turns it off.
 * Each entry is {@code <sha256>.class} next to {@code <sha256>.key} holding the full key, checked on load, so a
 * hash collision or a stale file is recompiled rather than trusted. Files are written atomically.
 */
public final class KernelCache {
    /** A loaded kernel: its entry point, its source, and what it cost to obtain. */
    public record Kernel(MethodHandle run, String source, String className, double compileMillis, Origin origin, boolean fusedEpilogue,
                         int largestMethodBytes) {}

    /** HotSpot does not JIT-compile methods with more bytecode than this (-XX:-DontCompileHugeMethods aside). */
    public static final int HUGE_METHOD_LIMIT = 8000;

    /** Where a kernel came from. */
    public enum Origin { COMPILED, DISK, MEMORY }

    private static final MethodType RUN = MethodType.methodType(void.class, int.class, Object[].class, int[].class, int.class, int.class,
            Object[].class);
    /** Part of every key: bump it when the generator changes what it emits for the same plan. */
    static final int GENERATOR_VERSION = 5;
    private static final ConcurrentMap<String, Kernel> MEMORY = new ConcurrentHashMap<>();
    private static final AtomicLong COMPILES = new AtomicLong(), DISK_HITS = new AtomicLong();
    private static volatile Path directory = defaultDirectory();

    private KernelCache() {}

    /** The kernel for {@code plan}: from memory, else from disk, else generated and compiled now. */
    public static Kernel get(KernelPlan plan) {
        String key = plan.key() + " | jdk=" + Runtime.version().feature() + " | gen=" + GENERATOR_VERSION;
        Kernel k = MEMORY.get(key);
        if (k != null) return new Kernel(k.run, k.source, k.className, 0, Origin.MEMORY, k.fusedEpilogue, k.largestMethodBytes);
        return MEMORY.computeIfAbsent(key, x -> load(plan, key));
    }

    private static Kernel load(KernelPlan plan, String key) {
        long t0 = System.nanoTime();
        String simple = KernelSource.className(plan), qualified = KernelSource.PACKAGE + "." + simple;
        String source = KernelSource.generate(plan);
        boolean vector = plan.vectorLanes() > 0 && plan.schedule().vectorize();
        Path dir = directory;
        String hash = KernelKeys.hash(key);
        byte[] bytes = dir == null ? null : readDisk(dir, hash, key);
        Origin origin = Origin.DISK;
        if (bytes == null) {
            bytes = SourceCompiler.compile(qualified, source, vector);
            COMPILES.incrementAndGet();
            origin = Origin.COMPILED;
            if (dir != null) writeDisk(dir, hash, key, bytes);
        } else {
            DISK_HITS.incrementAndGet();
        }
        try {
            Class<?> c = new KernelLoader(KernelCache.class.getClassLoader()).define(qualified, bytes);
            MethodHandle run = MethodHandles.publicLookup().findStatic(c, "run", RUN);
            boolean fused = (boolean) MethodHandles.publicLookup().findStatic(c, "fused", MethodType.methodType(boolean.class)).invokeExact();
            int largest = largestMethod(bytes);
            if (largest > HUGE_METHOD_LIMIT) {
                System.err.println("sieve: warning: generated kernel " + qualified + " has a method of " + largest
                        + " bytes of bytecode, over HotSpot's JIT limit of " + HUGE_METHOD_LIMIT + ": it will run interpreted");
            }
            return new Kernel(run, source, qualified, (System.nanoTime() - t0) / 1e6, origin, fused, largest);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot load generated kernel " + qualified + ": " + e, e);
        }
    }

    /** The bytecode length of the class's largest method (read with java.lang.classfile). */
    static int largestMethod(byte[] classFile) {
        int max = 0;
        for (java.lang.classfile.MethodModel m : java.lang.classfile.ClassFile.of().parse(classFile).methods()) {
            int len = m.code().map(c -> ((java.lang.classfile.attribute.CodeAttribute) c).codeLength()).orElse(0);
            max = Math.max(max, len);
        }
        return max;
    }

    private static byte[] readDisk(Path dir, String hash, String key) {
        try {
            Path cls = dir.resolve(hash + ".class"), keyFile = dir.resolve(hash + ".key");
            if (!Files.isRegularFile(cls) || !Files.isRegularFile(keyFile)) return null;
            if (!Files.readString(keyFile, StandardCharsets.UTF_8).equals(key)) return null;
            return Files.readAllBytes(cls);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged entry is recompiled
        }
    }

    private static void writeDisk(Path dir, String hash, String key, byte[] bytes) {
        try {
            Files.createDirectories(dir);
            atomicWrite(dir.resolve(hash + ".key"), key.getBytes(StandardCharsets.UTF_8));
            atomicWrite(dir.resolve(hash + ".class"), bytes);
        } catch (IOException | RuntimeException e) {
            // The disk cache is an optimisation: a read-only or full disk only costs a recompilation next time.
        }
    }

    private static void atomicWrite(Path target, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path defaultDirectory() {
        if ("off".equalsIgnoreCase(System.getProperty("sieve.kernelCache"))) return null;
        String env = System.getenv("SIEVE_KERNEL_CACHE");
        if (env != null && !env.isBlank()) return Path.of(env);
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("sieve").resolve("kernels");
    }

    /** Sets the disk cache directory (null: memory only). */
    public static void setDirectory(Path dir) {
        directory = dir;
    }

    public static Path directory() {
        return directory;
    }

    /** Forgets every kernel held in memory (the disk cache stays). */
    public static void clearMemory() {
        MEMORY.clear();
    }

    /** Kernels compiled by this process. */
    public static long compiles() {
        return COMPILES.get();
    }

    /** Kernels this process loaded from the disk cache. */
    public static long diskHits() {
        return DISK_HITS.get();
    }

    /** One loader per kernel, so a kernel dropped from the cache can be unloaded. */
    private static final class KernelLoader extends ClassLoader {
        KernelLoader(ClassLoader parent) {
            super(parent);
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length);
        }
    }
}
