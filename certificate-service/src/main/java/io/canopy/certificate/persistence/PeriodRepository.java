package io.canopy.certificate.persistence;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.certificate.domain.Hold;
import io.canopy.certificate.domain.PeriodStatus;
import io.canopy.certificate.domain.PeriodView;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Params;
import io.canopy.kit.jdbc.Rows;

/**
 * An account's months ({@code account_period}: OPEN → CLOSING → CLOSED, holds, close dates) and the
 * operator's month closes ({@code operator_month_close}, {@code operator_dealer_month_close}). Every
 * method runs in the caller's JTA transaction; locking methods say so in their name. Business time per
 * dealer is service-kit's DealerBusinessTime.
 */
@ApplicationScoped
public class PeriodRepository {

    @Inject
    Jdbc jdbc;

    /** The period's status, locking its row until the transaction ends (empty when there is none). */
    public Optional<PeriodStatus> lockPeriodStatus(UUID accountId, YearMonth period) {
        return jdbc.first("SELECT status FROM account_period WHERE account_id = ? AND period = ? FOR UPDATE", ps -> {
            ps.setObject(1, accountId);
            Params.month(ps, 2, period);
        }, rs -> Rows.enumValue(rs, "status", PeriodStatus.class));
    }

    /** The period as placement sees it, locking its row until the transaction ends (empty when there is none). */
    public Optional<PeriodView> lockPeriodView(UUID accountId, YearMonth period) {
        return jdbc.first(
                "SELECT status, close_date, held_since FROM account_period WHERE account_id = ? AND period = ? FOR UPDATE",
                ps -> {
                    ps.setObject(1, accountId);
                    Params.month(ps, 2, period);
                }, rs -> new PeriodView(Rows.enumValue(rs, "status", PeriodStatus.class), Rows.date(rs, "close_date"),
                        Rows.date(rs, "held_since")));
    }

    public void openPeriodIfAbsent(UUID accountId, YearMonth period, UUID dealerId) {
        jdbc.update("""
                INSERT INTO account_period (account_id, period, dealer_id, status) VALUES (?, ?, ?, 'OPEN')
                ON CONFLICT (account_id, period) DO NOTHING""", ps -> {
            ps.setObject(1, accountId);
            Params.month(ps, 2, period);
            ps.setObject(3, dealerId);
        });
    }

    /** Whether an operator closed the month for this dealer (or, before closes named dealers, for all). */
    public boolean closedByOperator(UUID dealerId, YearMonth period) {
        return jdbc.first("""
                SELECT 1 AS closed FROM operator_month_close WHERE period = ?
                UNION ALL SELECT 1 FROM operator_dealer_month_close WHERE period = ? AND dealer_id = ?""", ps -> {
            Params.month(ps, 1, period);
            Params.month(ps, 2, period);
            ps.setObject(3, dealerId);
        }, rs -> true).isPresent();
    }

