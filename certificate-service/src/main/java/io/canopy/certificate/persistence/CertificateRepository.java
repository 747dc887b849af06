package io.canopy.certificate.persistence;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Params;
import io.canopy.kit.jdbc.Rows;

/**
 * Issued certificates ({@code certificate}) and the round-robin of forestry projects they are
 * assigned to ({@code forestry_rotation}). Runs in the caller's JTA transaction.
 */
@ApplicationScoped
public class CertificateRepository {

    private static final String CERTIFICATE_COLUMNS = """
            certificate_id, dealer_id, account_id, period, pages, prior_period_pages, total_pages, trees,
            forestry_project, deposit_count, seal, as_of, issued_at, account_name""";

    private static final String CERTIFICATE_FILTER = "dealer_id = ?"
            + " AND (?::uuid IS NULL OR account_id = ?::uuid) AND (?::date IS NULL OR period = ?::date)";

    @Inject
    Jdbc jdbc;

    /** The round-robin turn of the next certificate, advanced in this transaction. */
    public long takeRotationTurn() {
        return jdbc.single("UPDATE forestry_rotation SET next_turn = next_turn + 1 WHERE id = 1 RETURNING next_turn - 1 AS turn",
                Jdbc.Binder.NONE, rs -> rs.getLong("turn"));
    }

    public boolean insertCertificate(StoredCertificate c) {
        return jdbc.update("""
                INSERT INTO certificate (certificate_id, dealer_id, account_id, period, pages, prior_period_pages,
                                         total_pages, trees, forestry_project, deposit_count, seal, as_of, issued_at,
                                         account_name)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", ps -> {
            ps.setObject(1, c.certificateId());
            ps.setObject(2, c.dealerId());
            ps.setObject(3, c.accountId());
            Params.month(ps, 4, c.period());
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

    /** A dealer's certificate; empty when absent or another dealer's. */
    public Optional<StoredCertificate> findCertificate(UUID dealerId, UUID certificateId) {
        return jdbc.first("SELECT " + CERTIFICATE_COLUMNS + " FROM certificate WHERE dealer_id = ? AND certificate_id = ?",
                ps -> {
                    ps.setObject(1, dealerId);
                    ps.setObject(2, certificateId);
                }, CertificateRepository::certificate);
    }

    public List<StoredCertificate> listCertificates(UUID dealerId, Optional<UUID> accountId, Optional<YearMonth> period,
            long offset, int limit) {
        return jdbc.query("SELECT " + CERTIFICATE_COLUMNS + " FROM certificate WHERE " + CERTIFICATE_FILTER
                + " ORDER BY period DESC, account_id LIMIT ? OFFSET ?", ps -> {
                    bindFilter(ps, dealerId, accountId, period);
                    ps.setInt(6, limit);
                    ps.setLong(7, offset);
                }, CertificateRepository::certificate);
    }

    public long countCertificates(UUID dealerId, Optional<UUID> accountId, Optional<YearMonth> period) {
        return jdbc.single("SELECT count(*) AS certificates FROM certificate WHERE " + CERTIFICATE_FILTER,
                ps -> bindFilter(ps, dealerId, accountId, period), rs -> rs.getLong("certificates"));
    }

    public List<UUID> certificatesOf(YearMonth period, Optional<UUID> dealerId) {
        return jdbc.query("SELECT certificate_id FROM certificate WHERE period = ? AND (?::uuid IS NULL OR dealer_id = ?::uuid)"
                + " ORDER BY account_id", ps -> {
                    Params.month(ps, 1, period);
                    ps.setObject(2, dealerId.orElse(null));
                    ps.setObject(3, dealerId.orElse(null));
                }, rs -> Rows.uuid(rs, "certificate_id"));
    }

    private static void bindFilter(PreparedStatement ps, UUID dealerId, Optional<UUID> accountId,
            Optional<YearMonth> period) throws SQLException {
        ps.setObject(1, dealerId);
        ps.setObject(2, accountId.orElse(null));
        ps.setObject(3, accountId.orElse(null));
        Params.month(ps, 4, period.orElse(null));
        Params.month(ps, 5, period.orElse(null));
    }

    private static StoredCertificate certificate(ResultSet rs) throws SQLException {
        return new StoredCertificate(Rows.uuid(rs, "certificate_id"), Rows.uuid(rs, "dealer_id"), Rows.uuid(rs, "account_id"),
                Rows.month(rs, "period"), rs.getLong("pages"), rs.getLong("prior_period_pages"), rs.getLong("total_pages"),
                rs.getBigDecimal("trees"), rs.getString("forestry_project"), rs.getInt("deposit_count"),
                rs.getString("seal"), Rows.date(rs, "as_of"), Rows.instant(rs, "issued_at"), rs.getString("account_name"));
    }
}
