package io.cernvm.context.ucernvm;

import io.cernvm.api.UserDataException;
import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.internal.ucernvm.BusyboxGunzip;
import io.cernvm.context.internal.ucernvm.CappedFindings;
import io.cernvm.context.internal.ucernvm.RawBlockChecks;

import java.util.List;
import java.util.Locale;

/**
 * The lint checks of the {@code [ucernvm-begin]} block. {@link #check(byte[], UcernvmSettings)}
 * looks at the raw user data the way the real bootloader does ({@link UcernvmBlock}) and adds the
 * findings of the tolerant reading ({@link UcernvmSettings#findings()}). Lines and columns are
 * 1-based; findings about the raw document have no part and count lines of the data the
 * bootloader parses (after gunzip when the user data is gzip), findings of the tolerant reading
 * name the part the block was found in. A check firing on many lines lists ten and then sums up.
 *
 * <table>
 * <caption>Codes</caption>
 * <tr><th>code</th><th>severity</th><th>triggered by</th></tr>
 * <tr><td>{@code UCERNVM_CRLF}</td><td>error / warning</td><td>a marker line ending in CR (error: the
 *   bootloader does not see it, CRLF user data silently loses its block); values ending in CR inside
 *   a block (warning: the CR stays in the value)</td></tr>
 * <tr><td>{@code UCERNVM_NO_TRAILING_NEWLINE}</td><td>error</td><td>the last line has no newline and is
 *   an entry of the block or its begin marker: the bootloader drops it</td></tr>
 * <tr><td>{@code UCERNVM_MARKER_NOT_EXACT}</td><td>error</td><td>a line that is a marker only after
 *   trimming spaces or ignoring case, e.g. {@code " [ucernvm-begin]"} or {@code [UCERNVM-BEGIN]}</td></tr>
 * <tr><td>{@code UCERNVM_END_BEFORE_BEGIN}</td><td>error</td><td>{@code [ucernvm-end]} before any
 *   begin: the bootloader stops there and reads nothing</td></tr>
 * <tr><td>{@code UCERNVM_NO_END_MARKER}</td><td>warning</td><td>a block without {@code [ucernvm-end]}:
 *   every later line with {@code =} (amiconfig options too) becomes a bootloader variable</td></tr>
 * <tr><td>{@code UCERNVM_SECOND_BLOCK}</td><td>warning</td><td>a second {@code [ucernvm-begin]}: inside
 *   an open block it is skipped, after the end it is never read</td></tr>
 * <tr><td>{@code UCERNVM_SPACE_AROUND_KEY}</td><td>error</td><td>{@code key = value} or a key with
 *   leading blanks: the shell line {@code _UCONTEXT_KEY =value} runs a command instead of setting a
 *   variable</td></tr>
 * <tr><td>{@code UCERNVM_COMMENT}</td><td>warning</td><td>{@code #key=value} in the block: there are no
 *   comments, it becomes the junk shell line {@code _UCONTEXT_#KEY=value}</td></tr>
 * <tr><td>{@code UCERNVM_INVALID_KEY}</td><td>error</td><td>a key with characters other than letters,
 *   digits and {@code _}: the output line is not an assignment</td></tr>
 * <tr><td>{@code UCERNVM_SHELL_UNSAFE_VALUE}</td><td>error</td><td>a value the shell would split,
 *   expand or run: unquoted blanks or {@code ; | & < > ( )}, {@code $} expansions and backticks
 *   (run as root), an unclosed quote, a trailing backslash</td></tr>
 * <tr><td>{@code UCERNVM_QUOTED_SWITCH}</td><td>warning</td><td>a boolean key with a quoted
 *   yes/no/on/off/true/false: the bootloader does not turn it into 1/0, so e.g.
 *   {@code resize_rootfs="off"} does not switch resizing off</td></tr>
 * <tr><td>{@code UCERNVM_BLOCK_HIDDEN}</td><td>error</td><td>the tolerant reading finds a block in a
 *   decoded part but the raw user data shows none: it is inside a base64 or quoted-printable MIME
 *   part (or compressed inside MIME), which the bootloader does not decode</td></tr>
 * <tr><td>{@code UCERNVM_BROKEN_GZIP}</td><td>error</td><td>user data that starts like gzip but that
 *   busybox {@code gzip -d} rejects: the bootloader parses the compressed bytes and finds nothing</td></tr>
 * <tr><td>{@code UCERNVM_TOO_LARGE}</td><td>error</td><td>gzip user data expanding beyond
 *   {@link UcernvmBlock#DEFAULT_MAX_BYTES}</td></tr>
 * <tr><td>{@code UCERNVM_CONFLICTING_PINS}</td><td>warning</td><td>{@code cvmfs_tag} together with a
 *   root-hash key ({@code …root_hash…}): the bootloader pins by tag and ignores the hash key</td></tr>
 * <tr><td>{@code UCERNVM_UNKNOWN_KEY}</td><td>warning</td><td>a key the bootloader does not act on
 *   (tolerant reading; the hint names the closest known key)</td></tr>
 * <tr><td>{@code UCERNVM_BAD_VALUE}</td><td>warning</td><td>a known key with a malformed value: not a
 *   boolean, a number, a host list, a URL, base64 of a gzip archive, a 12-character cluster PIN</td></tr>
 * <tr><td>{@code UCERNVM_EMPTY_VALUE}</td><td>info</td><td>a known key with an empty value: the default
 *   stays</td></tr>
 * <tr><td>{@code UCERNVM_EMPTY_KEY}</td><td>warning</td><td>a line {@code =value} in the block</td></tr>
 * <tr><td>{@code UCERNVM_LINE_WITHOUT_EQUALS}</td><td>info</td><td>a non-blank, non-comment line without
 *   {@code =} in the block: ignored</td></tr>
 * <tr><td>{@code UCERNVM_EXTRA_OVERRIDES}</td><td>info</td><td>extra user data sets a key the user data
 *   set to another value</td></tr>
 * </table>
 */
