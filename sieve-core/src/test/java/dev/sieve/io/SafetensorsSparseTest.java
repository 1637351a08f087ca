package dev.sieve.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sieve.sparse.CooMatrix;
import dev.sieve.sparse.CsrMatrix;
import dev.sieve.sparse.Layout;
import dev.sieve.sparse.SparseMatrix;
import dev.sieve.sparse.Sparsifiers;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SafetensorsSparseTest {
    @TempDir
    Path dir;

    static SparseMatrix sample(String layout) {
        Layout l = Layout.parse(layout);
        Tensor w = Tensor.randn(11, 8, 12);
        return switch (l) {
            case Layout.Nm nm -> Sparsifiers.forLayout(l).sparsify(w);
            case Layout.Nmg nmg -> Sparsifiers.forLayout(l).sparsify(w);
            default -> Sparsifiers.forLayout(l, 0.5).sparsify(w);
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"coo", "csr", "csc", "bsr:2x3", "bsr:3x5", "nm:2:4", "nmg:1:4:2", "tw:4", "masked"})
    void roundTrip(String layout) throws IOException {
        SparseMatrix m = sample(layout);
        Path p = dir.resolve("s.safetensors");
        Safetensors.Builder b = Safetensors.builder().put("dense", Tensor.arange(3));
        SafetensorsSparse.put(b, "W", m).write(p);
        try (Safetensors st = Safetensors.open(p)) {
            SparseMatrix back = SafetensorsSparse.get(st, "W");
            assertEquals(m.getClass(), back.getClass());
            assertEquals(m, back);
            assertArrayEquals(m.toDense().toArray(), back.toDense().toArray());
            assertTrue(st.metadata().get("W").startsWith("{\"layout\":\"" + layout + "\",\"shape\":[8,12]"), st.metadata().get("W"));
        }
    }

    @Test
    void csrUsesPytorchArrayNames() throws IOException {
        CsrMatrix m = new CsrMatrix(2, 3, new int[] {0, 1, 3}, new int[] {2, 0, 1}, new float[] {5, 6, 7});
        Path p = dir.resolve("csr.safetensors");
        SafetensorsSparse.put(Safetensors.builder(), "W", m).write(p);
        try (Safetensors st = Safetensors.open(p)) {
            assertEquals(List.of("W.col_indices", "W.crow_indices", "W.values"), st.names());
            assertEquals(Safetensors.Dtype.I64, st.info("W.crow_indices").dtype());
            assertEquals(IntTensor.of(new long[] {0, 1, 3}, 3), st.intTensor("W.crow_indices"));
            assertEquals("{\"layout\":\"csr\",\"shape\":[2,3]}", st.metadata().get("W"));
        }
    }

    @Test
    void cooIndicesAreTwoByNnz() throws IOException {
        CooMatrix m = new CooMatrix(3, 3, new int[] {0, 2}, new int[] {1, 0}, new float[] {1, 2});
        Path p = dir.resolve("coo.safetensors");
        SafetensorsSparse.put(Safetensors.builder(), "W", m).write(p);
        try (Safetensors st = Safetensors.open(p)) {
            assertArrayEquals(new long[] {2, 2}, st.info("W.indices").shape());
            assertEquals(IntTensor.of(new long[] {0, 2, 1, 0}, 2, 2), st.intTensor("W.indices"));
        }
    }

    @Test
    void invalidArraysAreFormatExceptions() throws IOException {
        Path p = dir.resolve("bad.safetensors");
        Safetensors.builder()
                .put("W.crow_indices", IntTensor.of(new long[] {0, 2, 1}, 3))
                .put("W.col_indices", IntTensor.of(new long[] {0, 1}, 2))
                .put("W.values", Tensor.of(new float[] {1, 2}, 2))
                .metadata("W", "{\"layout\":\"csr\",\"shape\":[2,2]}")
                .metadata("V", "{\"layout\":\"blob\",\"shape\":[2,2]}")
                .metadata("U", "{\"layout\":\"csr\"}")
                .write(p);
        try (Safetensors st = Safetensors.open(p)) {
            assertThrows(FormatException.class, () -> SafetensorsSparse.get(st, "W"));
            assertTrue(assertThrows(FormatException.class, () -> SafetensorsSparse.get(st, "X")).getMessage().contains("no __metadata__"));
            assertThrows(FormatException.class, () -> SafetensorsSparse.get(st, "V"));
            assertTrue(assertThrows(FormatException.class, () -> SafetensorsSparse.get(st, "U")).getMessage().startsWith("sparse tensor \"U\": metadata must be"));
        }
    }
}
