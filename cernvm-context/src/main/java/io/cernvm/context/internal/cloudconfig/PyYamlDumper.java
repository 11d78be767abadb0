package io.cernvm.context.internal.cloudconfig;

import io.cernvm.context.cloudconfig.YamlBinary;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Writes loaded values back as block-style YAML that {@link PyYamlLoader} (and PyYAML) read
 * as the same values: a string that PyYAML would take for another type is quoted, a float is
 * written as PyYAML's {@code represent_float} writes it, binary as {@code !!binary}.
 */
public final class PyYamlDumper {
    private final Yaml yaml;

    /** Creates a dumper with block style and PyYAML's implicit tags. */
    public PyYamlDumper() {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setAllowUnicode(true);
        options.setWidth(Integer.MAX_VALUE);
        this.yaml = new Yaml(new SafeConstructor(new LoaderOptions()), new ValueRepresenter(options), options,
                new LoaderOptions(), new PyYamlResolver());
    }

    /** @return the YAML text of {@code value} */
    public String dump(Object value) {
        return yaml.dump(value);
    }

    private static final class ValueRepresenter extends Representer {
        ValueRepresenter(DumperOptions options) {
            super(options);
            // only YAML's own kinds: no JavaBean is ever written
            representers.put(null, o -> {
                throw new IllegalArgumentException("not a YAML value: " + o.getClass().getName());
            });
            // SnakeYAML writes a string with unprintable characters as !!binary, and YAML 1.1's
            // extra line breaks (NEL, LS, PS) raw inside single quotes, where they fold to a
            // space; and it may write "a:" + newline as a plain scalar, which reads as a mapping.
            // Double quotes escape all of these, and read back as the same string
            representers.put(String.class, o -> {
                String str = (String) o;
                return needsEscapes(str) ? representScalar(Tag.STR, str, DumperOptions.ScalarStyle.DOUBLE_QUOTED)
                        : representScalar(Tag.STR, str);
            });
            representers.put(Double.class, d -> representScalar(Tag.FLOAT, floatText((Double) d)));
            representers.put(YamlBinary.class, b -> representScalar(Tag.BINARY, ((YamlBinary) b).base64()));
            representers.put(LocalDate.class, d -> representScalar(Tag.TIMESTAMP, PyRepr.isoformat((LocalDate) d)));
            representers.put(LocalDateTime.class, d -> representScalar(Tag.TIMESTAMP, PyRepr.isoformat(d, ' ')));
            representers.put(OffsetDateTime.class, d -> representScalar(Tag.TIMESTAMP, PyRepr.isoformat(d, ' ')));
        }

        private static boolean needsEscapes(String s) {
            return !StreamReader.isPrintable(s) || s.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\u0085'
                    || c == '\u2028' || c == '\u2029');
        }

        /** PyYAML's {@code SafeRepresenter.represent_float}. */
        private static String floatText(double d) {
            if (Double.isNaN(d)) {
                return ".nan";
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? ".inf" : "-.inf";
            }
            String v = PyRepr.floatRepr(d).toLowerCase(Locale.ROOT);
            if (!v.contains(".") && v.contains("e")) {
                v = v.replaceFirst("e", ".0e");
            }
            return v;
        }
    }
}
