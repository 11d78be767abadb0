package io.cernvm.context.amiconfig;

/**
 * The {@code [ganglia]} section as the {@code ganglia} plugin reads it ({@code null} = not set;
 * the plugin's defaults are {@code CernVM}, {@code unknown}…, {@code localhost}, {@code yes},
 * {@code 8649}, {@code 1}). Serialised by its component names.
 *
 * @param name         cluster name
 * @param owner        cluster owner
 * @param latlong      latitude and longitude
 * @param url          cluster URL
 * @param location     host location
 * @param host         the send channel host
 * @param bindHostname whether to bind the host name
 * @param port         the port
 * @param ttl          the multicast TTL
 */
public record GangliaPluginConfig(String name, String owner, String latlong, String url, String location, String host,
                                  String bindHostname, String port, String ttl) {

    static GangliaPluginConfig of(AmiconfigSection s) {
        return new GangliaPluginConfig(v(s, "name"), v(s, "owner"), v(s, "latlong"), v(s, "url"), v(s, "location"),
                v(s, "host"), v(s, "bind_hostname"), v(s, "port"), v(s, "ttl"));
    }

    private static String v(AmiconfigSection s, String k) {
        return s.get(k).orElse(null);
    }
}
