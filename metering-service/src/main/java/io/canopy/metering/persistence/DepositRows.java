package io.canopy.metering.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.canopy.contracts.events.DepositKind;
import io.canopy.contracts.events.DepositRecorded;

/** Reading ledger rows back as the events they were appended as. */
final class DepositRows {

    static final String COLUMNS = "deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages,"
            + " day_total_pages, kind, request_id, as_of, recorded_at";

    private DepositRows() {
    }

    static DepositRecorded map(ResultSet rs) throws SQLException {
        return new DepositRecorded(rs.getObject("deposit_id", UUID.class), rs.getObject("dealer_id", UUID.class),
                rs.getObject("account_id", UUID.class), rs.getObject("feed_id", UUID.class),
                rs.getDate("service_date").toLocalDate(), rs.getLong("standard_pages"), rs.getLong("day_total_pages"),
                kind(rs.getString("kind")), rs.getObject("request_id", UUID.class), rs.getDate("as_of").toLocalDate(),
                rs.getTimestamp("recorded_at").toInstant());
    }

    /** The entry with this id; with a dealer, only that dealer's (tenancy). */
    static Optional<DepositRecorded> find(Connection c, UUID depositId, UUID dealerId) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM deposit WHERE deposit_id = ?" + (dealerId == null ? "" : " AND dealer_id = ?");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, depositId);
            if (dealerId != null) {
                s.setObject(2, dealerId);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(map(rs)) : Optional.empty();
            }
        }
    }

    /** The kind as on the wire ({@code regular}, {@code adjustment}, {@code prior-period}). */
    static String wireName(DepositKind kind) {
        try {
            return DepositKind.class.getField(kind.name()).getAnnotation(JsonProperty.class).value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    static DepositKind kind(String wireName) {
        for (DepositKind kind : DepositKind.values()) {
            if (wireName(kind).equals(wireName)) {
                return kind;
            }
        }
        throw new IllegalStateException("unknown deposit kind in the ledger: " + wireName);
    }
}
