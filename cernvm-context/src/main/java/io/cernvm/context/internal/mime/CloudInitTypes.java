package io.cernvm.context.internal.mime;

import io.cernvm.context.mime.PartHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * cloud-init 22.4's content-type tables: the first-line prefixes of
 * {@code handlers.INCLUSION_TYPES_MAP} (matched longest first, after lower-casing and
 * left-stripping, as {@code type_from_starts_with} does) and the default handler set of
 * {@code stages._default_handlers}.
 */
final class CloudInitTypes {
    private CloudInitTypes() {
    }

    /** Prefix to type, longest prefix first. */
    private static final Map<String, String> PREFIXES = prefixes();

    private static Map<String, String> prefixes() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("#include", "text/x-include-url");
        m.put("#include-once", "text/x-include-once-url");
        m.put("#!", "text/x-shellscript");
        m.put("#cloud-config", "text/cloud-config");
        m.put("#part-handler", "text/part-handler");
        m.put("#cloud-boothook", "text/cloud-boothook");
        m.put("#cloud-config-archive", "text/cloud-config-archive");
        m.put("#cloud-config-jsonp", "text/cloud-config-jsonp");
        m.put("## template: jinja", "text/jinja2");
        m.put("text/x-shellscript-per-boot", "text/x-shellscript-per-boot");
        m.put("text/x-shellscript-per-instance", "text/x-shellscript-per-instance");
        m.put("text/x-shellscript-per-once", "text/x-shellscript-per-once");
        Map<String, String> sorted = new LinkedHashMap<>();
        m.entrySet().stream().sorted((a, b) -> b.getKey().length() - a.getKey().length())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return java.util.Collections.unmodifiableMap(sorted);
    }

    static final String NOT_MULTIPART = "text/x-not-multipart";
    static final List<String> TYPE_NEEDED = List.of("text/plain", NOT_MULTIPART, "text/x-shellscript");
    static final List<String> INCLUDE_TYPES = List.of("text/x-include-url", "text/x-include-once-url");
    static final String ARCHIVE_TYPE = "text/cloud-config-archive";
    static final List<String> DECOMP_TYPES = List.of("application/gzip", "application/gzip-compressed",
            "application/gzipped", "application/x-compress", "application/x-compressed", "application/x-gunzip",
            "application/x-gzip", "application/x-gzip-compressed");

    /**
     * {@code handlers.type_from_starts_with(payload, default)}.
     *
     * @param payload a Python {@code str} ({@code String}) or {@code bytes} ({@code byte[]})
     * @throws PyCrash for any other value, as Python fails on it
     */
    static String typeFromStartsWith(Object payload, String dflt) {
        String text;
        if (payload instanceof String s) {
            text = s;
        } else if (payload instanceof byte[] b) {
            text = PyCodecs.decodeUtf8Strict(b);
            if (text == null) {
                return dflt;
            }
        } else {
            throw new PyCrash("AttributeError: '" + PyValues.typeName(payload) + "' object has no attribute 'decode'");
        }
        String head = PyStrings.lstrip(text);
        head = PyStrings.lower(head.substring(0, Math.min(head.length(), 64)));
        for (Map.Entry<String, String> e : PREFIXES.entrySet()) {
            if (head.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return dflt;
    }

    /** @return the default handler cloud-init 22.4 calls for the type, or {@code null} */
    static PartHandler handlerFor(String contentType) {
        return switch (contentType) {
            case "text/cloud-config", "text/cloud-config-jsonp" -> PartHandler.CLOUD_CONFIG;
            case "text/x-shellscript" -> PartHandler.SHELLSCRIPT;
            case "text/x-shellscript-per-boot" -> PartHandler.SHELLSCRIPT_PER_BOOT;
            case "text/x-shellscript-per-instance" -> PartHandler.SHELLSCRIPT_PER_INSTANCE;
            case "text/x-shellscript-per-once" -> PartHandler.SHELLSCRIPT_PER_ONCE;
            case "text/cloud-boothook" -> PartHandler.BOOTHOOK;
            case "text/jinja2" -> PartHandler.JINJA;
            case "text/part-handler" -> PartHandler.PART_HANDLER;
            default -> null;
        };
    }
}
