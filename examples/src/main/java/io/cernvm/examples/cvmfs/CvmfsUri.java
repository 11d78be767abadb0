package io.cernvm.examples.cvmfs;

import io.cernvm.examples.CliErrors;
import io.cernvm.examples.CliFailure;

/**
 * A {@code cvmfs://FQRN/PATH} argument.
 *
 * @param fqrn the repository name
 * @param path the absolute path inside the repository ({@code /} for its root)
 */
record CvmfsUri(String fqrn, String path) {

    private static final String SCHEME = "cvmfs://";

    /**
     * @param text the argument
     * @return its parts
     * @throws CliFailure with exit code 2 when it is not a {@code cvmfs://FQRN/PATH} URI
     */
    static CvmfsUri parse(String text) {
        if (!text.startsWith(SCHEME)) {
            throw new CliFailure("not a cvmfs://FQRN/PATH URI: '" + text + "'", CliErrors.USAGE);
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String fqrn = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "/" : rest.substring(slash);
        if (fqrn.isEmpty() || !fqrn.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
            throw new CliFailure("no repository name in '" + text + "' (cvmfs://FQRN/PATH)", CliErrors.USAGE);
        }
        if (path.indexOf('\0') >= 0) {
            throw new CliFailure("NUL in the path of '" + text + "'", CliErrors.USAGE);
        }
        return new CvmfsUri(fqrn, path);
    }
}
