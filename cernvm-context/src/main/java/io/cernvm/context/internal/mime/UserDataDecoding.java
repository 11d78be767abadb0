package io.cernvm.context.internal.mime;

import io.cernvm.context.Finding;
import io.cernvm.context.Severity;
import io.cernvm.context.mime.DecodeLimits;
import io.cernvm.context.mime.DecodedPart;
import io.cernvm.context.mime.DecodedUserData;
import io.cernvm.context.mime.IncludeFetcher;
import io.cernvm.context.mime.JinjaRendering;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One decode of raw user data, as cloud-init 22.4 processes and walks it. The entry point
 * behind {@link io.cernvm.context.mime.UserDataDecoder}; not part of the public API.
 */
public final class UserDataDecoding {
    private final IncludeFetcher fetcher;
    private final Map<String, Object> instanceData;
    private final DecodeLimits limits;

    /**
     * @param fetcher      answers include URLs
     * @param instanceData cloud-init instance data for jinja, or {@code null}
     * @param limits       the work bounds
     */
    public UserDataDecoding(IncludeFetcher fetcher, Map<String, Object> instanceData, DecodeLimits limits) {
        this.fetcher = fetcher;
        this.instanceData = instanceData;
        this.limits = limits;
    }

    /** @return the parts and findings of {@code raw} */
    public DecodedUserData decode(byte[] raw) {
        List<Finding> findings = new ArrayList<>();
        if (raw.length > limits.maxInputBytes()) {
            return limitExceeded(findings, "user data of " + raw.length + " bytes exceed " + limits.maxInputBytes());
        }
        DecodeBudget budget = new DecodeBudget(limits);
        CloudInitProcessor processor = new CloudInitProcessor(fetcher, budget, findings);
        try {
            PyMessage accumulated = processor.process(raw);
            JinjaTemplates jinja = new JinjaTemplates(instanceData, limits.maxRenderedChars());
            List<DecodedPart> parts = HandlerWalk.walk(accumulated, jinja, budget);
            for (DecodedPart p : parts) {
                JinjaRendering r = p.jinja();
                if (r != null && !r.rendered()) {
                    findings.add(new Finding(Severity.WARNING, "JINJA_NOT_RENDERED", p.index(), null, null,
                            "cloud-init ignores jinja part " + p.filename() + ": " + r.error(),
                            instanceData == null ? "pass instance data to render jinja parts" : null));
                }
            }
            return new DecodedUserData(parts, findings, processor.failure());
        } catch (PyCrash e) {
            findings.add(new Finding(Severity.ERROR, "USER_DATA_REJECTED", null, null, null,
                    "cloud-init fails on this user data: " + e.getMessage(), null));
            return new DecodedUserData(List.of(), findings, e.getMessage());
        } catch (DecodeBudget.LimitExceeded e) {
            return limitExceeded(findings, e.getMessage());
        } catch (StackOverflowError e) {
            return limitExceeded(findings, "nesting too deep");
        }
    }

    private static DecodedUserData limitExceeded(List<Finding> findings, String why) {
        findings.add(new Finding(Severity.ERROR, "LIMIT_EXCEEDED", null, null, null,
                "user data not decoded: " + why, "raise the decoder limits if this input is trusted"));
        return new DecodedUserData(List.of(), findings, "decoder limit: " + why);
    }
}
