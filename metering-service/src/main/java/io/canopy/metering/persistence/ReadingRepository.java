package io.canopy.metering.persistence;

import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.metering.domain.FeedContext;

/** Stores what arrives on the readings topic, idempotently by the events' deterministic ids. */
@ApplicationScoped
public class ReadingRepository {

    /** The (feed, request) a record belongs to. */
    public record RequestOfFeed(UUID feedId, UUID requestId) {
    }

    @Inject
    Jdbc jdbc;

    /**
     * Stores readings in one statement. A repeat of a stored reading is a no-op, unless the stored copy
     * came with a parked request: then the new request adopts it, so the reading counts again. A reading
     * stored at a time before a device's checkpoint ({@code device_state.continue_after}) clears the
     * checkpoint, so the device is computed from all its readings next time.
     */
    private static final String STORE_READINGS = """
            WITH input AS (
                SELECT DISTINCT ON (snapshot_id) * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[],
                        ?::uuid[], ?::text[], ?::boolean[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::bigint[],
                        ?::date[], ?::text[]) WITH ORDINALITY AS i(snapshot_id, request_id, dealer_id, feed_id, vendor,
                        server_id, device_id, managed, reading_time, small_count, large_count, area_hundredths_mm2, as_of,
                        counter_source, ord)
                 ORDER BY snapshot_id, ord),
            stored AS (
                INSERT INTO meter_reading (snapshot_id, request_id, dealer_id, feed_id, vendor, server_id, device_id, managed,
                    reading_time, small_count, large_count, area_hundredths_mm2, as_of, counter_source)
                SELECT snapshot_id, request_id, dealer_id, feed_id, vendor, server_id, device_id, managed, reading_time,
                       small_count, large_count, area_hundredths_mm2, as_of, counter_source FROM input
                ON CONFLICT (snapshot_id) DO UPDATE SET request_id = EXCLUDED.request_id
                 WHERE EXISTS (SELECT 1 FROM parked_request p
                                WHERE p.feed_id = meter_reading.feed_id AND p.request_id = meter_reading.request_id)
                RETURNING snapshot_id, feed_id, vendor, server_id, device_id, reading_time),
            invalidated AS (
                UPDATE device_state d SET continue_after = NULL FROM stored s
                 WHERE d.feed_id = s.feed_id AND d.vendor = s.vendor AND d.server_id = s.server_id
                   AND d.device_id = s.device_id AND s.reading_time < d.continue_after)
            SELECT snapshot_id FROM stored""";

    /** @return how many readings were new (or adopted from a parked request) */
    public int storeReadings(List<MeterSnapshot> snapshots) {
        return storeReadingsAt(snapshots.stream().map(s -> new Indexed<>(0, s)).toList()).size();
    }

    /** A record of a poll batch and its position in it. */
    public record Indexed<T>(int index, T value) {
    }

    /**
     * Stores the batch's readings in one statement.
     *
     * @return per reading this call inserted or adopted, the position of the first record that carried it
     */
    public Map<UUID, Integer> storeReadingsAt(List<Indexed<MeterSnapshot>> snapshots) {
        Map<UUID, Integer> stored = new HashMap<>();
        if (snapshots.isEmpty()) {
            return stored;
        }
        Map<UUID, Integer> first = new HashMap<>();
        Columns rows = new Columns(14);
        for (Indexed<MeterSnapshot> indexed : snapshots) {
            MeterSnapshot s = indexed.value();
            first.putIfAbsent(s.snapshotId(), indexed.index());
            rows.row(s.snapshotId(), s.requestId(), s.dealerId(), s.feedId(), s.vendor().name(), s.serverId(), s.deviceId(),
                    s.managed(), s.readingTime(), s.smallCount(), s.largeCount(), s.areaHundredthsMm2(), s.asOf(),
                    s.counterSource());
        }
        return storeReturningIds("cannot store " + snapshots.size() + " readings", STORE_READINGS, rows, first);
    }

    /**
     * Stores the batch's aggregates in one statement, in batch order (their {@code position} follows it).
     *
     * @return per aggregate this call inserted, the position of the first record that carried it
     */
    public Map<UUID, Integer> storeAggregatesAt(List<Indexed<UsageAggregate>> aggregates) {
        Map<UUID, Integer> stored = new HashMap<>();
        if (aggregates.isEmpty()) {
            return stored;
        }
        Map<UUID, Integer> first = new HashMap<>();
        Columns rows = new Columns(8);
        for (Indexed<UsageAggregate> indexed : aggregates) {
            UsageAggregate a = indexed.value();
            first.putIfAbsent(a.aggregateId(), indexed.index());
            rows.row(a.aggregateId(), a.feedId(), a.serviceDate(), a.requestId(), a.smallPages(), a.largePages(),
                    a.duplexSheets(), a.deviceCount());
        }
        return storeReturningIds("cannot store " + aggregates.size() + " aggregates", """
                INSERT INTO usage_aggregate (aggregate_id, feed_id, service_date, request_id, small_pages, large_pages,
                    duplex_sheets, device_count)
                SELECT aggregate_id, feed_id, service_date, request_id, small_pages, large_pages, duplex_sheets, device_count
                  FROM unnest(?::uuid[], ?::uuid[], ?::date[], ?::uuid[], ?::bigint[], ?::bigint[], ?::bigint[], ?::int[])
                       WITH ORDINALITY AS a(aggregate_id, feed_id, service_date, request_id, small_pages, large_pages,
                       duplex_sheets, device_count, ord)
                 ORDER BY ord
                ON CONFLICT (aggregate_id) DO NOTHING RETURNING aggregate_id""", rows,
                first);
    }