public final class UcernvmFindings {

    /** See the class table. */
    public static final String CRLF = "UCERNVM_CRLF";
    /** See the class table. */
    public static final String NO_TRAILING_NEWLINE = "UCERNVM_NO_TRAILING_NEWLINE";
    /** See the class table. */
    public static final String MARKER_NOT_EXACT = "UCERNVM_MARKER_NOT_EXACT";
    /** See the class table. */
    public static final String END_BEFORE_BEGIN = "UCERNVM_END_BEFORE_BEGIN";
    /** See the class table. */
    public static final String NO_END_MARKER = "UCERNVM_NO_END_MARKER";
    /** See the class table. */
    public static final String SECOND_BLOCK = "UCERNVM_SECOND_BLOCK";
    /** See the class table. */
    public static final String SPACE_AROUND_KEY = "UCERNVM_SPACE_AROUND_KEY";
    /** See the class table. */
    public static final String COMMENT = "UCERNVM_COMMENT";
    /** See the class table. */
    public static final String INVALID_KEY = "UCERNVM_INVALID_KEY";
    /** See the class table. */
    public static final String SHELL_UNSAFE_VALUE = "UCERNVM_SHELL_UNSAFE_VALUE";
    /** See the class table. */
    public static final String QUOTED_SWITCH = "UCERNVM_QUOTED_SWITCH";
    /** See the class table. */
    public static final String BLOCK_HIDDEN = "UCERNVM_BLOCK_HIDDEN";
    /** See the class table. */
    public static final String BROKEN_GZIP = "UCERNVM_BROKEN_GZIP";
    /** See the class table. */
    public static final String TOO_LARGE = "UCERNVM_TOO_LARGE";
    /** See the class table. */
    public static final String CONFLICTING_PINS = "UCERNVM_CONFLICTING_PINS";
    /** See the class table. */
    public static final String UNKNOWN_KEY = "UCERNVM_UNKNOWN_KEY";
    /** See the class table. */
    public static final String BAD_VALUE = "UCERNVM_BAD_VALUE";
    /** See the class table. */
    public static final String EMPTY_VALUE = "UCERNVM_EMPTY_VALUE";
    /** See the class table. */
    public static final String EMPTY_KEY = "UCERNVM_EMPTY_KEY";
    /** See the class table. */
    public static final String LINE_WITHOUT_EQUALS = "UCERNVM_LINE_WITHOUT_EQUALS";
    /** See the class table. */
    public static final String EXTRA_OVERRIDES = "UCERNVM_EXTRA_OVERRIDES";

