package io.cernvm.context.internal.mime;

import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaProcessors;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;
import io.cernvm.context.mime.JinjaRendering;
import io.cernvm.context.mime.PartHandler;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cloud-init's jinja part handler ({@code handlers/jinja_template.py}, {@code templater.py}):
 * the {@code ## template: jinja} header line, instance data converted by
 * {@code convert_jinja_instance_data} (sorted keys, {@code v1} keys copied to the top level,
 * operator characters aliased to {@code _}), rendering with {@code trim_blocks}, undefined
 * variables printed as {@code CI_MISSING_JINJA_VAR/<name>}, and the rendered first line
 * choosing the cloud-config or shell-script sub-handler. Rendering uses Jinjava.
 */
final class JinjaTemplates {
    private static final Pattern HEADER = Pattern.compile("##\\s*template:(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OPERATOR = Pattern.compile("//|\\*\\*|==|!=|>=|<=|[-+/*%~\\[\\](){}<>=.:|,;]");
    private static final Pattern VERSION_KEY = Pattern.compile("v\\d+");
    private static final String SENSITIVE_PATH = "/run/cloud-init/instance-data-sensitive.json";

    /** At most this many loop elements per range() call and list size, far beyond any real template. */
    private static final int RANGE_LIMIT = 10_000;
    /** Templates render in well under this; a hostile one is stopped here. */
    private static final long RENDER_NANOS = 1_000_000_000L;
    /** Template nodes rendered (loop bodies count each time); real templates stay below a thousand. */
    private static final long NODE_BUDGET = 50_000;

    private final Map<String, Object> variables;
    private final long maxOutput;

    /**
     * @param instanceData cloud-init's instance data (parsed JSON), or {@code null} when there is none
     * @param maxOutput    the largest rendered output accepted
     */
    JinjaTemplates(Map<String, Object> instanceData, long maxOutput) {
        this.variables = instanceData == null ? null : convert(instanceData, "", decodePaths(instanceData));
        this.maxOutput = maxOutput;
    }

    private static List<String> decodePaths(Map<String, Object> data) {
        List<String> out = new ArrayList<>();
        if (data.get("base64-encoded-keys") instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o).replace('-', '_'));
            }
        }
        return out;
    }

    private static Map<String, Object> convert(Map<?, ?> data, String prefix, List<String> decodePaths) {
        Map<String, Object> result = new MissingAwareMap();
        Map<String, Object> sorted = new TreeMap<>();
        data.forEach((k, v) -> sorted.put(String.valueOf(k), v));
        for (Map.Entry<String, Object> e : sorted.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            String keyPath = prefix.isEmpty() ? key : prefix + "/" + key;
            if (decodePaths.contains(keyPath) && value instanceof String s) {
                value = b64d(s);
            }
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> sub = convert(m, keyPath, decodePaths);
                result.put(key, sub);
                if (VERSION_KEY.matcher(key).matches()) {
                    result.putAll(sub);
                }
            } else {
                result.put(key, wrap(value));
            }
            String alias = OPERATOR.matcher(key).replaceAll("_");
            if (!alias.equals(key)) {
                result.put(alias, result.get(key));
            }
        }
        return result;
    }

    private static Object wrap(Object value) {
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object o : l) {
                out.add(o instanceof Map<?, ?> m ? convertPlain(m) : wrap(o));
            }
            return out;
        }
        return value;
    }

    private static Map<String, Object> convertPlain(Map<?, ?> m) {
        Map<String, Object> out = new MissingAwareMap();
        m.forEach((k, v) -> out.put(String.valueOf(k), v instanceof Map<?, ?> mm ? convertPlain(mm) : wrap(v)));
        return out;
    }

    private static Object b64d(String s) {
        try {
            byte[] b = Base64.getMimeDecoder().decode(s);
            String text = PyCodecs.decodeUtf8Strict(b);
            return text == null ? b : text;
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** A dict whose absent keys read as cloud-init's undefined-variable marker. */
    private static final class MissingAwareMap extends LinkedHashMap<String, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public Object get(Object key) {
            Object v = super.get(key);
            return v != null || containsKey(key) ? v : new JinjaUndefined.Missing(String.valueOf(key));
        }
    }

    /** Stops a template that renders too many nodes; an Error so that Jinjava does not swallow it. */
    private static final class RenderBudgetExceeded extends Error {
        private static final long serialVersionUID = 1L;

        RenderBudgetExceeded() {
            super("template renders too many nodes", null, false, false);
        }
    }

    /** @return what the jinja handler does with {@code payload} */
    JinjaRendering render(Object payload) {
        if (!(payload instanceof String text)) {
            return failed("TypeError: jinja payload is not text");
        }
        int nl = text.indexOf('\n');
        String ident = nl < 0 ? text : text.substring(0, nl);
        String rest = nl < 0 ? "" : text.substring(nl + 1);
        Matcher m = HEADER.matcher(ident);
        if (!m.lookingAt()) {
            return failed("NotJinjaError: Payload is not a jinja template");
        }
        String kind = PyStrings.strip(PyStrings.lower(m.group(1)));
        if (!kind.equals("jinja")) {
            return failed(kind.equals("basic") ? "NotJinjaError: Payload is not a jinja template"
                    : "ValueError: Unknown template rendering type '" + kind + "' requested");
        }
        if (variables == null) {
            return failed("JinjaLoadError: Cannot render jinja template vars. Instance data not yet present at "
                    + SENSITIVE_PATH);
        }
        String rendered;
        try {
            rendered = renderJinja(rest, NODE_BUDGET);
        } catch (RenderBudgetExceeded e) {
            return failed("rendering stopped: the template needs more than the decoder's budget");
        } catch (RuntimeException | StackOverflowError e) {
            return failed("TemplateError: " + e.getMessage());
        }
        if (rendered == null) {
            return failed("TemplateSyntaxError: the template does not render");
        }
        if (rendered.length() > maxOutput) {
            return failed("rendered output exceeds " + maxOutput + " characters");
        }
        String subtype = rendered.isEmpty() ? null : CloudInitTypes.typeFromStartsWith(rendered, null);
        PartHandler handler = subtype == null ? null : switch (subtype) {
            case "text/cloud-config", "text/cloud-config-jsonp" -> PartHandler.CLOUD_CONFIG;
            case "text/x-shellscript" -> PartHandler.SHELLSCRIPT;
            default -> null;
        };
        return new JinjaRendering(PyCodecs.encodeUtf8Escaped(rendered), subtype, handler, null);
    }

    private String renderJinja(String content, long nodeBudget) {
        String[] lines = content.split("\r\n|\r|\n", -1);
        int n = lines.length;
        if (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        String source = String.join("\n", java.util.Arrays.copyOf(lines, n));
        if (!delimitersClosed(source)) {
            return null;
        }
        long[] nodes = {0};
        long deadline = System.nanoTime() + RENDER_NANOS;
        BiConsumer<Node, JinjavaInterpreter> budget = (node, interpreter) -> {
            if (++nodes[0] > nodeBudget || (nodes[0] & 1023) == 0 && System.nanoTime() > deadline) {
                throw new RenderBudgetExceeded();
            }
        };
        Jinjava jinjava = new Jinjava(JinjavaConfig.newBuilder().withTrimBlocks(true).withMaxOutputSize(maxOutput)
                .withMaxRenderDepth(10).withMaxMacroRecursionDepth(10).withRangeLimit(RANGE_LIMIT)
                .withMaxStringLength(maxOutput).withMaxListSize(RANGE_LIMIT)
                .withLegacyOverrides(LegacyOverrides.newBuilder().withUsePyishObjectMapper(true).build())
                .withProcessors(JinjavaProcessors.newBuilder().withNodePreProcessor(budget).build()).build());
        JinjaUndefined.install(jinjava.getGlobalContext());
        RenderResult result;
        try {
            result = jinjava.renderForResult(source, variables);
        } finally {
            if (nodes[0] > nodeBudget) {
                throw new RenderBudgetExceeded();
            }
        }
        for (TemplateError e : result.getErrors()) {
            if (e.getSeverity() == TemplateError.ErrorType.FATAL) {
                return null;
            }
        }
        String out = result.getOutput();
        return content.endsWith("\n") ? out + "\n" : out;
    }

    /** jinja2's lexer rejects a {@code {{}, {@code {%} or {@code {#} that is never closed; Jinjava prints it. */
    private static boolean delimitersClosed(String source) {
        int i = 0;
        while (true) {
            int open = source.indexOf('{', i);
            if (open < 0 || open + 1 >= source.length()) {
                return true;
            }
            char kind = source.charAt(open + 1);
            String close = kind == '{' ? "}}" : kind == '%' ? "%}" : kind == '#' ? "#}" : null;
            if (close == null) {
                i = open + 1;
                continue;
            }
            int end = source.indexOf(close, open + 2);
            if (end < 0) {
                return false;
            }
            i = end + 2;
        }
    }

    private static JinjaRendering failed(String why) {
        return new JinjaRendering(null, null, null, why);
    }
}
