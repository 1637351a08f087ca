package dev.sieve.golden;

import dev.sieve.io.Safetensors;
import dev.sieve.tensor.IntTensor;
import dev.sieve.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reference tensors produced by PyTorch 1.13 (scripts/goldens/gen_*.py, committed under
 * src/test/resources/goldens) and the comparison the layer golden tests use. Loading copies every tensor
 * into the heap, so the file is closed straight away.
 */
public final class Goldens {
    private final String name;
    private final java.util.Map<String, Tensor> floats = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, IntTensor> ints = new java.util.LinkedHashMap<>();

    private Goldens(String name) {
        this.name = name;
    }

    /** Loads {@code goldens/<name>.safetensors} from the test classpath. */
    public static Goldens load(String name) {
        URL url = Goldens.class.getResource("/goldens/" + name + ".safetensors");
        if (url == null) throw new IllegalStateException("golden file goldens/" + name
                + ".safetensors is missing; run scripts/goldens/generate");
        Goldens g = new Goldens(name);
        try (Safetensors st = Safetensors.open(Path.of(url.toURI()))) {
            for (String k : st.names()) {
                if (st.info(k).dtype().isFloatingPoint()) g.floats.put(k, st.tensor(k));
                else g.ints.put(k, st.intTensor(k));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return g;
    }

    /** The float tensor {@code key}. */
    public Tensor get(String key) {
        Tensor t = floats.get(key);
        if (t == null) throw new IllegalArgumentException(name + ": no float tensor '" + key + "' (have " + floats.keySet() + ")");
        return t.copy();
    }

    /** The integer tensor {@code key} (stored as I64). */
    public IntTensor ints(String key) {
        IntTensor t = ints.get(key);
        if (t == null) throw new IllegalArgumentException(name + ": no integer tensor '" + key + "' (have " + ints.keySet() + ")");
        return t;
    }

    public boolean has(String key) {
        return floats.containsKey(key) || ints.containsKey(key);
    }

    /** Asserts {@code actual} has {@code expected}'s shape and |a − e| ≤ atol + rtol·|e| element-wise. */
    public static void assertClose(String what, Tensor expected, Tensor actual, double atol, double rtol) {
        if (actual == null) throw new AssertionError(what + ": no tensor (null)");
        if (!Arrays.equals(expected.dims(), actual.dims()))
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.dims()) + ", expected " + Arrays.toString(expected.dims()));
        float[] e = expected.data(), a = actual.data();
        int eo = expected.offset(), ao = actual.offset();
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < expected.size(); i++) {
            double d = Math.abs((double) a[ao + i] - e[eo + i]);
            double excess = d - (atol + rtol * Math.abs(e[eo + i]));
            if (Double.isNaN(d) || excess > worst) {
                worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : excess;
                worstAt = i;
            }
        }
        if (worstAt >= 0)
            throw new AssertionError(what + ": element " + worstAt + " is " + a[ao + worstAt] + ", PyTorch gives "
                    + e[eo + worstAt] + " (atol " + atol + ", rtol " + rtol + ")");
    }

    /** {@link #assertClose} with atol 1e-5 and rtol 1e-4, right for float32 layers of modest depth. */
    public static void assertClose(String what, Tensor expected, Tensor actual) {
        assertClose(what, expected, actual, 1e-5, 1e-4);
    }
}
