package dev.sieve.compile.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The choices an expert may override; everything left unset is decided by the scheduler.
 *
 * @param loopOrder index variables from outermost to innermost (each term uses the ones it has, in this
 *     order); empty: concordant order chosen per term
 * @param stripVectors how many vector registers one strip of an innermost dense output loop keeps in flight
 *     while the reduction loops above it run (register tiling); 0: the cost model picks
 * @param parallel whether the outermost loop may run on several threads
 * @param vectorize whether innermost dense loops use the Vector API (when it is available)
 */
public record Schedule(List<String> loopOrder, int stripVectors, boolean parallel, boolean vectorize) {
    public Schedule {
        loopOrder = List.copyOf(loopOrder);
        if (stripVectors < 0 || stripVectors > 16) throw new IllegalArgumentException("strip must be 0..16 vectors, got " + stripVectors);
    }

    /** The scheduler decides everything. */
    public static Schedule automatic() {
        return new Schedule(List.of(), 0, true, true);
    }

    public Schedule withStrip(int vectors) {
        return new Schedule(loopOrder, vectors, parallel, vectorize);
    }

    /**
     * Parses an override such as {@code "order=i,k,j strip=4 parallel=false vectorize=true"} (space- or
     * semicolon-separated {@code key=value} pairs; keys order, strip, parallel, vectorize).
     */
    public static Schedule parse(String text) {
        Schedule s = automatic();
        if (text == null || text.isBlank()) return s;
        List<String> order = s.loopOrder;
        int strip = s.stripVectors;
        boolean parallel = s.parallel, vectorize = s.vectorize;
        for (String part : text.trim().split("[;\\s]+")) {
            int eq = part.indexOf('=');
            if (eq <= 0) throw new IllegalArgumentException("schedule: expected key=value, got '" + part + "'");
            String key = part.substring(0, eq).toLowerCase(Locale.ROOT), value = part.substring(eq + 1);
            switch (key) {
                case "order" -> {
                    List<String> o = new ArrayList<>();
                    for (String v : value.split(",")) {
                        if (!v.matches("[A-Za-z_][A-Za-z0-9_]*")) throw new IllegalArgumentException("schedule: bad index '" + v + "' in order=" + value);
                        if (o.contains(v)) throw new IllegalArgumentException("schedule: index " + v + " twice in order=" + value);
                        o.add(v);
                    }
                    order = o;
                }
                case "strip" -> {
                    try {
                        strip = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("schedule: strip must be an integer, got '" + value + "'");
                    }
                }
                case "parallel" -> parallel = bool(key, value);
                case "vectorize" -> vectorize = bool(key, value);
                default -> throw new IllegalArgumentException("schedule: unknown key '" + key + "' (order, strip, parallel, vectorize)");
            }
        }
        return new Schedule(order, strip, parallel, vectorize);
    }

    private static boolean bool(String key, String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("schedule: " + key + " must be true or false, got '" + value + "'");
        };
    }

    /** Canonical text, part of the kernel cache key. */
    @Override
    public String toString() {
        return "order=" + String.join(",", loopOrder) + " strip=" + stripVectors + " parallel=" + parallel + " vectorize=" + vectorize;
    }
}
