package io.cernvm.context.cloudconfig;

/**
 * Bounds on one cloud-config document, so hostile user data cannot exhaust memory or stack.
 * Documents beyond a bound are refused with a {@link io.cernvm.api.UserDataException}
 * naming where the bound was crossed.
 *
 * @param maxChars         the longest document, in UTF-16 characters
 * @param maxDepth         the deepest nesting of mappings and sequences (PyYAML itself fails
 *                         at about 490 levels, cloud-init's merge at about 199)
 * @param maxAliases       the most aliases to mappings or sequences in one document
 * @param maxExpandedNodes the most nodes the document may have with every alias expanded
 *                         (a "billion laughs" bomb has 10<sup>9</sup>)
 */
public record YamlLimits(int maxChars, int maxDepth, int maxAliases, long maxExpandedNodes) {

    /** 4 Mi characters, 128 levels, 10,000 aliases, 1,000,000 expanded nodes. */
    public static final YamlLimits DEFAULT = new YamlLimits(4 << 20, 128, 10_000, 1_000_000);

    /** Checks that every bound is positive. */
    public YamlLimits {
        if (maxChars < 1 || maxDepth < 1 || maxAliases < 0 || maxExpandedNodes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}
