package io.cernvm.context.mime;

import io.cernvm.api.FaultLocation;
import io.cernvm.api.UserData;
import io.cernvm.api.UserDataException;
import io.cernvm.context.internal.mime.UserDataDecoding;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes raw VM user data into the parts cloud-init 22.4 hands to its handlers, in their
 * order, with the content types and file names cloud-init assigns: gzip, MIME multipart
 * (nested, {@code message/rfc822}, base64, quoted-printable and uuencode transfer encodings),
 * {@code #include} / {@code #include-once} (through the {@link IncludeFetcher}),
 * {@code #cloud-config-archive}, first-line type detection and jinja templates (rendered from
 * the instance data). Garbage never fails: it becomes what cloud-init makes of it, and what
 * cloud-init would reject is reported in {@link DecodedUserData#failure()} and the findings.
 * Instances are immutable and thread-safe.
 *
 * <pre>{@code
 * DecodedUserData d = UserDataDecoder.builder().build().decode(bytes);
 * }</pre>
 */
public final class UserDataDecoder {
    private final IncludeFetcher fetcher;
    private final Map<String, Object> instanceData;
    private final DecodeLimits limits;

    private UserDataDecoder(Builder b) {
        this.fetcher = b.fetcher;
        this.instanceData = b.instanceData;
        this.limits = b.limits;
    }

    /** @return a builder: no includes answered, no instance data, {@link DecodeLimits#defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param raw the raw user data (not modified)
     * @return the parts in handler order and the findings
     * @throws UserDataException only when {@code raw} is {@code null}
     */
    public DecodedUserData decode(byte[] raw) {
        if (raw == null) {
            throw new UserDataException("user data bytes must not be null", FaultLocation.NOWHERE);
        }
        return new UserDataDecoding(fetcher, instanceData, limits).decode(raw.clone());
    }

    /**
     * @param userData raw user data with its source
     * @return as {@link #decode(byte[])}
     * @throws UserDataException only when {@code userData} is {@code null}
     */
    public DecodedUserData decode(UserData userData) {
        if (userData == null) {
            throw new UserDataException("user data must not be null", FaultLocation.NOWHERE);
        }
        return decode(userData.bytes());
    }

    /** Configures a {@link UserDataDecoder}. */
    public static final class Builder {
        private IncludeFetcher fetcher = IncludeFetcher.none();
        private Map<String, Object> instanceData;
        private DecodeLimits limits = DecodeLimits.defaults();

        private Builder() {
        }

        /**
         * @param includeFetcher answers {@code #include} URLs (the decoder never fetches itself)
         * @return this builder
         */
        public Builder includeFetcher(IncludeFetcher includeFetcher) {
            this.fetcher = Objects.requireNonNull(includeFetcher, "includeFetcher");
            return this;
        }

        /**
         * @param data cloud-init's instance data (the parsed {@code instance-data.json}) used to
         *             render jinja parts, or {@code null} for none: jinja parts then fail to
         *             render, as in cloud-init
         * @return this builder
         */
        public Builder instanceData(Map<String, ?> data) {
            this.instanceData = data == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(data));
            return this;
        }

        /**
         * @param decodeLimits the work bounds
         * @return this builder
         */
        public Builder limits(DecodeLimits decodeLimits) {
            this.limits = Objects.requireNonNull(decodeLimits, "decodeLimits");
            return this;
        }

        /** @return the decoder */
        public UserDataDecoder build() {
            return new UserDataDecoder(this);
        }
    }
}
