package io.cernvm.testkit;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A request as a {@link RepositoryServer} received it.
 *
 * @param method  the HTTP method
 * @param target  the request target as sent (origin form, or absolute form through a proxy)
 * @param path    the path the counters and faults use, without leading {@code /}
 * @param headers the request headers, names in lower case
 */
public record RecordedRequest(String method, String target, String path, Map<String, String> headers) {

    /** Checks the components and copies the headers. */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(path, "path");
        headers = Map.copyOf(headers);
    }

    /**
     * @param name a header name, any case
     * @return its value, or {@code null}
     */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
