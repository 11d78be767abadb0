package io.cernvm.context.internal.mime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Python's {@code email.feedparser.FeedParser} (compat32) as {@code email.message_from_string}
 * runs it, rule for rule: lines end at LF, CRLF or a lone CR; a header block ends at the first
 * line that is not a header; boundaries of enclosing multiparts end inner parts; the newline
 * before a boundary belongs to the boundary; {@code message/*} parts hold one sub-message and
 * {@code message/delivery-status} blocks of headers. Nesting and message count are bounded.
 */
final class PyFeedParser {
    private final String text;
    private int next;
    private final Deque<String> pushedBack = new ArrayDeque<>();
    private final List<Predicate<String>> eofStack = new ArrayList<>();
    private final List<PyMessage> msgStack = new ArrayList<>();
    private final DecodeBudget budget;
    private PyMessage cur;
    private PyMessage last;

    private PyFeedParser(String text, DecodeBudget budget) {
        this.text = text;
        this.budget = budget;
    }

    /** @return the root message of {@code text}, as {@code email.message_from_string} returns it */
    static PyMessage parse(String text, DecodeBudget budget) {
        PyFeedParser p = new PyFeedParser(text, budget);
        p.parsegen();
        return p.popMessage();
    }

    /** @return the next line of the text with its ending (LF, CRLF or a lone CR), or {@code null} at the end */
    private String nextLine() {
        if (next >= text.length()) {
            return null;
        }
        int start = next;
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n') {
                i++;
                break;
            }
            if (c == '\r') {
                i += i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                break;
            }
            i++;
        }
        next = i;
        return text.substring(start, i);
    }

    private String readline() {
        String line;
        if (!pushedBack.isEmpty()) {
            line = pushedBack.pop();
        } else {
            line = nextLine();
            if (line == null) {
                return "";
            }
        }
        for (int i = eofStack.size() - 1; i >= 0; i--) {
            if (eofStack.get(i).test(line)) {
                pushedBack.push(line);
                return "";
            }
        }
        return line;
    }

    private void unreadline(String line) {
        pushedBack.push(line);
    }

    private static boolean startsWithNewline(String line) {
        return !line.isEmpty() && (line.charAt(0) == '\n' || line.charAt(0) == '\r');
    }

    /** {@code ^(From |[\041-\071\073-\176]*:|[\t ])}. */
    private static boolean isHeaderLine(String line) {
        if (line.startsWith("From ") || line.startsWith("\t") || line.startsWith(" ")) {
            return true;
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ':') {
                return true;
            }
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return false;
    }

    private void newMessage() {
        budget.countMessage();
        PyMessage msg = new PyMessage();
        if (cur != null && cur.contentType().equals("multipart/digest")) {
            msg.setDefaultType("message/rfc822");
        }
        if (!msgStack.isEmpty()) {
            msgStack.get(msgStack.size() - 1).attach(msg);
        }
        msgStack.add(msg);
        budget.checkDepth(msgStack.size());
        cur = msg;
        last = msg;
    }

    private PyMessage popMessage() {
        PyMessage m = msgStack.remove(msgStack.size() - 1);
        cur = msgStack.isEmpty() ? null : msgStack.get(msgStack.size() - 1);
        return m;
    }

    private void parsegen() {
        newMessage();
        List<String> headerLines = new ArrayList<>();
        while (true) {
            String line = readline();
            if (line.isEmpty()) {
                break;
            }
            if (!isHeaderLine(line)) {
                if (!startsWithNewline(line)) {
                    unreadline(line);
                }
                break;
            }
            headerLines.add(line);
        }
        parseHeaders(headerLines);
        String ctype = cur.contentType();
        if (ctype.equals("message/delivery-status")) {
            parseDeliveryStatus();
            return;
        }
        if (cur.maintype().equals("message")) {
            parsegen();
            popMessage();
            return;
        }
        if (cur.maintype().equals("multipart")) {
            parseMultipart();
            return;
        }
        cur.setPayload(readRest());
    }

    private String readRest() {
        StringBuilder b = new StringBuilder();
        for (String line = readline(); !line.isEmpty(); line = readline()) {
            b.append(line);
        }
        return b.toString();
    }

    private void parseDeliveryStatus() {
        while (true) {
            eofStack.add(PyFeedParser::startsWithNewline);
            parsegen();
            popMessage();
            eofStack.remove(eofStack.size() - 1);
            readline();
            String line = readline();
            if (line.isEmpty()) {
                break;
            }
            unreadline(line);
        }
    }

    private void parseMultipart() {
        String boundary = cur.boundary();
        if (boundary == null) {
            cur.setPayload(readRest());
            return;
        }
        Predicate<String> isBoundary = line -> boundaryMatch(line, "--" + boundary) != null;
        boolean capturingPreamble = true;
        StringBuilder preamble = new StringBuilder();
        boolean closeSeen = false;
        while (true) {
            String line = readline();
            if (line.isEmpty()) {
                break;
            }
            Boolean isEnd = boundaryMatch(line, "--" + boundary);
            if (isEnd != null) {
                if (isEnd) {
                    closeSeen = true;
                    break;
                }
                if (capturingPreamble) {
                    capturingPreamble = false;
                    unreadline(line);
                    continue;
                }
                while (true) {
                    line = readline();
                    if (boundaryMatch(line, "--" + boundary) == null) {
                        unreadline(line);
                        break;
                    }
                }
                eofStack.add(isBoundary);
                parsegen();
                if (!last.maintype().equals("multipart") && last.payload() instanceof String s) {
                    last.setPayload(stripOneLineEnd(s));
                }
                eofStack.remove(eofStack.size() - 1);
                popMessage();
                last = cur;
            } else {
                preamble.append(line);
            }
        }
        if (capturingPreamble) {
            cur.setPayload(preamble.toString());
            readRest();
            return;
        }
        if (closeSeen) {
            readRest();
        }
    }

    private static String stripOneLineEnd(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        if (s.endsWith("\n") || s.endsWith("\r")) {
            return s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * {@code (sep)(--)?[ \t]*(\r\n|\r|\n)?$} matched at the start of {@code line}.
     *
     * @return {@code null} for no match, else whether it is the closing boundary
     */
    static Boolean boundaryMatch(String line, String separator) {
        if (!line.startsWith(separator)) {
            return null;
        }
        String rest = line.substring(separator.length());
        if (rest.startsWith("--") && tailMatches(rest.substring(2))) {
            return Boolean.TRUE;
        }
        return tailMatches(rest) ? Boolean.FALSE : null;
    }

    private static boolean tailMatches(String rest) {
        int i = 0;
        while (i < rest.length() && (rest.charAt(i) == ' ' || rest.charAt(i) == '\t')) {
            i++;
        }
        String end = rest.substring(i);
        return end.isEmpty() || end.equals("\n") || end.equals("\r") || end.equals("\r\n");
    }

    private void parseHeaders(List<String> hl) {
        String lastHeader = "";
        List<String> lastValue = new ArrayList<>();
        for (int lineno = 0; lineno < hl.size(); lineno++) {
            String line = hl.get(lineno);
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (!lastHeader.isEmpty()) {
                    lastValue.add(line);
                }
                continue;
            }
            if (!lastHeader.isEmpty()) {
                setRaw(lastValue);
                lastHeader = "";
                lastValue = new ArrayList<>();
            }
            if (line.startsWith("From ")) {
                if (lineno == hl.size() - 1 && lineno != 0) {
                    unreadline(line);
                    return;
                }
                continue;
            }
            int i = line.indexOf(':');
            if (i == 0) {
                continue;
            }
            lastHeader = line.substring(0, i);
            lastValue.add(line);
        }
        if (!lastHeader.isEmpty()) {
            setRaw(lastValue);
        }
    }

    /** compat32 {@code header_source_parse}. */
    private void setRaw(List<String> sourceLines) {
        String first = sourceLines.get(0);
        int colon = first.indexOf(':');
        StringBuilder value = new StringBuilder(PyStrings.lstrip(first.substring(colon + 1), " \t"));
        for (int k = 1; k < sourceLines.size(); k++) {
            value.append(sourceLines.get(k));
        }
        budget.countHeader();
        cur.add(first.substring(0, colon), PyStrings.rstrip(value.toString(), "\r\n"));
    }
}
