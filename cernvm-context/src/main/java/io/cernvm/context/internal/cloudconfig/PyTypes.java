package io.cernvm.context.internal.cloudconfig;

import io.cernvm.context.cloudconfig.YamlBinary;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Python's type names for YAML values, as cloud-init's messages and merger lookup use them. */
public final class PyTypes {
    private PyTypes() {
    }

    /** @return the Python type name of a loaded YAML value ({@code dict}, {@code list}, {@code str}, …) */
    public static String name(Object v) {
        if (v == null) {
            return "NoneType";
        } else if (v instanceof String) {
            return "str";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (v instanceof Long || v instanceof BigInteger) {
            return "int";
        } else if (v instanceof Double) {
            return "float";
        } else if (v instanceof YamlBinary) {
            return "bytes";
        } else if (v instanceof LocalDate) {
            return "date";
        } else if (v instanceof LocalDateTime || v instanceof OffsetDateTime) {
            return "datetime";
        } else if (v instanceof PyTuple) {
            return "tuple";
        } else if (v instanceof Map) {
            return "dict";
        } else if (v instanceof Set) {
            return "set";
        } else if (v instanceof List) {
            return "list";
        }
        return v.getClass().getSimpleName();
    }
}
