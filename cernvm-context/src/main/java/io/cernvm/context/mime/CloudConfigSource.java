package io.cernvm.context.mime;

import java.util.Arrays;
import java.util.Objects;

/**
 * One payload cloud-init's cloud-config handler merges, in merge order: a
 * {@code text/cloud-config} or {@code text/cloud-config-jsonp} part, or the rendering of a
 * jinja part whose first line names cloud-config. As in cloud-init, a jinja rendering is
 * always merged as YAML (the handler sees the type {@code text/jinja2}, never the JSON-patch type).
 *
 * @param partIndex   index of the part it comes from
 * @param filename    that part's file name
 * @param contentType the type the handler is called with: {@code text/cloud-config},
 *                    {@code text/cloud-config-jsonp} or {@code text/jinja2}
 * @param payload     the payload it merges (UTF-8; copied in and out)
 * @param mergeType   the part's {@code Merge-Type}/{@code X-Merge-Type} header, or {@code null}
 */
public record CloudConfigSource(int partIndex, String filename, String contentType, byte[] payload, String mergeType) {

    /** Copies the payload and checks the components. */
    public CloudConfigSource {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** @return a copy of the payload */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** @return whether cloud-init applies it as a JSON patch rather than merging YAML */
    public boolean jsonPatch() {
        return contentType.equals("text/cloud-config-jsonp");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CloudConfigSource c && partIndex == c.partIndex && filename.equals(c.filename)
                && contentType.equals(c.contentType) && Arrays.equals(payload, c.payload)
                && Objects.equals(mergeType, c.mergeType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(partIndex, filename, contentType, mergeType) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "CloudConfigSource[" + partIndex + ", " + filename + ", " + contentType + ", " + payload.length + " bytes]";
    }
}
