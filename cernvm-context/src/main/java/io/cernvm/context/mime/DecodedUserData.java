package io.cernvm.context.mime;

import io.cernvm.api.UserDataPart;
import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import java.util.List;
import java.util.Objects;

/**
 * The result of decoding user data: the parts in the order cloud-init's handlers see them,
 * and what was observed on the way.
 *
 * @param parts    the parts, in handler order (index {@code i} at position {@code i})
 * @param findings the observations, e.g. {@code INCLUDE_UNAVAILABLE}, {@code GZIP_PART_UNREADABLE},
 *                 {@code USER_DATA_REJECTED}, {@code LIMIT_EXCEEDED}, {@code JINJA_NOT_RENDERED}
 * @param failure  why cloud-init (with its default {@code ERROR_ON_USER_DATA_FAILURE}) would reject
 *                 the whole user data, or why the decoder gave up at one of its {@link DecodeLimits};
 *                 {@code null} when it accepts it. The parts are then those cloud-init yields when
 *                 it tolerates errors, or none when it (or the decoder) cannot go on
 */
public record DecodedUserData(List<DecodedPart> parts, List<Finding> findings, String failure) {

    /** Copies the lists. */
    public DecodedUserData {
        parts = List.copyOf(Objects.requireNonNull(parts, "parts"));
        findings = List.copyOf(Objects.requireNonNull(findings, "findings"));
    }

    /** @return whether cloud-init accepts the user data */
    public boolean acceptedByCloudInit() {
        return failure == null;
    }

    /** @return whether any finding has severity {@link Severity#ERROR} */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }

    /**
     * @return what cloud-init's cloud-config handler merges, in order: cloud-config parts and
     *         jinja parts rendered to cloud-config (unrendered jinja parts are skipped, as cloud-init skips them)
     */
    public List<CloudConfigSource> cloudConfigSources() {
        List<CloudConfigSource> out = new java.util.ArrayList<>();
        for (DecodedPart p : parts) {
            String mergeType = p.origin().mergeType();
            if (p.handler() == PartHandler.CLOUD_CONFIG) {
                out.add(new CloudConfigSource(p.index(), p.filename(), p.contentType(), p.payload(), mergeType));
            } else if (p.jinja() != null && p.jinja().rendered() && p.jinja().handler() == PartHandler.CLOUD_CONFIG) {
                out.add(new CloudConfigSource(p.index(), p.filename(), p.contentType(), p.jinja().payload(), mergeType));
            }
        }
        return List.copyOf(out);
    }

    /** @return the parts as the api's {@link UserDataPart} values */
    public List<UserDataPart> userDataParts() {
        return parts.stream().map(DecodedPart::toUserDataPart).toList();
    }
}
