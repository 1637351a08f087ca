package dev.sieve.io;

import static dev.sieve.io.IoTestSupport.fixture;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sieve.sparse.CsrMatrix;
import dev.sieve.tensor.DType;
import dev.sieve.tensor.IntTensor;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reads the file laid out like the reference library's (src/test/resources/io/safetensors/generate_fixture.py). */
class SafetensorsFixtureTest {
    @Test
    void readsEveryTensor() throws IOException {
        try (Safetensors st = Safetensors.open(fixture("safetensors/fixture.safetensors"))) {
            assertEquals(List.of("W.col_indices", "W.crow_indices", "W.values", "bias", "count", "empty", "half", "ids", "mask", "pixels", "weight"),
                    st.names());
            assertEquals("pt", st.metadata().get("format"));
            assertArrayEquals(new float[] {-1, -0.5f, 0, 0.5f, 1, 1.5f}, st.tensor("weight").toArray());
            assertArrayEquals(new int[] {2, 3}, st.tensor("weight").dims());
            assertArrayEquals(new float[] {0.25f, -1.5f, 1e10f}, st.tensor("bias").toArray());
            assertArrayEquals(new float[] {1.5f, -0.125f}, st.tensor("half").toArray());
            assertEquals(IntTensor.of(new long[] {-(1L << 40), -1, 0, 1L << 40}, 4), st.intTensor("ids"));
            assertEquals(IntTensor.of(DType.INT32, new long[] {7}), st.intTensor("count"));
            assertEquals(IntTensor.of(DType.BOOL, new long[] {1, 0, 1}, 3), st.intTensor("mask"));
            assertEquals(IntTensor.of(DType.UINT8, new long[] {0, 1, 128, 255}, 1, 2, 2), st.intTensor("pixels"));
            assertArrayEquals(new int[] {0, 4}, st.tensor("empty").dims());
            assertEquals(new CsrMatrix(2, 3, new int[] {0, 1, 3}, new int[] {2, 0, 1}, new float[] {5, 6, 7}), SafetensorsSparse.get(st, "W"));
        }
    }
}
