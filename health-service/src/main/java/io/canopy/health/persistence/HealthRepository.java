package io.canopy.health.persistence;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.events.FailureKind;
import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.health.domain.FeedKey;
import io.canopy.health.domain.FeedNight;
import io.canopy.health.domain.FeedVerdict;
import io.canopy.health.domain.ServerSignal;

/**
 * JDBC access to health-service's tables. Every method runs in the caller's JTA transaction
 * (Agroal hands out the transaction's connection); methods that lock say so in their name.
 */
@ApplicationScoped
public class HealthRepository {

    private static final String FEED_COLUMNS = """
            feed_id, dealer_id, account_id, server_id, time_zone, status, reason, since, evaluated_as_of,
            last_new_data_at, last_new_data_day, consecutive_failures, episode_start, checked_at, changed_at""";

    private static final String SERVER_COLUMNS = "server_id, dealer_id, status, reason, detail, since, checked_at, changed_at";

    @Inject
    DataSource dataSource;

    // Business time per dealer is service-kit's (io.canopy.kit.time.DealerBusinessTime, table
    // dealer_business_day): one definition for health and certificate (DESIGN.md rule 12).

    // --- feeds --------------------------------------------------------------------------------

    /** The dealer a feed belongs to, if health knows the feed. */
    public Optional<UUID> dealerOfFeed(UUID feedId) {
        return first(query("SELECT dealer_id FROM feed_health WHERE feed_id = ?", ps -> ps.setObject(1, feedId),
                rs -> rs.getObject(1, UUID.class)));
    }

    /** The dealer a server belongs to, if health knows the server. */
    public Optional<UUID> dealerOfServer(UUID serverId) {
        return first(query("SELECT dealer_id FROM server_health WHERE server_id = ?", ps -> ps.setObject(1, serverId),
                rs -> rs.getObject(1, UUID.class)));
    }

    /** Records the feed (or what a later event adds: its server, its zone). */
    public void upsertFeed(FeedKey key, String timeZone) {
        update("""
                INSERT INTO feed_health (feed_id, dealer_id, account_id, server_id, time_zone) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (feed_id) DO UPDATE SET
                    server_id = COALESCE(EXCLUDED.server_id, feed_health.server_id),
                    time_zone = COALESCE(EXCLUDED.time_zone, feed_health.time_zone)
                WHERE EXCLUDED.server_id IS DISTINCT FROM feed_health.server_id AND EXCLUDED.server_id IS NOT NULL
                   OR EXCLUDED.time_zone IS DISTINCT FROM feed_health.time_zone AND EXCLUDED.time_zone IS NOT NULL""",
                ps -> {
                    ps.setObject(1, key.feedId());
                    ps.setObject(2, key.dealerId());
                    ps.setObject(3, key.accountId());
                    ps.setObject(4, key.serverId());
                    ps.setString(5, timeZone);
                });
    }

    /** Merges one event's view of a night into the stored night (or / max: order and repeats do not matter). */
    public void mergeFeedNight(UUID feedId, FeedNight night) {
        update("""
                INSERT INTO feed_night (feed_id, as_of, succeeded, failed, newest_reading_at, newest_data_day)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (feed_id, as_of) DO UPDATE SET
                    succeeded = feed_night.succeeded OR EXCLUDED.succeeded,
                    failed = feed_night.failed OR EXCLUDED.failed,
                    newest_reading_at = GREATEST(feed_night.newest_reading_at, EXCLUDED.newest_reading_at),
                    newest_data_day = GREATEST(feed_night.newest_data_day, EXCLUDED.newest_data_day)""", ps -> {
            ps.setObject(1, feedId);
            ps.setDate(2, Date.valueOf(night.asOf()));
            ps.setBoolean(3, night.succeeded());
            ps.setBoolean(4, night.failed());
            setInstant(ps, 5, night.newestReadingAt());
            setDate(ps, 6, night.newestDataDay());
        });
    }

    public List<FeedNight> feedNights(UUID feedId) {
        return query("""
                SELECT as_of, succeeded, failed, newest_reading_at, newest_data_day FROM feed_night
                WHERE feed_id = ? ORDER BY as_of""", ps -> ps.setObject(1, feedId),
                rs -> new FeedNight(rs.getDate(1).toLocalDate(), rs.getBoolean(2), rs.getBoolean(3), instant(rs, 4),
                        date(rs, 5)));
    }

