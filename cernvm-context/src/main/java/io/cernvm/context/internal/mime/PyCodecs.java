package io.cernvm.context.internal.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The Python codecs cloud-init's user-data path relies on: UTF-8 (strict and
 * {@code surrogateescape}), ASCII with {@code surrogateescape}, and {@code raw-unicode-escape}.
 * An escaped byte {@code b} is held as the lone surrogate {@code U+DC00+b}, as in Python.
 */
final class PyCodecs {
    private PyCodecs() {
    }

    /** @return the text, or {@code null} when the bytes are not strict UTF-8 (Python's rules) */
    static String decodeUtf8Strict(byte[] b) {
        return decodeUtf8(b, false);
    }

    /** @return {@code b.decode("utf-8", "surrogateescape")} */
    static String decodeUtf8Escaped(byte[] b) {
        return decodeUtf8(b, true);
    }

    private static String decodeUtf8(byte[] b, boolean escape) {
        try {
            // Fast path: Java's strict decoder rejects exactly what Python's does (overlongs, surrogates, > U+10FFFF).
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            if (!escape) {
                return null;
            }
        }
        StringBuilder out = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                out.append((char) c);
                i++;
                continue;
            }
            int n = sequenceLength(b, i);
            if (n == 0) {
                if (!escape) {
                    return null;
                }
                out.append((char) (0xdc00 + c));
                i++;
                continue;
            }
            int cp;
            if (n == 2) {
                cp = (c & 0x1f) << 6 | b[i + 1] & 0x3f;
            } else if (n == 3) {
                cp = (c & 0x0f) << 12 | (b[i + 1] & 0x3f) << 6 | b[i + 2] & 0x3f;
            } else {
                cp = (c & 0x07) << 18 | (b[i + 1] & 0x3f) << 12 | (b[i + 2] & 0x3f) << 6 | b[i + 3] & 0x3f;
            }
            out.appendCodePoint(cp);
            i += n;
        }
        return out.toString();
    }

    /** @return the length of the well-formed UTF-8 sequence at {@code i}, or 0 if there is none */
    private static int sequenceLength(byte[] b, int i) {
        int c = b[i] & 0xff;
        int n;
        int lo = 0x80;
        int hi = 0xbf;
        if (c >= 0xc2 && c <= 0xdf) {
            n = 2;
        } else if (c >= 0xe0 && c <= 0xef) {
            n = 3;
            if (c == 0xe0) {
                lo = 0xa0;
            } else if (c == 0xed) {
                hi = 0x9f;
            }
        } else if (c >= 0xf0 && c <= 0xf4) {
            n = 4;
            if (c == 0xf0) {
                lo = 0x90;
            } else if (c == 0xf4) {
                hi = 0x8f;
            }
        } else {
            return 0;
        }
        if (i + n > b.length) {
            return 0;
        }
        int second = b[i + 1] & 0xff;
        if (second < lo || second > hi) {
            return 0;
        }
        for (int k = 2; k < n; k++) {
            int cc = b[i + k] & 0xff;
            if (cc < 0x80 || cc > 0xbf) {
                return 0;
            }
        }
        return n;
    }

    /** @return {@code s.encode("utf-8", "surrogateescape")}; other lone surrogates become U+FFFD */
    static byte[] encodeUtf8Escaped(String s) {
        byte[] out = new byte[s.length() * 3];
        int o = 0;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
                i++;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | c >> 6);
                out[o++] = (byte) (0x80 | c & 0x3f);
                i++;
            } else if (c >= 0xdc80 && c <= 0xdcff) {
                out[o++] = (byte) (c - 0xdc00);
                i++;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(i + 1));
                out[o++] = (byte) (0xf0 | cp >> 18);
                out[o++] = (byte) (0x80 | cp >> 12 & 0x3f);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[o++] = (byte) (0x80 | cp & 0x3f);
                i += 2;
            } else {
                int cp = Character.isSurrogate(c) ? 0xfffd : c;
                out[o++] = (byte) (0xe0 | cp >> 12);
                out[o++] = (byte) (0x80 | cp >> 6 & 0x3f);
                out[o++] = (byte) (0x80 | cp & 0x3f);
                i++;
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    /** @return whether {@code s} holds a lone surrogate (Python's {@code _has_surrogates}) */
    static boolean hasSurrogates(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether every char is ASCII */
    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** @return {@code s.encode("ascii", "surrogateescape")}, or {@code null} where Python raises */
    static byte[] encodeAsciiEscaped(String s) {
        byte[] out = new byte[s.length()];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[i] = (byte) c;
            } else if (c >= 0xdc80 && c <= 0xdcff) {
                out[i] = (byte) (c - 0xdc00);
            } else {
                return null;
            }
        }
        return out;
    }

    /** @return {@code b.decode("ascii", "surrogateescape")} */
    static String decodeAsciiEscaped(byte[] b) {
        char[] out = new char[b.length];
        for (int i = 0; i < b.length; i++) {
            int c = b[i] & 0xff;
            out[i] = (char) (c < 0x80 ? c : 0xdc00 + c);
        }
        return new String(out);
    }

    /** @return {@code s.encode("raw-unicode-escape")} (code points above U+00FF as lower-case escapes) */
    static byte[] encodeRawUnicodeEscape(String s) {
        // A plain array, not ByteArrayOutputStream: its synchronized write(int) per byte made
        // 8 MiB payloads take seconds.
        byte[] out = new byte[s.length() + 16];
        int n = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (n + 10 > out.length) {
                out = java.util.Arrays.copyOf(out, out.length * 2);
            }
            if (cp < 0x100) {
                out[n++] = (byte) cp;
            } else {
                String esc = cp < 0x10000 ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp);
                for (int k = 0; k < esc.length(); k++) {
                    out[n++] = (byte) esc.charAt(k);
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /** @return {@code s.encode("latin-1")} for text known to hold only code points below 256 */
    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
