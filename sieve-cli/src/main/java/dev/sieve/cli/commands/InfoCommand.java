package dev.sieve.cli.commands;

import dev.sieve.cli.InputException;
import dev.sieve.cli.InputFiles;
import dev.sieve.cli.MatrixFiles;
import dev.sieve.cli.util.Json;
import dev.sieve.io.MatrixMarket;
import dev.sieve.io.MatrixMarketData;
import dev.sieve.io.MatrixMarketHeader;
import dev.sieve.io.Npy;
import dev.sieve.io.NpyArray;
import dev.sieve.io.NpyHeader;
import dev.sieve.io.Safetensors;
import dev.sieve.io.SafetensorsSparse;
import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sieve info FILE}: what a tensor file holds. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a tensor file: shape, dtype, layout, nnz and sparsity (.npy, .mtx, .safetensors).",
                ".npy: dtype, byte order, C/Fortran order, and the nonzeros of its values.",
                ".mtx: Matrix Market format, field and symmetry; nnz counts mirrored entries of symmetric files."})
public final class InfoCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "A .npy or .mtx file.")
    String file;

    @Option(names = "--json", description = "End the output with one JSON line.")
    boolean json;

    @Override
    public Integer call() {
        Json j = switch (InputFiles.extension(file)) {
            case ".npy" -> npy();
            case ".mtx" -> mtx();
            case ".safetensors" -> safetensors();
            default -> throw new InputException(file, "unsupported file type (expected .npy, .mtx or .safetensors)");
        };
        PrintWriter out = spec.commandLine().getOut();
        if (json) out.println(j);
        out.flush();
        return 0;
    }

    private Json npy() {
        NpyArray array = InputFiles.read(file, Npy::read);
        NpyHeader h = array.header();
        long nnz = InputFiles.read(file, p -> countNonzeros(array));
        long size = h.shape().size();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: NumPy .npy v%d.0%n", file, h.majorVersion());
        out.printf("  shape     %s%n", h.shape());
        out.printf("  dtype     %s (%s, %s order)%n", h.dtype().label(), h.descr(), h.fortranOrder() ? "Fortran" : "C");
        out.printf("  layout    dense%n");
        printCounts(out, size, nnz);
        return new Json().put("file", file).put("format", "npy").put("shape", h.shape().toString())
                .put("dtype", h.dtype().label()).put("fortran_order", h.fortranOrder()).put("layout", "dense")
                .put("nnz", nnz).put("sparsity", sparsity(size, nnz));
    }

    private static long countNonzeros(NpyArray array) throws java.io.IOException {
        long nnz = 0;
        if (array.dtype().isFloatingPoint()) {
            nnz = MatrixFiles.nonzeros(array.toTensor());
        } else {
            IntTensor t = array.toIntTensor();
            for (long v : t.data()) if (v != 0) nnz++;
        }
        return nnz;
    }

    private Json mtx() {
        MatrixMarketData data = InputFiles.read(file, MatrixMarket::read);
        MatrixMarketHeader h = data.header();
        long size = (long) h.rows() * h.cols();
        long nnz;
        if (data.isSparse()) {
            CooMatrix coo = data.toCoo().coalesce();
            long explicit = 0;
            for (int k = 0; k < coo.nnz(); k++) if (coo.value(k) != 0f) explicit++;
            nnz = explicit;
        } else {
            nnz = MatrixFiles.nonzeros(data.toDense());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s: Matrix Market, %s %s %s%n", file, h.format().word(), h.field().word(), h.symmetry().word());
        out.printf("  shape     [%d, %d]%n", h.rows(), h.cols());
        out.printf("  dtype     float32 (%s field)%n", h.field().word());
        out.printf("  layout    %s%n", data.isSparse() ? "coo" : "dense");
        if (data.isSparse()) out.printf("  entries   %d stored%s%n", h.entries(),
                h.symmetry() == MatrixMarketHeader.Symmetry.GENERAL ? "" : " (" + h.symmetry().word() + ", mirrored on read)");
        printCounts(out, size, nnz);
        return new Json().put("file", file).put("format", "mtx").put("shape", "[" + h.rows() + ", " + h.cols() + "]")
                .put("dtype", "float32").put("field", h.field().word()).put("symmetry", h.symmetry().word())
                .put("layout", data.isSparse() ? "coo" : "dense").put("nnz", nnz).put("sparsity", sparsity(size, nnz));
    }

    /** Every tensor with dtype and shape; sparse matrices (per the metadata convention) with layout and nnz. */
    private Json safetensors() {
        return InputFiles.read(file, path -> {
            try (Safetensors st = Safetensors.open(path)) {
                PrintWriter out = spec.commandLine().getOut();
                java.util.Map<String, String> meta = st.metadata();
                out.printf("%s: safetensors, %d arrays%n", file, st.names().size());
                java.util.Set<String> sparseNames = new java.util.TreeSet<>();
                for (String key : meta.keySet()) {
                    if (meta.get(key).contains("\"layout\"")) sparseNames.add(key);
                }
                for (String name : sparseNames) {
                    SparseMatrix m = SafetensorsSparse.get(st, name);
                    out.printf(Locale.ROOT, "  %-28s %-12s [%d, %d]  nnz %d  sparsity %.4f%n", name, m.layout(), m.rows(), m.cols(),
                            m.nnz(), m.sparsity());
                }
                for (String name : st.names()) {
                    Safetensors.Info info = st.info(name);
                    out.printf("  %-28s %-12s %s%n", name, info.dtype().name(), java.util.Arrays.toString(info.shape()));
                }
                return new Json().put("file", file).put("format", "safetensors").put("arrays", st.names().size())
                        .put("sparse_matrices", sparseNames.size());
            }
        });
    }

    private static void printCounts(PrintWriter out, long size, long nnz) {
        out.printf(Locale.ROOT, "  nnz       %d of %d%n", nnz, size);
        out.printf(Locale.ROOT, "  sparsity  %.4f%n", sparsity(size, nnz));
    }

    private static double sparsity(long size, long nnz) {
        return size == 0 ? 0.0 : 1.0 - (double) nnz / size;
    }
}
