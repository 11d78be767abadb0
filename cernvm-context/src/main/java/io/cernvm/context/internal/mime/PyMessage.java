package io.cernvm.context.internal.mime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * A mutable MIME message with the semantics of Python's {@code email.message.Message}
 * (compat32 policy), because cloud-init's processing mutates and shares these objects and
 * its results depend on it. The payload is {@code null}, a {@code String} (Python {@code str},
 * escaped bytes as lone surrogates), a {@code List<PyMessage>}, or another Python value from
 * a {@code #cloud-config-archive} entry.
 */
final class PyMessage {
    private final List<String[]> headers = new ArrayList<>();
    private Object payload;
    private String defaultType = "text/plain";
    /** Provenance for the public part record; not part of Python's model. */
    final PartTrace trace = new PartTrace();

    /** Where a part came from, recorded while cloud-init's rules run. */
    static final class PartTrace {
        String declaredType;
        String detectedType;
        String transferEncoding;
        String charset;
        String includeUrl;
        boolean fromArchive;
        boolean decompressed;
        boolean synthetic;
    }

    List<String[]> headers() {
        return headers;
    }

    Object payload() {
        return payload;
    }

    void setPayload(Object p) {
        payload = p;
    }

    void setDefaultType(String t) {
        defaultType = t;
    }

    /** @return the first value of the header, case-insensitively, or {@code null} */
    String get(String name) {
        for (String[] h : headers) {
            if (sameName(h[0], name)) {
                return h[1];
            }
        }
        return null;
    }

    /** Python's {@code a.lower() == b.lower()}, without allocating for ASCII names. */
    private static boolean sameName(String a, String b) {
        if (a.length() == b.length() && PyCodecs.isAscii(a) && PyCodecs.isAscii(b)) {
            return a.regionMatches(true, 0, b, 0, a.length());
        }
        return lower(a).equals(lower(b));
    }

    boolean contains(String name) {
        return get(name) != null;
    }

    /** Python's {@code del msg[name]}. */
    void delete(String name) {
        headers.removeIf(h -> sameName(h[0], name));
    }

    /** Python's {@code msg[name] = value} (appends). */
    void add(String name, String value) {
        headers.add(new String[] {name, value});
    }

    /** cloud-init's {@code _replace_header}. */
    void replace(String name, String value) {
        delete(name);
        add(name, value);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** Python's {@code get_content_type()}. */
    String contentType() {
        String value = get("content-type");
        if (value == null) {
            return defaultType;
        }
        int semi = value.indexOf(';');
        String ctype = PyStrings.lower(PyStrings.strip(semi < 0 ? value : value.substring(0, semi)));
        return ctype.chars().filter(c -> c == '/').count() != 1 ? "text/plain" : ctype;
    }

    String maintype() {
        String t = contentType();
        return t.substring(0, t.indexOf('/'));
    }

    boolean isMultipart() {
        return payload instanceof List;
    }

    @SuppressWarnings("unchecked")
    List<PyMessage> children() {
        return (List<PyMessage>) payload;
    }

    /** Python's {@code attach}. */
    @SuppressWarnings("unchecked")
    void attach(PyMessage child) {
        if (payload == null) {
            payload = new ArrayList<PyMessage>();
        }
        if (!(payload instanceof List)) {
            throw new PyCrash("TypeError: Attach is not valid on a message with a non-multipart payload");
        }
        ((List<PyMessage>) payload).add(child);
    }

    /** Python's {@code get_param(param, header=header)}: a value, a triple, or {@link PyHeaderParams#MISSING}. */
    Object param(String param, String header) {
        String value = get(header);
        if (value == null) {
            return PyHeaderParams.MISSING;
        }
        for (Object[] p : PyHeaderParams.paramsPreserve(value)) {
            if (lower((String) p[0]).equals(lower(param))) {
                if (p[1] instanceof String[] t) {
                    return new String[] {t[0], t[1], PyHeaderParams.unquote(t[2])};
                }
                return PyHeaderParams.unquote((String) p[1]);
            }
        }
        return PyHeaderParams.MISSING;
    }

    /** Python's {@code get_filename()}, or {@code null}. */
    String filename() {
        Object f = param("filename", "content-disposition");
        if (f == PyHeaderParams.MISSING) {
            f = param("name", "content-type");
        }
        return f == PyHeaderParams.MISSING ? null : PyStrings.strip(PyHeaderParams.collapse(f));
    }

    /** Python's {@code get_boundary()}, or {@code null}. */
    String boundary() {
        Object b = param("boundary", "content-type");
        return b == PyHeaderParams.MISSING ? null : PyStrings.rstrip(PyHeaderParams.collapse(b));
    }

    /** cloud-init's {@code _set_filename}. */
    void setFilename(String filename) {
        delete("Content-Disposition");
        add("Content-Disposition", "attachment; " + PyHeaderParams.formatParam("filename", filename));
    }

    /** Python's {@code walk()}: this message and every descendant, depth first. */
    List<PyMessage> walk() {
        List<PyMessage> out = new ArrayList<>();
        Deque<PyMessage> stack = new ArrayDeque<>();
        stack.push(this);
        while (!stack.isEmpty()) {
            PyMessage m = stack.pop();
            out.add(m);
            if (m.isMultipart()) {
                List<?> kids = (List<?>) m.payload;
                for (int i = kids.size() - 1; i >= 0; i--) {
                    if (!(kids.get(i) instanceof PyMessage kid)) {
                        // an archive entry's list content: Python's walk() fails on its items
                        throw new PyCrash("AttributeError: '" + PyValues.typeName(kids.get(i))
                                + "' object has no attribute 'walk'");
                    }
                    stack.push(kid);
                }
            }
        }
        return out;
    }
}
