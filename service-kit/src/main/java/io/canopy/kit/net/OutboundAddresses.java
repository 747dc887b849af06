package io.canopy.kit.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether Canopy may call a dealer-supplied host (SSRF guard). A vendor server is on the
 * public internet; a dealer must not be able to point a "server" at loopback, private, link-local,
 * unique-local, multicast or unspecified addresses (the cluster, the cloud metadata endpoint, our
 * own services) and read back what they answer.
 *
 * <p>Used twice: by registry when a URL is registered (refuse before any call) and by the collector
 * at connect time, on the address actually resolved (a DNS name may resolve elsewhere later).
 * Local runs, where the simulator listens on 127.0.0.1, name it in an explicit allow-list of
 * {@code host:port} entries ({@code CANOPY_COLLECTOR_ALLOWED_PRIVATE_HOSTS}).
 *
 * <p>Pure Java: classification of literal addresses makes no connection; only {@link #check} with
 * a host name asks the resolver.
 */
public final class OutboundAddresses {

    /** Resolves a host name to all of its addresses; swapped in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;

        Resolver SYSTEM = InetAddress::getAllByName;
    }

    /** Why a call was refused; the message names the kind of address, never what answered there. */
    public static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Set<String> allowedHostPorts;
    private final Resolver resolver;

    private OutboundAddresses(Set<String> allowedHostPorts, Resolver resolver) {
        this.allowedHostPorts = allowedHostPorts;
        this.resolver = resolver;
    }

    /**
     * @param allowList comma-separated {@code host:port} entries that may be internal (local runs:
     *                  the simulator); blank for none
     */
    public static OutboundAddresses allowing(String allowList, Resolver resolver) {
        Set<String> entries = allowList == null ? Set.of()
                : Arrays.stream(allowList.split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .map(OutboundAddresses::normalise)
                        .collect(Collectors.toUnmodifiableSet());
        for (String entry : entries) {
            int colon = entry.lastIndexOf(':');
            if (colon <= 0 || !entry.substring(colon + 1).matches("\\d{1,5}")) {
                throw new IllegalArgumentException("allowed private host '" + entry + "' must be host:port");
            }
        }
        return new OutboundAddresses(entries, resolver);
    }

    public static OutboundAddresses allowing(String allowList) {
        return allowing(allowList, Resolver.SYSTEM);
    }

    public boolean isAllowListed(String host, int port) {
        return allowedHostPorts.contains(normalise(host + ":" + port));
    }

    /**
     * Refuses a host that is not allow-listed and resolves to any internal address (all of a name's
     * addresses are checked: a name with one public and one private address is refused).
     *
     * @return the resolved addresses, so a caller can connect to exactly what was checked
     * @throws Refused with a message fit for the dealer
     */
    public List<InetAddress> check(String host, int port) {
        if (host == null || host.isBlank()) {
            throw new Refused("the URL has no host");
        }
        String bare = stripBrackets(host);
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused("the host name does not resolve");
        }
        if (isAllowListed(bare, port)) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            checkAddress(address, port);
        }
        return List.of(addresses);
    }

    /** Checks one already-resolved address (connect-time re-check against DNS rebinding). */
    public void checkAddress(InetAddress address, int port) {
        if (isAllowListed(address.getHostAddress(), port)) {
            return;
        }
        Optional<String> internal = internalKind(address);
        if (internal.isPresent()) {
            throw new Refused("the host resolves to a " + internal.get()
                    + " address; vendor servers must be reachable on the public internet");
        }
    }

    /** The kind of internal address, or empty for a public one. */
    public static Optional<String> internalKind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Optional<InetAddress> embedded = embeddedIpv4(b);
            if (embedded.isPresent()) {
                return internalKind(embedded.get());
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("unique-local");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("private"); // carrier-grade NAT, 100.64.0.0/10
            }
            if (first >= 240) {
                return Optional.of("reserved"); // 240.0.0.0/4 and broadcast
            }
        }
        return Optional.empty();
    }

    /** IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses hide an IPv4 target. */
    private static Optional<InetAddress> embeddedIpv4(byte[] v6) {
        for (int i = 0; i < 10; i++) {
            if (v6[i] != 0) {
                return Optional.empty();
            }
        }
        boolean mapped = (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff;
        boolean compatible = v6[10] == 0 && v6[11] == 0 && !(v6[12] == 0 && v6[13] == 0 && v6[14] == 0);
        if (!mapped && !compatible) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16)));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String normalise(String hostPort) {
        return stripBrackets(hostPort.trim()).toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
    }
}
