package io.cernvm.context;

import io.cernvm.context.amiconfig.AmiconfigDocument;
import io.cernvm.context.cloudconfig.CloudConfig;
import io.cernvm.context.mime.DecodedUserData;
import io.cernvm.context.ucernvm.UcernvmBlock;
import io.cernvm.context.ucernvm.UcernvmSettings;
import java.util.List;

/**
 * What each of CernVM's agents makes of one user-data document: cloud-init's parts and merged
 * cloud-config, the µCernVM bootloader's block (exact and tolerant), amiconfig's sections, and
 * every finding of every check. {@link InspectionJson} writes it as the {@code inspect --json}
 * object.
 *
 * @param size        the raw user data's size in bytes
 * @param decoded     cloud-init's decoding
 * @param parts       the parts with their agents
 * @param cloudConfig the merged cloud-config (empty when no part is cloud-config)
 * @param compat      the bootloader's exact reading of the block
 * @param settings    the tolerant, typed reading, extra user data applied
 * @param amiconfig   amiconfig's reading (extra user data appended, as amiconfig does)
 * @param findings    every finding, ordered by part, line and column
 */
public record Inspection(int size, DecodedUserData decoded, List<InspectedPart> parts, CloudConfig cloudConfig,
                         UcernvmBlock compat, UcernvmSettings settings, AmiconfigDocument amiconfig,
                         List<Finding> findings) {

    /** Copies the lists. */
    public Inspection {
        parts = List.copyOf(parts);
        findings = List.copyOf(findings);
    }

    /** @return whether any finding has severity {@link Severity#ERROR} */
    public boolean hasErrors() {
        return findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
    }
}
