package io.cernvm.cvmfs.internal.transport;

/**
 * Receives a file's bytes as they arrive, so a reader can hash and decompress them while the
 * transfer runs instead of after it. A transport that fails over or retries starts the body
 * again with {@link #begin}; whatever an earlier attempt delivered is then void. A sink only
 * gathers bytes: nothing it receives is trusted until the reader has checked the whole body.
 */
public interface BodySink {

    /**
     * A new attempt's body starts; forget everything received before.
     *
     * @param contentLength the announced length, or -1 when unknown
     */
    void begin(long contentLength);

    /**
     * The next bytes of the body. The array is the transport's and is reused after this returns.
     *
     * @param bytes  the buffer
     * @param offset where the bytes start
     * @param length how many there are
     */
    void accept(byte[] bytes, int offset, int length);
}
