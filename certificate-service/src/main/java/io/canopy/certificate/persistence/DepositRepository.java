package io.canopy.certificate.persistence;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.certificate.domain.CountedDeposit;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Params;
import io.canopy.kit.jdbc.Rows;

/** The deposits certificate counts ({@code deposit}, append-only), each placed in the month it counts in. */
@ApplicationScoped
public class DepositRepository {

    @Inject
    Jdbc jdbc;

    public Optional<StoredDeposit> findDeposit(UUID depositId) {
        return jdbc.first("""
                SELECT deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages, kind, request_id,
                       as_of, recorded_at FROM deposit WHERE deposit_id = ?""", ps -> ps.setObject(1, depositId),
                rs -> new StoredDeposit(Rows.uuid(rs, "deposit_id"), Rows.uuid(rs, "dealer_id"), Rows.uuid(rs, "account_id"),
                        Rows.uuid(rs, "feed_id"), Rows.date(rs, "service_date"), rs.getLong("standard_pages"),
                        rs.getString("kind"), Rows.uuid(rs, "request_id"), Rows.date(rs, "as_of"),
                        Rows.instant(rs, "recorded_at")));
    }

    public void insertDeposit(StoredDeposit deposit, YearMonth countedIn, boolean priorPeriod) {
        jdbc.update("""
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
            Params.month(ps, 11, countedIn);
            ps.setBoolean(12, priorPeriod);
        });
    }

    /**
     * The deposits a period's certificate covers: those counted in it, and those of earlier months
     * that closed with a negative total and were carried into it (a chain of them, if need be).
     */
    public List<CountedDeposit> countedIn(PeriodKey key) {
        return jdbc.query("""
                WITH RECURSIVE covered (period) AS (
                    SELECT ?::date
                    UNION ALL
                    SELECT p.period FROM account_period p JOIN covered c ON p.carried_into = c.period
                     WHERE p.account_id = ?)
                SELECT deposit_id, service_date, standard_pages FROM deposit
                 WHERE account_id = ? AND counted_in IN (SELECT period FROM covered)""",
                ps -> {
                    Params.month(ps, 1, key.period());
                    ps.setObject(2, key.accountId());
                    ps.setObject(3, key.accountId());
                }, rs -> new CountedDeposit(Rows.uuid(rs, "deposit_id"), Rows.month(rs, "service_date"),
                        rs.getLong("standard_pages")));
    }
}
