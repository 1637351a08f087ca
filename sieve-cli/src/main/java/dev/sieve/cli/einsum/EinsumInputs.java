package dev.sieve.cli.einsum;

import dev.sieve.cli.InputException;
import dev.sieve.cli.InputFiles;
import dev.sieve.compile.Einsum;
import dev.sieve.compile.CompiledEinsum;
import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.expr.Parser;
import dev.sieve.compile.format.Format;
import dev.sieve.compile.format.FormattedTensor;
import dev.sieve.compile.plan.Schedule;
import dev.sieve.io.MatrixMarket;
import dev.sieve.io.MatrixMarketData;
import dev.sieve.io.Npy;
import dev.sieve.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * What {@code sieve einsum} and {@code sieve bench einsum} share: the expression, the input files bound to its
 * operands (in order of first appearance on the right-hand side: A, B, C... for an einsum string), the
 * {@code --format NAME=LEVELS} options (inputs and output), and the compiled kernel.
 */
public final class EinsumInputs {
    /** The parsed expression, the loaded inputs in their formats, and the requested output format (or null). */
    public record Bound(Assignment assignment, Map<String, FormattedTensor> inputs, Map<String, String> files, Format output) {}

    private EinsumInputs() {}

    public static Bound load(CommandLine cl, String expression, List<String> files, Map<String, String> formatOptions) {
        Assignment a;
        try {
            a = Parser.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "EXPR: " + e.getMessage());
        }
        List<String> names = a.inputs();
        if (files.size() != names.size()) {
            throw new CommandLine.ParameterException(cl, a + " takes " + names.size() + " input" + (names.size() == 1 ? "" : "s") + " "
                    + names + ", got " + files.size() + " file" + (files.size() == 1 ? "" : "s"));
        }
        String outName = a.lhs().tensor();
        Map<String, Format> formats = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : formatOptions.entrySet()) {
            if (!names.contains(e.getKey()) && !e.getKey().equals(outName)) {
                throw new CommandLine.ParameterException(cl, "--format " + e.getKey() + "=" + e.getValue() + ": " + e.getKey()
                        + " is not an operand of " + a + " (inputs " + names + ", output " + outName + ")");
            }
            try {
                formats.put(e.getKey(), Format.parse(e.getValue()));
            } catch (IllegalArgumentException ex) {
                throw new CommandLine.ParameterException(cl, "--format " + e.getKey() + "=" + e.getValue() + ": " + ex.getMessage());
            }
        }
        Map<String, FormattedTensor> inputs = new LinkedHashMap<>();
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i), file = files.get(i);
            byName.put(name, file);
            int rank = rankOf(a, name);
            Format f = formats.get(name);
            if (f != null && f.rank() != rank)
                throw new CommandLine.ParameterException(cl, "--format " + name + "=" + f + " has rank " + f.rank() + " but " + name + " has rank " + rank + " in " + a);
            inputs.put(name, read(file, name, rank, f));
        }
        Format out = formats.get(outName);
        if (out != null && out.rank() != a.lhs().indices().size())
            throw new CommandLine.ParameterException(cl, "--format " + outName + "=" + out + " has rank " + out.rank() + " but the output " + a.lhs() + " has rank "
                    + a.lhs().indices().size());
        return new Bound(a, inputs, byName, out);
    }

    /** Compiles for the bound inputs; shape mismatches name the file. */
    public static CompiledEinsum compile(CommandLine cl, String expression, Bound b, Schedule schedule) {
        try {
            return Einsum.compileFor(expression, b.inputs(), b.output(), schedule);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage() + filesNote(b));
        }
    }

    private static String filesNote(Bound b) {
        StringBuilder s = new StringBuilder(" (");
        for (var e : b.files().entrySet()) {
            if (s.length() > 2) s.append(", ");
            s.append(e.getKey()).append(" = ").append(e.getValue()).append(' ').append(java.util.Arrays.toString(b.inputs().get(e.getKey()).dims()));
        }
        return s.append(')').toString();
    }

    private static int rankOf(Assignment a, String name) {
        return a.accesses().stream().filter(x -> x.tensor().equals(name)).findFirst().orElseThrow().indices().size();
    }

    /** A .npy file (dense, any rank) or a .mtx file (2-D), in format {@code f} (default: dense; csr for coordinate .mtx). */
    static FormattedTensor read(String file, String name, int rank, Format f) {
        switch (InputFiles.extension(file)) {
            case ".npy" -> {
                Tensor t = InputFiles.read(file, p -> Npy.read(p).toTensor());
                if (t.rank() != rank) throw new InputException(file, "has rank " + t.rank() + " (shape " + t.shape() + ") but " + name + " has rank " + rank);
                return FormattedTensor.fromDense(t, f != null ? f : Format.dense(rank));
            }
            case ".mtx" -> {
                if (rank != 2) throw new InputException(file, "a Matrix Market file is 2-D but " + name + " has rank " + rank);
                MatrixMarketData data = InputFiles.read(file, MatrixMarket::read);
                if (!data.isSparse()) return FormattedTensor.fromDense(data.toDense(), f != null ? f : Format.dense(2));
                return FormattedTensor.fromSparseMatrix(data.toCoo(), f != null ? f : Format.csr());
            }
            default -> throw new InputException(file, "unsupported input (expected .npy or .mtx)");
        }
    }
}
