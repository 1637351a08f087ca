package dev.sieve.cli;

import dev.sieve.kernel.VectorizationProvider;
import dev.sieve.parallel.Parallel;
import picocli.CommandLine.IVersionProvider;

/** {@code sieve --version}: the Sieve version, the JVM, the kernels in use and the thread count. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = SieveCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "sieve " + (version == null ? "(development build)" : version),
            "java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
            "kernels: " + VectorizationProvider.get().name() + ", threads: " + Parallel.threads(),
        };
    }
}
