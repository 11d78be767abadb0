package io.cernvm.context.internal.mime;

import io.cernvm.context.mime.DecodedPart;
import io.cernvm.context.mime.JinjaRendering;
import io.cernvm.context.mime.MimeHeader;
import io.cernvm.context.mime.PartHandler;
import io.cernvm.context.mime.PartOrigin;
import java.util.ArrayList;
import java.util.List;

/**
 * cloud-init's {@code handlers.walk} over the processed message: every non-multipart entity
 * in depth-first order (a {@code message/rfc822} container and its contents are visited
 * where they were attached, and their contents again where those were attached), named by
 * its filename or {@code part-NNN} from a 0-based counter, with the payload a handler gets.
 */
final class HandlerWalk {
    private HandlerWalk() {
    }

    static List<DecodedPart> walk(PyMessage accumulated, JinjaTemplates jinja, DecodeBudget budget) {
        List<DecodedPart> parts = new ArrayList<>();
        int partnum = 0;
        for (PyMessage part : accumulated.walk()) {
            if (part.maintype().equals("multipart")) {
                continue;
            }
            budget.countPart();
            String ctype = part.contentType();
            String filename = part.filename();
            if (filename == null || filename.isEmpty()) {
                filename = PyStrings.partName("part-", partnum);
            }
            Object payload = PayloadDecoding.fullyDecoded(part);
            byte[] bytes = PayloadDecoding.handlerBytes(payload);
            PartHandler handler = CloudInitTypes.handlerFor(ctype);
            if (handler == null && PyValues.truthy(payload) && !(payload instanceof String || payload instanceof byte[])) {
                // walker_callback logs the start of an unhandled payload and fails on other values
                throw new PyCrash("TypeError: '" + PyValues.typeName(payload) + "' object is not subscriptable");
            }
            JinjaRendering rendering = handler == PartHandler.JINJA ? jinja.render(payload) : null;
            parts.add(new DecodedPart(parts.size(), ctype, filename, bytes, DecodedPart.sha256Hex(bytes), bytes.length,
                    handler, origin(part, payload), rendering));
            partnum++;
        }
        return parts;
    }

    private static PartOrigin origin(PyMessage part, Object payload) {
        List<MimeHeader> headers = new ArrayList<>();
        for (String[] h : part.headers()) {
            headers.add(new MimeHeader(h[0], h[1]));
        }
        String firstLine = payload instanceof String || payload instanceof byte[]
                ? CloudInitTypes.typeFromStartsWith(payload, null) : null;
        PyMessage.PartTrace t = part.trace;
        return new PartOrigin(t.declaredType, firstLine, t.transferEncoding, t.charset, t.includeUrl, t.fromArchive,
                t.decompressed, mergeType(part), headers);
    }

    /** What {@code CloudConfigPartHandler._extract_mergers} reads from {@code dict(part)}. */
    private static String mergeType(PyMessage part) {
        for (String name : new String[] {"Merge-Type", "X-Merge-Type"}) {
            boolean exact = part.headers().stream().anyMatch(h -> h[0].equals(name));
            if (exact) {
                String v = part.get(name);
                if (v != null && !v.isEmpty()) {
                    return v;
                }
            }
        }
        return null;
    }
}
