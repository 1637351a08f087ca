package dev.sieve.compile.plan;

import dev.sieve.compile.expr.Assignment;
import dev.sieve.compile.format.Format;
import java.util.List;

/**
 * Everything the code generator needs, decided: which stored form of each input the kernel reads (bindings),
 * each term's loop order and how it writes the output, and the schedule knobs. Its {@link #key()} (with the
 * vector width) identifies the generated code.
 *
 * @param assignment the expression
 * @param bindings the stored inputs the kernel reads: an input appears once per format it is read in (twice
 *     when one term needs it re-stored in another mode order)
 * @param terms the terms, each with its loop nest
 * @param output the output's format (levels over the left-hand side's indices)
 * @param schedule the schedule (overrides and tuning)
 * @param vectorLanes floats per vector in the generated code; 0 for scalar code
 * @param notes decisions worth telling a user (re-stored operands, serial loops and why)
 * @param epilogue bias and activation applied to each finished output element, or null
 * @param biasBinding the binding of the epilogue's bias, or -1
 * @param delivered the output format the caller gets; the kernel computes {@code output}, and when the two differ
 *     (a transposed product) the dense result is permuted into this one
 * @param tileIndex an index whose register-tiled strips run inside an outer loop over blocks of {@code tileSize}
 *     (so the dense rows a block reads stay in cache while every outer coordinate uses them), or null
 * @param tileSize the block size along {@code tileIndex}
 * @param dotVectors when the innermost loop is a dense reduction of exactly this many vectors (1 to 4), its dot
 *     products are straight-line code, and an operand that does not change in the loop above is loaded into
 *     registers once outside it (SDDMM: the row of U for all entries of a row of S); 0 otherwise
 */
public record KernelPlan(Assignment assignment, List<Binding> bindings, List<TermPlan> terms, Format output, Schedule schedule,
                         int vectorLanes, List<String> notes, Epilogue epilogue, int biasBinding, Format delivered, String tileIndex,
                         int tileSize, int dotVectors) {
    public KernelPlan {
        bindings = List.copyOf(bindings);
        terms = List.copyOf(terms);
        notes = List.copyOf(notes);
    }

    /** An input as stored for the kernel: the tensor's name, and the format it is read in. */
    public record Binding(String tensor, Format format, boolean restored) {}

    /** One factor of a term: which binding, and its index at each logical mode. */
    public record Factor(int binding, List<String> indices) {}

    /** How a term's results reach the output. */
    public enum OutputMode {
        /** Straight into a dense output array. */
        DENSE,
        /** Per value of the outermost index, into a dense workspace over the remaining output indices, emitted sorted. */
        ROW_WORKSPACE,
        /** Every contribution as a (linearised coordinate, value) pair, summed after sorting. */
        KEYS,
        /**
         * The output has exactly the format and indices of one sparse factor of the only term, so its nonzeros
         * can only be at that factor's stored positions (a product intersects): values are written at the
         * factor's position and the factor's level arrays are shared by the result (SDDMM, masking, scaling).
         */
        SAMPLED
    }

    /**
     * One term's loop nest.
     *
     * @param term the term
     * @param factors its factors, in term order
     * @param order loop order, outermost first
     * @param mode how it writes the output
     * @param parallel whether its outermost loop is split across threads
     * @param sampledFactor with {@link OutputMode#SAMPLED}, the factor whose pattern the output shares; else -1
     */
    public record TermPlan(Term term, List<Factor> factors, List<String> order, OutputMode mode, boolean parallel, int sampledFactor) {
        public TermPlan {
            factors = List.copyOf(factors);
            order = List.copyOf(order);
        }
    }

    /** Identifies the generated code: the same key always generates the same source. */
    public String key() {
        StringBuilder b = new StringBuilder(assignment.toString()).append(" |");
        for (Binding x : bindings) b.append(' ').append(x.tensor()).append(':').append(x.format());
        b.append(" | out:").append(output).append(delivered.equals(output) ? "" : "->" + delivered).append(" |");
        for (TermPlan t : terms) b.append(' ').append(String.join(",", t.order())).append('/').append(t.mode()).append(t.parallel() ? "/par" : "")
                .append(t.sampledFactor() >= 0 ? "/f" + t.sampledFactor() : "");
        if (epilogue != null) b.append(" | epilogue ").append(epilogue);
        if (tileIndex != null) b.append(" | tile ").append(tileIndex).append('/').append(tileSize);
        if (dotVectors > 0) b.append(" | dot ").append(dotVectors);
        return b.append(" | ").append(schedule).append(" | lanes=").append(vectorLanes).toString();
    }
}
