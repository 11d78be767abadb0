package io.cernvm.cvmfs.internal.catalog;

import java.util.Map;

/**
 * Expands variant symlinks as {@code catalog_sql.cc ExpandSymlink} does: {@code $(VAR)} and
 * {@code $(VAR:-default)} take the variable's value when it is set (even to the empty string),
 * else the default, else nothing; a {@code $(} without a closing parenthesis stays literal.
 */
public final class SymlinkTemplate {

    private SymlinkTemplate() {
    }

    /**
     * @param raw         the target as stored in the catalog
     * @param environment the variables
     * @return the expanded target
     */
    public static String expand(String raw, Map<String, String> environment) {
        if (raw.indexOf('$') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int end = raw.length();
        for (int c = 0; c < end; c++) {
            char ch = raw.charAt(c);
            if (ch == '$' && c < end - 2 && raw.charAt(c + 1) == '(') {
                int start = c + 2;
                int rpar = raw.indexOf(')', start);
                if (rpar < 0) {
                    out.append("$(").append(raw.charAt(start));
                    c = start;
                    continue;
                }
                int sep = raw.indexOf(":-", start);
                boolean hasDefault = sep >= 0 && sep < rpar;
                String name = raw.substring(start, hasDefault ? sep : rpar);
                String value = environment.get(name);
                if (value != null) {
                    out.append(value);
                } else if (hasDefault) {
                    out.append(raw, sep + 2, rpar);
                }
                c = rpar;
                continue;
            }
            out.append(ch);
        }
        return out.toString();
    }
}
