package io.canopy.simulator.api;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulator's mutable state: the simulated clock, revoked credentials, Printanista integrations
 * switched off, and OneStop's issued tokens.
 */
public final class SimState {

    private volatile LocalDate clock;
    private final Set<String> revokedServers = ConcurrentHashMap.newKeySet();
    private final Set<String> disabledIntegrations = ConcurrentHashMap.newKeySet();
    /** token → server name. */
    private final Map<String, String> oneStopTokens = new ConcurrentHashMap<>();

    public SimState(LocalDate clock) {
        this.clock = clock;
    }

    /** Days before this date are complete. */
    public LocalDate clock() {
        return clock;
    }

    public synchronized void moveClock(LocalDate to, boolean allowBackward) {
        if (to.isBefore(clock) && !allowBackward) {
            throw new IllegalArgumentException("the clock only moves forward (now " + clock + ", asked " + to
                    + "); pass allow_backward=true to rewind");
        }
        clock = to;
    }

    public boolean credentialsRevoked(String server) {
        return revokedServers.contains(server);
    }

    public void revoke(String server) {
        revokedServers.add(server);
    }

    public void restore(String server) {
        revokedServers.remove(server);
    }

    public boolean integrationDisabled(String server, String customer) {
        return disabledIntegrations.contains(server + "/" + customer);
    }

    public void disableIntegration(String server, String customer) {
        disabledIntegrations.add(server + "/" + customer);
    }

    public void enableIntegration(String server, String customer) {
        disabledIntegrations.remove(server + "/" + customer);
    }

    public void issueToken(String token, String server) {
        oneStopTokens.put(token, server);
    }

    public boolean tokenValid(String token, String server) {
        return server.equals(oneStopTokens.get(token));
    }

    public void expireTokens(String server) {
        oneStopTokens.values().removeIf(server::equals);
    }
}
