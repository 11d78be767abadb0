package io.cernvm.context;

/** How {@link UserDataComposer} writes part payloads. */
public enum TransferEncoding {
    /**
     * Payloads as they are, so the µCernVM bootloader and amiconfig, which do no MIME decoding,
     * can read them. A payload that is not 7-bit clean is written as base64 with a warning.
     */
    SEVEN_BIT("7bit"),
    /** Every payload in base64: safe for any bytes, but invisible to µCernVM and amiconfig. */
    BASE64("base64");

    private final String headerValue;

    TransferEncoding(String headerValue) {
        this.headerValue = headerValue;
    }

    /** @return the {@code Content-Transfer-Encoding} header value */
    public String headerValue() {
        return headerValue;
    }

    /**
     * @param name {@code 7bit} or {@code base64}, any case
     * @return the encoding
     * @throws IllegalArgumentException for any other name
     */
    public static TransferEncoding of(String name) {
        for (TransferEncoding e : values()) {
            if (e.headerValue.equalsIgnoreCase(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown transfer encoding '" + name + "' (7bit or base64)");
    }
}
