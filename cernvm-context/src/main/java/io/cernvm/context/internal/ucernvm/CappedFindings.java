package io.cernvm.context.internal.ucernvm;

import io.cernvm.context.Finding;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Collects findings, at most a fixed number per code, then one summary per code: hostile user
 * data with a million bad lines gives a readable report, not a million findings.
 */
public final class CappedFindings {

    /** How many findings of one code are listed before the summary. */
    public static final int PER_CODE = 10;

    private final List<Finding> findings = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, Finding> firstOverflow = new LinkedHashMap<>();

    /**
     * @param code    the finding's code
     * @param finding builds the finding; called only while the code is under the cap, or once for
     *                the summary
     */
    public void add(String code, Supplier<Finding> finding) {
        int n = counts.merge(code, 1, Integer::sum);
        if (n <= PER_CODE) {
            findings.add(finding.get());
        } else if (n == PER_CODE + 1) {
            firstOverflow.put(code, finding.get());
        }
    }

    /** @param f a finding */
    public void add(Finding f) {
        add(f.code(), () -> f);
    }

    /** @param all findings, each counted against its code */
    public void addAll(List<Finding> all) {
        all.forEach(this::add);
    }

    /** @return the findings, then one summary per code that went over the cap */
    public List<Finding> toList() {
        List<Finding> r = new ArrayList<>(findings);
        firstOverflow.forEach((code, f) -> r.add(new Finding(f.severity(), code, null, null, null,
                (counts.get(code) - PER_CODE) + " more " + code.toLowerCase(Locale.ROOT) + " finding(s) not listed",
                f.hint())));
        return List.copyOf(r);
    }
}
