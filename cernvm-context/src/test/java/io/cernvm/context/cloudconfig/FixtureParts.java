package io.cernvm.context.cloudconfig;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * A test-only reader of user data into the leaf parts cloud-init's handlers would see, enough
 * for the plain {@code #cloud-config} and simple MIME fixtures (one gzip layer, multipart
 * without embedded messages). The SDK's real decoder lives elsewhere; the ground-truth test
 * checks every part this reader yields against cloud-init's recorded payload digest.
 */
final class FixtureParts {
    /** A leaf: its header fields in order and its payload bytes (transfer encoding undone). */
    record Leaf(String mimeType, List<Map.Entry<String, String>> headers, byte[] payload) {
    }

    private FixtureParts() {
    }

    static List<Leaf> read(byte[] raw) {
        byte[] data = raw;
        if (data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
                data = in.readAllBytes();
            } catch (IOException e) {
                return List.of();
            }
        }
        String head = new String(data, 0, Math.min(data.length, 200), StandardCharsets.ISO_8859_1);
        if (head.startsWith("From ") && head.indexOf('\n') > 0) {
            // an mbox "From " line, which Python's email parser takes as the envelope
            int skip = head.indexOf('\n') + 1;
            data = java.util.Arrays.copyOfRange(data, skip, data.length);
            head = head.substring(skip);
        }
        if (!head.regionMatches(true, 0, "Content-Type:", 0, 13) && !head.regionMatches(true, 0, "MIME-Version:", 0, 13)) {
            return List.of(new Leaf("text/x-not-multipart", List.of(), data));
        }
        return mime(data);
    }

    private static List<Leaf> mime(byte[] data) {
        List<Leaf> leaves = new ArrayList<>();
        MimeStreamParser parser = new MimeStreamParser(MimeConfig.PERMISSIVE);
        parser.setContentDecoding(true);
        parser.setNoRecurse();
        parser.setContentHandler(new AbstractContentHandler() {
            private List<Map.Entry<String, String>> fields = new ArrayList<>();

            @Override
            public void startHeader() {
                fields = new ArrayList<>();
            }

            @Override
            public void field(Field field) {
                fields.add(Map.entry(field.getName(), field.getBody().strip()));
            }

            @Override
            public void body(BodyDescriptor bd, InputStream is) throws IOException {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                is.transferTo(out);
                leaves.add(new Leaf(bd.getMimeType(), List.copyOf(fields), out.toByteArray()));
            }
        });
        try {
            parser.parse(new ByteArrayInputStream(data));
        } catch (MimeException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaves;
    }

    /** Python's {@code bytes.decode("utf-8", "surrogateescape")}. */
    static String surrogateEscape(byte[] bytes) {
        return io.cernvm.context.internal.cloudconfig.PyText.decodeSurrogateEscape(bytes);
    }
}
