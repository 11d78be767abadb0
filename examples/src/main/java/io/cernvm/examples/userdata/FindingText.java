package io.cernvm.examples.userdata;

import io.cernvm.context.Finding;

/** One finding as a line of text: {@code error UCERNVM_CRLF part 0, line 3, column 1: message (hint)}. */
final class FindingText {
    private FindingText() {
    }

    static String of(Finding f) {
        StringBuilder b = new StringBuilder(f.severity().label()).append(' ').append(f.code());
        String where = (f.part() == null ? "" : "part " + f.part())
                + (f.line() == null ? "" : (f.part() == null ? "" : ", ") + "line " + f.line())
                + (f.column() == null ? "" : ", column " + f.column());
        if (!where.isEmpty()) {
            b.append(" (").append(where).append(')');
        }
        b.append(": ").append(f.message());
        if (f.hint() != null) {
            b.append(" — ").append(f.hint());
        }
        return b.toString();
    }
}
