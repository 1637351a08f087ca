package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.InputFiles;
import dev.sieve.cli.ThreadsOption;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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

    @Parameters(index = "0", paramLabel = "EXPR", description = "The expression.")
    String expression;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IN", description = "Input files (.npy or .mtx), one per operand.")
    List<String> inputs;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT", description = "Where to write the result (.npy or .mtx).")
    String output;

    @Option(names = "--format", paramLabel = "NAME=LEVELS", description = "Format of an operand or of the output (repeatable).")
    Map<String, String> formats = new LinkedHashMap<>();

    @Option(names = "--schedule", paramLabel = "SPEC",
            description = "Override the scheduler, e.g. \"order=i,k,j strip=4 parallel=false vectorize=true\".")
    String schedule;

    @Option(names = "--show-code", description = "Print the generated Java source.")
    boolean showCode;

    @CommandLine.Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() throws IOException {
        CommandLine cl = spec.commandLine();
        String ext = InputFiles.extension(output);
        if (!ext.equals(".npy") && !ext.equals(".mtx")) throw new CommandLine.ParameterException(cl, "-o must end in .npy or .mtx, got '" + output + "'");
        Schedule sched = parseSchedule(cl, schedule);
        int threads = threadsOption.apply();
        EinsumInputs.Bound bound = EinsumInputs.load(cl, expression, inputs, formats);
        if (ext.equals(".mtx") && bound.assignment().lhs().indices().size() != 2)
            throw new CommandLine.ParameterException(cl, "-o " + output + ": a .mtx output needs a 2-D result, " + bound.assignment().lhs() + " is not");
        CompiledEinsum c = EinsumInputs.compile(cl, expression, bound, sched);
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
        out.printf(Locale.ROOT, "%s%n", c.assignment());
        for (var e : bound.inputs().entrySet())
            out.printf(Locale.ROOT, "  %s = %s %s as %s (%d stored)%n", e.getKey(), bound.files().get(e.getKey()), Arrays.toString(e.getValue().dims()),
                    e.getValue().format(), e.getValue().nnz());
        for (String note : c.notes()) out.println("  note: " + note);
        out.printf(Locale.ROOT, "%s %s as %s (%d stored) in %.3f ms on %d thread%s (kernel: %s, %.1f ms) -> %s%n", c.assignment().lhs().tensor(),
                Arrays.toString(result.dims()), result.format(), result.nnz(), ms, threads, threads == 1 ? "" : "s",
                c.origin().name().toLowerCase(Locale.ROOT), c.compileMillis(), output);
        out.flush();
        return 0;
    }

    static Schedule parseSchedule(CommandLine cl, String text) {
        try {
            return Schedule.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--schedule: " + e.getMessage());
        }
    }
}
