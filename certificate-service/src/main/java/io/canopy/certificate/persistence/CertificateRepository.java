package io.canopy.certificate.persistence;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.certificate.domain.CountedDeposit;
import io.canopy.certificate.domain.FeedFacts;
import io.canopy.certificate.domain.Hold;
import io.canopy.certificate.domain.PeriodStatus;
import io.canopy.certificate.domain.PeriodView;
import io.canopy.contracts.arithmetic.DateWindow;

/**
 * JDBC access to certificate-service's tables. Every method runs in the caller's JTA transaction
 * (Agroal hands out the transaction's connection); locking methods say so in their name.
 */
@ApplicationScoped
public class CertificateRepository {

    @Inject
    DataSource dataSource;

    // Business time per dealer is service-kit's DealerBusinessTime (table dealer_business_day).

    // --- account names ------------------------------------------------------------------------

    /** Remembers the account's name unless a deposit recorded later already named it. */
    public void rememberAccountName(UUID accountId, UUID dealerId, String name, Instant recordedAt) {
        update("""
                INSERT INTO account_name (account_id, dealer_id, name, recorded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET name = EXCLUDED.name, recorded_at = EXCLUDED.recorded_at,
                    updated_at = now()
                WHERE EXCLUDED.recorded_at >= account_name.recorded_at""", ps -> {
            ps.setObject(1, accountId);
            ps.setObject(2, dealerId);
            ps.setString(3, name);
            ps.setTimestamp(4, Timestamp.from(recordedAt));
        });
    }

    public Optional<String> accountName(UUID accountId) {
        return first(query("SELECT name FROM account_name WHERE account_id = ?", ps -> ps.setObject(1, accountId),
                rs -> rs.getString(1)));
    }

    // --- periods ------------------------------------------------------------------------------

    /** The period's status, locking its row until the transaction ends (empty when there is none). */
    public Optional<PeriodStatus> lockPeriodStatus(UUID accountId, YearMonth period) {
        return first(query("SELECT status FROM account_period WHERE account_id = ? AND period = ? FOR UPDATE", ps -> {
            ps.setObject(1, accountId);
            ps.setDate(2, firstDay(period));
        }, rs -> PeriodStatus.valueOf(rs.getString(1))));
    }

    /** The period as placement sees it, locking its row until the transaction ends (empty when there is none). */
    public Optional<PeriodView> lockPeriodView(UUID accountId, YearMonth period) {
        return first(query("SELECT status, close_date, held_since FROM account_period WHERE account_id = ? AND period = ? FOR UPDATE",
                ps -> {
                    ps.setObject(1, accountId);
                    ps.setDate(2, firstDay(period));
                }, rs -> new PeriodView(PeriodStatus.valueOf(rs.getString(1)), date(rs, 2), date(rs, 3))));
    }

    public void openPeriodIfAbsent(UUID accountId, YearMonth period, UUID dealerId) {
        update("""
                INSERT INTO account_period (account_id, period, dealer_id, status) VALUES (?, ?, ?, 'OPEN')
                ON CONFLICT (account_id, period) DO NOTHING""", ps -> {
            ps.setObject(1, accountId);
            ps.setDate(2, firstDay(period));
            ps.setObject(3, dealerId);
        });
    }

    /** Whether an operator closed the month for this dealer (or, before closes named dealers, for all). */
    public boolean closedByOperator(UUID dealerId, YearMonth period) {
        return !query("""
                SELECT 1 FROM operator_month_close WHERE period = ?
                UNION ALL SELECT 1 FROM operator_dealer_month_close WHERE period = ? AND dealer_id = ?""", ps -> {
            ps.setDate(1, firstDay(period));
            ps.setDate(2, firstDay(period));
            ps.setObject(3, dealerId);
        }, rs -> 1).isEmpty();
    }

