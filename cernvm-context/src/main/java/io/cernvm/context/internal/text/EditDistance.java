package io.cernvm.context.internal.text;

/** The Levenshtein distance, for "did you mean" hints on misspelt keys and plugin names. */
public final class EditDistance {
    private EditDistance() {
    }

    /**
     * @param a         one word
     * @param b         the other
     * @param maxLengthGap words whose lengths differ by more are not compared
     * @return the number of single-character edits from {@code a} to {@code b}, or
     *         {@link Integer#MAX_VALUE} when their lengths differ by more than {@code maxLengthGap}
     */
    public static int between(String a, String b, int maxLengthGap) {
        if (Math.abs(a.length() - b.length()) > maxLengthGap) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int c = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + c);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
