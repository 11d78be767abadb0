package io.cernvm.cvmfs.internal.download;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.LambdaFunction;
import org.mozilla.javascript.RhinoException;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a PAC file's {@code FindProxyForURL(url, host)} (or Microsoft's
 * {@code FindProxyForURLEx}, which pacparser prefers when defined) with Rhino, sandboxed because
 * the script comes from the network: standard objects only (no {@code java}, {@code Packages} or
 * any Java class), interpreted so that every function, loop and regular expression counts
 * against an instruction budget, a bounded call depth, and results capped at
 * {@link PacResult#MAX_LENGTH}, and at most {@link #MAX_LOOKUPS} distinct name lookups (each one
 * remembered). The PAC helper functions are {@link PacFunctions}; their local time is the zone of
 * the clock given (the transport gives the system zone, as pacparser uses the machine's).
 */
final class PacScript {

    /** Instructions one PAC file may run over all its evaluations; a real one needs thousands. */
    static final long DEFAULT_INSTRUCTION_BUDGET = 20_000_000L;
    private static final int OBSERVE_EVERY = 10_000;
    private static final int MAX_STACK_DEPTH = 400;
    /** Distinct names one evaluation may look up. */
    static final int MAX_LOOKUPS = 64;
    private static final Logger LOG = LoggerFactory.getLogger(PacScript.class);

    private final PacHostResolver resolver;
    private final Clock clock;
    private final long instructionBudget;

    /** Why a PAC file could not give an answer. */
    static final class PacException extends Exception {
        private static final long serialVersionUID = 1L;

        PacException(String message) {
            super(message);
        }
    }

    /** Thrown from the instruction observer: an {@link Error} so that a script cannot catch it. */
    private static final class BudgetExceeded extends Error {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("instruction budget exhausted", null, false, false);
        }
    }

    /** One factory per evaluation: the instruction count belongs to it. */
    private static final class Sandbox extends ContextFactory {
        private final long budget;
        private long used;

        Sandbox(long budget) {
            this.budget = budget;
        }

        @Override
        protected Context makeContext() {
            Context cx = super.makeContext();
            cx.setInterpretedMode(true); // only the interpreter reports instruction counts
            cx.setInstructionObserverThreshold(OBSERVE_EVERY);
            cx.setMaximumInterpreterStackDepth(MAX_STACK_DEPTH);
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setClassShutter(className -> false);
            return cx;
        }

        @Override
        protected boolean hasFeature(Context cx, int featureIndex) {
            if (featureIndex == Context.FEATURE_ENHANCED_JAVA_ACCESS) {
                return false; // keeps BudgetExceeded out of reach of a script's catch
            }
            return super.hasFeature(cx, featureIndex);
        }

        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            used += instructionCount;
            if (used > budget) {
                throw new BudgetExceeded();
            }
        }
    }

    PacScript(PacHostResolver resolver, Clock clock, long instructionBudget) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (instructionBudget < 1) {
            throw new IllegalArgumentException("instructionBudget must be positive");
        }
        this.instructionBudget = instructionBudget;
    }

    /**
     * Runs the script, then asks it for each URL's proxies.
     *
     * @param source  the PAC file's text
     * @param origin  where it came from, for messages
     * @param targets the URLs to ask about, e.g. {@code http://host/cvmfs/repo/.cvmfspublished}
     * @return what {@code FindProxyForURL} returned for each URL, in order
     * @throws PacException when the script does not compile, fails, runs too long, or answers
     *                      with something too long
     */
    List<String> evaluate(String source, String origin, List<URI> targets) throws PacException {
        Sandbox factory = new Sandbox(instructionBudget);
        Context cx = factory.enterContext();
        try {
            // not sealed: each evaluation has a fresh scope, and PAC files may carry polyfills
            ScriptableObject scope = cx.initSafeStandardObjects(null, false);
            installHostFunctions(scope);
            cx.evaluateString(scope, PacFunctions.SOURCE, "pac-functions", 1, null);
            cx.evaluateString(scope, source, origin, 1, null);
            Function find = function(scope, "FindProxyForURLEx");
            if (find == null) {
                find = function(scope, "FindProxyForURL");
            }
            if (find == null) {
                throw new PacException(origin + " defines no function FindProxyForURL");
            }
            List<String> answers = new ArrayList<>();
            for (URI target : targets) {
                String host = target.getHost() == null ? "localhost" : target.getHost();
                Object answer = find.call(cx, scope, scope, new Object[] {target.toString(), host});
                answers.add(text(answer, origin));
            }
            return answers;
        } catch (BudgetExceeded e) {
            throw new PacException(origin + " ran more than " + instructionBudget + " instructions (an endless loop?)");
        } catch (RhinoException e) {
            throw new PacException(origin + ": " + e.details() + (e.lineNumber() > 0 ? " at line " + e.lineNumber() : ""));
        } catch (StackOverflowError e) {
            throw new PacException(origin + " recursed too deeply");
        } catch (OutOfMemoryError e) {
            // the failed allocation is not kept: the heap is usable again once the script is dropped
            throw new PacException(origin + " needed more memory than there is");
        } finally {
            Context.exit();
        }
    }

    private static Function function(Scriptable scope, String name) {
        Object f = ScriptableObject.getProperty(scope, name);
        return f instanceof Function fn ? fn : null;
    }

    private static String text(Object answer, String origin) throws PacException {
        if (answer instanceof CharSequence s && s.length() > PacResult.MAX_LENGTH) {
            throw new PacException(origin + " answered with " + s.length() + " characters (at most " + PacResult.MAX_LENGTH + ")");
        }
        String s = Context.toString(answer);
        if (s.length() > PacResult.MAX_LENGTH) {
            throw new PacException(origin + " answered with " + s.length() + " characters (at most " + PacResult.MAX_LENGTH + ")");
        }
        return s;
    }

    private void installHostFunctions(ScriptableObject scope) {
        Map<String, Optional<String>> lookups = new HashMap<>();
        define(scope, "__resolve", 1, (cx, sc, self, args) -> {
            String host = args.length > 0 ? Context.toString(args[0]) : "";
            if (host.isEmpty() || host.length() > 255) {
                return null;
            }
            Optional<String> known = lookups.get(host);
            if (known == null) {
                if (lookups.size() >= MAX_LOOKUPS) {
                    // each lookup may wait for DNS: a script asking for ever more names would hang
                    // the start-up, so further names count as unresolvable
                    LOG.warn("PAC file asked for more than {} names; {} counts as unresolvable", MAX_LOOKUPS, host);
                    return null;
                }
                known = resolver.resolve(host);
                lookups.put(host, known);
            }
            return known.orElse(null);
        });
        define(scope, "__myAddress", 0, (cx, sc, self, args) -> resolver.localAddress());
        define(scope, "__now", 1, (cx, sc, self, args) -> {
            boolean gmt = args.length > 0 && Context.toBoolean(args[0]);
            ZonedDateTime now = ZonedDateTime.now(gmt ? clock.withZone(ZoneOffset.UTC) : clock);
            Object[] fields = {now.getYear(), now.getMonthValue() - 1, now.getDayOfMonth(), now.getDayOfWeek().getValue() % 7,
                now.getHour(), now.getMinute(), now.getSecond()};
            return cx.newArray(sc, fields);
        });
        define(scope, "__alert", 1, (cx, sc, self, args) -> {
            String message = args.length > 0 ? Context.toString(args[0]) : "";
            LOG.info("PAC alert: {}", message.length() > 200 ? message.substring(0, 200) + "…" : message);
            return null;
        });
    }

    private static void define(ScriptableObject scope, String name, int arity, org.mozilla.javascript.SerializableCallable body) {
        ScriptableObject.defineProperty(scope, name, new LambdaFunction(scope, name, arity, body), ScriptableObject.DONTENUM);
    }
}
