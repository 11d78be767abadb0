package io.cernvm.context.amiconfig;

import java.util.Objects;

/**
 * What amiconfig's {@code UserData.getSection(name)} ({@code rpath/amiconfig/userdata.py}) gives:
 * it matches section names ignoring case but then looks the name up as requested, so a section
 * that differs only in case makes the lookup raise {@code KeyError} and the plugin fail.
 *
 * @param outcome what happened
 * @param section the section when {@link Outcome#FOUND}, else {@code null}
 */
public record SectionLookup(Outcome outcome, AmiconfigSection section) {

    /** The three outcomes of {@code getSection}. */
    public enum Outcome {
        /** A section with exactly this name exists. */
        FOUND,
        /** No section matches, even ignoring case: the plugin gets an empty dictionary. */
        ABSENT,
        /** Only a section differing in case exists: {@code KeyError}, the plugin (or amiconfig) fails. */
        CASE_MISMATCH
    }

    /** Checks that a section is given exactly when found. */
    public SectionLookup {
        Objects.requireNonNull(outcome, "outcome");
        if ((outcome == Outcome.FOUND) != (section != null)) {
            throw new IllegalArgumentException("a section is given exactly when found");
        }
    }
}
