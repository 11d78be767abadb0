package io.cernvm.context.mime;

import java.util.Optional;

/**
 * Answers the URLs of {@code #include} and {@code #include-once} lines. The decoder never
 * touches the network itself; a URL this fetcher does not answer is reported as an
 * {@code INCLUDE_UNAVAILABLE} error, because cloud-init's default then rejects the whole user data.
 */
@FunctionalInterface
public interface IncludeFetcher {

    /**
     * @param url the URL exactly as cloud-init extracts it from the include line (it may not
     *            be a well-formed URL)
     * @return the content at that URL, or empty when it cannot be answered
     */
    Optional<byte[]> fetch(String url);

    /** @return a fetcher that answers nothing, as an offline machine would */
    static IncludeFetcher none() {
        return url -> Optional.empty();
    }
}
