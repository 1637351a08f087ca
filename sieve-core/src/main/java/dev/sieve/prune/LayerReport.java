package dev.sieve.prune;

import java.util.List;
import java.util.Locale;

/**
 * One row of {@link Pruner#report()}: a pruned parameter, its sparsity, the layout it is (or would be)
 * held in ("masked" for weights that are not a Linear's, such as a convolution's: they stay dense with their pruned
 * entries zero), the bytes of the dense float32 weight and of the layout's arrays, and the speed-up of that
 * layer's sparse kernel over the dense GEMM on a batch of tokens (best of a few runs; NaN when not
 * measured or not a Linear).
 */
public record LayerReport(String name, List<Integer> shape, String score, String target, double sparsity, String layout,
        boolean materialized, long denseBytes, long layoutBytes, double denseMicros, double sparseMicros) {

    /** Dense time over sparse time (NaN when not measured). */
    public double speedup() {
        return denseMicros / sparseMicros;
    }

    /** Dense bytes over layout bytes. */
    public double compression() {
        return layoutBytes == 0 ? Double.POSITIVE_INFINITY : (double) denseBytes / layoutBytes;
    }

    /** The rows as a plain-text table with a total line. */
    public static String table(List<LayerReport> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-24s %-14s %8s  %-12s %12s %12s %9s %9s %8s%n",
                "layer", "shape", "sparsity", "layout", "dense B", "layout B", "dense us", "sparse us", "speedup"));
        long dense = 0, layout = 0;
        for (LayerReport r : rows) {
            sb.append(String.format(Locale.ROOT, "%-24s %-14s %7.2f%%  %-12s %12d %12d %9.1f %9.1f %7.2fx%n",
                    r.name, shapeText(r.shape), 100 * r.sparsity, r.layout + (r.materialized ? "" : "*"), r.denseBytes,
                    r.layoutBytes, r.denseMicros, r.sparseMicros, r.speedup()));
            dense += r.denseBytes;
            layout += r.layoutBytes;
        }
        sb.append(String.format(Locale.ROOT, "%-24s %-14s %8s  %-12s %12d %12d%n", "total", "", "", "", dense, layout));
        if (rows.stream().anyMatch(r -> !r.materialized))
            sb.append("* not materialized yet: the layout the weight would be held in\n");
        return sb.toString();
    }

    private static String shapeText(List<Integer> shape) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < shape.size(); i++) sb.append(i == 0 ? "" : "x").append(shape.get(i));
        return sb.toString();
    }
}