    /** Every code in the class table. */
    public static final List<String> CODES = List.of(CRLF, NO_TRAILING_NEWLINE, MARKER_NOT_EXACT, END_BEFORE_BEGIN,
            NO_END_MARKER, SECOND_BLOCK, SPACE_AROUND_KEY, COMMENT, INVALID_KEY, SHELL_UNSAFE_VALUE, QUOTED_SWITCH,
            BLOCK_HIDDEN, BROKEN_GZIP, TOO_LARGE, CONFLICTING_PINS, UNKNOWN_KEY, BAD_VALUE, EMPTY_VALUE, EMPTY_KEY,
            LINE_WITHOUT_EQUALS, EXTRA_OVERRIDES);

    private UcernvmFindings() {
    }

    /**
     * Checks raw user data the way the real bootloader reads it, and adds the tolerant reading's
     * findings. Never throws on content.
     *
     * @param rawUserData the user data as the cloud delivered it
     * @param settings    the tolerant reading of the same user data (from its decoded parts,
     *                    extra user data merged or not)
     * @return the findings, raw-document ones first
     */
    public static List<Finding> check(byte[] rawUserData, UcernvmSettings settings) {
        CappedFindings out = new CappedFindings();
        BusyboxGunzip.Result gz;
        try {
            gz = BusyboxGunzip.gunzip(rawUserData, UcernvmBlock.DEFAULT_MAX_BYTES);
        } catch (UserDataException e) {
            out.add(new Finding(Severity.ERROR, TOO_LARGE, null, null, null, e.reason(),
                    "send user data that is smaller uncompressed"));
            out.addAll(settings.findings());
            return out.toList();
        }
        if (gz.outcome() == GunzipOutcome.FAILED) {
            out.add(new Finding(Severity.ERROR, BROKEN_GZIP, null, null, null,
                    "user data starts like gzip but busybox gzip -d rejects it; the bootloader parses the"
                            + " compressed bytes and finds no block", "compress it again, or send it uncompressed"));
        }
        RawBlockChecks.Result raw = RawBlockChecks.check(gz.bytes(), out);
        boolean tolerantFound = settings.entries().stream().anyMatch(s -> !s.extra());
        if (!raw.beginSeen() && !raw.markerProblemReported() && tolerantFound) {
            UcernvmSetting first = settings.entries().stream().filter(s -> !s.extra()).findFirst().orElseThrow();
            out.add(new Finding(Severity.ERROR, BLOCK_HIDDEN, first.part(), first.line(), null,
                    "the [ucernvm-begin] block is only visible after MIME decoding; the bootloader reads the raw"
                            + " user data and will not see it",
                    "put the block in a 7bit or 8bit part (or in plain user data), not base64 or quoted-printable"));
        }
        // the raw view already explains a second block; the tolerant reading's note would repeat it
        boolean rawSecond = raw.secondBlockReported();
        settings.findings().stream().filter(f -> !(rawSecond && f.code().equals(SECOND_BLOCK))).forEach(out::add);
        if (settings.cvmfsTag() != null) {
            settings.entries().stream()
                    .filter(s -> s.key().toLowerCase(Locale.ROOT).replace("_", "").contains("roothash"))
                    .findFirst()
                    .ifPresent(s -> out.add(new Finding(Severity.WARNING, CONFLICTING_PINS, s.part(), s.line(),
                            s.column(), "cvmfs_tag and " + s.key() + " both pin the repository; the bootloader"
                            + " pins by tag on a fresh boot and ignores " + s.key(), "keep only cvmfs_tag")));
        }
        return out.toList();
    }

    /**
     * Checks user data that has no separate tolerant reading: the raw bytes are read tolerantly too.
     *
     * @param rawUserData the user data as the cloud delivered it
     * @return the findings
     */
    public static List<Finding> check(byte[] rawUserData) {
        UcernvmSettings settings;
        try {
            settings = UcernvmSettings.read(rawUserData);
        } catch (UserDataException e) {
            settings = UcernvmSettings.EMPTY;
        }
        return check(rawUserData, settings);
    }
}