    /** Records an operator's close of the month for one dealer; false when it was already recorded. */
    public boolean recordOperatorClose(YearMonth period, UUID dealerId, LocalDate businessDay) {
        return jdbc.update("""
                INSERT INTO operator_dealer_month_close (period, dealer_id, business_day) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", ps -> {
            Params.month(ps, 1, period);
            ps.setObject(2, dealerId);
            ps.setDate(3, Date.valueOf(businessDay));
        }) == 1;
    }

    /**
     * The dealer's OPEN periods that are due by their nominal date ({@code latestDue} and before) or
     * that an operator closed: each is then closed, or held (MonthCloser decides).
     */
    public List<DuePeriod> openPeriodsToConsider(UUID dealerId, YearMonth latestDue) {
        return jdbc.query("""
                SELECT account_id, period, held_since, close_date FROM account_period p
                 WHERE status = 'OPEN' AND dealer_id = ?
                   AND (period <= ?
                        OR EXISTS (SELECT 1 FROM operator_month_close o WHERE o.period = p.period)
                        OR EXISTS (SELECT 1 FROM operator_dealer_month_close o WHERE o.period = p.period
                                   AND o.dealer_id = p.dealer_id))
                 ORDER BY period, account_id""", ps -> {
            ps.setObject(1, dealerId);
            Params.month(ps, 2, latestDue);
        }, rs -> new DuePeriod(periodKey(rs), Rows.date(rs, "held_since"), Rows.date(rs, "close_date")));
    }

    /** An OPEN period to consider: since when it is held (null: not held), and its close date once fixed. */
    public record DuePeriod(PeriodKey key, LocalDate heldSince, LocalDate closeDate) {
    }

    /** Records why an OPEN period waits (the first day it was found held is kept). */
    public void recordHold(PeriodKey key, LocalDate day, Hold hold) {
        jdbc.update("""
                UPDATE account_period SET held_since = COALESCE(held_since, ?), hold_feed_id = ?, hold_reason = ?,
                    hold_detail = ? WHERE account_id = ? AND period = ? AND status = 'OPEN' AND close_date IS NULL""", ps -> {
            ps.setDate(1, Date.valueOf(day));
            ps.setObject(2, hold.feedId());
            Params.name(ps, 3, hold.reason());
            ps.setString(4, hold.detail());
            ps.setObject(5, key.accountId());
            Params.month(ps, 6, key.period());
        });
    }

    /** Fixes the business date from which the period no longer accepts deposits (once). */
    public void fixCloseDate(PeriodKey key, LocalDate closeDate) {
        jdbc.update("UPDATE account_period SET close_date = ? WHERE account_id = ? AND period = ? AND close_date IS NULL",
                ps -> {
                    ps.setDate(1, Date.valueOf(closeDate));
                    ps.setObject(2, key.accountId());
                    Params.month(ps, 3, key.period());
                });
    }

    /** A dealer's periods of a month, for {@code GET /v1/certificates/periods}. */
    public List<PeriodRow> periodsOf(UUID dealerId, YearMonth period, Optional<UUID> accountId) {
        return jdbc.query("""
                SELECT account_id, period, status, held_since, hold_feed_id, hold_reason, hold_detail, close_date,
                       certificate_id, carried_into
                  FROM account_period WHERE dealer_id = ? AND period = ? AND (?::uuid IS NULL OR account_id = ?::uuid)
                 ORDER BY account_id""", ps -> {
            ps.setObject(1, dealerId);
            Params.month(ps, 2, period);
            ps.setObject(3, accountId.orElse(null));
            ps.setObject(4, accountId.orElse(null));
        }, rs -> new PeriodRow(periodKey(rs), Rows.enumValue(rs, "status", PeriodStatus.class), Rows.date(rs, "held_since"),
                Rows.uuid(rs, "hold_feed_id"), rs.getString("hold_reason"), rs.getString("hold_detail"),
                Rows.date(rs, "close_date"), Rows.uuid(rs, "certificate_id"), Rows.date(rs, "carried_into")));
    }

    public record PeriodRow(PeriodKey key, PeriodStatus status, LocalDate heldSince, UUID holdFeedId, String holdReason,
            String holdDetail, LocalDate closeDate, UUID certificateId, LocalDate carriedInto) {
    }

    /** OPEN → CLOSING for one period (one row lock, so it cannot deadlock with a consumer); false if not OPEN. */
    public boolean startClosing(PeriodKey key) {
        return jdbc.update("""
                UPDATE account_period SET status = 'CLOSING', closing_started_at = now()
                 WHERE account_id = ? AND period = ? AND status = 'OPEN'""", ps -> {
            ps.setObject(1, key.accountId());
            Params.month(ps, 2, key.period());
        }) == 1;
    }

    /**
     * The oldest CLOSING period no other closer is sealing, locked until the transaction ends
     * (replicas skip each other's rows instead of waiting).
     */
    public Optional<ClosingPeriod> lockNextClosing() {
        return jdbc.first("""
                SELECT account_id, period, dealer_id FROM account_period WHERE status = 'CLOSING'
                 ORDER BY period, account_id LIMIT 1 FOR UPDATE SKIP LOCKED""", Jdbc.Binder.NONE,
                rs -> new ClosingPeriod(periodKey(rs), Rows.uuid(rs, "dealer_id")));
    }

    public record ClosingPeriod(PeriodKey key, UUID dealerId) {
    }

    public void markClosed(PeriodKey key, UUID certificateIdOrNull) {
        int updated = jdbc.update("""
                UPDATE account_period SET status = 'CLOSED', closed_at = now(), certificate_id = ?
                 WHERE account_id = ? AND period = ? AND status = 'CLOSING'""", ps -> {
            ps.setObject(1, certificateIdOrNull);
            ps.setObject(2, key.accountId());
            Params.month(ps, 3, key.period());
        });
        if (updated != 1) {
            throw new IllegalStateException("period " + key + " was not CLOSING");
        }
    }

    /** Closes a CLOSING period without a certificate, its deposits carried into the (existing) period {@code into}. */
    public void carryInto(PeriodKey key, YearMonth into) {
        jdbc.update("UPDATE account_period SET carried_into = ? WHERE account_id = ? AND period = ?", ps -> {
            Params.month(ps, 1, into);
            ps.setObject(2, key.accountId());
            Params.month(ps, 3, key.period());
        });
        markClosed(key, null);
    }

    public long countPeriods(YearMonth period, PeriodStatus status, Optional<UUID> dealerId) {
        return jdbc.single("SELECT count(*) AS periods FROM account_period WHERE period = ? AND status = ?"
                + " AND (?::uuid IS NULL OR dealer_id = ?::uuid)", ps -> {
                    Params.month(ps, 1, period);
                    Params.name(ps, 2, status);
                    ps.setObject(3, dealerId.orElse(null));
                    ps.setObject(4, dealerId.orElse(null));
                }, rs -> rs.getLong("periods"));
    }

    static PeriodKey periodKey(ResultSet rs) throws SQLException {
        return new PeriodKey(Rows.uuid(rs, "account_id"), Rows.month(rs, "period"));
    }
}
