package io.cernvm.context.mime;

import java.util.Arrays;

/**
 * What cloud-init's jinja handler makes of a {@code text/jinja2} part.
 *
 * @param payload     the rendered payload (UTF-8), or {@code null} when rendering failed
 * @param contentType the type the rendered first line names, or {@code null}
 * @param handler     the sub-handler that receives it ({@link PartHandler#CLOUD_CONFIG} or
 *                    {@link PartHandler#SHELLSCRIPT}), or {@code null} when cloud-init ignores it
 * @param error       why it was not rendered, or {@code null}
 */
public record JinjaRendering(byte[] payload, String contentType, PartHandler handler, String error) {

    /** Copies the payload; exactly one of payload and error is set. */
    public JinjaRendering {
        if ((payload == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of payload and error must be set");
        }
        payload = payload == null ? null : payload.clone();
    }

    /** @return a copy of the rendered payload, or {@code null} */
    @Override
    public byte[] payload() {
        return payload == null ? null : payload.clone();
    }

    /** @return whether the template rendered */
    public boolean rendered() {
        return payload != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JinjaRendering j && Arrays.equals(payload, j.payload)
                && java.util.Objects.equals(contentType, j.contentType) && handler == j.handler
                && java.util.Objects.equals(error, j.error);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(contentType, handler, error) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "JinjaRendering[" + (payload == null ? "error=" + error : payload.length + " bytes, " + contentType) + "]";
    }
}
