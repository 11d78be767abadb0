package io.cernvm.testkit.userdata;

import java.util.List;
import java.util.random.RandomGenerator;

/** Small drawing operations shared by the generators; each draws bounded numbers only. */
final class Pick {
    private Pick() {
    }

    static <T> T one(RandomGenerator r, List<T> options) {
        return options.get(r.nextInt(options.size()));
    }

    /** @return a string of 1..max characters from the alphabet */
    static String word(RandomGenerator r, String alphabet, int max) {
        int n = 1 + r.nextInt(max);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String NAME = LOWER + "0123456789_";
    static final String VALUE = LOWER + "ABCXYZ0123456789.:/-_,;|=\"' $`#!\u00fc\u00e9\u4e2d";
}
