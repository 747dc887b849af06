package io.canopy.metering.persistence;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.events.DepositRecorded;
import io.canopy.kit.jdbc.Jdbc;

/** Read side of the dealer API. Every query takes the dealer: another dealer's rows do not exist. */
@ApplicationScoped
public class LedgerQueries {

    @Inject
    Jdbc jdbc;

    public record DepositFilter(UUID accountId, UUID feedId, LocalDate startDate, LocalDate endDate) {
    }

    public record DepositPage(List<DepositRecorded> deposits, long total) {
    }

    public record DayPages(LocalDate day, long pages) {
    }

    public record DeviceRow(String deviceId, String vendor, UUID serverId, boolean managed, long initialCount,
            long latestCount, long lifeCount, java.time.Instant lastReadingTime) {
    }

    public DepositPage deposits(UUID dealerId, DepositFilter filter, long offset, int limit) {
        StringBuilder where = new StringBuilder(" WHERE dealer_id = ?");
        List<Object> args = new ArrayList<>(List.of(dealerId));
        if (filter.accountId() != null) {
            where.append(" AND account_id = ?");
            args.add(filter.accountId());
        }
        if (filter.feedId() != null) {
            where.append(" AND feed_id = ?");
            args.add(filter.feedId());
        }
        if (filter.startDate() != null) {
            where.append(" AND service_date >= ?");
            args.add(Date.valueOf(filter.startDate()));
        }
        if (filter.endDate() != null) {
            where.append(" AND service_date < ?"); // half-open, like every window in Canopy
            args.add(Date.valueOf(filter.endDate()));
        }
        return jdbc.inConnection("cannot list deposits", c -> {
            long total;
            try (PreparedStatement count = c.prepareStatement("SELECT count(*) FROM deposit" + where)) {
                bind(count, args);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<DepositRecorded> deposits = new ArrayList<>();
            try (PreparedStatement page = c.prepareStatement("SELECT " + DepositRows.COLUMNS + " FROM deposit" + where
                    + " ORDER BY service_date, position LIMIT ? OFFSET ?")) {
                int next = bind(page, args);
                page.setInt(next, limit);
                page.setLong(next + 1, offset);
                try (ResultSet rs = page.executeQuery()) {
                    while (rs.next()) {
                        deposits.add(DepositRows.map(rs));
                    }
                }
            }
            return new DepositPage(deposits, total);
        });
    }

    public Optional<DepositRecorded> deposit(UUID dealerId, UUID depositId) {
        return jdbc.inConnection("cannot read deposit", c -> {
            return DepositRows.find(c, depositId, dealerId);
        });
    }

    /**
     * The stored explanation (JSON) of the dealer's deposit: empty when the deposit is not the dealer's or
     * does not exist; a present deposit without an explanation (appended before explanations were kept)
     * gives an empty inner value.
     */
    public Optional<Optional<String>> explanation(UUID dealerId, UUID depositId) {
        // Outer Optional: the deposit is the dealer's; inner: it has an explanation.
        return jdbc.first("""
                SELECT e.body::text AS body FROM deposit d LEFT JOIN deposit_explanation e ON e.deposit_id = d.deposit_id
                 WHERE d.deposit_id = ? AND d.dealer_id = ?""", s -> {
            s.setObject(1, depositId);
            s.setObject(2, dealerId);
        }, rs -> Optional.ofNullable(rs.getString("body")));
    }

    /** Whether metering knows this account under this dealer (a feed of it, or a deposit). */
    public boolean accountKnown(UUID dealerId, UUID accountId) {
        return exists("SELECT EXISTS (SELECT 1 FROM feed WHERE dealer_id = ? AND account_id = ?)"
                + " OR EXISTS (SELECT 1 FROM deposit WHERE dealer_id = ? AND account_id = ?)", dealerId, accountId,
                dealerId, accountId);
    }

    public boolean feedKnown(UUID dealerId, UUID feedId) {
        return exists("SELECT EXISTS (SELECT 1 FROM feed WHERE dealer_id = ? AND feed_id = ?)"
                + " OR EXISTS (SELECT 1 FROM device_state WHERE dealer_id = ? AND feed_id = ?)", dealerId, feedId, dealerId,
                feedId);
    }

    /** Ledger pages of the account per service date in [start, end). */
    public List<DayPages> dailyPages(UUID dealerId, UUID accountId, LocalDate start, LocalDate end) {
        List<DayPages> days = new ArrayList<>();
        jdbc.inConnection("cannot sum the account's pages", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT service_date, sum(standard_pages) FROM deposit
                     WHERE dealer_id = ? AND account_id = ? AND service_date >= ? AND service_date < ?
                     GROUP BY service_date ORDER BY service_date""")) {
                bind(s, List.of(dealerId, accountId, Date.valueOf(start), Date.valueOf(end)));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        days.add(new DayPages(rs.getDate(1).toLocalDate(), rs.getLong(2)));
                    }
                }
            }
            return null;
        });
        return days;
    }

    public record DevicePage(List<DeviceRow> devices, long total) {
    }

    /** One page of a feed's devices, in device id order, and how many there are in all. */
    public DevicePage devices(UUID dealerId, UUID feedId, long offset, int limit) {
        List<DeviceRow> devices = new ArrayList<>();
        return jdbc.inConnection("cannot list devices", c -> {
            long total;
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT count(*) FROM device_state WHERE dealer_id = ? AND feed_id = ?")) {
                bind(count, List.of(dealerId, feedId));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT device_id, vendor, server_id, managed, initial_count, latest_count, life_count, last_reading_time
                      FROM device_state WHERE dealer_id = ? AND feed_id = ? ORDER BY device_id LIMIT ? OFFSET ?""")) {
                int next = bind(s, List.of(dealerId, feedId));
                s.setInt(next, limit);
                s.setLong(next + 1, offset);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        devices.add(new DeviceRow(rs.getString(1), rs.getString(2), rs.getObject(3, UUID.class),
                                rs.getBoolean(4), rs.getLong(5), rs.getLong(6), rs.getLong(7),
                                rs.getTimestamp(8).toInstant()));
                    }
                }
            }
            return new DevicePage(devices, total);
        });
    }

    private boolean exists(String sql, Object... args) {
        return jdbc.single(sql, s -> bind(s, List.of(args)), rs -> rs.getBoolean(1));
    }

    private static int bind(PreparedStatement s, List<Object> args) throws SQLException {
        int i = 1;
        for (Object arg : args) {
            s.setObject(i++, arg);
        }
        return i;
    }
}
