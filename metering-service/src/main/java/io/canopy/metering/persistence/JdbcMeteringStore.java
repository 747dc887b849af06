package io.canopy.metering.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.VendorType;
import io.canopy.kit.jdbc.DataAccessException;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.jdbc.Rows;
import io.canopy.kit.outbox.Outbox;
import io.canopy.metering.domain.AggregateVolume;
import io.canopy.metering.domain.AppendOutcome;
import io.canopy.metering.domain.CounterReading;
import io.canopy.metering.domain.Counters;
import io.canopy.metering.domain.DepositExplanation;
import io.canopy.metering.domain.DeviceDay;
import io.canopy.metering.domain.DeviceKey;
import io.canopy.metering.domain.DeviceUsage;
import io.canopy.metering.domain.FeedContext;
import io.canopy.metering.domain.HeldJump;
import io.canopy.metering.domain.LedgerDay;
import io.canopy.metering.domain.Metering;
import io.canopy.metering.domain.MeteringBatch;
import io.canopy.metering.domain.MeteringStore;
import io.canopy.metering.domain.Volume;

/**
 * The metering store in PostgreSQL, one device at a time (plain JDBC on the default datasource: inside
 * the caller's JTA transaction every call shares one connection, the outbox's included). Every ledger
 * append writes its {@code DepositRecorded} to the outbox in the same transaction. The careful path for
 * a poll batch with a dead-lettered record; clean batches go through {@link BatchMeteringStore}.
 */
@ApplicationScoped
public class JdbcMeteringStore implements MeteringStore, MeteringBatch.Opener {

    /** Readings of a request that was dead-lettered take no part in any computation. */
    static final String NOT_PARKED = """
            NOT EXISTS (SELECT 1 FROM parked_request p WHERE p.feed_id = r.feed_id AND p.request_id = r.request_id)""";

    @Inject
    Jdbc jdbc;

    @Inject
    Outbox outbox;

    /** The REST mapper (snake_case): an explanation is stored as the API serves it. */
    @Inject
    ObjectMapper json;

    /**
     * A set-based store for one clean poll batch, in the caller's transaction.
     *
     * @param storedAt     per reading the batch stored (or adopted), the position of its record
     * @param aggregatesAt per aggregate the batch stored, the position of its record
     */
    @Override
    public MeteringBatch open(Map<UUID, Integer> storedAt, Map<UUID, Integer> aggregatesAt) {
        return new BatchMeteringStore(jdbc, outbox, json, storedAt, aggregatesAt);
    }

    @Override
    public Collection<DeviceKey> devicesReadBy(UUID feedId, UUID requestId) {
        return jdbc.query("SELECT DISTINCT vendor, server_id, device_id FROM meter_reading WHERE request_id = ? AND feed_id = ?",
                s -> {
                    s.setObject(1, requestId);
                    s.setObject(2, feedId);
                }, rs -> new DeviceKey(VendorType.valueOf(rs.getString("vendor")), Rows.uuid(rs, "server_id"),
                        rs.getString("device_id")));
    }

    @Override
    public List<CounterReading> readings(UUID feedId, DeviceKey device) {
        return jdbc.query("SELECT reading_time, small_count, large_count, area_hundredths_mm2, counter_source FROM meter_reading r"
                + " WHERE feed_id = ? AND vendor = ? AND server_id = ? AND device_id = ? AND " + NOT_PARKED
                + " ORDER BY reading_time", s -> bindDevice(s, 1, feedId, device),
                rs -> new CounterReading(Rows.instant(rs, "reading_time"), new Counters(rs.getLong("small_count"),
                        rs.getLong("large_count"), (Long) rs.getObject("area_hundredths_mm2")), rs.getString("counter_source")));
    }

