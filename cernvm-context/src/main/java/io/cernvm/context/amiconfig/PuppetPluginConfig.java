package io.cernvm.context.amiconfig;

/**
 * The {@code [puppet]} section as the {@code puppet} plugin reads it ({@code null} = not set):
 * with {@code puppet_server} it configures a client, without it a puppet master. Serialised by
 * its component names.
 *
 * @param puppetServer          the master to use
 * @param puppetPort            its port
 * @param puppetLog             the client log
 * @param puppetExtraOpts       extra client options
 * @param puppetmasterManifest  the master's manifest
 * @param puppetmasterPorts     the master's ports
 * @param puppetmasterLog       the master's log
 * @param puppetmasterExtraOpts extra master options
 */
public record PuppetPluginConfig(String puppetServer, String puppetPort, String puppetLog, String puppetExtraOpts,
                                 String puppetmasterManifest, String puppetmasterPorts, String puppetmasterLog,
                                 String puppetmasterExtraOpts) {

    static PuppetPluginConfig of(AmiconfigSection s) {
        return new PuppetPluginConfig(v(s, "puppet_server"), v(s, "puppet_port"), v(s, "puppet_log"),
                v(s, "puppet_extra_opts"), v(s, "puppetmaster_manifest"), v(s, "puppetmaster_ports"),
                v(s, "puppetmaster_log"), v(s, "puppetmaster_extra_opts"));
    }

    /** @return whether the plugin configures a puppet master (no {@code puppet_server}) */
    public boolean configuresMaster() {
        return puppetServer == null;
    }

    private static String v(AmiconfigSection s, String k) {
        return s.get(k).orElse(null);
    }
}
