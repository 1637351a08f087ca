package dev.sieve.cli.einsum;

import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.plan.Schedule;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The arguments {@code sieve einsum} and {@code sieve bench einsum} share: EXPR, IN..., --format, --schedule. */
public final class EinsumArgs {
    @Parameters(index = "0", paramLabel = "EXPR", description = "The expression.")
    String expression;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IN", description = "Input files (.npy or .mtx), one per operand.")
    List<String> inputs;

    @Option(names = "--format", paramLabel = "NAME=LEVELS", description = "Format of an operand or of the output (repeatable).")
    Map<String, String> formats = new LinkedHashMap<>();

    @Option(names = "--schedule", paramLabel = "SPEC",
            description = "Override the scheduler, e.g. \"order=i,k,j strip=4 parallel=false vectorize=true\".")
    String schedule;

    public String expression() {
        return expression;
    }

    public Schedule schedule(CommandLine cl) {
        try {
            return Schedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--schedule: " + e.getMessage());
        }
    }

    /** Parses the expression and loads the inputs in their formats (usage and input errors as the CLI reports them). */
    public EinsumInputs.Bound load(CommandLine cl) {
        return EinsumInputs.load(cl, expression, inputs, formats);
    }

    public CompiledEinsum compile(CommandLine cl, EinsumInputs.Bound bound, Schedule s) {
        return EinsumInputs.compile(cl, expression, bound, s);
    }

    /** The expression, each input with its file, shape, format and stored count, and the scheduler's notes. */
    public static void describe(PrintWriter out, EinsumInputs.Bound bound, CompiledEinsum c) {
        out.printf(Locale.ROOT, "%s%n", c.assignment());
        for (var e : bound.inputs().entrySet())
            out.printf(Locale.ROOT, "  %s = %s %s as %s (%d stored)%n", e.getKey(), bound.files().get(e.getKey()), Arrays.toString(e.getValue().dims()),
                    e.getValue().format(), e.getValue().nnz());
        for (String note : c.notes()) out.println("  note: " + note);
    }
}