    @Override
    public Map<LocalDate, Volume> deviceDays(UUID feedId, DeviceKey device) {
        Map<LocalDate, Volume> days = new HashMap<>();
        jdbc.query("SELECT service_date, small, large, area_hundredths_mm2 FROM device_day_usage"
                + " WHERE feed_id = ? AND vendor = ? AND server_id = ? AND device_id = ?",
                s -> bindDevice(s, 1, feedId, device),
                rs -> days.put(Rows.date(rs, "service_date"), new Volume(rs.getLong("small"), rs.getLong("large"),
                        rs.getLong("area_hundredths_mm2"))));
        return days;
    }

    @Override
    public List<HeldJump> saveDevice(FeedContext feed, DeviceKey device, DeviceUsage usage, Map<LocalDate, Volume> before) {
        return jdbc.inConnection("cannot save device " + device.deviceId() + " of feed " + feed.feedId(), c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO device_state (feed_id, vendor, server_id, device_id, dealer_id, managed, initial_count,
                        latest_count, life_count, segments, last_reading_time)
                    VALUES (?, ?, ?, ?, ?, COALESCE((SELECT managed FROM meter_reading r WHERE r.feed_id = ? AND r.vendor = ?
                        AND r.server_id = ? AND r.device_id = ? ORDER BY reading_time DESC LIMIT 1), true), ?, ?, ?, ?, ?)
                    ON CONFLICT (feed_id, vendor, server_id, device_id) DO UPDATE SET managed = EXCLUDED.managed,
                        initial_count = EXCLUDED.initial_count, latest_count = EXCLUDED.latest_count,
                        life_count = EXCLUDED.life_count, segments = EXCLUDED.segments,
                        last_reading_time = EXCLUDED.last_reading_time,
                        continue_after = NULL""")) { // no checkpoint from this path: the next computation reads all
                int i = bindDevice(upsert, 1, feed.feedId(), device);
                upsert.setObject(i++, feed.dealerId());
                i = bindDevice(upsert, i, feed.feedId(), device);
                upsert.setLong(i++, usage.initial().impressions());
                upsert.setLong(i++, usage.latest().impressions());
                upsert.setLong(i++, usage.lifeCount());
                upsert.setInt(i++, usage.segments());
                upsert.setTimestamp(i, Timestamp.from(usage.lastReadingTime()));
                upsert.executeUpdate();
            }
            // Only what changed is written: a nightly run touches a day or two of a long history.
            Set<LocalDate> kept = new HashSet<>();
            try (PreparedStatement write = c.prepareStatement("""
                    INSERT INTO device_day_usage (feed_id, vendor, server_id, device_id, service_date, small, large,
                        area_hundredths_mm2) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (feed_id, vendor, server_id, device_id, service_date) DO UPDATE SET small = EXCLUDED.small,
                        large = EXCLUDED.large, area_hundredths_mm2 = EXCLUDED.area_hundredths_mm2""")) {
                for (DeviceDay day : usage.days()) {
                    kept.add(day.day());
                    if (day.volume().equals(before.get(day.day()))) {
                        continue;
                    }
                    int i = bindDevice(write, 1, feed.feedId(), device);
                    write.setDate(i++, Date.valueOf(day.day()));
                    write.setLong(i++, day.volume().small());
                    write.setLong(i++, day.volume().large());
                    write.setLong(i, day.volume().areaHundredthsMm2());
                    write.addBatch();
                }
                write.executeBatch();
            }
            List<LocalDate> gone = before.keySet().stream().filter(d -> !kept.contains(d)).toList();
            if (!gone.isEmpty()) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM device_day_usage WHERE feed_id = ?"
                        + " AND vendor = ? AND server_id = ? AND device_id = ? AND service_date = ANY (?)")) {
                    int i = bindDevice(delete, 1, feed.feedId(), device);
                    delete.setArray(i, dates(c, gone));
                    delete.executeUpdate();
                }
            }
            List<HeldJump> newlyHeld = new ArrayList<>();
            try (PreparedStatement hold = c.prepareStatement("""
                    INSERT INTO held_jump (feed_id, vendor, server_id, device_id, from_time, to_time, impressions,
                        plausible_limit, after_reset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")) {
                for (HeldJump jump : usage.held()) {
                    int i = bindDevice(hold, 1, feed.feedId(), device);
                    hold.setTimestamp(i++, Timestamp.from(jump.fromTime()));
                    hold.setTimestamp(i++, Timestamp.from(jump.toTime()));
                    hold.setLong(i++, jump.impressions());
                    hold.setLong(i++, jump.limit());
                    hold.setBoolean(i, jump.afterReset());
                    if (hold.executeUpdate() == 1) {
                        newlyHeld.add(jump);
                    }
                }
            }
            return newlyHeld;
        });
    }

    @Override
    public Map<LocalDate, Map<DeviceKey, Volume>> deviceVolumes(UUID feedId, Set<LocalDate> days) {
        Map<LocalDate, Map<DeviceKey, Volume>> volumes = new HashMap<>();
        perDay(jdbc, "cannot read device volumes of feed " + feedId, """
                SELECT service_date, small, large, area_hundredths_mm2, vendor, server_id, device_id
                  FROM device_day_usage WHERE feed_id = ? AND service_date = ANY (?)""", feedId, days,
                rs -> volumes.computeIfAbsent(Rows.date(rs, "service_date"), d -> new HashMap<>()).put(
                        new DeviceKey(VendorType.valueOf(rs.getString("vendor")), Rows.uuid(rs, "server_id"),
                                rs.getString("device_id")),
                        new Volume(rs.getLong("small"), rs.getLong("large"), rs.getLong("area_hundredths_mm2"))));
        return volumes;
    }

    @Override
    public Map<LocalDate, AggregateVolume> aggregates(UUID feedId, Set<LocalDate> days) {
        Map<LocalDate, AggregateVolume> aggregates = new HashMap<>();
        perDay(jdbc, "cannot read aggregates of feed " + feedId, """
                SELECT DISTINCT ON (service_date) service_date, small_pages, large_pages, duplex_sheets
                  FROM usage_aggregate r WHERE feed_id = ? AND service_date = ANY (?)\s""" + " AND " + NOT_PARKED
                + " ORDER BY service_date, position DESC", feedId, days,
                rs -> aggregates.put(Rows.date(rs, "service_date"), new AggregateVolume(rs.getLong("small_pages"),
                        rs.getLong("large_pages"), rs.getLong("duplex_sheets"))));
        return aggregates;
    }

    @Override
    public Set<LocalDate> aggregateDaysOf(UUID feedId, UUID requestId) {
        return new HashSet<>(jdbc.query("SELECT service_date FROM usage_aggregate WHERE request_id = ? AND feed_id = ?", s -> {
            s.setObject(1, requestId);
            s.setObject(2, feedId);
        }, rs -> Rows.date(rs, "service_date")));
    }

    @Override
    public Map<LocalDate, LedgerDay> ledger(UUID feedId, Set<LocalDate> days) {
        Map<LocalDate, LedgerDay> ledger = new HashMap<>();
        perDay(jdbc, "cannot read the ledger of feed " + feedId, """
                SELECT service_date, sum(standard_pages) AS pages, count(*) AS entries FROM deposit
                 WHERE feed_id = ? AND service_date = ANY (?) GROUP BY service_date""", feedId, days,
                rs -> ledger.put(Rows.date(rs, "service_date"), new LedgerDay(rs.getLong("pages"), rs.getInt("entries"))));
        return ledger;
    }

    @Override
    public AppendOutcome append(DepositRecorded deposit, DepositExplanation explanation) {
        return jdbc.inConnection("cannot append deposit " + deposit.depositId(), c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO deposit (deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages,
                        day_total_pages, kind, request_id, as_of, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (deposit_id) DO NOTHING""")) {
                insert.setObject(1, deposit.depositId());
                insert.setObject(2, deposit.dealerId());
                insert.setObject(3, deposit.accountId());
                insert.setObject(4, deposit.feedId());
                insert.setDate(5, Date.valueOf(deposit.serviceDate()));
                insert.setLong(6, deposit.standardPages());
                insert.setLong(7, deposit.dayTotalPages());
                insert.setString(8, DepositRows.wireName(deposit.kind()));
                insert.setObject(9, deposit.requestId());
                insert.setDate(10, Date.valueOf(deposit.asOf()));
                insert.setTimestamp(11, Timestamp.from(deposit.recordedAt()));
                if (insert.executeUpdate() == 1) {
                    try (PreparedStatement explain = c.prepareStatement(
                            "INSERT INTO deposit_explanation (deposit_id, body) VALUES (?, ?::json)")) {
                        explain.setObject(1, deposit.depositId());
                        explain.setString(2, json.writeValueAsString(explanation));
                        explain.executeUpdate();
                    } catch (JsonProcessingException e) {
                        throw new DataAccessException("cannot write the explanation of deposit " + deposit.depositId(), e);
                    }
                    outbox.append(deposit, Topics.DEPOSITS);
                    return AppendOutcome.APPENDED;
                }
            }
            DepositRecorded existing = DepositRows.find(c, deposit.depositId(), null)
                    .orElseThrow(() -> new DataAccessException("deposit " + deposit.depositId() + " vanished", null));
            return Metering.sameContent(existing, deposit) ? AppendOutcome.ALREADY_RECORDED : AppendOutcome.CONFLICT;
        });
    }

    @Override
    public Map<LocalDate, DepositExplanation> latestExplanations(UUID feedId, Set<LocalDate> days) {
        return storedExplanations(jdbc, json, feedId, days);
    }

    /** Per day of the feed, the explanation of its newest deposit (the one set-based batches read too). */
    static Map<LocalDate, DepositExplanation> storedExplanations(Jdbc jdbc, ObjectMapper json, UUID feedId,
            Collection<LocalDate> days) {
        Map<LocalDate, DepositExplanation> latest = new HashMap<>();
        if (days.isEmpty()) {
            return latest;
        }
        jdbc.inConnection("cannot read the explanations of feed " + feedId, c -> {
            List<Map.Entry<LocalDate, String>> bodies = Jdbc.query(c, """
                    SELECT DISTINCT ON (d.service_date) d.service_date, e.body::text AS body FROM deposit d
                      JOIN deposit_explanation e ON e.deposit_id = d.deposit_id
                     WHERE d.feed_id = ? AND d.service_date = ANY (?) ORDER BY d.service_date, d.position DESC""",
                    s -> bindFeedDays(c, s, feedId, days), rs -> Map.entry(Rows.date(rs, "service_date"), rs.getString("body")));
            for (Map.Entry<LocalDate, String> body : bodies) {
                latest.put(body.getKey(), json.readValue(body.getValue(), DepositExplanation.class));
            }
            return null;
        });
        return latest;
    }

    /**
     * A query of some days of one feed (parameter 1 the feed, 2 the days); each row goes to {@code row},
     * which collects it. No days, no round trip.
     */
    private static void perDay(Jdbc jdbc, String operation, String sql, UUID feedId, Collection<LocalDate> days,
            Jdbc.RowMapper<?> row) {
        if (!days.isEmpty()) {
            jdbc.inConnection(operation, c -> Jdbc.query(c, sql, s -> bindFeedDays(c, s, feedId, days), row));
        }
    }

    private static void bindFeedDays(Connection c, PreparedStatement s, UUID feedId, Collection<LocalDate> days)
            throws SQLException {
        s.setObject(1, feedId);
        s.setArray(2, dates(c, days));
    }

    private static int bindDevice(PreparedStatement s, int index, UUID feedId, DeviceKey device) throws SQLException {
        s.setObject(index, feedId);
        s.setString(index + 1, device.vendor().name());
        s.setObject(index + 2, device.serverId());
        s.setString(index + 3, device.deviceId());
        return index + 4;
    }

    static Array dates(Connection c, Collection<LocalDate> days) throws SQLException {
        return c.createArrayOf("date", days.stream().map(Date::valueOf).toArray());
    }
}
