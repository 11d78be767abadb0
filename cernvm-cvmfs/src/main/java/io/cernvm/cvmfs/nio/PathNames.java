package io.cernvm.cvmfs.nio;

import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.List;

/**
 * The pure parser behind {@link CvmfsPath}: a string to its absolute flag and names. Runs of
 * {@code /} collapse and a trailing {@code /} is dropped, as {@code UnixPath} does; {@code .}
 * and {@code ..} stay until {@link CvmfsPath#normalize()}. Refused: NUL (the only character a
 * catalog name cannot hold besides {@code /}) and unpaired surrogates (no UTF-8 form).
 *
 * @param absolute whether the string started with {@code /}
 * @param names    the non-empty names, in order
 */
record PathNames(boolean absolute, List<String> names) {

    /** Makes the names immutable. */
    PathNames {
        names = List.copyOf(names);
    }

    /**
     * @param input the path string
     * @return its parts
     * @throws InvalidPathException when the string holds a NUL character
     */
    static PathNames parse(String input) {
        int nul = input.indexOf('\0');
        if (nul >= 0) {
            throw new InvalidPathException(input, "NUL character not allowed", nul);
        }
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < input.length() && Character.isLowSurrogate(input.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // as UnixPath: a name is bytes, and an unpaired surrogate has no UTF-8 form
                throw new InvalidPathException(input, "unpaired surrogate, not encodable in UTF-8", i);
            }
        }
        List<String> names = new ArrayList<>();
        int start = 0;
        int n = input.length();
        while (start < n) {
            int slash = input.indexOf('/', start);
            int end = slash < 0 ? n : slash;
            if (end > start) {
                names.add(input.substring(start, end));
            }
            start = end + 1;
        }
        return new PathNames(input.startsWith("/"), names);
    }

    /**
     * @param first the first part
     * @param more  further parts, joined with {@code /}; empty ones are skipped
     * @return the joined string, as {@code FileSystem.getPath} joins
     */
    static String join(String first, String... more) {
        if (more.length == 0) {
            return first;
        }
        StringBuilder sb = new StringBuilder(first);
        for (String s : more) {
            if (!s.isEmpty()) {
                if (sb.length() > 0) {
                    sb.append('/');
                }
                sb.append(s);
            }
        }
        return sb.toString();
    }
}
