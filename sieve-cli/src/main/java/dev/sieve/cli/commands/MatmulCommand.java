package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.InputFiles;
import dev.sieve.cli.MatrixFiles;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.io.Npy;
import dev.sieve.ops.sparse.Dispatcher;
import dev.sieve.ops.sparse.Operand;
import dev.sieve.ops.sparse.SparseOps;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.LayoutConversions;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifier;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve matmul A B -o C.npy}: A in a chosen layout times dense B. */
@Command(name = "matmul", mixinStandardHelpOptions = true,
        description = {"Multiply A (.mtx or 2-D .npy) held in a layout by dense B (2-D .npy); write C = A·B as .npy.",
                "",
                "Layouts: dense, coo, csr, csc, bsr:RxC, masked and tw:G hold A exactly (tw keeps the rows and",
                "per-tile columns that have a nonzero). nm:N:M and nm:N:M:G are lossy: their magnitude sparsifier",
                "keeps the N largest of every group first, so an A that already fits the pattern (an exact 2:4",
                "matrix for nm:2:4) loses nothing and any other loses its smallest values; the summary says how",
                "many nonzeros were dropped. With --sparsity S, A is first pruned to sparsity S by the layout's",
                "sparsifier (magnitude; block L2 for bsr; two-step for tw)."})
public final class MatmulCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "A", description = "Left operand: .mtx or 2-D .npy.")
    String fileA;

    @Parameters(index = "1", paramLabel = "B", description = "Right operand: 2-D .npy.")
    String fileB;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "C.npy", description = "Where to write C (.npy).")
    String output;

    @Option(names = "--layout", paramLabel = "L",
            description = "Layout A is held in (default: csr for a .mtx coordinate file, dense otherwise).")
    String layoutName;

    @Option(names = "--sparsity", paramLabel = "S", description = "Prune A to this sparsity first (0 <= S < 1).")
    Double sparsity;

    @Option(names = "--strict", description = "Fail instead of computing densely when no fast path exists.")
    boolean strict;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() throws IOException {
        if (!InputFiles.extension(output).equals(".npy")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "-o must name a .npy file, got '" + output + "'");
        }
        Layout requested = null;
        if (layoutName != null) {
            try {
                requested = Layout.parse(layoutName);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (sparsity != null && (sparsity < 0 || sparsity >= 1 || sparsity.isNaN())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sparsity must be in [0, 1), got " + sparsity);
        }
        threadsOption.apply();
        Dispatcher.setStrict(strict || Dispatcher.isStrict());

        Operand a = MatrixFiles.readMatrix(fileA);
        Layout layout = requested != null ? requested : a instanceof Operand.Sparse ? Layout.CSR : Layout.DENSE;
        Sparsifier<? extends SparseMatrix> pruner = pruner(layout);
        Tensor b = MatrixFiles.readDense(fileB);
        if (b.dim(0) != a.cols()) {
            throw new InputException(fileB, "has shape " + b.shape() + " but A is [" + a.rows() + ", " + a.cols()
                    + "]: B needs " + a.cols() + " rows");
        }
        long nnzBefore = MatrixFiles.nonzeros(a.toDense());
        Operand held = hold(a, layout, pruner);
        long nnzAfter = MatrixFiles.nonzeros(held.toDense());

        long t0 = System.nanoTime();
        Operand c = SparseOps.matmul(held, Operand.of(b));
        double ms = (System.nanoTime() - t0) / 1e6;
        Npy.write(Path.of(output), c.toDense());

        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "A [%d, %d] held as %s: %d nonzeros%s%n", a.rows(), a.cols(), layout, nnzAfter,
                nnzAfter < nnzBefore ? " (" + (nnzBefore - nnzAfter) + " dropped by the " + layout + " sparsifier)" : "");
        out.printf(Locale.ROOT, "C [%d, %d] = A · B in %.3f ms (one call, before JIT warm-up; see sieve bench) -> %s%n", c.rows(), c.cols(), ms, output);
        out.flush();
        return 0;
    }

    /** The sparsifier for --sparsity, or null; a bad combination of options is a usage error. */
    private Sparsifier<? extends SparseMatrix> pruner(Layout layout) {
        if (sparsity == null) return null;
        if (layout instanceof Layout.Dense) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--sparsity needs a sparse --layout");
        }
        try {
            return Sparsifiers.forLayout(layout, sparsity);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private Operand hold(Operand a, Layout layout, Sparsifier<? extends SparseMatrix> pruner) {
        try {
            if (pruner != null) {
                return Operand.of(pruner.sparsify(a.toDense()));
            }
            if (layout instanceof Layout.Dense) return Operand.of(a.toDense());
            SparseMatrix m = a instanceof Operand.Sparse s ? LayoutConversions.hold(s.matrix(), layout)
                    : LayoutConversions.hold(a.toDense(), layout);
            return Operand.of(m);
        } catch (IllegalArgumentException e) {
            throw new InputException(fileA, "cannot hold A as " + layout + ": " + e.getMessage(), e);
        }
    }

}
