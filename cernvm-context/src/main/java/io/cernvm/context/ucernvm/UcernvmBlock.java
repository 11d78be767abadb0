package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataException;
import io.cernvm.context.internal.ucernvm.BootloaderParser;
import io.cernvm.context.internal.ucernvm.BusyboxGunzip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code [ucernvm-begin]} block exactly as the µCernVM bootloader reads it, bug for bug
 * ({@code cernvm-micro:scripts.d/06context} and {@code packages.d/extras/src/parse_user_data.cc}):
 * one busybox {@code gzip -d} attempt on the whole raw user data, no MIME decoding, lines split
 * on {@code \n} only, a last line without {@code \n} ignored, markers matched exactly (a CR or a
 * space hides them), parsing stopped by the first {@code [ucernvm-end]} even before any begin,
 * a block without end running to the end of the data (a second begin inside it skipped), each
 * line split at its first {@code =} (lines without one skipped), the key upper-cased with ASCII
 * rules, a value of yes/on/true (any case) printed {@code 1} and no/off/false {@code 0}, others
 * verbatim. Key and value are cut at a NUL byte, as {@code printf("%s")} does. Serialised by its
 * component names; {@code output} serialises as base64.
 *
 * @param entries  the printed entries in order
 * @param lastWins the values after later entries override earlier ones (what the shell that
 *                 sources the output ends up with), in order of first appearance
 * @param gunzip   what the gzip attempt gave
 * @param output   the exact bytes the parser prints: one {@code _UCONTEXT_<KEY>=<value>\n} per
 *                 entry (copied in and out)
 */