    /** The feed's row, locked until the transaction ends, so two evaluations of one feed never interleave. */
    public Optional<StoredFeed> lockFeed(UUID feedId) {
        return first(query("SELECT " + FEED_COLUMNS + " FROM feed_health WHERE feed_id = ? FOR UPDATE",
                ps -> ps.setObject(1, feedId), HealthRepository::feed));
    }

    public Optional<StoredFeed> feedOfDealer(UUID dealerId, UUID feedId) {
        return first(query("SELECT " + FEED_COLUMNS + " FROM feed_health WHERE feed_id = ? AND dealer_id = ?", ps -> {
            ps.setObject(1, feedId);
            ps.setObject(2, dealerId);
        }, HealthRepository::feed));
    }

    /** Stores an evaluation: what was found, and the verdict as now published. */
    public void saveFeedEvaluation(UUID feedId, FeedVerdict published, LocalDate since, LocalDate evaluatedAsOf,
            Instant lastNewDataAt, LocalDate lastNewDataDay, int consecutiveFailures, LocalDate episodeStart,
            Instant checkedAt, Instant changedAt) {
        update("""
                UPDATE feed_health SET status = ?, reason = ?, since = ?, evaluated_as_of = ?, last_new_data_at = ?,
                    last_new_data_day = ?, consecutive_failures = ?, episode_start = ?, checked_at = ?,
                    changed_at = COALESCE(?, changed_at)
                WHERE feed_id = ?""", ps -> {
            ps.setString(1, published.status().name());
            ps.setString(2, published.reason() == null ? null : published.reason().name());
            setDate(ps, 3, since);
            setDate(ps, 4, evaluatedAsOf);
            setInstant(ps, 5, lastNewDataAt);
            setDate(ps, 6, lastNewDataDay);
            ps.setInt(7, consecutiveFailures);
            setDate(ps, 8, episodeStart);
            setInstant(ps, 9, checkedAt);
            setInstant(ps, 10, changedAt);
            ps.setObject(11, feedId);
        });
    }

    public List<UUID> feedsOfServer(UUID serverId) {
        return query("SELECT feed_id FROM feed_health WHERE server_id = ? ORDER BY feed_id", ps -> ps.setObject(1, serverId),
                rs -> rs.getObject(1, UUID.class));
    }

    /** Every feed, for the sweep. */
    public List<UUID> allFeeds() {
        return query("SELECT feed_id FROM feed_health ORDER BY feed_id", ps -> {
        }, rs -> rs.getObject(1, UUID.class));
    }

    public List<StoredFeed> listFeeds(UUID dealerId, Optional<HealthStatus> status, Optional<UUID> serverId,
            Optional<UUID> accountId, long offset, int limit) {
        return query("SELECT " + FEED_COLUMNS + " FROM feed_health WHERE " + feedFilter()
                + " ORDER BY feed_id OFFSET ? LIMIT ?", ps -> {
                    int i = bindFeedFilter(ps, dealerId, status, serverId, accountId);
                    ps.setLong(i++, offset);
                    ps.setInt(i, limit);
                }, HealthRepository::feed);
    }

    public long countFeeds(UUID dealerId, Optional<HealthStatus> status, Optional<UUID> serverId, Optional<UUID> accountId) {
        return query("SELECT count(*) FROM feed_health WHERE " + feedFilter(),
                ps -> bindFeedFilter(ps, dealerId, status, serverId, accountId), rs -> rs.getLong(1)).get(0);
    }

    private static String feedFilter() {
        return "dealer_id = ? AND (?::text IS NULL OR status = ?) AND (?::uuid IS NULL OR server_id = ?)"
                + " AND (?::uuid IS NULL OR account_id = ?)";
    }

    private static int bindFeedFilter(PreparedStatement ps, UUID dealerId, Optional<HealthStatus> status,
            Optional<UUID> serverId, Optional<UUID> accountId) throws SQLException {
        ps.setObject(1, dealerId);
        String s = status.map(Enum::name).orElse(null);
        ps.setString(2, s);
        ps.setString(3, s);
        ps.setObject(4, serverId.orElse(null), Types.OTHER);
        ps.setObject(5, serverId.orElse(null), Types.OTHER);
        ps.setObject(6, accountId.orElse(null), Types.OTHER);
        ps.setObject(7, accountId.orElse(null), Types.OTHER);
        return 8;
    }

