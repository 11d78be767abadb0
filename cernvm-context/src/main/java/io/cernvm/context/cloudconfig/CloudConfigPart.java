package io.cernvm.context.cloudconfig;

import io.cernvm.context.internal.cloudconfig.PyText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One part cloud-init's cloud-config handler receives: its payload text and the MIME headers
 * of the part.
 *
 * <p>The headers are the part's header fields in order, names spelled as in the message,
 * values as Python's {@code email} package returns them. cloud-init passes the handler
 * {@code dict(part)}, so {@link #header(String)} reproduces that: a name is found only when
 * spelled exactly so, and its value is that of the first field of that name in any case.
 *
 * @param index       the part's 0-based index in the user data, used in findings
 * @param contentType the content type cloud-init assigned ({@code text/cloud-config} or
 *                    {@code text/cloud-config-jsonp})
 * @param payload     the payload as the handler receives it (decoded text)
 * @param headers     the part's header fields, in order
 */
public record CloudConfigPart(int index, String contentType, String payload, List<Map.Entry<String, String>> headers) {

    /** The content type of a {@code #cloud-config} part. */
    public static final String CLOUD_CONFIG = "text/cloud-config";
    /** The content type of a {@code #cloud-config-jsonp} part (an RFC 6902 JSON patch). */
    public static final String CLOUD_CONFIG_JSONP = "text/cloud-config-jsonp";

    /** Validates and copies. */
    public CloudConfigPart {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + index);
        }
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(payload, "payload");
        List<Map.Entry<String, String>> copy = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            copy.add(Map.entry(h.getKey(), h.getValue()));
        }
        headers = List.copyOf(copy);
    }

    /**
     * A {@code text/cloud-config} part with no other headers.
     *
     * @param index   the part's 0-based index
     * @param payload the YAML text
     * @return the part
     */
    public static CloudConfigPart of(int index, String payload) {
        return new CloudConfigPart(index, CLOUD_CONFIG, payload, List.of(Map.entry("Content-Type", CLOUD_CONFIG)));
    }

    /**
     * A part from the payload bytes a decoder hands over (UTF-8, invalid bytes kept): decoded
     * as cloud-init decodes it ({@code utf-8} with {@code surrogateescape}).
     *
     * @param index       the part's 0-based index
     * @param contentType the content type cloud-init assigned
     * @param payload     the payload bytes
     * @param headers     the part's header fields, in order
     * @return the part
     */
    public static CloudConfigPart ofBytes(int index, String contentType, byte[] payload,
                                          List<Map.Entry<String, String>> headers) {
        return new CloudConfigPart(index, contentType, PyText.decodeSurrogateEscape(payload), headers);
    }

    /**
     * {@code dict(part).get(name)}: present only when some field is spelled exactly
     * {@code name}; the value is that of the first field whose name matches ignoring case.
     *
     * @param name the header name, exactly as cloud-init looks it up
     * @return the value, or {@code null}
     */
    public String header(String name) {
        boolean spelled = headers.stream().anyMatch(h -> h.getKey().equals(name));
        if (!spelled) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(lower))
                .findFirst().map(Map.Entry::getValue).orElse(null);
    }
}
