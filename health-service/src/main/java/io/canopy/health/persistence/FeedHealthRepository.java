package io.canopy.health.persistence;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.health.domain.FeedKey;
import io.canopy.health.domain.FeedNight;
import io.canopy.health.domain.FeedVerdict;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Params;
import io.canopy.kit.jdbc.Rows;

/**
 * A feed's health: its row in {@code feed_health} (the verdict as published) and what each night
 * told about it ({@code feed_night}). Every method runs in the caller's JTA transaction; methods that
 * lock say so in their name. Business time per dealer is service-kit's (DealerBusinessTime).
 */
@ApplicationScoped
public class FeedHealthRepository {

    private static final String FEED_COLUMNS = """
            feed_id, dealer_id, account_id, server_id, time_zone, status, reason, since, evaluated_as_of,
            last_new_data_at, last_new_data_day, consecutive_failures, episode_start, checked_at, changed_at""";

    @Inject
    Jdbc jdbc;

    /** The dealer a feed belongs to, if health knows the feed. */
    public Optional<UUID> dealerOfFeed(UUID feedId) {
        return jdbc.first("SELECT dealer_id FROM feed_health WHERE feed_id = ?", ps -> ps.setObject(1, feedId),
                rs -> Rows.uuid(rs, "dealer_id"));
    }

    /** Records the feed (or what a later event adds: its server, its zone). */
    public void upsertFeed(FeedKey key, String timeZone) {
        jdbc.update("""
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
        jdbc.update("""
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
            Params.instant(ps, 5, night.newestReadingAt());
            Params.date(ps, 6, night.newestDataDay());
        });
    }

    public List<FeedNight> feedNights(UUID feedId) {
        return jdbc.query("""
                SELECT as_of, succeeded, failed, newest_reading_at, newest_data_day FROM feed_night
                WHERE feed_id = ? ORDER BY as_of""", ps -> ps.setObject(1, feedId),
                rs -> new FeedNight(Rows.date(rs, "as_of"), rs.getBoolean("succeeded"), rs.getBoolean("failed"),
                        Rows.instant(rs, "newest_reading_at"), Rows.date(rs, "newest_data_day")));
    }

    /** The feed's row, locked until the transaction ends, so two evaluations of one feed never interleave. */
    public Optional<StoredFeed> lockFeed(UUID feedId) {
        return jdbc.first("SELECT " + FEED_COLUMNS + " FROM feed_health WHERE feed_id = ? FOR UPDATE",
                ps -> ps.setObject(1, feedId), FeedHealthRepository::feed);
    }

    public Optional<StoredFeed> feedOfDealer(UUID dealerId, UUID feedId) {
        return jdbc.first("SELECT " + FEED_COLUMNS + " FROM feed_health WHERE feed_id = ? AND dealer_id = ?", ps -> {
            ps.setObject(1, feedId);
            ps.setObject(2, dealerId);
        }, FeedHealthRepository::feed);
    }

    /** Stores an evaluation: what was found, and the verdict as now published. */
    public void saveFeedEvaluation(UUID feedId, FeedVerdict published, LocalDate since, LocalDate evaluatedAsOf,
            Instant lastNewDataAt, LocalDate lastNewDataDay, int consecutiveFailures, LocalDate episodeStart,
            Instant checkedAt, Instant changedAt) {
        jdbc.update("""
                UPDATE feed_health SET status = ?, reason = ?, since = ?, evaluated_as_of = ?, last_new_data_at = ?,
                    last_new_data_day = ?, consecutive_failures = ?, episode_start = ?, checked_at = ?,
                    changed_at = COALESCE(?, changed_at)
                WHERE feed_id = ?""", ps -> {
            Params.name(ps, 1, published.status());
            Params.name(ps, 2, published.reason());
            Params.date(ps, 3, since);
            Params.date(ps, 4, evaluatedAsOf);
            Params.instant(ps, 5, lastNewDataAt);
            Params.date(ps, 6, lastNewDataDay);
            ps.setInt(7, consecutiveFailures);
            Params.date(ps, 8, episodeStart);
            Params.instant(ps, 9, checkedAt);
            Params.instant(ps, 10, changedAt);
            ps.setObject(11, feedId);
        });
    }

    public List<UUID> feedsOfServer(UUID serverId) {
        return jdbc.query("SELECT feed_id FROM feed_health WHERE server_id = ? ORDER BY feed_id",
                ps -> ps.setObject(1, serverId), rs -> Rows.uuid(rs, "feed_id"));
    }

    /** Every feed, for the sweep. */
    public List<UUID> allFeeds() {
        return jdbc.query("SELECT feed_id FROM feed_health ORDER BY feed_id", Jdbc.Binder.NONE,
                rs -> Rows.uuid(rs, "feed_id"));
    }

    public List<StoredFeed> listFeeds(UUID dealerId, Optional<HealthStatus> status, Optional<UUID> serverId,
            Optional<UUID> accountId, long offset, int limit) {
        return jdbc.query("SELECT " + FEED_COLUMNS + " FROM feed_health WHERE " + FEED_FILTER
                + " ORDER BY feed_id OFFSET ? LIMIT ?", ps -> {
                    int i = bindFeedFilter(ps, dealerId, status, serverId, accountId);
                    ps.setLong(i++, offset);
                    ps.setInt(i, limit);
                }, FeedHealthRepository::feed);
    }

    public long countFeeds(UUID dealerId, Optional<HealthStatus> status, Optional<UUID> serverId, Optional<UUID> accountId) {
        return jdbc.single("SELECT count(*) AS feeds FROM feed_health WHERE " + FEED_FILTER,
                ps -> bindFeedFilter(ps, dealerId, status, serverId, accountId), rs -> rs.getLong("feeds"));
    }

    private static final String FEED_FILTER = "dealer_id = ? AND (?::text IS NULL OR status = ?)"
            + " AND (?::uuid IS NULL OR server_id = ?) AND (?::uuid IS NULL OR account_id = ?)";

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
        jdbc.query("SELECT reason, count(*) AS feeds FROM feed_health WHERE status = 'UNHEALTHY' GROUP BY reason",
                Jdbc.Binder.NONE, rs -> counts.put(rs.getString("reason"), rs.getLong("feeds")));
        return counts;
    }

    private static StoredFeed feed(ResultSet rs) throws SQLException {
        FeedKey key = new FeedKey(Rows.uuid(rs, "feed_id"), Rows.uuid(rs, "dealer_id"), Rows.uuid(rs, "account_id"),
                Rows.uuid(rs, "server_id"));
        HealthStatus status = Rows.enumValue(rs, "status", HealthStatus.class);
        FeedVerdict verdict = status == HealthStatus.HEALTHY ? FeedVerdict.HEALTHY
                : FeedVerdict.unhealthy(Rows.enumValue(rs, "reason", FeedHealthReason.class));
        return new StoredFeed(key, rs.getString("time_zone"), verdict, Rows.date(rs, "since"),
                Rows.date(rs, "evaluated_as_of"), Rows.instant(rs, "last_new_data_at"), Rows.date(rs, "last_new_data_day"),
                rs.getInt("consecutive_failures"), Rows.date(rs, "episode_start"), Rows.instant(rs, "checked_at"),
                Rows.instant(rs, "changed_at"));
    }
}
