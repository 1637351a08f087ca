package dev.sieve.golden;

import dev.sieve.io.Safetensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Map;

/** The {@code __metadata__} strings of a golden file (generators record configurations and names there). */
public final class GoldenMetadata {
    private GoldenMetadata() {}

    public static Map<String, String> load(String name) {
        URL url = GoldenMetadata.class.getResource("/goldens/" + name + ".safetensors");
        if (url == null) throw new IllegalStateException("golden file goldens/" + name + ".safetensors is missing; run scripts/goldens/generate");
        try (Safetensors st = Safetensors.open(Path.of(url.toURI()))) {
            return Map.copyOf(st.metadata());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A comma-separated list of integers. */
    public static int[] ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }
}
