package io.cernvm.cvmfs.internal.download;

/**
 * The {@code @fqrn@} and {@code @org@} placeholders upstream replaces in every configuration
 * value ({@code options.cc}); {@code @org@} is the first label of the repository name. Other
 * {@code @x@} sequences stay as they are.
 */
public final class Substitution {

    private Substitution() {
    }

    /**
     * @param value a configuration value
     * @param fqrn  the fully qualified repository name, or {@code null} to leave placeholders
     * @return the value with the placeholders replaced
     */
    public static String apply(String value, String fqrn) {
        if (fqrn == null || value.indexOf('@') < 0) {
            return value;
        }
        int dot = fqrn.indexOf('.');
        String org = dot < 0 ? fqrn : fqrn.substring(0, dot);
        return value.replace("@fqrn@", fqrn).replace("@org@", org);
    }
}
