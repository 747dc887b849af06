package io.canopy.health.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.health.domain.ServerSignal;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Params;
import io.canopy.kit.jdbc.Rows;

/**
 * A server's health: its row in {@code server_health} (as last published) and each night's decisive
 * signal ({@code server_night}). Runs in the caller's JTA transaction; locking methods say so.
 */
@ApplicationScoped
public class ServerHealthRepository {

    private static final String SERVER_COLUMNS = "server_id, dealer_id, status, reason, detail, since, checked_at, changed_at";

    @Inject
    Jdbc jdbc;

    /** The dealer a server belongs to, if health knows the server. */
    public Optional<UUID> dealerOfServer(UUID serverId) {
        return jdbc.first("SELECT dealer_id FROM server_health WHERE server_id = ?", ps -> ps.setObject(1, serverId),
                rs -> Rows.uuid(rs, "dealer_id"));
    }

    public void ensureServer(UUID serverId, UUID dealerId) {
        jdbc.update("INSERT INTO server_health (server_id, dealer_id) VALUES (?, ?) ON CONFLICT (server_id) DO NOTHING",
                ps -> {
                    ps.setObject(1, serverId);
                    ps.setObject(2, dealerId);
                });
    }

    /** Keeps the night's decisive signal: the later one in business time, a failure on an exact tie. */
    public void mergeServerSignal(UUID serverId, ServerSignal signal) {
        jdbc.update("""
                INSERT INTO server_night (server_id, as_of, signal_at, healthy, kind, detail) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (server_id, as_of) DO UPDATE SET signal_at = EXCLUDED.signal_at, healthy = EXCLUDED.healthy,
                    kind = EXCLUDED.kind, detail = EXCLUDED.detail
                WHERE (EXCLUDED.signal_at, NOT EXCLUDED.healthy, COALESCE(EXCLUDED.kind, ''), COALESCE(EXCLUDED.detail, ''))
                    > (server_night.signal_at, NOT server_night.healthy, COALESCE(server_night.kind, ''),
                       COALESCE(server_night.detail, ''))""", ps -> {
            ps.setObject(1, serverId);
            ps.setDate(2, Date.valueOf(signal.asOf()));
            Params.instant(ps, 3, signal.at());
            ps.setBoolean(4, signal.healthy());
            Params.name(ps, 5, signal.kind());
            ps.setString(6, signal.detail());
        });
    }

    public List<ServerSignal> serverSignals(UUID serverId) {
        return jdbc.query(
                "SELECT as_of, signal_at, healthy, kind, detail FROM server_night WHERE server_id = ? ORDER BY as_of",
                ps -> ps.setObject(1, serverId),
                rs -> new ServerSignal(Rows.date(rs, "as_of"), Rows.instant(rs, "signal_at"), rs.getBoolean("healthy"),
                        Rows.enumValue(rs, "kind", FailureKind.class), rs.getString("detail")));
    }

    public Optional<StoredServer> lockServer(UUID serverId) {
        return jdbc.first("SELECT " + SERVER_COLUMNS + " FROM server_health WHERE server_id = ? FOR UPDATE",
                ps -> ps.setObject(1, serverId), ServerHealthRepository::server);
    }

    public void saveServer(UUID serverId, HealthStatus status, FailureKind reason, String detail, LocalDate since,
            Instant checkedAt, Instant changedAt) {
        jdbc.update("""
                UPDATE server_health SET status = ?, reason = ?, detail = ?, since = COALESCE(?, since), checked_at = ?,
                    changed_at = COALESCE(?, changed_at)
                WHERE server_id = ?""", ps -> {
            Params.name(ps, 1, status);
            Params.name(ps, 2, reason);
            ps.setString(3, detail);
            Params.date(ps, 4, since);
            Params.instant(ps, 5, checkedAt);
            Params.instant(ps, 6, changedAt);
            ps.setObject(7, serverId);
        });
    }

    public List<StoredServer> listServers(UUID dealerId, Optional<HealthStatus> status, long offset, int limit) {
        return jdbc.query("SELECT " + SERVER_COLUMNS + " FROM server_health WHERE " + SERVER_FILTER
                + " ORDER BY server_id OFFSET ? LIMIT ?", ps -> {
                    bindServerFilter(ps, dealerId, status);
                    ps.setLong(4, offset);
                    ps.setInt(5, limit);
                }, ServerHealthRepository::server);
    }

    public long countServers(UUID dealerId, Optional<HealthStatus> status) {
        return jdbc.single("SELECT count(*) AS servers FROM server_health WHERE " + SERVER_FILTER,
                ps -> bindServerFilter(ps, dealerId, status), rs -> rs.getLong("servers"));
    }

    private static final String SERVER_FILTER = "dealer_id = ? AND (?::text IS NULL OR status = ?)";

    private static void bindServerFilter(java.sql.PreparedStatement ps, UUID dealerId, Optional<HealthStatus> status)
            throws SQLException {
        ps.setObject(1, dealerId);
        ps.setString(2, status.map(Enum::name).orElse(null));
        ps.setString(3, status.map(Enum::name).orElse(null));
    }

    public Map<String, Long> unhealthyServersByReason() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("SELECT reason, count(*) AS servers FROM server_health WHERE status = 'UNHEALTHY' GROUP BY reason",
                Jdbc.Binder.NONE, rs -> counts.put(rs.getString("reason"), rs.getLong("servers")));
        return counts;
    }

    private static StoredServer server(ResultSet rs) throws SQLException {
        return new StoredServer(Rows.uuid(rs, "server_id"), Rows.uuid(rs, "dealer_id"),
                Rows.enumValue(rs, "status", HealthStatus.class), Rows.enumValue(rs, "reason", FailureKind.class),
                rs.getString("detail"), Rows.date(rs, "since"), Rows.instant(rs, "checked_at"),
                Rows.instant(rs, "changed_at"));
    }
}
