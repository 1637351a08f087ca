package dev.sieve.cli;

import dev.sieve.io.MatrixMarket;
import dev.sieve.io.MatrixMarketData;
import dev.sieve.io.Npy;
import dev.sieve.io.NpyArray;
import dev.sieve.ops.sparse.Operand;
import dev.sieve.tensor.Tensor;

/** Reads the matrix operands the CLI takes: .mtx (sparse or dense) and 2-D .npy. */
public final class MatrixFiles {
    private MatrixFiles() {}

    /** A .mtx coordinate file as COO, a .mtx array file or a .npy file as a dense matrix. */
    public static Operand readMatrix(String file) {
        return switch (InputFiles.extension(file)) {
            case ".mtx" -> {
                MatrixMarketData data = InputFiles.read(file, MatrixMarket::read);
                yield data.isSparse() ? Operand.of(data.toCoo()) : Operand.of(data.toDense());
            }
            case ".npy" -> Operand.of(readDense(file));
            default -> throw new InputException(file, "unsupported matrix file (expected .mtx or .npy)");
        };
    }

    /** A 2-D .npy file as a float32 matrix (integer data converted exactly, or rejected). */
    public static Tensor readDense(String file) {
        if (!InputFiles.extension(file).equals(".npy")) {
            throw new InputException(file, "expected a .npy file");
        }
        Tensor t = InputFiles.read(file, p -> {
            NpyArray array = Npy.read(p);
            return array.toTensor();
        });
        if (t.rank() != 2) {
            throw new InputException(file, "expected a 2-D matrix, got shape " + t.shape());
        }
        return t;
    }

    /** How many elements of {@code t} are not zero (the nnz a dense matrix would have in a sparse layout). */
    public static long nonzeros(Tensor t) {
        long n = 0;
        float[] d = t.data();
        for (int i = t.offset(), end = t.offset() + t.size(); i < end; i++) if (d[i] != 0f) n++;
        return n;
    }
}
