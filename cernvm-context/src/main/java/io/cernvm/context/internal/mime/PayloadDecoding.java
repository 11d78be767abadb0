package io.cernvm.context.internal.mime;

import java.nio.charset.StandardCharsets;

/**
 * Python's {@code Message.get_payload(decode=True)} and cloud-init's
 * {@code util.fully_decoded_payload}: the transfer encoding is undone, then text parts are
 * decoded as UTF-8 with {@code surrogateescape} (the declared charset is not used for parsed
 * parts). A non-ASCII {@code str} payload is first encoded with {@code raw-unicode-escape},
 * as Python does, so characters above U+00FF become {@code \\uXXXX} text.
 */
final class PayloadDecoding {
    private PayloadDecoding() {
    }

    /** @return {@code get_payload(decode=True)}: {@code byte[]}, {@code null}, or another Python value */
    static Object transferDecoded(PyMessage m) {
        if (m.isMultipart()) {
            return null;
        }
        Object payload = m.payload();
        String cteHeader = m.get("content-transfer-encoding");
        String cte = cteHeader == null ? "" : PyStrings.lower(cteHeader);
        byte[] bpayload = null;
        if (payload instanceof String s) {
            if (PyCodecs.hasSurrogates(s)) {
                bpayload = PyCodecs.encodeAsciiEscaped(s);
                if (bpayload == null) {
                    throw new PyCrash("UnicodeEncodeError: 'ascii' codec can't encode character");
                }
            } else {
                bpayload = PyCodecs.isAscii(s) ? s.getBytes(StandardCharsets.US_ASCII) : PyCodecs.encodeRawUnicodeEscape(s);
            }
        }
        switch (cte) {
            case "quoted-printable" -> {
                return PyBinascii.a2bQp(requireBytes(bpayload));
            }
            case "base64" -> {
                return PyBinascii.decodeBase64Body(requireBytes(bpayload));
            }
            case "x-uuencode", "uuencode", "uue", "x-uue" -> {
                byte[] b = requireBytes(bpayload);
                byte[] d = PyBinascii.decodeUu(b);
                return d == null ? b : d;
            }
            default -> {
                return payload instanceof String ? bpayload : payload;
            }
        }
    }

    private static byte[] requireBytes(byte[] b) {
        if (b == null) {
            throw new PyCrash("UnboundLocalError: cannot access local variable 'bpayload'");
        }
        return b;
    }

    /** @return {@code util.fully_decoded_payload(part)}: a {@code String} for text, else as {@link #transferDecoded} */
    static Object fullyDecoded(PyMessage m) {
        Object p = transferDecoded(m);
        if (p instanceof byte[] b && m.maintype().equals("text")) {
            return PyCodecs.decodeUtf8Escaped(b);
        }
        return p;
    }

    /** @return the bytes a handler's payload stands for: UTF-8 with escapes for text, empty for none */
    static byte[] handlerBytes(Object payload) {
        if (payload == null) {
            return new byte[0];
        }
        if (payload instanceof byte[] b) {
            return b;
        }
        if (payload instanceof String s) {
            return PyCodecs.encodeUtf8Escaped(s);
        }
        return PyCodecs.encodeUtf8Escaped(PyValues.str(payload));
    }
}
