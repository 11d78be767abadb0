/**
 * cloud-config YAML as cloud-init 22.4 reads and merges it.
 *
 * <p>{@link io.cernvm.context.cloudconfig.CloudConfigYaml} loads one document as PyYAML's
 * safe loader does (YAML 1.1 scalars, merge keys, the safe tags only), within
 * {@link io.cernvm.context.cloudconfig.YamlLimits}. {@link io.cernvm.context.cloudconfig.CloudConfigMerger}
 * merges the cloud-config parts of a user-data document exactly as cloud-init's cloud-config
 * handler does ({@code merge_how} / {@code merge_type}, the {@code Merge-Type} header, the
 * dict, list and str mergers, JSON patches), giving a {@link io.cernvm.context.cloudconfig.CloudConfig}
 * whose {@link io.cernvm.context.cloudconfig.CloudConfig#toJson() JSON form} is what
 * {@code inspect --json} prints. Parts cloud-init would skip are skipped here too, each with a
 * {@link io.cernvm.context.Finding}.
 */
package io.cernvm.context.cloudconfig;