    /** Unhealthy feeds per reason, for the metrics. */
    public Map<String, Long> unhealthyFeedsByReason() {
        Map<String, Long> counts = new TreeMap<>();
        query("SELECT reason, count(*) FROM feed_health WHERE status = 'UNHEALTHY' GROUP BY reason", ps -> {
        }, rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    // --- history --------------------------------------------------------------------------------

    public Set<UUID> requestedBackfills(UUID feedId) {
        return new HashSet<>(query("SELECT backfill_id FROM feed_health_history WHERE feed_id = ? AND backfill_id IS NOT NULL",
                ps -> ps.setObject(1, feedId), rs -> rs.getObject(1, UUID.class)));
    }

    public void appendHistory(UUID feedId, UUID dealerId, HistoryEntry.Change change, HealthStatus status,
            FeedHealthReason reason, LocalDate asOf, LocalDate lastNewDataDay, LocalDate episodeStart, UUID backfillId,
            LocalDate windowFrom, LocalDate windowTo) {
        update("""
                INSERT INTO feed_health_history (feed_id, dealer_id, change, status, reason, as_of, last_new_data_day,
                    episode_start, backfill_id, window_from, window_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, feedId);
            ps.setObject(2, dealerId);
            ps.setString(3, change.name());
            ps.setString(4, status.name());
            ps.setString(5, reason == null ? null : reason.name());
            ps.setDate(6, Date.valueOf(asOf));
            setDate(ps, 7, lastNewDataDay);
            setDate(ps, 8, episodeStart);
            ps.setObject(9, backfillId);
            setDate(ps, 10, windowFrom);
            setDate(ps, 11, windowTo);
        });
    }

    public List<HistoryEntry> history(UUID feedId, long offset, int limit) {
        return query("""
                SELECT position, feed_id, change, status, reason, as_of, last_new_data_day, episode_start, backfill_id,
                    window_from, window_to, recorded_at
                FROM feed_health_history WHERE feed_id = ? ORDER BY position OFFSET ? LIMIT ?""", ps -> {
            ps.setObject(1, feedId);
            ps.setLong(2, offset);
            ps.setInt(3, limit);
        }, rs -> new HistoryEntry(rs.getLong(1), rs.getObject(2, UUID.class), HistoryEntry.Change.valueOf(rs.getString(3)),
                HealthStatus.valueOf(rs.getString(4)), rs.getString(5) == null ? null : FeedHealthReason.valueOf(rs.getString(5)),
                rs.getDate(6).toLocalDate(), date(rs, 7), date(rs, 8), rs.getObject(9, UUID.class), date(rs, 10), date(rs, 11),
                instant(rs, 12)));
    }

    public long countHistory(UUID feedId) {
        return query("SELECT count(*) FROM feed_health_history WHERE feed_id = ?", ps -> ps.setObject(1, feedId),
                rs -> rs.getLong(1)).get(0);
    }

    // --- servers ------------------------------------------------------------------------------

    public void ensureServer(UUID serverId, UUID dealerId) {
        update("INSERT INTO server_health (server_id, dealer_id) VALUES (?, ?) ON CONFLICT (server_id) DO NOTHING", ps -> {
            ps.setObject(1, serverId);
            ps.setObject(2, dealerId);
        });
    }

    /** Keeps the night's decisive signal: the later one in business time, a failure on an exact tie. */
    public void mergeServerSignal(UUID serverId, ServerSignal signal) {
        update("""
                INSERT INTO server_night (server_id, as_of, signal_at, healthy, kind, detail) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (server_id, as_of) DO UPDATE SET signal_at = EXCLUDED.signal_at, healthy = EXCLUDED.healthy,
                    kind = EXCLUDED.kind, detail = EXCLUDED.detail
                WHERE (EXCLUDED.signal_at, NOT EXCLUDED.healthy, COALESCE(EXCLUDED.kind, ''), COALESCE(EXCLUDED.detail, ''))
                    > (server_night.signal_at, NOT server_night.healthy, COALESCE(server_night.kind, ''),
                       COALESCE(server_night.detail, ''))""", ps -> {
            ps.setObject(1, serverId);
            ps.setDate(2, Date.valueOf(signal.asOf()));
            setInstant(ps, 3, signal.at());
            ps.setBoolean(4, signal.healthy());
            ps.setString(5, signal.kind() == null ? null : signal.kind().name());
            ps.setString(6, signal.detail());
        });
    }

    public List<ServerSignal> serverSignals(UUID serverId) {
        return query("SELECT as_of, signal_at, healthy, kind, detail FROM server_night WHERE server_id = ? ORDER BY as_of",
                ps -> ps.setObject(1, serverId),
                rs -> new ServerSignal(rs.getDate(1).toLocalDate(), instant(rs, 2), rs.getBoolean(3),
                        rs.getString(4) == null ? null : FailureKind.valueOf(rs.getString(4)), rs.getString(5)));
    }

    public Optional<StoredServer> lockServer(UUID serverId) {
        return first(query("SELECT " + SERVER_COLUMNS + " FROM server_health WHERE server_id = ? FOR UPDATE",
                ps -> ps.setObject(1, serverId), HealthRepository::server));
    }

    public void saveServer(UUID serverId, HealthStatus status, FailureKind reason, String detail, LocalDate since,
            Instant checkedAt, Instant changedAt) {
        update("""
                UPDATE server_health SET status = ?, reason = ?, detail = ?, since = COALESCE(?, since), checked_at = ?,
                    changed_at = COALESCE(?, changed_at)
                WHERE server_id = ?""", ps -> {
            ps.setString(1, status.name());
            ps.setString(2, reason == null ? null : reason.name());
            ps.setString(3, detail);
            setDate(ps, 4, since);
            setInstant(ps, 5, checkedAt);
            setInstant(ps, 6, changedAt);
            ps.setObject(7, serverId);
        });
    }

    public List<StoredServer> listServers(UUID dealerId, Optional<HealthStatus> status, long offset, int limit) {
        return query("SELECT " + SERVER_COLUMNS + " FROM server_health WHERE dealer_id = ? AND (?::text IS NULL OR status = ?)"
                + " ORDER BY server_id OFFSET ? LIMIT ?", ps -> {
                    ps.setObject(1, dealerId);
                    ps.setString(2, status.map(Enum::name).orElse(null));
                    ps.setString(3, status.map(Enum::name).orElse(null));
                    ps.setLong(4, offset);
                    ps.setInt(5, limit);
                }, HealthRepository::server);
    }

    public long countServers(UUID dealerId, Optional<HealthStatus> status) {
        return query("SELECT count(*) FROM server_health WHERE dealer_id = ? AND (?::text IS NULL OR status = ?)", ps -> {
            ps.setObject(1, dealerId);
            ps.setString(2, status.map(Enum::name).orElse(null));
            ps.setString(3, status.map(Enum::name).orElse(null));
        }, rs -> rs.getLong(1)).get(0);
    }

    public Map<String, Long> unhealthyServersByReason() {
        Map<String, Long> counts = new TreeMap<>();
        query("SELECT reason, count(*) FROM server_health WHERE status = 'UNHEALTHY' GROUP BY reason", ps -> {
        }, rs -> counts.put(rs.getString(1), rs.getLong(2)));
        return counts;
    }

    // --- row mapping and JDBC plumbing ----------------------------------------------------------

    private static StoredFeed feed(ResultSet rs) throws SQLException {
        FeedKey key = new FeedKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class));
        HealthStatus status = HealthStatus.valueOf(rs.getString(6));
        FeedVerdict verdict = status == HealthStatus.HEALTHY ? FeedVerdict.HEALTHY
                : FeedVerdict.unhealthy(FeedHealthReason.valueOf(rs.getString(7)));
        return new StoredFeed(key, rs.getString(5), verdict, date(rs, 8), date(rs, 9), instant(rs, 10), date(rs, 11),
                rs.getInt(12), date(rs, 13), instant(rs, 14), instant(rs, 15));
    }

    private static StoredServer server(ResultSet rs) throws SQLException {
        return new StoredServer(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), HealthStatus.valueOf(rs.getString(3)),
                rs.getString(4) == null ? null : FailureKind.valueOf(rs.getString(4)), rs.getString(5), date(rs, 6),
                instant(rs, 7), instant(rs, 8));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static void setDate(PreparedStatement ps, int index, LocalDate day) throws SQLException {
        if (day == null) {
            ps.setNull(index, Types.DATE);
        } else {
            ps.setDate(index, Date.valueOf(day));
        }
    }

    private static void setInstant(PreparedStatement ps, int index, Instant instant) throws SQLException {
        if (instant == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, instant.atOffset(java.time.ZoneOffset.UTC));
        }
    }

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("health query failed: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("health update failed: " + e.getMessage(), e);
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }
}