public record UcernvmBlock(List<UcernvmEntry> entries, Map<String, String> lastWins, GunzipOutcome gunzip,
                           byte[] output) {

    /** The default limit on the size of gunzipped user data: 64 MiB. */
    public static final int DEFAULT_MAX_BYTES = 64 << 20;

    private static final int PREFIX_LENGTH = "_UCONTEXT_".length();

    /** Copies the components and checks that {@code lastWins} follows from {@code entries}. */
    public UcernvmBlock {
        entries = List.copyOf(entries);
        Objects.requireNonNull(gunzip, "gunzip");
        output = Objects.requireNonNull(output, "output").clone();
        Map<String, String> expected = lastWinsOf(entries);
        if (!expected.equals(lastWins)) {
            throw new IllegalArgumentException("lastWins does not follow from entries");
        }
        lastWins = expected;
    }

    /**
     * Reads raw user data as the bootloader does, gunzipped data limited to {@link #DEFAULT_MAX_BYTES}.
     *
     * @param rawUserData the user data exactly as the cloud delivered it
     * @return the block
     * @throws UserDataException when the data is gzip that expands beyond the limit
     */
    public static UcernvmBlock parse(byte[] rawUserData) {
        return parse(rawUserData, DEFAULT_MAX_BYTES);
    }

    /**
     * Reads raw user data as the bootloader does.
     *
     * @param rawUserData the user data exactly as the cloud delivered it
     * @param maxBytes    the largest gunzipped size accepted (the real bootloader has no limit)
     * @return the block
     * @throws UserDataException when the data is gzip that expands beyond {@code maxBytes}
     */
    public static UcernvmBlock parse(byte[] rawUserData, int maxBytes) {
        Objects.requireNonNull(rawUserData, "rawUserData");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
        }
        BusyboxGunzip.Result gz = BusyboxGunzip.gunzip(rawUserData, maxBytes);
        return of(BootloaderParser.parse(gz.bytes()), gz.outcome());
    }

    /**
     * Reads extra user data ({@code /cernvm/extra-user-data}, every copy found concatenated) as
     * {@code scripts.d/07extracontext} does: straight into the parser, with no gzip attempt.
     *
     * @param extraUserData the concatenated extra user data
     * @return the block; its {@link #gunzip()} is {@link GunzipOutcome#NOT_GZIP}
     */
    public static UcernvmBlock parseExtraUserData(byte[] extraUserData) {
        Objects.requireNonNull(extraUserData, "extraUserData");
        return of(BootloaderParser.parse(extraUserData), GunzipOutcome.NOT_GZIP);
    }

    private static UcernvmBlock of(BootloaderParser.Output out, GunzipOutcome gunzip) {
        List<UcernvmEntry> entries = new ArrayList<>(out.entries().size());
        for (BootloaderParser.RawEntry e : out.entries()) {
            entries.add(new UcernvmEntry(utf8(e.key()), utf8(e.value()), e.line()));
        }
        return new UcernvmBlock(entries, lastWinsOf(entries), gunzip, out.bytes());
    }

    /**
     * What the bootloader's shell holds after sourcing {@code ucontext} and then
     * {@code extra-ucontext}: the extra data's variables win.
     *
     * @param extra the block of the extra user data ({@link #parseExtraUserData(byte[])})
     * @return the merged variables, keys without the prefix
     */
    public Map<String, String> lastWinsWith(UcernvmBlock extra) {
        Map<String, String> m = new LinkedHashMap<>(lastWins);
        m.putAll(extra.lastWins);
        return Collections.unmodifiableMap(m);
    }

    /** @return a copy of the exact printed bytes */
    @Override
    public byte[] output() {
        return output.clone();
    }

    /** @return the printed lines, each without its {@code \n}, decoded as UTF-8 */
    public List<String> outputLines() {
        List<String> lines = new ArrayList<>(entries.size());
        for (byte[] line : exactLines()) {
            lines.add(utf8(line));
        }
        return Collections.unmodifiableList(lines);
    }

    /**
     * @param index the entry's position in {@link #entries()}
     * @return the exact bytes of that entry's key, as printed after the prefix
     */
    public byte[] exactKey(int index) {
        byte[] line = exactLine(index);
        int eq = indexOf(line, (byte) '=', PREFIX_LENGTH);
        return Arrays.copyOfRange(line, PREFIX_LENGTH, eq);
    }

    /**
     * @param index the entry's position in {@link #entries()}
     * @return the exact bytes of that entry's value, as printed
     */
    public byte[] exactValue(int index) {
        byte[] line = exactLine(index);
        int eq = indexOf(line, (byte) '=', PREFIX_LENGTH);
        return Arrays.copyOfRange(line, eq + 1, line.length);
    }

    /**
     * @param index the entry's position in {@link #entries()}
     * @return the exact bytes of that entry's output line, without the {@code \n}
     * @throws IndexOutOfBoundsException when there is no such entry
     */
    public byte[] exactLine(int index) {
        Objects.checkIndex(index, entries.size());
        int start = 0;
        for (int n = 0; n < index; n++) {
            start = indexOf(output, (byte) '\n', start) + 1;
        }
        return Arrays.copyOfRange(output, start, indexOf(output, (byte) '\n', start));
    }

    /** @return {@code true} when the bootloader sets at least one variable */
    public boolean hasEntries() {
        return !entries.isEmpty();
    }

    private List<byte[]> exactLines() {
        List<byte[]> lines = new ArrayList<>(entries.size());
        int start = 0;
        for (int i = 0; i < output.length; i++) {
            if (output[i] == '\n') {
                lines.add(Arrays.copyOfRange(output, start, i));
                start = i + 1;
            }
        }
        return lines;
    }

    private static int indexOf(byte[] b, byte x, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return b.length;
    }

    private static Map<String, String> lastWinsOf(List<UcernvmEntry> entries) {
        Map<String, String> m = new LinkedHashMap<>();
        for (UcernvmEntry e : entries) {
            m.put(e.key(), e.value());
        }
        return Collections.unmodifiableMap(m);
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UcernvmBlock b && entries.equals(b.entries) && gunzip == b.gunzip
                && Arrays.equals(output, b.output);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entries, gunzip) * 31 + Arrays.hashCode(output);
    }

    @Override
    public String toString() {
        return "UcernvmBlock[" + entries.size() + " entries, " + gunzip + ", " + output.length + " bytes]";
    }
}
