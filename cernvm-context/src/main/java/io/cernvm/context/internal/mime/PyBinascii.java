package io.cernvm.context.internal.mime;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * The transfer decodings of Python's {@code email} package, as CPython 3.11's {@code binascii}
 * performs them: base64 through {@code email._encoded_words.decode_b}, quoted-printable through
 * {@code a2b_qp} and uuencode through {@code email.message._decode_uu}.
 */
final class PyBinascii {
    private PyBinascii() {
    }

    private static int b64Value(int c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '+' ? 62 : c == '/' ? 63 : -1;
    }

    /** @return {@code binascii.a2b_base64(data, strict_mode=strict)}, or {@code null} where it raises */
    static byte[] a2bBase64(byte[] data, boolean strict) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * 3 / 4 + 3);
        int quadPos = 0;
        int left = 0;
        int pads = 0;
        boolean paddingStarted = false;
        for (int i = 0; i < data.length; i++) {
            int c = data[i] & 0xff;
            if (c == '=') {
                paddingStarted = true;
                if (strict && quadPos == 0) {
                    return null;
                }
                if (quadPos >= 2 && quadPos + ++pads >= 4) {
                    if (strict && i + 1 < data.length) {
                        return null;
                    }
                    return out.toByteArray();
                }
                continue;
            }
            int v = b64Value(c);
            if (v < 0) {
                if (strict) {
                    return null;
                }
                continue;
            }
            if (strict && paddingStarted) {
                return null;
            }
            pads = 0;
            switch (quadPos) {
                case 0 -> {
                    quadPos = 1;
                    left = v;
                }
                case 1 -> {
                    quadPos = 2;
                    out.write(left << 2 | v >> 4);
                    left = v & 0x0f;
                }
                case 2 -> {
                    quadPos = 3;
                    out.write(left << 4 | v >> 2);
                    left = v & 0x03;
                }
                default -> {
                    quadPos = 0;
                    out.write(left << 6 | v);
                    left = 0;
                }
            }
        }
        return quadPos == 0 ? out.toByteArray() : null;
    }

    /** @return what {@code get_payload(decode=True)} yields for a base64 body */
    static byte[] decodeBase64Body(byte[] body) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream(body.length);
        for (byte[] line : PyStrings.splitlines(body)) {
            joined.writeBytes(line);
        }
        byte[] enc = joined.toByteArray();
        int padErr = enc.length % 4;
        byte[] padded = padErr == 0 ? enc : concat(enc, "===".substring(0, 4 - padErr));
        byte[] r = a2bBase64(padded, true);
        if (r == null) {
            r = a2bBase64(enc, false);
        }
        if (r == null) {
            r = a2bBase64(concat(enc, "=="), false);
        }
        return r == null ? enc : r;
    }

    private static byte[] concat(byte[] a, String ascii) {
        byte[] r = java.util.Arrays.copyOf(a, a.length + ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            r[a.length + i] = (byte) ascii.charAt(i);
        }
        return r;
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** @return {@code binascii.a2b_qp(data)} */
    static byte[] a2bQp(byte[] d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(d.length);
        int in = 0;
        while (in < d.length) {
            if (d[in] == '=') {
                in++;
                if (in >= d.length) {
                    break;
                }
                if (d[in] == '\n' || d[in] == '\r') {
                    if (d[in] != '\n') {
                        while (in < d.length && d[in] != '\n') {
                            in++;
                        }
                    }
                    if (in < d.length) {
                        in++;
                    }
                } else if (d[in] == '=') {
                    out.write('=');
                    in++;
                } else if (in + 1 < d.length && isHex(d[in]) && isHex(d[in + 1])) {
                    out.write(Character.digit(d[in], 16) << 4 | Character.digit(d[in + 1], 16));
                    in += 2;
                } else {
                    out.write('=');
                }
            } else {
                out.write(d[in]);
                in++;
            }
        }
        return out.toByteArray();
    }

    /** @return {@code _decode_uu(body)}, or {@code null} where it raises (the caller keeps the body) */
    static byte[] decodeUu(byte[] body) {
        List<byte[]> lines = PyStrings.splitlines(body);
        int i = 0;
        boolean begun = false;
        while (i < lines.size()) {
            byte[] line = lines.get(i++);
            if (startsWith(line, "begin ") && isOctalMode(line)) {
                begun = true;
                break;
            }
        }
        if (!begun) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (; i < lines.size(); i++) {
            byte[] line = lines.get(i);
            if (line.length == 0) {
                return null;
            }
            if (stripUuWhitespace(line).equals("end")) {
                break;
            }
            byte[] decoded = a2bUu(line);
            if (decoded == null) {
                int nbytes = (((line[0] & 0xff) - 32 & 63) * 4 + 5) / 3;
                decoded = a2bUu(java.util.Arrays.copyOf(line, Math.min(nbytes, line.length)));
                if (decoded == null) {
                    return null;
                }
            }
            out.writeBytes(decoded);
        }
        return out.toByteArray();
    }

    private static String stripUuWhitespace(byte[] line) {
        String s = PyCodecs.latin1(line);
        return PyStrings.rstrip(PyStrings.lstrip(s, " \t\r\n\f"), " \t\r\n\f");
    }

    private static boolean startsWith(byte[] line, String prefix) {
        if (line.length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Python's {@code int(mode, base=8)} on the word after {@code begin }. */
    private static boolean isOctalMode(byte[] line) {
        String rest = PyCodecs.latin1(line).substring("begin ".length());
        int sp = rest.indexOf(' ');
        String mode = PyStrings.strip(sp < 0 ? rest : rest.substring(0, sp));
        if (mode.startsWith("+") || mode.startsWith("-")) {
            mode = mode.substring(1);
        }
        if (mode.length() > 2 && (mode.startsWith("0o") || mode.startsWith("0O"))) {
            mode = mode.substring(2);
            if (mode.startsWith("_")) {
                mode = mode.substring(1);
            }
        }
        return mode.matches("[0-7](_?[0-7])*");
    }

    /** @return {@code binascii.a2b_uu(line)}, or {@code null} where it raises */
    static byte[] a2bUu(byte[] a) {
        if (a.length == 0) {
            return new byte[32];
        }
        int binLen = (a[0] & 0xff) - ' ' & 077;
        byte[] out = new byte[binLen];
        int o = 0;
        int pos = 1;
        int asciiLen = a.length - 1;
        int left = 0;
        int leftBits = 0;
        while (binLen > 0) {
            int ch = asciiLen > 0 ? a[pos] & 0xff : 0;
            if (ch == '\n' || ch == '\r' || asciiLen <= 0) {
                ch = 0;
            } else {
                if (ch < ' ' || ch > ' ' + 64) {
                    return null;
                }
                ch = ch - ' ' & 077;
            }
            left = left << 6 | ch;
            leftBits += 6;
            if (leftBits >= 8) {
                leftBits -= 8;
                out[o++] = (byte) (left >> leftBits & 0xff);
                left &= (1 << leftBits) - 1;
                binLen--;
            }
            asciiLen--;
            pos++;
        }
        while (asciiLen-- > 0) {
            int ch = a[pos++] & 0xff;
            if (ch != ' ' && ch != ' ' + 64 && ch != '\n' && ch != '\r') {
                return null;
            }
        }
        return out;
    }
}
