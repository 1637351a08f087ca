package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.InputFiles;
import dev.sieve.cli.ThreadsOption;
import dev.sieve.cli.einsum.EinsumArgs;
import dev.sieve.cli.einsum.EinsumInputs;
import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.io.MatrixMarket;
import dev.sieve.io.Npy;
import dev.sieve.sparse.CooMatrix;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sieve einsum EXPR IN... -o OUT}: compiles an expression over formatted inputs and runs it once. */
@Command(name = "einsum", mixinStandardHelpOptions = true,
        description = {"Compile EXPR for the inputs' formats into a specialised kernel and evaluate it.",
                "",
                "EXPR is an einsum string (\"ik,kj->ij\"; operands named A, B, C, ...; output \"out\") or index notation",
                "(\"C(i,j) = A(i,k) * B(k,j) + D(i,j)\": +, -, *, numbers, parentheses; indices missing on the left are",
                "summed over the smallest subexpression holding all their uses). Inputs bind to operands in order of",
                "first appearance on the right. Each input is a .npy file (dense, any rank) or a .mtx file (2-D sparse).",
                "--format NAME=LEVELS stores an operand (or the output) in a format of levels: d dense, s compressed,",
                "u compressed non-unique, q singleton, e.g. ds (CSR), ds:1,0 (CSC), uq (COO), ss (DCSR), sss (CSF),",
                "or the names csr, csc, coo, dcsr, csf. Without one, .npy inputs are dense, .mtx inputs CSR, and the",
                "output format is inferred. OUT is .npy (dense) or .mtx (2-D, sparse)."})
public final class EinsumCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the result (.npy or .mtx).")
    String output;

    @Option(names = "--show-code", description = "Print the generated Java source.")
    boolean showCode;

    @CommandLine.Mixin
    EinsumArgs args;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        String ext = InputFiles.extension(output);
        if (!ext.equals(".npy") && !ext.equals(".mtx")) throw new CommandLine.ParameterException(cl, "-o must end in .npy or .mtx, got '" + output + "'");
        Schedule sched = args.schedule(cl);
        int threads = threadsOption.apply();
        EinsumInputs.Bound bound = args.load(cl);
        if (ext.equals(".mtx") && bound.assignment().lhs().indices().size() != 2)
            throw new CommandLine.ParameterException(cl, "-o " + output + ": a .mtx output needs a 2-D result, " + bound.assignment().lhs() + " is not");
        CompiledEinsum c = args.compile(cl, bound, sched);
        PrintWriter out = cl.getOut();
        if (showCode) out.println(c.source());
        long t0 = System.nanoTime();
        FormattedTensor result = c.evaluate(bound.inputs());
        double ms = (System.nanoTime() - t0) / 1e6;
        try {
            if (ext.equals(".mtx")) {
                MatrixMarket.write(Path.of(output), (CooMatrix) result.convert(dev.sieve.compile.format.Format.coo(2)).toSparseMatrix());
            } else {
                Npy.write(Path.of(output), result.toDense());
            }
        } catch (IOException e) {
            throw new InputException(output, "cannot write: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        EinsumArgs.describe(out, bound, c);
        out.printf(Locale.ROOT, "%s %s as %s (%d stored) in %.3f ms on %d thread%s (kernel: %s, %.1f ms) -> %s%n", c.assignment().lhs().tensor(),
                Arrays.toString(result.dims()), result.format(), result.nnz(), ms, threads, threads == 1 ? "" : "s",
                c.origin().name().toLowerCase(Locale.ROOT), c.compileMillis(), output);
        out.flush();
        return 0;
    }

}