    /**
     * Records the messages as consumed (service-kit's {@code consumed_message}, in the caller's
     * transaction), all in one statement.
     *
     * @return the ids not consumed before
     */
    public Set<String> consumeFirstTime(String consumer, List<String> messageIds) {
        Set<String> first = new HashSet<>();
        if (messageIds.isEmpty()) {
            return first;
        }
        Columns rows = new Columns(1);
        messageIds.forEach(rows::row);
        return jdbc.inConnection("cannot record consumed messages", c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO consumed_message (consumer, message_id) SELECT ?, m FROM unnest(?::text[]) AS m
                    ON CONFLICT DO NOTHING RETURNING message_id""")) {
                insert.setString(1, consumer);
                rows.bind(c, insert, 2);
                try (ResultSet rs = insert.executeQuery()) {
                    while (rs.next()) {
                        first.add(rs.getString(1));
                    }
                }
                return first;
            }
        });
    }

    /** A feed as stored: what a completion without zone, basis, name or activation date keeps. */
    public record StoredFeed(String timeZone, String paperBasis, String accountName, LocalDate activationDate) {
    }

    /** The stored feeds among these, in one query. */
    public Map<UUID, StoredFeed> feeds(Collection<UUID> feedIds) {
        Map<UUID, StoredFeed> feeds = new HashMap<>();
        if (feedIds.isEmpty()) {
            return feeds;
        }
        Columns ids = new Columns(1);
        feedIds.forEach(ids::row);
        return jdbc.inConnection("cannot read feeds", c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT feed_id, time_zone, paper_basis, account_name, activation_date FROM feed
                     WHERE feed_id = ANY (?::uuid[])""")) {
                ids.bind(c, s, 1);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Date activation = rs.getDate(5);
                        feeds.put(rs.getObject(1, UUID.class), new StoredFeed(rs.getString(2), rs.getString(3),
                                rs.getString(4), activation == null ? null : activation.toLocalDate()));
                    }
                }
                return feeds;
            }
        });
    }

    /**
     * The feed as this completion describes it on top of what was stored (the same rules as
     * {@link #upsertFeed}), without writing: {@link #saveFeeds} writes a batch's feeds at once.
     */
    public static FeedContext describe(CollectionCompleted completed, StoredFeed stored, ZoneId defaultZone) {
        String zone = completed.timeZone() != null ? completed.timeZone()
                : stored != null ? stored.timeZone() : defaultZone.getId();
        String basis = completed.paperBasis() != null ? completed.paperBasis().name()
                : stored != null ? stored.paperBasis() : PaperBasis.LETTER.name();
        String name = completed.accountName() != null ? completed.accountName() : stored == null ? null : stored.accountName();
        LocalDate activation = completed.activationDate() != null ? completed.activationDate()
                : stored == null ? null : stored.activationDate();
        return new FeedContext(completed.feedId(), completed.dealerId(), completed.accountId(), ZoneId.of(zone),
                PaperBasis.valueOf(basis), name, activation);
    }

    /** Writes the feeds (final contexts of a batch) in one statement. */
    public void saveFeeds(Collection<FeedContext> feeds) {
        if (feeds.isEmpty()) {
            return;
        }
        Columns rows = new Columns(7);
        feeds.forEach(f -> rows.row(f.feedId(), f.dealerId(), f.accountId(), f.zone().getId(), f.basis().name(),
                f.accountName(), f.activationDate()));
        jdbc.inConnection("cannot record " + feeds.size() + " feeds", c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO feed (feed_id, dealer_id, account_id, time_zone, paper_basis, account_name, activation_date)
                    SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::date[])
                    ON CONFLICT (feed_id) DO UPDATE SET dealer_id = EXCLUDED.dealer_id, account_id = EXCLUDED.account_id,
                        time_zone = EXCLUDED.time_zone, paper_basis = EXCLUDED.paper_basis,
                        account_name = EXCLUDED.account_name, activation_date = EXCLUDED.activation_date, updated_at = now()""")) {
                rows.bind(c, upsert, 1);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    public void storeAggregate(UsageAggregate a) {
        jdbc.inConnection("cannot store aggregate " + a.aggregateId(), c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO usage_aggregate (aggregate_id, feed_id, service_date, request_id, small_pages, large_pages,
                        duplex_sheets, device_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (aggregate_id) DO NOTHING""")) {
                insert.setObject(1, a.aggregateId());
                insert.setObject(2, a.feedId());
                insert.setDate(3, Date.valueOf(a.serviceDate()));
                insert.setObject(4, a.requestId());
                insert.setLong(5, a.smallPages());
                insert.setLong(6, a.largePages());
                insert.setLong(7, a.duplexSheets());
                insert.setInt(8, a.deviceCount());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Records the feed as the completion describes it. A completion without zone, basis, account name or activation
     * date (an older producer) keeps what the feed had, or the defaults for a new feed. The activation date is the
     * latest one seen: when it moves, a replay of the feed's readings gives the numbers for the new date.
     */
    public FeedContext upsertFeed(CollectionCompleted completed, ZoneId defaultZone) {
        return jdbc.inConnection("cannot record feed " + completed.feedId(), c -> {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO feed (feed_id, dealer_id, account_id, time_zone, paper_basis, account_name, activation_date)
                    VALUES (?, ?, ?, COALESCE(?, ?), COALESCE(?, ?), ?, ?)
                    ON CONFLICT (feed_id) DO UPDATE SET dealer_id = EXCLUDED.dealer_id, account_id = EXCLUDED.account_id,
                        time_zone = COALESCE(?, feed.time_zone), paper_basis = COALESCE(?, feed.paper_basis),
                        account_name = COALESCE(EXCLUDED.account_name, feed.account_name),
                        activation_date = COALESCE(EXCLUDED.activation_date, feed.activation_date), updated_at = now()
                    RETURNING time_zone, paper_basis, account_name, activation_date""")) {
                String zone = completed.timeZone();
                String basis = completed.paperBasis() == null ? null : completed.paperBasis().name();
                upsert.setObject(1, completed.feedId());
                upsert.setObject(2, completed.dealerId());
                upsert.setObject(3, completed.accountId());
                upsert.setString(4, zone);
                upsert.setString(5, defaultZone.getId());
                upsert.setString(6, basis);
                upsert.setString(7, PaperBasis.LETTER.name());
                upsert.setString(8, completed.accountName());
                upsert.setObject(9, completed.activationDate() == null ? null : Date.valueOf(completed.activationDate()),
                        Types.DATE);
                upsert.setString(10, zone);
                upsert.setString(11, basis);
                try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    Date activation = rs.getDate(4);
                    return new FeedContext(completed.feedId(), completed.dealerId(), completed.accountId(),
                            ZoneId.of(rs.getString(1)), PaperBasis.valueOf(rs.getString(2)), rs.getString(3),
                            activation == null ? null : activation.toLocalDate());
                }
            }
        });
    }

    /** Which of these requests are parked. */
    public Set<RequestOfFeed> parked(Collection<RequestOfFeed> candidates) {
        Set<RequestOfFeed> parked = new HashSet<>();
        if (candidates.isEmpty()) {
            return parked;
        }
        jdbc.inConnection("cannot read parked requests", c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT feed_id, request_id FROM parked_request WHERE request_id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("uuid", candidates.stream().map(RequestOfFeed::requestId).distinct().toArray()));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        RequestOfFeed found = new RequestOfFeed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                        if (candidates.contains(found)) {
                            parked.add(found);
                        }
                    }
                }
            }
            return null;
        });
        return parked;
    }

    /** Parks the request; its readings stop counting, so the checkpoints of their devices no longer hold. */
    public void park(RequestOfFeed request, String reason) {
        jdbc.inConnection("cannot park request " + request.requestId(), c -> {
            try (PreparedStatement insert = c.prepareStatement("""
                    WITH parked AS (INSERT INTO parked_request (feed_id, request_id, reason) VALUES (?, ?, ?)
                                    ON CONFLICT DO NOTHING RETURNING feed_id, request_id)
                    UPDATE device_state d SET continue_after = NULL
                      FROM meter_reading r JOIN parked p ON r.feed_id = p.feed_id AND r.request_id = p.request_id
                     WHERE d.feed_id = r.feed_id AND d.vendor = r.vendor AND d.server_id = r.server_id
                       AND d.device_id = r.device_id AND d.continue_after IS NOT NULL""")) {
                insert.setObject(1, request.feedId());
                insert.setObject(2, request.requestId());
                insert.setString(3, reason);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A set-based insert of {@code rows} that returns the ids it stored; each is mapped to the position of
     * the first record of the batch that carried it.
     */
    private Map<UUID, Integer> storeReturningIds(String operation, String sql, Columns rows, Map<UUID, Integer> first) {
        return jdbc.inConnection(operation, c -> {
            Map<UUID, Integer> stored = new HashMap<>();
            for (UUID id : Jdbc.query(c, sql, insert -> rows.bind(c, insert, 1), rs -> rs.getObject(1, UUID.class))) {
                stored.put(id, first.get(id));
            }
            return stored;
        });
    }
}
