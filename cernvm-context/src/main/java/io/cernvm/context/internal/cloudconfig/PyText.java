package io.cernvm.context.internal.cloudconfig;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Text as cloud-init's Python holds it. */
public final class PyText {
    private PyText() {
    }

    /**
     * {@code bytes.decode("utf-8", "surrogateescape")}, as cloud-init decodes a text part's
     * payload: each byte that is not part of valid UTF-8 becomes the lone surrogate
     * U+DC80..U+DCFF (which the YAML reader then refuses, as PyYAML does).
     *
     * @param bytes the payload
     * @return the text
     */
    public static String decodeSurrogateEscape(byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        while (true) {
            CoderResult r = dec.decode(in, out, true);
            if (r.isUnderflow()) {
                dec.flush(out);
                break;
            }
            if (r.isOverflow()) {
                CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
                out.flip();
                bigger.put(out);
                out = bigger;
            } else {
                for (int i = 0; i < r.length(); i++) {
                    if (!out.hasRemaining()) {
                        CharBuffer bigger = CharBuffer.allocate(out.capacity() * 2);
                        out.flip();
                        bigger.put(out);
                        out = bigger;
                    }
                    out.put((char) (0xDC00 | (in.get() & 0xff)));
                }
            }
        }
        out.flip();
        return out.toString();
    }
}
