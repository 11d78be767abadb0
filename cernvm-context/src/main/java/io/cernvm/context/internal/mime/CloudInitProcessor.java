package io.cernvm.context.internal.mime;

import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.mime.IncludeFetcher;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * cloud-init 22.4's {@code user_data.UserDataProcessor}, run with errors tolerated so that
 * every part is still produced; the first error cloud-init's default would abort on is kept
 * as the {@link #failure()}.
 */
final class CloudInitProcessor {
    private static final List<String> ARCHIVE_SKIPPED_KEYS = List.of("content", "filename", "type", "launch-index",
            "content-disposition", "number-attachments", "content-type");

    private final IncludeFetcher fetcher;
    private final DecodeBudget budget;
    private final List<Finding> findings;
    private final PyMessage accumulator = new PyMessage();
    private int attached;
    private String failure;

    CloudInitProcessor(IncludeFetcher fetcher, DecodeBudget budget, List<Finding> findings) {
        this.fetcher = fetcher;
        this.budget = budget;
        this.findings = findings;
        accumulator.add("Content-Type", "multipart/mixed");
        accumulator.setPayload(new ArrayList<PyMessage>());
    }

    /** @return the first error cloud-init's default would reject the user data for, or {@code null} */
    String failure() {
        return failure;
    }

    /** {@code UserDataProcessor.process(blob)}: the accumulated multipart message. */
    PyMessage process(byte[] raw) {
        processMsg(convertString(raw, null), 0);
        return accumulator;
    }

    /** cloud-init's {@code convert_string}: one quiet gzip attempt, then MIME or a single part. */
    private PyMessage convertString(byte[] raw, String includeUrl) {
        byte[] data = raw;
        try {
            data = PyGzip.decompress(raw, budget.decompressAllowance());
            budget.countDecompressed(data.length);
        } catch (PyGzip.GzipFailure e) {
            if (e.isLimit()) {
                throw new DecodeBudget.LimitExceeded(e.getMessage());
            }
        }
        PyMessage msg;
        if (mentionsMimeVersion(data)) {
            String text = PyCodecs.decodeUtf8Strict(data);
            if (text == null) {
                throw new PyCrash("UnicodeDecodeError: 'utf-8' codec can't decode the MIME document");
            }
            msg = PyFeedParser.parse(text, budget);
        } else {
            msg = new PyMessage();
            msg.add("Content-Type", CloudInitTypes.NOT_MULTIPART);
            msg.add("MIME-Version", "1.0");
            msg.setPayload(PyCodecs.decodeAsciiEscaped(data));
            msg.trace.synthetic = true;
        }
        for (PyMessage m : msg.walk()) {
            m.trace.includeUrl = includeUrl;
        }
        return msg;
    }

    /** {@code b"mime-version:" in data[0:4096].lower()} (ASCII lower-casing, as for bytes). */
    private static boolean mentionsMimeVersion(byte[] data) {
        byte[] needle = "mime-version:".getBytes(StandardCharsets.US_ASCII);
        int end = Math.min(4096, data.length) - needle.length;
        for (int i = 0; i <= end; i++) {
            int k = 0;
            while (k < needle.length && asciiLower(data[i + k]) == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return true;
            }
        }
        return false;
    }

    private static int asciiLower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    private void handleError(String code, String message, String hint) {
        if (failure == null) {
            failure = message;
        }
        findings.add(new Finding(Severity.ERROR, code, null, null, null, message, hint));
    }

    /** {@code _process_msg}. */
    private void processMsg(PyMessage baseMsg, int depth) {
        for (PyMessage original : baseMsg.walk()) {
            PyMessage part = original;
            if (part.maintype().toLowerCase(Locale.ROOT).equals("multipart")) {
                continue;
            }
            String ctypeOrig = part.contentType();
            if (part.trace.declaredType == null && part.get("content-type") != null && !part.trace.synthetic) {
                part.trace.declaredType = ctypeOrig;
            }
            part.trace.transferEncoding = part.get("content-transfer-encoding");
            Object cs = part.param("charset", "content-type");
            part.trace.charset = cs == PyHeaderParams.MISSING ? null : PyHeaderParams.collapse(cs);
            Object payload = PayloadDecoding.fullyDecoded(part);
            boolean wasCompressed = false;
            if (CloudInitTypes.DECOMP_TYPES.contains(ctypeOrig)) {
                String text = decompressPart(payload, ctypeOrig);
                if (text == null) {
                    continue;
                }
                payload = text;
                ctypeOrig = null;
                wasCompressed = true;
            }
            if (ctypeOrig == null) {
                ctypeOrig = "text/plain";
            }
            String ctype = null;
            if (CloudInitTypes.TYPE_NEEDED.contains(ctypeOrig)) {
                ctype = CloudInitTypes.typeFromStartsWith(payload, null);
                part.trace.detectedType = ctype;
            }
            if (ctype == null) {
                ctype = ctypeOrig;
            }
            if (wasCompressed) {
                part = decompressedPart(original, ctype, (String) payload);
            }
            if (!ctype.equals(ctypeOrig)) {
                part.replace("Content-Type", ctype);
            }
            if (CloudInitTypes.INCLUDE_TYPES.contains(ctype)) {
                doInclude(payload, depth);
                continue;
            }
            if (ctype.equals(CloudInitTypes.ARCHIVE_TYPE)) {
                explodeArchive(payload);
                continue;
            }
            baseMsg.replace("Content-Type", ctype);
            attachPart(part);
        }
    }

    /** @return the decompressed text, or {@code null} after reporting why not */
    private String decompressPart(Object payload, String ctype) {
        String why;
        int length = payload instanceof byte[] b ? b.length : payload instanceof String s ? s.length() : 0;
        byte[] data = payload instanceof byte[] b ? b : payload instanceof String s && !PyCodecs.hasSurrogates(s)
                ? s.getBytes(StandardCharsets.UTF_8) : null;
        if (data == null) {
            why = "'" + PyValues.typeName(payload) + "' payload cannot be encoded";
        } else {
            try {
                byte[] out = PyGzip.decompress(data, budget.decompressAllowance());
                budget.countDecompressed(out.length);
                String text = PyCodecs.decodeUtf8Strict(out);
                if (text != null) {
                    return text;
                }
                why = "'utf-8' codec can't decode the decompressed bytes";
            } catch (PyGzip.GzipFailure e) {
                if (e.isLimit()) {
                    throw new DecodeBudget.LimitExceeded(e.getMessage());
                }
                why = e.getMessage();
            }
        }
        handleError("GZIP_PART_UNREADABLE", "Failed decompressing payload from " + ctype + " of length " + length
                + " due to: " + why, "cloud-init rejects the whole user data; fix or remove the gzip part");
        return null;
    }

    private static PyMessage decompressedPart(PyMessage original, String ctype, String text) {
        PyMessage n = new PyMessage();
        n.add("Content-Type", ctype);
        n.add("MIME-Version", "1.0");
        n.setPayload(text);
        String fn = original.filename();
        if (fn != null && !fn.isEmpty()) {
            n.setFilename(fn);
        }
        if (original.contains("Launch-Index")) {
            n.replace("Launch-Index", original.get("Launch-Index"));
        }
        n.trace.declaredType = original.trace.declaredType;
        n.trace.transferEncoding = original.trace.transferEncoding;
        n.trace.charset = original.trace.charset;
        n.trace.includeUrl = original.trace.includeUrl;
        n.trace.detectedType = CloudInitTypes.typeFromStartsWith(text, null);
        n.trace.decompressed = true;
        return n;
    }

    /** {@code _do_include}. */
    private void doInclude(Object content, int depth) {
        if (!(content instanceof String text)) {
            throw new PyCrash("TypeError: include payload is not text");
        }
        boolean once = false;
        for (String raw : PyStrings.splitlines(text)) {
            String line = raw;
            String lc = PyStrings.lower(line);
            if (lc.startsWith("#include-once")) {
                line = PyStrings.lstrip(line.substring("#include-once".length()));
                once = true;
            } else if (lc.startsWith("#include")) {
                line = PyStrings.lstrip(line.substring("#include".length()));
                once = false;
            }
            if (line.startsWith("#")) {
                continue;
            }
            String url = PyStrings.strip(line);
            if (url.isEmpty()) {
                continue;
            }
            if (once && PyCodecs.hasSurrogates(url)) {
                // include-once names its cache file by the URL's MD5, which cannot encode escaped bytes
                throw new PyCrash("UnicodeEncodeError: 'utf-8' codec can't encode the #include-once URL");
            }
            Optional<byte[]> fetched = fetcher.fetch(url);
            if (fetched == null || fetched.isEmpty()) {
                handleError("INCLUDE_UNAVAILABLE", "no answer for " + (once ? "#include-once" : "#include")
                        + " URL " + url, "cloud-init rejects the whole user data when an include fails; "
                        + "make the URL reachable or inline its content");
                continue;
            }
            budget.countInclude(depth + 1);
            byte[] body = fetched.get();
            budget.countDecompressed(body.length);
            processMsg(convertString(body, url), depth + 1);
        }
    }

    /** {@code _explode_archive}. */
    private void explodeArchive(Object archive) {
        String text;
        if (archive instanceof String s) {
            text = s;
        } else if (archive instanceof byte[] b && PyCodecs.decodeUtf8Strict(b) != null) {
            text = PyCodecs.decodeUtf8Strict(b);
        } else {
            throw new PyCrash("UnicodeDecodeError: archive is not UTF-8");
        }
        for (Object ent : ArchiveYaml.load(text, (int) Math.min(Integer.MAX_VALUE, budget.limits().maxTotalBytes()))) {
            if (ent instanceof String s) {
                ent = Map.of("content", s);
            }
            if (ent instanceof Map<?, ?> map) {
                attachPart(archivePart(map));
            }
        }
    }

    private PyMessage archivePart(Map<?, ?> ent) {
        Object content = ent.containsKey("content") ? ent.get("content") : "";
        Object mtype = ent.get("type");
        if (!PyValues.truthy(mtype)) {
            String dflt = content instanceof byte[] ? "application/octet-stream" : "text/cloud-config";
            mtype = CloudInitTypes.typeFromStartsWith(content, dflt);
        }
        if (!(mtype instanceof String type)) {
            throw new PyCrash("AttributeError: '" + PyValues.typeName(mtype) + "' object has no attribute 'split'");
        }
        int slash = type.indexOf('/');
        if (slash < 0) {
            throw new PyCrash("ValueError: not enough values to unpack (expected 2, got 1)");
        }
        String maintype = type.substring(0, slash);
        String subtype = type.substring(slash + 1);
        PyMessage msg = new PyMessage();
        msg.trace.fromArchive = true;
        msg.trace.declaredType = ent.get("type") instanceof String ? type : null;
        if (maintype.equals("text")) {
            if (content instanceof byte[] b) {
                content = PyCodecs.decodeUtf8Strict(b);
                if (content == null) {
                    throw new PyCrash("UnicodeDecodeError: archive content is not UTF-8");
                }
            }
            if (!(content instanceof String s)) {
                throw new PyCrash("AttributeError: '" + PyValues.typeName(content) + "' object has no attribute 'encode'");
            }
            mimeText(msg, s, subtype);
        } else {
            msg.add("Content-Type", maintype + "/" + subtype);
            msg.add("MIME-Version", "1.0");
            msg.setPayload(content instanceof byte[] b ? PyCodecs.decodeAsciiEscaped(b) : content);
        }
        if (ent.containsKey("filename")) {
            msg.setFilename(PyValues.str(ent.get("filename")));
        }
        if (ent.containsKey("launch-index")) {
            msg.add("Launch-Index", PyValues.str(ent.get("launch-index")));
        }
        for (Map.Entry<?, ?> e : ent.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new PyCrash("AttributeError: '" + PyValues.typeName(e.getKey()) + "' object has no attribute 'lower'");
            }
            if (ARCHIVE_SKIPPED_KEYS.contains(PyStrings.lower(name))) {
                continue;
            }
            Object v = e.getValue();
            if (v != null && !(v instanceof String)) {
                throw new PyCrash("TypeError: sequence item 0: expected str instance, " + PyValues.typeName(v) + " found");
            }
            msg.add(name, v == null ? "" : (String) v);
        }
        return msg;
    }

    /** {@code MIMEText(text, _subtype=subtype)}: us-ascii 7bit when it can, else UTF-8 base64. */
    private static void mimeText(PyMessage msg, String text, String subtype) {
        boolean ascii = PyCodecs.isAscii(text);
        msg.add("Content-Type", "text/" + subtype + "; charset=\"" + (ascii ? "us-ascii" : "utf-8") + "\"");
        msg.add("MIME-Version", "1.0");
        if (ascii) {
            msg.add("Content-Transfer-Encoding", "7bit");
            msg.setPayload(text);
        } else {
            msg.add("Content-Transfer-Encoding", "base64");
            msg.setPayload(Base64.getMimeEncoder(76, new byte[] {'\n'})
                    .encodeToString(PyCodecs.encodeUtf8Escaped(text)) + "\n");
        }
    }

    /** {@code _attach_part}: numbers unnamed parts {@code part-NNN} by attachment order. */
    private void attachPart(PyMessage part) {
        budget.countPart();
        String fn = part.filename();
        if (fn == null || fn.isEmpty()) {
            part.setFilename(PyStrings.partName("part-", attached + 1));
        }
        accumulator.attach(part);
        attached++;
    }
}
