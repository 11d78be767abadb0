package io.cernvm.context.mime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/** Seeded generators of hostile user data: random bytes and broken MIME, gzip, includes, archives, templates. */
final class HostileUserData {
    static final int KINDS = 7;
    private static final String[] TOKENS = {"\n", "\r\n", "\r", "--", "=", ";", "\"", ":", " ", "\t", "#", "%", "\\",
        "'", "MIME-Version: 1.0\n", "Content-Type: multipart/mixed; boundary=b\n", "--b\n", "--b--\n",
        "Content-Type: message/rfc822\n", "Content-Transfer-Encoding: base64\n", "Content-Transfer-Encoding: quoted-printable\n",
        "Content-Type: application/gzip\n", "#include\n", "#cloud-config-archive\n", "## template: jinja\n", "{{", "}}",
        "{%", "%}", "filename*0=", "filename*=utf-8''%C3", "begin 644 f\n", "\u00e9", "\u20ac"};
    private static final String[] TYPES = {"text/plain", "text/cloud-config", "text/x-shellscript", "message/rfc822",
        "multipart/mixed", "multipart/digest", "application/gzip", "text/x-include-url", "text/cloud-config-archive",
        "text/jinja2", "message/delivery-status", "bogus"};

    private HostileUserData() {
    }

    /** @return an input of kind {@code kind % KINDS} and about {@code size} bytes */
    static byte[] generate(int kind, int size, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        return switch (Math.floorMod(kind, KINDS)) {
            case 0 -> randomBytes(r, size);
            case 1 -> tokens(r, size);
            case 2 -> mime(r, size, 0);
            case 3 -> gzip(r, mime(r, size, 0), r.nextBoolean());
            case 4 -> typed(r, size);
            case 5 -> longHeader(r, size);
            default -> nested(r, size);
        };
    }

    private static byte[] randomBytes(SplittableRandom r, int size) {
        byte[] b = new byte[size];
        r.nextBytes(b);
        return b;
    }

    private static byte[] tokens(SplittableRandom r, int size) {
        StringBuilder s = new StringBuilder();
        while (s.length() < size) {
            s.append(TOKENS[r.nextInt(TOKENS.length)]);
            if (r.nextInt(4) == 0) {
                s.append((char) ('a' + r.nextInt(26)));
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mime(SplittableRandom r, int size, int depth) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String nl = r.nextBoolean() ? "\n" : "\r\n";
        String boundary = "b" + depth + (r.nextBoolean() ? " " : "");
        write(out, "MIME-Version: 1.0" + nl + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"" + nl + nl);
        while (out.size() < size) {
            String type = TYPES[r.nextInt(TYPES.length)];
            write(out, "--" + boundary + nl + "Content-Type: " + type + nl);
            byte[] body = depth < 3 && r.nextInt(5) == 0 ? mime(r, Math.max(16, size / 4), depth + 1)
                    : tokens(r, Math.max(1, Math.min(size - out.size(), 1 + r.nextInt(4096))));
            if (type.equals("application/gzip")) {
                body = gzip(r, body, r.nextInt(4) == 0);
            }
            if (r.nextBoolean()) {
                write(out, "Content-Transfer-Encoding: base64" + nl + nl);
                write(out, Base64.getMimeEncoder().encodeToString(body));
            } else {
                write(out, nl);
                out.writeBytes(body);
            }
            write(out, nl);
        }
        if (r.nextBoolean()) {
            write(out, "--" + boundary + "--" + nl);
        }
        return out.toByteArray();
    }

    private static byte[] gzip(SplittableRandom r, byte[] data, boolean truncate) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] z = out.toByteArray();
        return truncate ? java.util.Arrays.copyOf(z, r.nextInt(z.length + 1)) : z;
    }

    private static byte[] typed(SplittableRandom r, int size) {
        String[] heads = {"#include\n", "#include-once\n", "#cloud-config-archive\n", "## template: jinja\n#cloud-config\n",
            "#cloud-config\n", "#!/bin/sh\n"};
        StringBuilder s = new StringBuilder(heads[r.nextInt(heads.length)]);
        String[] lines = {"http://u/" , "- content: x\n  type: text/plain\n", "- &a [*a]\n", "- 5\n", "{{ v1.x }}",
            "{% for i in range(100000) %}xxxxxxxx{% endfor %}", "a: b\n", "- !!binary AAAA\n", "- type: 5\n",
            "- type: message/rfc822\n  content: [1, 2]\n", "- type: application/x\n  content: 2020-01-01\n"};
        while (s.length() < size) {
            s.append(lines[r.nextInt(lines.length)]).append(r.nextInt(1000)).append('\n');
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longHeader(SplittableRandom r, int size) {
        StringBuilder s = new StringBuilder("MIME-Version: 1.0\nContent-Type: text/plain; name=\"");
        String alphabet = ";\"\\=a ";
        while (s.length() < size) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.append("\n\n#cloud-config\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] nested(SplittableRandom r, int size) {
        StringBuilder s = new StringBuilder("MIME-Version: 1.0\n");
        int depth = 0;
        while (s.length() < size) {
            if (r.nextBoolean()) {
                s.append("Content-Type: message/rfc822\n\n");
            } else {
                s.append("Content-Type: multipart/mixed; boundary=n").append(depth).append("\n\n--n").append(depth)
                        .append('\n');
            }
            depth++;
        }
        return s.append("\n#cloud-config\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
