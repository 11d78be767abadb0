package io.cernvm.context;

import io.cernvm.api.UserDataException;
import io.cernvm.api.FaultLocation;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One input of {@link UserDataComposer}: a named payload and the MIME type it is declared as.
 *
 * @param filename    the name written into the part's {@code Content-Disposition}, as
 *                    amiconfig's {@code amiconfig-mime} helper writes it
 * @param contentType the full MIME type, e.g. {@code text/cloud-config}
 * @param content     the payload bytes (copied in and out)
 */
public record ComposePart(String filename, String contentType, byte[] content) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$&^_.+-]+");

    /** Checks the components; the type must be {@code type/subtype} made of MIME tokens. */
    public ComposePart {
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(contentType, "contentType");
        content = Objects.requireNonNull(content, "content").clone();
        int slash = contentType.indexOf('/');
        if (slash < 0 || !TOKEN.matcher(contentType.substring(0, slash)).matches()
                || !TOKEN.matcher(contentType.substring(slash + 1)).matches()) {
            throw new IllegalArgumentException("not a MIME type: " + contentType);
        }
        if (filename.indexOf('"') >= 0 || filename.indexOf('\n') >= 0 || filename.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a part file name may not contain quotes or line breaks: " + filename);
        }
    }

    /**
     * Reads the type half of a {@code FILE:TYPE} argument: a subtype such as {@code cloud-config},
     * {@code amiconfig}, {@code ucernvm} or {@code x-shellscript} means {@code text/TYPE}; a value
     * with a slash is taken as the full type.
     *
     * @param type the TYPE text
     * @return the full MIME type, lower-cased
     * @throws UserDataException when TYPE is empty or not a MIME token
     */
    public static String fullType(String type) {
        String t = type.strip().toLowerCase(Locale.ROOT);
        String full = t.contains("/") ? t : "text/" + t;
        int slash = full.indexOf('/');
        if (t.isEmpty() || !TOKEN.matcher(full.substring(0, slash)).matches()
                || !TOKEN.matcher(full.substring(slash + 1)).matches()) {
            throw new UserDataException("'" + type + "' is not a MIME type or subtype (e.g. cloud-config, "
                    + "amiconfig, ucernvm, x-shellscript, text/plain)", FaultLocation.NOWHERE);
        }
        return full;
    }

    /**
     * Splits a {@code FILE:TYPE} argument at its last colon, as the command line takes it.
     *
     * @param spec e.g. {@code context.ini:amiconfig}
     * @return the file name (as given) and the full MIME type
     * @throws UserDataException when there is no colon or either half is empty
     */
    public static String[] splitSpec(String spec) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new UserDataException("'" + spec + "' is not FILE:TYPE (e.g. user.yaml:cloud-config)",
                    FaultLocation.NOWHERE);
        }
        return new String[] {spec.substring(0, colon), fullType(spec.substring(colon + 1))};
    }

    /** @return a copy of the payload */
    @Override
    public byte[] content() {
        return content.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComposePart p && filename.equals(p.filename) && contentType.equals(p.contentType)
                && Arrays.equals(content, p.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType) * 31 + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "ComposePart[" + filename + ", " + contentType + ", " + content.length + " bytes]";
    }
}