    /** Records an operator's close of the month for one dealer; false when it was already recorded. */
    public boolean recordOperatorClose(YearMonth period, UUID dealerId, LocalDate businessDay) {
        return update("""
                INSERT INTO operator_dealer_month_close (period, dealer_id, business_day) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", ps -> {
            ps.setDate(1, firstDay(period));
            ps.setObject(2, dealerId);
            ps.setDate(3, Date.valueOf(businessDay));
        }) == 1;
    }

    /**
     * The dealer's OPEN periods that are due by their nominal date ({@code latestDue} and before) or
     * that an operator closed: each is then closed, or held (MonthCloser decides).
     */
    public List<DuePeriod> openPeriodsToConsider(UUID dealerId, YearMonth latestDue) {
        return query("""
                SELECT account_id, period, held_since, close_date FROM account_period p
                 WHERE status = 'OPEN' AND dealer_id = ?
                   AND (period <= ?
                        OR EXISTS (SELECT 1 FROM operator_month_close o WHERE o.period = p.period)
                        OR EXISTS (SELECT 1 FROM operator_dealer_month_close o WHERE o.period = p.period
                                   AND o.dealer_id = p.dealer_id))
                 ORDER BY period, account_id""", ps -> {
            ps.setObject(1, dealerId);
            ps.setDate(2, firstDay(latestDue));
        }, rs -> new DuePeriod(periodKey(rs), date(rs, 3), date(rs, 4)));
    }

    /** An OPEN period to consider: since when it is held (null: not held), and its close date once fixed. */
    public record DuePeriod(PeriodKey key, LocalDate heldSince, LocalDate closeDate) {
    }

    /** Records why an OPEN period waits (the first day it was found held is kept). */
    public void recordHold(PeriodKey key, LocalDate day, Hold hold) {
        update("""
                UPDATE account_period SET held_since = COALESCE(held_since, ?), hold_feed_id = ?, hold_reason = ?,
                    hold_detail = ? WHERE account_id = ? AND period = ? AND status = 'OPEN' AND close_date IS NULL""", ps -> {
            ps.setDate(1, Date.valueOf(day));
            ps.setObject(2, hold.feedId());
            ps.setString(3, hold.reason().name());
            ps.setString(4, hold.detail());
            ps.setObject(5, key.accountId());
            ps.setDate(6, firstDay(key.period()));
        });
    }

    /** Fixes the business date from which the period no longer accepts deposits (once). */
    public void fixCloseDate(PeriodKey key, LocalDate closeDate) {
        update("UPDATE account_period SET close_date = ? WHERE account_id = ? AND period = ? AND close_date IS NULL", ps -> {
            ps.setDate(1, Date.valueOf(closeDate));
            ps.setObject(2, key.accountId());
            ps.setDate(3, firstDay(key.period()));
        });
    }

    /** A dealer's periods of a month, for {@code GET /v1/certificates/periods}. */
    public List<PeriodRow> periodsOf(UUID dealerId, YearMonth period, Optional<UUID> accountId) {
        return query("""
                SELECT account_id, period, status, held_since, hold_feed_id, hold_reason, hold_detail, close_date,
                       certificate_id, carried_into
                  FROM account_period WHERE dealer_id = ? AND period = ? AND (?::uuid IS NULL OR account_id = ?::uuid)
                 ORDER BY account_id""", ps -> {
            ps.setObject(1, dealerId);
            ps.setDate(2, firstDay(period));
            ps.setObject(3, accountId.orElse(null));
            ps.setObject(4, accountId.orElse(null));
        }, rs -> new PeriodRow(periodKey(rs), PeriodStatus.valueOf(rs.getString(3)), date(rs, 4), (UUID) rs.getObject(5),
                rs.getString(6), rs.getString(7), date(rs, 8), (UUID) rs.getObject(9), date(rs, 10)));
    }

    public record PeriodRow(PeriodKey key, PeriodStatus status, LocalDate heldSince, UUID holdFeedId, String holdReason,
            String holdDetail, LocalDate closeDate, UUID certificateId, LocalDate carriedInto) {
    }

    // --- feeds (from outcomes and health events) -------------------------------------------------

    /** The dealer a feed belongs to, if certificate knows the feed. */
    public Optional<UUID> dealerOfFeed(UUID feedId) {
        return first(query("SELECT dealer_id FROM feed_state WHERE feed_id = ?", ps -> ps.setObject(1, feedId),
                rs -> (UUID) rs.getObject(1)));
    }

    private void ensureFeed(UUID feedId, UUID dealerId, UUID accountId) {
        update("""
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
        update("""
                UPDATE feed_state SET last_outcome_as_of = GREATEST(last_outcome_as_of, ?),
                    collected_to = GREATEST(collected_to, ?), updated_at = now()
                WHERE feed_id = ?""", ps -> {
            ps.setDate(1, Date.valueOf(asOf));
            ps.setDate(2, collected == null ? null : Date.valueOf(collected.to()));
            ps.setObject(3, feedId);
        });
        if (backfill && collected != null) {
            update("""
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
        update("""
                UPDATE feed_state SET
                    stale_since = CASE WHEN NOT ? THEN NULL WHEN ? THEN ?::date ELSE stale_since END,
                    stale_unknown_start = CASE WHEN NOT ? THEN false WHEN ? THEN ? ELSE stale_unknown_start END,
                    stale_changed_at = ?, updated_at = now()
                WHERE feed_id = ? AND (stale_changed_at IS NULL OR stale_changed_at <= ?)""", ps -> {
            ps.setBoolean(1, open);
            ps.setBoolean(2, staleReason);
            ps.setDate(3, staleSince == null ? null : Date.valueOf(staleSince));
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
        update("""
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
        return query("""
                SELECT feed_id, collected_to, last_outcome_as_of, stale_since, stale_unknown_start, backfill_from, backfill_to
                  FROM feed_state WHERE account_id = ? ORDER BY feed_id""", ps -> ps.setObject(1, accountId),
                rs -> new FeedFacts((UUID) rs.getObject(1), date(rs, 2), date(rs, 3), date(rs, 4), rs.getBoolean(5), date(rs, 6),
                        date(rs, 7)));
    }

    /** OPEN → CLOSING for one period (one row lock, so it cannot deadlock with a consumer); false if not OPEN. */
    public boolean startClosing(PeriodKey key) {
        return update("""
                UPDATE account_period SET status = 'CLOSING', closing_started_at = now()
                 WHERE account_id = ? AND period = ? AND status = 'OPEN'""", ps -> {
            ps.setObject(1, key.accountId());
            ps.setDate(2, firstDay(key.period()));
        }) == 1;
    }

    /**
     * The oldest CLOSING period no other closer is sealing, locked until the transaction ends
     * (replicas skip each other's rows instead of waiting).
     */
    public Optional<ClosingPeriod> lockNextClosing() {
        return first(query("""
                SELECT account_id, period, dealer_id FROM account_period WHERE status = 'CLOSING'
                 ORDER BY period, account_id LIMIT 1 FOR UPDATE SKIP LOCKED""", ps -> {
        }, rs -> new ClosingPeriod(periodKey(rs), (UUID) rs.getObject(3))));
    }

    public record ClosingPeriod(PeriodKey key, UUID dealerId) {
    }

    public void markClosed(PeriodKey key, UUID certificateIdOrNull) {
        int updated = update("""
                UPDATE account_period SET status = 'CLOSED', closed_at = now(), certificate_id = ?
                 WHERE account_id = ? AND period = ? AND status = 'CLOSING'""", ps -> {
            ps.setObject(1, certificateIdOrNull);
            ps.setObject(2, key.accountId());
            ps.setDate(3, firstDay(key.period()));
        });
        if (updated != 1) {
            throw new IllegalStateException("period " + key + " was not CLOSING");
        }
    }

    public long countPeriods(YearMonth period, PeriodStatus status, Optional<UUID> dealerId) {
        return query("SELECT count(*) FROM account_period WHERE period = ? AND status = ? AND (?::uuid IS NULL OR dealer_id = ?::uuid)",
                ps -> {
                    ps.setDate(1, firstDay(period));
                    ps.setString(2, status.name());
                    ps.setObject(3, dealerId.orElse(null));
                    ps.setObject(4, dealerId.orElse(null));
                }, rs -> rs.getLong(1)).get(0);
    }

    // --- deposits -----------------------------------------------------------------------------

    public Optional<StoredDeposit> findDeposit(UUID depositId) {
        return first(query("""
                SELECT deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages, kind, request_id,
                       as_of, recorded_at FROM deposit WHERE deposit_id = ?""", ps -> ps.setObject(1, depositId),
                rs -> new StoredDeposit((UUID) rs.getObject(1), (UUID) rs.getObject(2), (UUID) rs.getObject(3),
                        (UUID) rs.getObject(4), rs.getDate(5).toLocalDate(), rs.getLong(6), rs.getString(7),
                        (UUID) rs.getObject(8), rs.getDate(9).toLocalDate(), rs.getTimestamp(10).toInstant())));
    }

    public void insertDeposit(StoredDeposit deposit, YearMonth countedIn, boolean priorPeriod) {
        update("""
                INSERT INTO deposit (deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages, kind,
                                     request_id, as_of, recorded_at, counted_in, prior_period)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, deposit.depositId());
            ps.setObject(2, deposit.dealerId());
            ps.setObject(3, deposit.accountId());
            ps.setObject(4, deposit.feedId());
            ps.setDate(5, Date.valueOf(deposit.serviceDate()));
            ps.setLong(6, deposit.standardPages());
            ps.setString(7, deposit.kind());
            ps.setObject(8, deposit.requestId());
            ps.setDate(9, Date.valueOf(deposit.asOf()));
            ps.setTimestamp(10, Timestamp.from(deposit.recordedAt()));
            ps.setDate(11, firstDay(countedIn));
            ps.setBoolean(12, priorPeriod);
        });
    }

    /**
     * The deposits a period's certificate covers: those counted in it, and those of earlier months
     * that closed with a negative total and were carried into it (a chain of them, if need be).
     */
    public List<CountedDeposit> countedIn(PeriodKey key) {
        return query("""
                WITH RECURSIVE covered (period) AS (
                    SELECT ?::date
                    UNION ALL
                    SELECT p.period FROM account_period p JOIN covered c ON p.carried_into = c.period
                     WHERE p.account_id = ?)
                SELECT deposit_id, service_date, standard_pages FROM deposit
                 WHERE account_id = ? AND counted_in IN (SELECT period FROM covered)""",
                ps -> {
                    ps.setDate(1, firstDay(key.period()));
                    ps.setObject(2, key.accountId());
                    ps.setObject(3, key.accountId());
                }, rs -> new CountedDeposit((UUID) rs.getObject(1), YearMonth.from(rs.getDate(2).toLocalDate()),
                        rs.getLong(3)));
    }

    /** Closes a CLOSING period without a certificate, its deposits carried into the (existing) period {@code into}. */
    public void carryInto(PeriodKey key, YearMonth into) {
        update("UPDATE account_period SET carried_into = ? WHERE account_id = ? AND period = ?", ps -> {
            ps.setDate(1, firstDay(into));
            ps.setObject(2, key.accountId());
            ps.setDate(3, firstDay(key.period()));
        });
        markClosed(key, null);
    }

    // --- certificates -------------------------------------------------------------------------

    /** The round-robin turn of the next certificate, advanced in this transaction. */
    public long takeRotationTurn() {
        return query("UPDATE forestry_rotation SET next_turn = next_turn + 1 WHERE id = 1 RETURNING next_turn - 1",
                ps -> {
                }, rs -> rs.getLong(1)).get(0);
    }

    public boolean insertCertificate(StoredCertificate c) {
        return update("""
                INSERT INTO certificate (certificate_id, dealer_id, account_id, period, pages, prior_period_pages,
                                         total_pages, trees, forestry_project, deposit_count, seal, as_of, issued_at,
                                         account_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", ps -> {
            ps.setObject(1, c.certificateId());
            ps.setObject(2, c.dealerId());
            ps.setObject(3, c.accountId());
            ps.setDate(4, firstDay(c.period()));
            ps.setLong(5, c.pages());
            ps.setLong(6, c.priorPeriodPages());
            ps.setLong(7, c.totalPages());
            ps.setBigDecimal(8, c.trees());
            ps.setString(9, c.forestryProject());
            ps.setInt(10, c.depositCount());
            ps.setString(11, c.seal());
            ps.setDate(12, Date.valueOf(c.asOf()));
            ps.setTimestamp(13, Timestamp.from(c.issuedAt()));
            ps.setString(14, c.accountName());
        }) == 1;
    }

    private static final String CERTIFICATE_COLUMNS = """
            certificate_id, dealer_id, account_id, period, pages, prior_period_pages, total_pages, trees,
            forestry_project, deposit_count, seal, as_of, issued_at, account_name""";

    /** A dealer's certificate; empty when absent or another dealer's. */
    public Optional<StoredCertificate> findCertificate(UUID dealerId, UUID certificateId) {
        return first(query("SELECT " + CERTIFICATE_COLUMNS + " FROM certificate WHERE dealer_id = ? AND certificate_id = ?",
                ps -> {
                    ps.setObject(1, dealerId);
                    ps.setObject(2, certificateId);
                }, CertificateRepository::certificate));
    }

    public List<StoredCertificate> listCertificates(UUID dealerId, Optional<UUID> accountId, Optional<YearMonth> period,
            long offset, int limit) {
        return query("SELECT " + CERTIFICATE_COLUMNS + " FROM certificate WHERE dealer_id = ?"
                + " AND (?::uuid IS NULL OR account_id = ?::uuid) AND (?::date IS NULL OR period = ?::date)"
                + " ORDER BY period DESC, account_id LIMIT ? OFFSET ?", ps -> {
                    bindFilters(ps, dealerId, accountId, period);
                    ps.setInt(6, limit);
                    ps.setLong(7, offset);
                }, CertificateRepository::certificate);
    }

    public long countCertificates(UUID dealerId, Optional<UUID> accountId, Optional<YearMonth> period) {
        return query("SELECT count(*) FROM certificate WHERE dealer_id = ?"
                + " AND (?::uuid IS NULL OR account_id = ?::uuid) AND (?::date IS NULL OR period = ?::date)",
                ps -> bindFilters(ps, dealerId, accountId, period), rs -> rs.getLong(1)).get(0);
    }

    public List<UUID> certificatesOf(YearMonth period, Optional<UUID> dealerId) {
        return query("SELECT certificate_id FROM certificate WHERE period = ? AND (?::uuid IS NULL OR dealer_id = ?::uuid)"
                + " ORDER BY account_id", ps -> {
                    ps.setDate(1, firstDay(period));
                    ps.setObject(2, dealerId.orElse(null));
                    ps.setObject(3, dealerId.orElse(null));
                }, rs -> (UUID) rs.getObject(1));
    }

    private static void bindFilters(PreparedStatement ps, UUID dealerId, Optional<UUID> accountId,
            Optional<YearMonth> period) throws SQLException {
        ps.setObject(1, dealerId);
        ps.setObject(2, accountId.orElse(null));
        ps.setObject(3, accountId.orElse(null));
        ps.setDate(4, period.map(CertificateRepository::firstDay).orElse(null));
        ps.setDate(5, period.map(CertificateRepository::firstDay).orElse(null));
    }

    // --- plumbing -----------------------------------------------------------------------------

    static Date firstDay(YearMonth period) {
        return Date.valueOf(period.atDay(1));
    }

    private static LocalDate date(ResultSet rs, int column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    private static PeriodKey periodKey(ResultSet rs) throws SQLException {
        return new PeriodKey((UUID) rs.getObject("account_id"), YearMonth.from(rs.getDate("period").toLocalDate()));
    }

    private static StoredCertificate certificate(ResultSet rs) throws SQLException {
        return new StoredCertificate((UUID) rs.getObject(1), (UUID) rs.getObject(2), (UUID) rs.getObject(3),
                YearMonth.from(rs.getDate(4).toLocalDate()), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                rs.getBigDecimal(8), rs.getString(9), rs.getInt(10), rs.getString(11), rs.getDate(12).toLocalDate(),
                rs.getTimestamp(13).toInstant(), rs.getString(14));
    }

    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceFailure(sql, e);
        }
    }

    private int update(String sql, Binder binder) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement ps = connection.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceFailure(sql, e);
        }
    }

    private static <T> Optional<T> first(List<T> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** A database failure; the SQL is named (never the values, which could be anything). */
    public static final class PersistenceFailure extends RuntimeException {
        PersistenceFailure(String sql, SQLException cause) {
            super("database statement failed (" + cause.getSQLState() + "): " + sql.strip().lines().findFirst().orElse("")
                    + ": " + cause.getMessage(), cause);
        }
    }
}
