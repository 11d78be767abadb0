package io.cernvm.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Decides how many warm-up rounds to discard: rounds are run until the JIT has settled, not a
 * fixed number. On a 2-core machine the compiler threads compete with the reading and serving
 * threads, and hot paths were still being compiled after a hundred rounds of the small-file
 * comparison (both rates rose about 2.5× and the client/baseline ratio moved from 0.8 to over
 * 0.9 as the client's larger code base reached C2 later than OkHttp's). A round is settled when
 * the JIT spent less than {@value #SETTLED_SHARE} of its wall time compiling; warm-up ends after
 * {@value #SETTLED_IN_A_ROW} settled rounds in a row, or at the time cap, which the report then
 * says (the cold read's rounds start curl processes and never quite settle).
 */
final class JitWarmUp {

    static final double SETTLED_SHARE = 0.03;
    static final int SETTLED_IN_A_ROW = 10;
    /** {@code -Dwarmup.trace=true} prints every warm-up round's wall and compile time. */
    private static final boolean TRACE = Boolean.getBoolean("warmup.trace");

    private final String section;
    private final int minRounds;
    private final long maxNanos;
    private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    private final long startNanos = System.nanoTime();
    private int rounds;
    private int settled;
    private long roundNanos;
    private long roundCompileMs;
    private long measuredNanos;
    private long measuredCompileMs;

    /**
     * @param section   what is warmed up, for the report
     * @param minRounds rounds run whatever the JIT does
     * @param maxTime   the cap: no round is started after warming up this long
     */
    JitWarmUp(String section, int minRounds, Duration maxTime) {
        this.section = section;
        this.minRounds = minRounds;
        this.maxNanos = maxTime.toNanos();
        mark();
    }

    /**
     * Called before every warm-up round.
     *
     * @return whether to run another; when not, the measured rounds start now
     */
    boolean another() {
        if (rounds > 0) {
            long wallMs = (System.nanoTime() - roundNanos) / 1_000_000;
            long compileMs = jit.getTotalCompilationTime() - roundCompileMs;
            settled = compileMs < SETTLED_SHARE * Math.max(1, wallMs) ? settled + 1 : 0;
            if (TRACE) {
                System.out.printf("    warm-up round %d: %d ms, %d ms compiling%n", rounds, wallMs, compileMs);
            }
        }
        if ((rounds >= minRounds && settled >= SETTLED_IN_A_ROW) || System.nanoTime() - startNanos >= maxNanos) {
            System.out.printf("  %s: %d warm-up rounds discarded in %.1f s (%s)%n", section, rounds,
                    (System.nanoTime() - startNanos) / 1e9, settled >= SETTLED_IN_A_ROW
                            ? "JIT settled: under " + Math.round(SETTLED_SHARE * 100) + " % of " + SETTLED_IN_A_ROW
                                    + " rounds in a row spent compiling"
                            : "cap reached, JIT NOT settled");
            mark();
            measuredNanos = roundNanos;
            measuredCompileMs = roundCompileMs;
            return false;
        }
        rounds++;
        mark();
        return true;
    }

    /** @return the share of the wall time since warm-up ended that the JIT spent compiling */
    String measuredCompileShare() {
        long wallMs = Math.max(1, (System.nanoTime() - measuredNanos) / 1_000_000);
        return String.format("%.1f %%", 100.0 * (jit.getTotalCompilationTime() - measuredCompileMs) / wallMs);
    }

    private void mark() {
        roundNanos = System.nanoTime();
        roundCompileMs = jit.getTotalCompilationTime();
    }
}
