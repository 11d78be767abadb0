package io.cernvm.cvmfs.internal.download;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The name lookups a PAC file may make ({@code dnsResolve}, {@code isResolvable},
 * {@code isInNet}, {@code myIpAddress}); injected so that tests need no DNS.
 */
public interface PacHostResolver {

    /** Lookups through the system resolver, IPv4 addresses preferred as PAC files expect. */
    PacHostResolver SYSTEM = new PacHostResolver() {
        @Override
        public Optional<String> resolve(String host) {
            try {
                InetAddress[] all = InetAddress.getAllByName(host);
                for (InetAddress a : all) {
                    if (a instanceof Inet4Address) {
                        return Optional.of(a.getHostAddress());
                    }
                }
                return all.length == 0 ? Optional.empty() : Optional.of(all[0].getHostAddress());
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }

        @Override
        public String localAddress() {
            try {
                return InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException | SecurityException e) {
                return "127.0.0.1";
            }
        }
    };

    /**
     * @param host a host name or address
     * @return its address in text form (dotted quad for IPv4), empty when it does not resolve
     */
    Optional<String> resolve(String host);

    /** @return this machine's address in text form */
    String localAddress();
}
