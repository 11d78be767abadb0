package io.cernvm.context.internal.cloudconfig;

import java.util.List;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Implicit tags for plain scalars exactly as PyYAML 6's {@code resolver.py} assigns them
 * (the YAML 1.1 set cloud-init reads with): {@code yes}/{@code on} are booleans but {@code y}
 * is not, {@code 0777} is octal, {@code 1e3} is a string (a float needs a dot and a signed
 * exponent), {@code 1:30} is sexagesimal, {@code =} is the unconstructable value tag.
 */
public final class PyYamlResolver extends Resolver {
    /** The value tag PyYAML resolves a plain {@code =} to; SafeLoader cannot construct it. */
    public static final Tag VALUE = new Tag("tag:yaml.org,2002:value");

    private static final Pattern BOOL = Pattern.compile(
            "^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$");
    private static final Pattern FLOAT = Pattern.compile(
            "^(?:[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*"
                    + "|[-+]?\\.(?:inf|Inf|INF)"
                    + "|\\.(?:nan|NaN|NAN))$");
    private static final Pattern INT = Pattern.compile(
            "^(?:[-+]?0b[0-1_]+"
                    + "|[-+]?0[0-7_]+"
                    + "|[-+]?(?:0|[1-9][0-9_]*)"
                    + "|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$");
    private static final Pattern MERGE = Pattern.compile("^(?:<<)$");
    private static final Pattern NULL = Pattern.compile("^(?:~|null|Null|NULL|)$");
    private static final Pattern TIMESTAMP = Pattern.compile(
            "^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                    + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?"
                    + "(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                    + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?"
                    + "(?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$");
    private static final Pattern VALUE_PATTERN = Pattern.compile("^(?:=)$");

    private record Rule(String firstChars, Tag tag, Pattern pattern) {
    }

    // In PyYAML's registration order, which decides between rules that both match.
    private static final List<Rule> RULES = List.of(
            new Rule("yYnNtTfFoO", Tag.BOOL, BOOL),
            new Rule("-+0123456789.", Tag.FLOAT, FLOAT),
            new Rule("-+0123456789", Tag.INT, INT),
            new Rule("<", Tag.MERGE, MERGE),
            new Rule("~nN", Tag.NULL, NULL),
            new Rule("0123456789", Tag.TIMESTAMP, TIMESTAMP),
            new Rule("=", VALUE, VALUE_PATTERN));

    @Override
    protected void addImplicitResolvers() {
        // resolve() below replaces SnakeYAML's table entirely
    }

    @Override
    public Tag resolve(NodeId kind, String value, boolean implicit) {
        if (kind == NodeId.scalar && implicit) {
            if (value.isEmpty()) {
                return Tag.NULL;
            }
            char first = value.charAt(0);
            for (Rule r : RULES) {
                if (r.firstChars.indexOf(first) >= 0 && r.pattern.matcher(value).matches()) {
                    return r.tag;
                }
            }
        }
        return switch (kind) {
            case scalar -> Tag.STR;
            case sequence -> Tag.SEQ;
            default -> Tag.MAP;
        };
    }
}
