package io.cernvm.context.mime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The recorded cloud-init expectations and the fixture inputs they describe. */
public final class CloudInitFixtures {
    public static final String RESOURCES = "/io/cernvm/context/cloudinit/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CloudInitFixtures() {
    }

    public static Path sharedDir() {
        String shared = System.getProperty("cernvm.shared");
        if (shared == null) {
            throw new IllegalStateException("system property cernvm.shared is not set");
        }
        Path dir = Path.of(shared, "fixtures", "userdata", "cloud-init");
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("missing fixture directory " + dir);
        }
        return dir;
    }

    public static JsonNode expectations() {
        return readJson(RESOURCES + "expectations.json");
    }

    public static JsonNode readJson(String resource) {
        try (InputStream in = CloudInitFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> instanceData() {
        return JSON.convertValue(readJson(RESOURCES + "instance-data.json"), Map.class);
    }

    /** @return the raw bytes of a fixture named as in expectations.json */
    public static byte[] input(String name) {
        try {
            if (name.startsWith("extra/")) {
                try (InputStream in = CloudInitFixtures.class.getResourceAsStream(RESOURCES + name)) {
                    if (in == null) {
                        throw new IllegalStateException("missing test resource " + name);
                    }
                    return in.readAllBytes();
                }
            }
            return Files.readAllBytes(sharedDir().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a fetcher answering the URLs of the shared include-map.json from local files */
    public static IncludeFetcher includeMap() {
        Path dir = sharedDir();
        Map<String, Path> map = new LinkedHashMap<>();
        try {
            JSON.readTree(dir.resolve("include-map.json").toFile())
                    .fields().forEachRemaining(e -> map.put(e.getKey(), dir.resolve(e.getValue().asText())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return url -> Optional.ofNullable(map.get(url)).map(p -> {
            try {
                return Files.readAllBytes(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
