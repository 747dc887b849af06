package io.canopy.health.persistence;

import java.sql.Date;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.events.FeedHealthReason;
import io.canopy.contracts.events.HealthStatus;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Params;
import io.canopy.kit.jdbc.Rows;

/**
 * A feed's health history ({@code feed_health_history}): every published change and every backfill
 * requested, append-only. Runs in the caller's JTA transaction.
 */
@ApplicationScoped
public class FeedHistoryRepository {

    @Inject
    Jdbc jdbc;

    public Set<UUID> requestedBackfills(UUID feedId) {
        return new HashSet<>(jdbc.query(
                "SELECT backfill_id FROM feed_health_history WHERE feed_id = ? AND backfill_id IS NOT NULL",
                ps -> ps.setObject(1, feedId), rs -> Rows.uuid(rs, "backfill_id")));
    }

    public void appendHistory(UUID feedId, UUID dealerId, HistoryEntry.Change change, HealthStatus status,
            FeedHealthReason reason, LocalDate asOf, LocalDate lastNewDataDay, LocalDate episodeStart, UUID backfillId,
            LocalDate windowFrom, LocalDate windowTo) {
        jdbc.update("""
                INSERT INTO feed_health_history (feed_id, dealer_id, change, status, reason, as_of, last_new_data_day,
                    episode_start, backfill_id, window_from, window_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, feedId);
            ps.setObject(2, dealerId);
            Params.name(ps, 3, change);
            Params.name(ps, 4, status);
            Params.name(ps, 5, reason);
            ps.setDate(6, Date.valueOf(asOf));
            Params.date(ps, 7, lastNewDataDay);
            Params.date(ps, 8, episodeStart);
            ps.setObject(9, backfillId);
            Params.date(ps, 10, windowFrom);
            Params.date(ps, 11, windowTo);
        });
    }

    public List<HistoryEntry> history(UUID feedId, long offset, int limit) {
        return jdbc.query("""
                SELECT position, feed_id, change, status, reason, as_of, last_new_data_day, episode_start, backfill_id,
                    window_from, window_to, recorded_at
                FROM feed_health_history WHERE feed_id = ? ORDER BY position OFFSET ? LIMIT ?""", ps -> {
            ps.setObject(1, feedId);
            ps.setLong(2, offset);
            ps.setInt(3, limit);
        }, rs -> new HistoryEntry(rs.getLong("position"), Rows.uuid(rs, "feed_id"),
                Rows.enumValue(rs, "change", HistoryEntry.Change.class), Rows.enumValue(rs, "status", HealthStatus.class),
                Rows.enumValue(rs, "reason", FeedHealthReason.class), Rows.date(rs, "as_of"),
                Rows.date(rs, "last_new_data_day"), Rows.date(rs, "episode_start"), Rows.uuid(rs, "backfill_id"),
                Rows.date(rs, "window_from"), Rows.date(rs, "window_to"), Rows.instant(rs, "recorded_at")));
    }

    public long countHistory(UUID feedId) {
        return jdbc.single("SELECT count(*) AS entries FROM feed_health_history WHERE feed_id = ?",
                ps -> ps.setObject(1, feedId), rs -> rs.getLong("entries"));
    }
}
