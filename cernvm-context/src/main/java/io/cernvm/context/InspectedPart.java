package io.cernvm.context;

import io.cernvm.context.mime.DecodedPart;
import java.util.List;
import java.util.Objects;

/**
 * One part as cloud-init's handlers see it, plus which agents read it. Serialised by its
 * component names.
 *
 * @param index       0-based, in handler order
 * @param contentType the type cloud-init assigns
 * @param filename    the name cloud-init assigns ({@code part-001}, …) or the part's own
 * @param sha256      lowercase hex SHA-256 of the payload a handler receives
 * @param size        that payload's size in bytes
 * @param handler     the cloud-init handler, or {@code null} when none takes it
 * @param agents      the agents that read this part
 * @param decoded     the decoded part itself (not serialised)
 */
public record InspectedPart(int index, String contentType, String filename, String sha256, int size, String handler,
                            List<Agent> agents, DecodedPart decoded) {

    /** Copies the agents. */
    public InspectedPart {
        Objects.requireNonNull(contentType, "contentType");
        agents = List.copyOf(agents);
    }
}
