package io.canopy.simulator.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.canopy.simulator.scenario.FaultSpec;

/**
 * Request-level faults per server: counted ones (the next N requests), persistent latency and endless paging.
 * State-changing faults (revoke credentials, expire tokens, integrations) act on {@link SimState}.
 */
public final class FaultBook {

    static final Set<String> COUNTED = Set.of("status", "rate_limit", "truncated", "hang", "invalid", "slow_drip",
            "gzip_bomb", "huge_body");
    static final Set<String> STATEFUL = Set.of("latency", "endless_paging", "revoke_credentials", "restore_credentials",
            "expire_tokens", "disable_integration", "enable_integration");
    /** Counted faults whose answer is streamed rather than sent whole. */
    /** What a {@code gzip_bomb} inflates to unless it says {@code bytes}. */
    public static final long DEFAULT_BOMB_BYTES = 256L * 1024 * 1024;
    public static final Set<String> STREAMED = Set.of("slow_drip", "gzip_bomb", "huge_body");

    private final Map<String, List<Pending>> counted = new ConcurrentHashMap<>();
    private final Map<String, FaultSpec> latency = new ConcurrentHashMap<>();
    private final Map<String, FaultSpec> endlessPaging = new ConcurrentHashMap<>();

    private static final class Pending {
        final FaultSpec spec;
        int remaining;

        Pending(FaultSpec spec) {
            this.spec = spec;
            this.remaining = spec.timesOrDefault();
        }
    }

    /** Registers a fault; throws IllegalArgumentException naming what is wrong. */
    public void add(FaultSpec fault, SimState state) {
        if (fault.server() == null || fault.server().isBlank()) {
            throw new IllegalArgumentException("a fault needs 'server' (the simulated server's name)");
        }
        String type = fault.type() == null ? "" : fault.type().toLowerCase(Locale.ROOT);
        if (COUNTED.contains(type)) {
            if ("status".equals(type) && (fault.status() == null || fault.status() < 400 || fault.status() > 599)) {
                throw new IllegalArgumentException("a 'status' fault needs 'status' between 400 and 599");
            }
            if (fault.timesOrDefault() < 1) {
                throw new IllegalArgumentException("'times' must be at least 1");
            }
            if ("gzip_bomb".equals(type)) {
                Bombs.gzip(fault.bytesOr(DEFAULT_BOMB_BYTES)); // made now, so serving it is instant
            }
            counted.computeIfAbsent(fault.server(), k -> new ArrayList<>());
            synchronized (counted.get(fault.server())) {
                counted.get(fault.server()).add(new Pending(fault));
            }
            return;
        }
        switch (type) {
            case "latency" -> latency.put(fault.server(), fault);
            case "endless_paging" -> endlessPaging.put(fault.server(), fault);
            case "revoke_credentials" -> {
                state.revoke(fault.server());
                state.expireTokens(fault.server());
            }
            case "restore_credentials" -> state.restore(fault.server());
            case "expire_tokens" -> state.expireTokens(fault.server());
            case "disable_integration" -> state.disableIntegration(fault.server(), requireCustomer(fault));
            case "enable_integration" -> state.enableIntegration(fault.server(), requireCustomer(fault));
            default -> throw new IllegalArgumentException("unknown fault type '" + fault.type() + "'; known: "
                    + COUNTED + " " + STATEFUL);
        }
    }

    private static String requireCustomer(FaultSpec fault) {
        if (fault.customer() == null) {
            throw new IllegalArgumentException("'" + fault.type() + "' needs 'customer'");
        }
        return fault.customer();
    }

    /** Takes the first pending counted fault that matches the request path, if any. */
    public Optional<FaultSpec> take(String server, String path) {
        List<Pending> pending = counted.get(server);
        if (pending == null) {
            return Optional.empty();
        }
        synchronized (pending) {
            for (var it = pending.iterator(); it.hasNext();) {
                Pending p = it.next();
                if (p.spec.pathContains() == null || path.contains(p.spec.pathContains())) {
                    if (--p.remaining <= 0) {
                        it.remove();
                    }
                    return Optional.of(p.spec);
                }
            }
        }
        return Optional.empty();
    }

    public Optional<FaultSpec> latency(String server) {
        return Optional.ofNullable(latency.get(server));
    }

    /** The endless-paging fault of the server, when it applies to the request path. */
    public Optional<FaultSpec> endlessPaging(String server, String path) {
        return Optional.ofNullable(endlessPaging.get(server))
                .filter(f -> f.pathContains() == null || path.contains(f.pathContains()));
    }

    /** Forgets counted faults and latency of one server (or all when null). */
    public void clear(String server) {
        if (server == null) {
            counted.clear();
            latency.clear();
            endlessPaging.clear();
        } else {
            counted.remove(server);
            latency.remove(server);
            endlessPaging.remove(server);
        }
    }
}
