package io.cernvm.testkit;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A misbehaviour a {@link RepositoryServer} shows for the requests a {@link PathPattern}
 * matches. Faults are the effects a real Stratum 1 or Squid exhibits: slowness, error
 * statuses, cut or damaged bodies, dropped connections and silence.
 */
public sealed interface Fault {

    /**
     * Waits before answering, then answers normally.
     *
     * @param delay how long to wait before the status line is sent
     */
    record Latency(Duration delay) implements Fault {
        /** Checks that the delay is present and not negative. */
        public Latency {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("negative delay: " + delay);
            }
        }
    }

    /**
     * Answers with a status code and a short text body instead of the file.
     *
     * @param code    the HTTP status code, 100..599
     * @param headers extra response headers, e.g. {@code X-Squid-Error}
     */
    record Status(int code, Map<String, String> headers) implements Fault {
        /** Checks the code range and copies the headers. */
        public Status {
            if (code < 100 || code > 599) {
                throw new IllegalArgumentException("status code out of range: " + code);
            }
            headers = Map.copyOf(headers);
        }

        /**
         * @param code the HTTP status code
         */
        public Status(int code) {
            this(code, Map.of());
        }
    }

    /**
     * Announces the full {@code Content-Length} but sends only the first bytes of the body,
     * then closes the connection.
     *
     * @param bytesSent how many body bytes are sent before the connection is closed
     */
    record Truncate(int bytesSent) implements Fault {
        /** Checks that the count is not negative. */
        public Truncate {
            if (bytesSent < 0) {
                throw new IllegalArgumentException("negative byte count: " + bytesSent);
            }
        }
    }

    /**
     * Sends a body of the right length whose first, middle and last bytes are inverted, as a
     * damaged cache or disk would.
     */
    record Corrupt() implements Fault {
    }

    /** Reads the request, then resets the TCP connection (an RST, not an orderly close). */
    record Reset() implements Fault {
    }

    /**
     * Accepts the connection and reads the request, then never answers; the connection stays
     * open until the server is closed.
     */
    record BlackHole() implements Fault {
    }
}
