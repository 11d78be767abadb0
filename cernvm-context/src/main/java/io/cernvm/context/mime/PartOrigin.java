package io.cernvm.context.mime;

import java.util.List;
import java.util.Objects;

/**
 * Where a decoded part came from and what it declared, for lint and inspection.
 *
 * @param declaredType      the content type the part declared before cloud-init's detection
 *                          ({@code null} when it had none: a plain, non-MIME document)
 * @param firstLineType     the type its payload's first line names by cloud-init's prefix
 *                          table ({@code #cloud-config}, {@code #!}, …), or {@code null}
 * @param transferEncoding  its {@code Content-Transfer-Encoding} as written, or {@code null}
 * @param charset           the {@code charset} parameter it declared, or {@code null}
 *                          (cloud-init decodes text as UTF-8 regardless)
 * @param includeUrl        the {@code #include} URL it came from, or {@code null}
 * @param fromArchive       whether it was an entry of a {@code #cloud-config-archive}
 * @param decompressed      whether it was a gzip part that cloud-init decompressed
 * @param mergeType         the {@code Merge-Type} (or {@code X-Merge-Type}) header value the
 *                          cloud-config handler reads, or {@code null}; names are matched
 *                          case-sensitively there, as in cloud-init
 * @param headers           all its headers after processing, in order (cloud-init also adds a
 *                          {@code Launch-Index} header from a cloud-config payload's
 *                          {@code launch-index} key; that one is not reproduced)
 */
public record PartOrigin(String declaredType, String firstLineType, String transferEncoding, String charset,
                         String includeUrl, boolean fromArchive, boolean decompressed, String mergeType,
                         List<MimeHeader> headers) {

    /** Copies the header list. */
    public PartOrigin {
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    }
}
