package io.canopy.certificate.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.certificate.domain.FeedFacts;
import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Params;
import io.canopy.kit.jdbc.Rows;

/**
 * What certificate knows of each feed ({@code feed_state}), from collection outcomes and health
 * events: how far it collected, its staleness episode, a pending backfill. Runs in the caller's JTA
 * transaction.
 */
@ApplicationScoped
public class FeedStateRepository {

    @Inject
    Jdbc jdbc;

    /** The dealer a feed belongs to, if certificate knows the feed. */
    public Optional<UUID> dealerOfFeed(UUID feedId) {
        return jdbc.first("SELECT dealer_id FROM feed_state WHERE feed_id = ?", ps -> ps.setObject(1, feedId),
                rs -> Rows.uuid(rs, "dealer_id"));
    }

    private void ensureFeed(UUID feedId, UUID dealerId, UUID accountId) {
        jdbc.update("""
                INSERT INTO feed_state (feed_id, dealer_id, account_id) VALUES (?, ?, ?)
                ON CONFLICT (feed_id) DO NOTHING""", ps -> {
            ps.setObject(1, feedId);
            ps.setObject(2, dealerId);
            ps.setObject(3, accountId);
        });
    }

    /**
     * A collection outcome of the feed: the latest outcome date always; on success, how far it
     * collected (max, so order does not matter), and a pending backfill is cleared when this was a
     * backfill collection covering its window.
     *
     * @param collected the window of a successful collection, null for a failure
     */
    public void recordOutcome(UUID feedId, UUID dealerId, UUID accountId, LocalDate asOf, DateWindow collected,
            boolean backfill) {
        ensureFeed(feedId, dealerId, accountId);
        jdbc.update("""
                UPDATE feed_state SET last_outcome_as_of = GREATEST(last_outcome_as_of, ?),
                    collected_to = GREATEST(collected_to, ?), updated_at = now()
                WHERE feed_id = ?""", ps -> {
            ps.setDate(1, Date.valueOf(asOf));
            Params.date(ps, 2, collected == null ? null : collected.to());
            ps.setObject(3, feedId);
        });
        if (backfill && collected != null) {
            jdbc.update("""
                    UPDATE feed_state SET backfill_id = NULL, backfill_from = NULL, backfill_to = NULL, updated_at = now()
                    WHERE feed_id = ? AND backfill_from >= ? AND backfill_to <= ?""", ps -> {
                ps.setObject(1, feedId);
                ps.setDate(2, Date.valueOf(collected.from()));
                ps.setDate(3, Date.valueOf(collected.to()));
            });
        }
    }

    /**
     * The feed's staleness episode as health last published it (older changes arriving late are
     * ignored): open from {@code staleSince} (or from the feed's start when it never had data), or
     * closed ({@code open = false}). A change to another unhealthy reason keeps an open episode as it is.
     */
    public void recordStaleness(UUID feedId, UUID dealerId, UUID accountId, boolean open, boolean staleReason,
            LocalDate staleSince, Instant changedAt) {
        ensureFeed(feedId, dealerId, accountId);
        jdbc.update("""
                UPDATE feed_state SET
                    stale_since = CASE WHEN NOT ? THEN NULL WHEN ? THEN ?::date ELSE stale_since END,
                    stale_unknown_start = CASE WHEN NOT ? THEN false WHEN ? THEN ? ELSE stale_unknown_start END,
                    stale_changed_at = ?, updated_at = now()
                WHERE feed_id = ? AND (stale_changed_at IS NULL OR stale_changed_at <= ?)""", ps -> {
            ps.setBoolean(1, open);
            ps.setBoolean(2, staleReason);
            Params.date(ps, 3, staleSince);
            ps.setBoolean(4, open);
            ps.setBoolean(5, staleReason);
            ps.setBoolean(6, staleSince == null);
            ps.setTimestamp(7, Timestamp.from(changedAt));
            ps.setObject(8, feedId);
            ps.setTimestamp(9, Timestamp.from(changedAt));
        });
    }

    /** A backfill health requested when an episode ended: pending until a backfill collection covers it. */
    public void recordBackfill(UUID feedId, UUID dealerId, UUID accountId, UUID backfillId, LocalDate from, LocalDate to) {
        ensureFeed(feedId, dealerId, accountId);
        jdbc.update("""
                UPDATE feed_state SET backfill_id = ?, backfill_from = LEAST(backfill_from, ?), backfill_to = GREATEST(backfill_to, ?),
                    updated_at = now()
                WHERE feed_id = ?""", ps -> {
            ps.setObject(1, backfillId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            ps.setObject(4, feedId);
        });
    }

    /** What certificate knows of every feed of the account. */
    public List<FeedFacts> feedsOfAccount(UUID accountId) {
        return jdbc.query("""
                SELECT feed_id, collected_to, last_outcome_as_of, stale_since, stale_unknown_start, backfill_from, backfill_to
                  FROM feed_state WHERE account_id = ? ORDER BY feed_id""", ps -> ps.setObject(1, accountId),
                rs -> new FeedFacts(Rows.uuid(rs, "feed_id"), Rows.date(rs, "collected_to"),
                        Rows.date(rs, "last_outcome_as_of"), Rows.date(rs, "stale_since"),
                        rs.getBoolean("stale_unknown_start"), Rows.date(rs, "backfill_from"), Rows.date(rs, "backfill_to")));
    }
}
