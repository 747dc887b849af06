package io.canopy.metering.persistence;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.canopy.contracts.Topics;
import io.canopy.contracts.events.DepositRecorded;
import io.canopy.contracts.events.VendorType;
import io.canopy.contracts.identity.DeterministicIds;
import io.canopy.kit.jdbc.DataAccessException;
import io.canopy.kit.jdbc.Jdbc;
import io.canopy.kit.outbox.Outbox;
import io.canopy.metering.domain.AggregateVolume;
import io.canopy.metering.domain.AppendOutcome;
import io.canopy.metering.domain.CounterReading;
import io.canopy.metering.domain.Counters;
import io.canopy.metering.domain.DepositExplanation;
import io.canopy.metering.domain.DeviceDay;
import io.canopy.metering.domain.DeviceHistory;
import io.canopy.metering.domain.DeviceKey;
import io.canopy.metering.domain.DeviceUsage;
import io.canopy.metering.domain.FeedContext;
import io.canopy.metering.domain.HeldJump;
import io.canopy.metering.domain.LedgerDay;
import io.canopy.metering.domain.Metering;
import io.canopy.metering.domain.MeteringBatch;
import io.canopy.metering.domain.Volume;

/**
 * The metering store for one clean poll batch (no dead-lettered record in it), set-based: what the
 * batch's completions need is loaded with a handful of queries for the whole batch, the completions
 * are computed in memory one after another, in batch order, by the unchanged {@link Metering}, and
 * everything they write is flushed with one multi-row statement per table at the end — all in the
 * caller's transaction. No round trip per device.
 *
 * <p>The batch's readings and aggregates are stored before anything is computed ({@code storedAt}:
 * the position of the record that stored each), so a completion sees a reading of this batch only
 * when its record came before the completion: the same answer as storing and computing record by
 * record. Every other table is read as it was before the batch, with the batch's own writes laid
 * over it. A question the up-front loads did not foresee (a day nobody expected, a device the
 * request did not read) is answered with a query of its own, never wrongly.
 *
 * <p>A device whose stored state is a valid checkpoint (V6) is continued from it
 * ({@link DeviceHistory}): only its last reading and the newer ones are read.
 */
public final class BatchMeteringStore implements MeteringBatch {

    /** Readings of a request that was dead-lettered take no part in any computation. */
    private static final String NOT_PARKED = JdbcMeteringStore.NOT_PARKED;

    /** How many days after a checkpoint are fetched up front for a continued device (more are read on demand). */
    private static final int PREFETCH_DAYS = 62;

    record Ref(UUID feedId, DeviceKey device) {
    }

    record FeedDay(UUID feedId, LocalDate day) {
    }

    record RequestRef(UUID feedId, UUID requestId) {
    }

    /** A stored reading; {@code visibleFrom} = the batch position that stored it, or -1 when stored before. */
    record Row(UUID snapshotId, UUID requestId, CounterReading reading, boolean managed, int visibleFrom) {
    }

    /** device_state as loaded or as computed in this batch ({@code computedAt}: -1 = before the batch). */
    record State(UUID dealerId, boolean managed, Counters initial, long latestCount, long lifeCount, int segments,
            int rollovers, Instant lastReadingTime, Instant continueAfter, String zone, LocalDate activation,
            int computedAt) {
    }

    record AggregateRow(long position, AggregateVolume volume, int visibleFrom) {
    }

    record NewDeposit(DepositRecorded deposit, DepositExplanation explanation, String traceparent) {
    }

    record NewHeld(Ref ref, HeldJump jump) {
    }

    private final Jdbc jdbc;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Map<UUID, Integer> storedAt;
    private final Map<UUID, Integer> aggregatesAt;

    private int at;
    private FeedContext feed;

    // --- loaded (state before the batch, readings and aggregates including the batch's own) -------------
    private final Map<RequestRef, LinkedHashMap<DeviceKey, Integer>> readBy = new HashMap<>();
    private final Map<RequestRef, List<AggregateDay>> aggregateDaysByRequest = new HashMap<>();
    private final Map<Ref, State> stateBefore = new HashMap<>();
    private final Map<Ref, List<Row>> rows = new HashMap<>();
    /** Per device: the earliest reading time loaded, null when all its readings are loaded. */
    private final Map<Ref, Instant> loadedSince = new HashMap<>();
    private final Map<Ref, Map<LocalDate, Volume>> daysBefore = new HashMap<>();
    private final Map<FeedDay, Map<DeviceKey, Volume>> volumesBefore = new HashMap<>();
    private final Map<FeedDay, LedgerDay> ledgerBefore = new HashMap<>();
    private final Map<FeedDay, List<AggregateRow>> aggregateRows = new HashMap<>();
    private final Map<UUID, DepositRecorded> depositsBefore = new HashMap<>();
    private final Set<UUID> depositsChecked = new HashSet<>();
    private final Map<Ref, Set<List<Instant>>> heldKnown = new HashMap<>();

    // --- written by this batch (flushed at the end) -------------------------------------------------------
    private final Map<Ref, State> saved = new LinkedHashMap<>();
    private final Map<Ref, Map<LocalDate, Volume>> dayWritesByDevice = new LinkedHashMap<>();
    private final Map<FeedDay, Map<DeviceKey, Volume>> dayWritesByFeedDay = new HashMap<>();
    private final Map<FeedDay, LedgerDay> ledgerAdded = new HashMap<>();
    private final Map<FeedDay, DepositExplanation> explanationsAdded = new HashMap<>();
    private final Map<UUID, DepositRecorded> depositsAdded = new HashMap<>();
    private final List<NewDeposit> newDeposits = new ArrayList<>();
    private final List<NewHeld> newHeld = new ArrayList<>();
    /** Devices whose last {@link #history} was a continuation (their {@link #deviceDays} are after the checkpoint). */
    private final Set<Ref> continuedNow = new HashSet<>();

    record AggregateDay(LocalDate day, int visibleFrom) {
    }

    BatchMeteringStore(Jdbc jdbc, Outbox outbox, ObjectMapper json, Map<UUID, Integer> storedAt,
            Map<UUID, Integer> aggregatesAt) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.json = json;
        this.storedAt = storedAt;
        this.aggregatesAt = aggregatesAt;
    }

    @Override
    public void at(Work work) {
        this.at = work.index();
        this.feed = work.feed();
    }

    private int visibleFrom(UUID snapshotId) {
        return storedAt.getOrDefault(snapshotId, -1);
    }

    // ======================================================================================================
    // Loading, once for the batch
    // ======================================================================================================

    /** Loads what the batch's completions will ask for, in a few queries for the whole batch. */
    @Override
    public void prepare(List<Work> works) {
        if (works.isEmpty()) {
            return;
        }
        jdbc.inConnection("cannot load the batch's metering state", c -> {
            loadReadBy(c, works);
            loadAggregateDaysOf(c, works);
            // Every device the batch computes, with the feed of its first computation.
            Map<Ref, FeedContext> devices = new LinkedHashMap<>();
            for (Work work : works) {
                readBy.getOrDefault(new RequestRef(work.feed().feedId(), work.requestId()), new LinkedHashMap<>())
                        .keySet().forEach(d -> devices.putIfAbsent(new Ref(work.feed().feedId(), d), work.feed()));
            }
            loadStates(c, devices.keySet());
            Map<Ref, Instant> since = new LinkedHashMap<>();
            devices.forEach((ref, context) -> {
                State s = stateBefore.get(ref);
                since.put(ref, continuable(s, context) ? s.lastReadingTime() : null);
            });
            loadRows(c, since);
            loadDaysBefore(c, since.entrySet().stream().filter(e -> e.getValue() == null).map(Map.Entry::getKey).toList());

            // The (feed, day)s the completions will most likely settle: the window, the days of the request's
            // readings and, for a continued device, the days after its checkpoint up to its newest reading.
            Set<FeedDay> days = new HashSet<>();
            Set<UUID> depositIds = new HashSet<>();
            for (Work work : works) {
                UUID feedId = work.feed().feedId();
                ZoneId zone = work.feed().zone();
                Set<LocalDate> workDays = new HashSet<>();
                if (work.window() != null) {
                    work.window().days().forEach(workDays::add);
                }
                aggregateDaysByRequest.getOrDefault(new RequestRef(feedId, work.requestId()), List.of())
                        .forEach(a -> workDays.add(a.day()));
                for (DeviceKey device : readBy.getOrDefault(new RequestRef(feedId, work.requestId()), new LinkedHashMap<>())
                        .keySet()) {
                    Ref ref = new Ref(feedId, device);
                    List<Row> deviceRows = rows.getOrDefault(ref, List.of());
                    for (Row row : deviceRows) {
                        if (work.requestId().equals(row.requestId())) {
                            workDays.add(row.reading().time().atZone(zone).toLocalDate());
                        }
                    }
                    Instant from = since.get(ref);
                    if (from != null && !deviceRows.isEmpty()) {
                        LocalDate first = from.atZone(zone).toLocalDate().plusDays(1);
                        LocalDate last = deviceRows.stream().map(r -> r.reading().time()).max(Comparator.naturalOrder())
                                .orElseThrow().atZone(zone).toLocalDate();
                        for (LocalDate d = first; !d.isAfter(last) && d.isBefore(first.plusDays(PREFETCH_DAYS)); d = d.plusDays(1)) {
                            workDays.add(d);
                        }
                    }
                }
                for (LocalDate day : workDays) {
                    days.add(new FeedDay(feedId, day));
                    depositIds.add(DeterministicIds.deposit(feedId, day, work.requestId()));
                }
            }
            loadVolumes(c, days);
            loadLedger(c, days);
            loadAggregates(c, days);
            loadDeposits(c, depositIds);
            return null;
        });
    }

    private void loadReadBy(Connection c, List<Work> works) throws SQLException {
        Columns keys = new Columns(2);
        works.forEach(w -> keys.row(w.feed().feedId(), w.requestId()));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.feed_id, r.request_id, r.vendor, r.server_id, r.device_id, r.snapshot_id
                  FROM unnest(?::uuid[], ?::uuid[]) AS k(feed_id, request_id)
                  JOIN meter_reading r ON r.request_id = k.request_id AND r.feed_id = k.feed_id""")) {
            keys.bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    RequestRef request = new RequestRef(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class));
                    DeviceKey device = new DeviceKey(VendorType.valueOf(rs.getString(3)), rs.getObject(4, UUID.class),
                            rs.getString(5));
                    readBy.computeIfAbsent(request, r -> new LinkedHashMap<>()).merge(device,
                            visibleFrom(rs.getObject(6, UUID.class)), Math::min);
                }
            }
        }
        works.forEach(w -> readBy.computeIfAbsent(new RequestRef(w.feed().feedId(), w.requestId()), r -> new LinkedHashMap<>()));
    }

    private void loadAggregateDaysOf(Connection c, List<Work> works) throws SQLException {
        Columns keys = new Columns(2);
        works.forEach(w -> keys.row(w.feed().feedId(), w.requestId()));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT a.feed_id, a.request_id, a.service_date, a.aggregate_id
                  FROM unnest(?::uuid[], ?::uuid[]) AS k(feed_id, request_id)
                  JOIN usage_aggregate a ON a.request_id = k.request_id AND a.feed_id = k.feed_id""")) {
            keys.bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    aggregateDaysByRequest.computeIfAbsent(new RequestRef(rs.getObject(1, UUID.class),
                            rs.getObject(2, UUID.class)), r -> new ArrayList<>()).add(new AggregateDay(
                                    rs.getDate(3).toLocalDate(), aggregatesAt.getOrDefault(rs.getObject(4, UUID.class), -1)));
                }
            }
        }
        works.forEach(w -> aggregateDaysByRequest.computeIfAbsent(new RequestRef(w.feed().feedId(), w.requestId()),
                r -> new ArrayList<>()));
    }

    private void loadStates(Connection c, Collection<Ref> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        Columns keys = deviceKeys(refs);
        try (PreparedStatement s = c.prepareStatement("""
                SELECT d.feed_id, d.vendor, d.server_id, d.device_id, d.dealer_id, d.managed, d.initial_small,
                       d.initial_large, d.initial_area, d.latest_count, d.life_count, d.segments, d.rollovers,
                       d.last_reading_time, d.continue_after, d.checkpoint_zone, d.checkpoint_activation
                  FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[]) AS k(feed_id, vendor, server_id, device_id)
                  JOIN device_state d ON d.feed_id = k.feed_id AND d.vendor = k.vendor AND d.server_id = k.server_id
                   AND d.device_id = k.device_id""")) {
            keys.bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Ref ref = ref(rs, 1);
                    Long initialSmall = (Long) rs.getObject(7);
                    Counters initial = initialSmall == null ? null
                            : new Counters(initialSmall, rs.getLong(8), (Long) rs.getObject(9));
                    Date activation = rs.getDate(17);
                    java.sql.Timestamp continueAfter = rs.getTimestamp(15);
                    stateBefore.put(ref, new State(rs.getObject(5, UUID.class), rs.getBoolean(6), initial, rs.getLong(10),
                            rs.getLong(11), rs.getInt(12), rs.getInt(13), rs.getTimestamp(14).toInstant(),
                            continueAfter == null ? null : continueAfter.toInstant(), rs.getString(16),
                            activation == null ? null : activation.toLocalDate(), -1));
                }
            }
        }
    }

    /** Readings of the devices, each from its given time (null: all of them), usable ones only. */
    private void loadRows(Connection c, Map<Ref, Instant> since) throws SQLException {
        if (since.isEmpty()) {
            return;
        }
        Columns keys = new Columns(5);
        since.forEach((ref, from) -> keys.row(ref.feedId(), ref.device().vendor().name(), ref.device().serverId(),
                ref.device().deviceId(), from));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.feed_id, r.vendor, r.server_id, r.device_id, r.snapshot_id, r.request_id, r.reading_time,
                       r.small_count, r.large_count, r.area_hundredths_mm2, r.counter_source, r.managed
                  FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[])
                       AS k(feed_id, vendor, server_id, device_id, since)
                  JOIN meter_reading r ON r.feed_id = k.feed_id AND r.vendor = k.vendor AND r.server_id = k.server_id
                   AND r.device_id = k.device_id AND r.reading_time >= COALESCE(k.since, '-infinity')
                 WHERE\s""" + NOT_PARKED)) {
            keys.bind(c, s, 1);
            since.forEach((ref, from) -> {
                rows.put(ref, new ArrayList<>());
                loadedSince.put(ref, from);
            });
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.get(ref(rs, 1)).add(row(rs, 5));
                }
            }
        }
    }

    private Row row(ResultSet rs, int first) throws SQLException {
        UUID snapshotId = rs.getObject(first, UUID.class);
        CounterReading reading = new CounterReading(rs.getTimestamp(first + 2).toInstant(),
                new Counters(rs.getLong(first + 3), rs.getLong(first + 4), (Long) rs.getObject(first + 5)),
                rs.getString(first + 6));
        return new Row(snapshotId, rs.getObject(first + 1, UUID.class), reading, rs.getBoolean(first + 7),
                visibleFrom(snapshotId));
    }

    private void loadDaysBefore(Connection c, Collection<Ref> refs) throws SQLException {
        if (refs.isEmpty()) {
            return;
        }
        refs.forEach(ref -> daysBefore.put(ref, new HashMap<>()));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT u.feed_id, u.vendor, u.server_id, u.device_id, u.service_date, u.small, u.large, u.area_hundredths_mm2
                  FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[]) AS k(feed_id, vendor, server_id, device_id)
                  JOIN device_day_usage u ON u.feed_id = k.feed_id AND u.vendor = k.vendor AND u.server_id = k.server_id
                   AND u.device_id = k.device_id""")) {
            deviceKeys(refs).bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    daysBefore.get(ref(rs, 1)).put(rs.getDate(5).toLocalDate(),
                            new Volume(rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
    }

    private void loadVolumes(Connection c, Collection<FeedDay> wanted) throws SQLException {
        List<FeedDay> missing = wanted.stream().filter(d -> !volumesBefore.containsKey(d)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        missing.forEach(d -> volumesBefore.put(d, new HashMap<>()));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT u.feed_id, u.service_date, u.vendor, u.server_id, u.device_id, u.small, u.large, u.area_hundredths_mm2
                  FROM unnest(?::uuid[], ?::date[]) AS k(feed_id, day)
                  JOIN device_day_usage u ON u.feed_id = k.feed_id AND u.service_date = k.day""")) {
            feedDays(missing).bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    volumesBefore.get(new FeedDay(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate())).put(
                            new DeviceKey(VendorType.valueOf(rs.getString(3)), rs.getObject(4, UUID.class), rs.getString(5)),
                            new Volume(rs.getLong(6), rs.getLong(7), rs.getLong(8)));
                }
            }
        }
    }

    private void loadLedger(Connection c, Collection<FeedDay> wanted) throws SQLException {
        List<FeedDay> missing = wanted.stream().filter(d -> !ledgerBefore.containsKey(d)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        missing.forEach(d -> ledgerBefore.put(d, LedgerDay.EMPTY));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT d.feed_id, d.service_date, sum(d.standard_pages), count(*)
                  FROM unnest(?::uuid[], ?::date[]) AS k(feed_id, day)
                  JOIN deposit d ON d.feed_id = k.feed_id AND d.service_date = k.day
                 GROUP BY d.feed_id, d.service_date""")) {
            feedDays(missing).bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ledgerBefore.put(new FeedDay(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate()),
                            new LedgerDay(rs.getLong(3), rs.getInt(4)));
                }
            }
        }
    }

    private void loadAggregates(Connection c, Collection<FeedDay> wanted) throws SQLException {
        List<FeedDay> missing = wanted.stream().filter(d -> !aggregateRows.containsKey(d)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        missing.forEach(d -> aggregateRows.put(d, new ArrayList<>()));
        try (PreparedStatement s = c.prepareStatement("""
                SELECT r.feed_id, r.service_date, r.position, r.small_pages, r.large_pages, r.duplex_sheets, r.aggregate_id
                  FROM unnest(?::uuid[], ?::date[]) AS k(feed_id, day)
                  JOIN usage_aggregate r ON r.feed_id = k.feed_id AND r.service_date = k.day
                 WHERE\s""" + NOT_PARKED)) {
            feedDays(missing).bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    aggregateRows.get(new FeedDay(rs.getObject(1, UUID.class), rs.getDate(2).toLocalDate())).add(
                            new AggregateRow(rs.getLong(3), new AggregateVolume(rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                                    aggregatesAt.getOrDefault(rs.getObject(7, UUID.class), -1)));
                }
            }
        }
    }

    private void loadDeposits(Connection c, Collection<UUID> ids) throws SQLException {
        List<UUID> missing = ids.stream().filter(id -> !depositsChecked.contains(id)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        depositsChecked.addAll(missing);
        Columns keys = new Columns(1);
        missing.forEach(keys::row);
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + DepositRows.COLUMNS + " FROM deposit WHERE deposit_id = ANY (?::uuid[])")) {
            keys.bind(c, s, 1);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    DepositRecorded d = DepositRows.map(rs);
                    depositsBefore.put(d.depositId(), d);
                }
            }
        }
    }

    // ======================================================================================================
    // MeteringStore, answered from memory (and a query of its own for what was not foreseen)
    // ======================================================================================================

    @Override
    public Collection<DeviceKey> devicesReadBy(UUID feedId, UUID requestId) {
        Map<DeviceKey, Integer> devices = readBy.get(new RequestRef(feedId, requestId));
        if (devices == null) {
            throw new IllegalStateException("request " + requestId + " of feed " + feedId + " was not prepared");
        }
        return devices.entrySet().stream().filter(e -> e.getValue() < at).map(Map.Entry::getKey).toList();
    }

    @Override
    public DeviceHistory history(UUID feedId, DeviceKey device) {
        Ref ref = new Ref(feedId, device);
        State state = saved.containsKey(ref) ? saved.get(ref) : stateBefore.get(ref);
        if (rows.containsKey(ref) && continuable(state, feed) && stillHolds(ref, state)) {
            List<CounterReading> after = visible(ref).stream().map(Row::reading)
                    .filter(r -> !r.time().isBefore(state.lastReadingTime())).toList();
            if (!after.isEmpty() && after.stream().anyMatch(r -> r.time().equals(state.lastReadingTime()))) {
                continuedNow.add(ref);
                return DeviceHistory.continuing(new DeviceHistory.Checkpoint(state.initial(), state.lifeCount(),
                        state.segments(), state.rollovers()), after);
            }
        }
        continuedNow.remove(ref);
        return DeviceHistory.complete(readings(feedId, device));
    }

    /**
     * Whether a stored state can be continued for this feed context: a checkpoint, computed with the same
     * zone and activation date, whose day is not before the activation date (no baseline can move).
     */
    private static boolean continuable(State s, FeedContext context) {
        if (s == null || s.continueAfter() == null || s.initial() == null || s.zone() == null) {
            return false;
        }
        if (!s.zone().equals(context.zone().getId()) || !Objects.equals(s.activation(), context.activationDate())) {
            return false;
        }
        LocalDate lastDay = s.lastReadingTime().atZone(context.zone()).toLocalDate();
        return context.activationDate() == null || !context.activationDate().isAfter(lastDay);
    }

    /** No reading this batch stored since the state was computed lies before its checkpoint's next day. */
    private boolean stillHolds(Ref ref, State s) {
        for (Row row : rows.getOrDefault(ref, List.of())) {
            if (row.visibleFrom() > s.computedAt() && row.visibleFrom() < at
                    && row.reading().time().isBefore(s.continueAfter())) {
                return false;
            }
        }
        return true;
    }

    private List<Row> visible(Ref ref) {
        return rows.getOrDefault(ref, List.of()).stream().filter(r -> r.visibleFrom() < at).toList();
    }

    @Override
    public List<CounterReading> readings(UUID feedId, DeviceKey device) {
        Ref ref = new Ref(feedId, device);
        if (!rows.containsKey(ref) || loadedSince.get(ref) != null) {
            Map<Ref, Instant> all = new HashMap<>();
            all.put(ref, null);
            jdbc.inConnection("cannot read the readings of device " + device.deviceId(), c -> {
                loadRows(c, all);
                return null;
            });
        }
        return visible(ref).stream().map(Row::reading).sorted(Comparator.comparing(CounterReading::time)).toList();
    }

    @Override
    public Map<LocalDate, Volume> deviceDays(UUID feedId, DeviceKey device) {
        Ref ref = new Ref(feedId, device);
        if (continuedNow.contains(ref)) {
            return new HashMap<>(); // a checkpoint's days are all on or before its day
        }
        if (!daysBefore.containsKey(ref)) {
            jdbc.inConnection("cannot read the days of device " + device.deviceId(), c -> {
                loadDaysBefore(c, List.of(ref));
                return null;
            });
        }
        Map<LocalDate, Volume> days = new HashMap<>(daysBefore.get(ref));
        dayWritesByDevice.getOrDefault(ref, Map.of()).forEach((day, volume) -> {
            if (volume == null) {
                days.remove(day);
            } else {
                days.put(day, volume);
            }
        });
        return days;
    }

    @Override
    public List<HeldJump> saveDevice(FeedContext context, DeviceKey device, DeviceUsage usage,
            Map<LocalDate, Volume> before) {
        Ref ref = new Ref(context.feedId(), device);
        boolean managed = visible(ref).stream().max(Comparator.comparing(r -> r.reading().time())).map(Row::managed)
                .orElse(true);
        ZoneId zone = context.zone();
        LocalDate lastDay = usage.lastReadingTime().atZone(zone).toLocalDate();
        saved.put(ref, new State(context.dealerId(), managed, usage.initial(), usage.latest().impressions(),
                usage.lifeCount(), usage.segments(), usage.rollovers(), usage.lastReadingTime(),
                lastDay.plusDays(1).atStartOfDay(zone).toInstant(), zone.getId(), context.activationDate(), at));
        Set<LocalDate> kept = new HashSet<>();
        for (DeviceDay day : usage.days()) {
            kept.add(day.day());
            if (!day.volume().equals(before.get(day.day()))) {
                writeDay(ref, day.day(), day.volume());
            }
        }
        for (LocalDate day : before.keySet()) {
            if (!kept.contains(day)) {
                writeDay(ref, day, null);
            }
        }
        if (usage.held().isEmpty()) {
            return List.of();
        }
        Set<List<Instant>> known = heldKnown.computeIfAbsent(ref, this::loadHeld);
        List<HeldJump> newly = new ArrayList<>();
        for (HeldJump jump : usage.held()) {
            if (known.add(List.of(jump.fromTime(), jump.toTime()))) {
                newly.add(jump);
                newHeld.add(new NewHeld(ref, jump));
            }
        }
        return newly;
    }

    private Set<List<Instant>> loadHeld(Ref ref) {
        Set<List<Instant>> known = new HashSet<>();
        jdbc.inConnection("cannot read held jumps of device " + ref.device().deviceId(), c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT from_time, to_time FROM held_jump WHERE feed_id = ? AND vendor = ? AND server_id = ? AND device_id = ?""")) {
                s.setObject(1, ref.feedId());
                s.setString(2, ref.device().vendor().name());
                s.setObject(3, ref.device().serverId());
                s.setString(4, ref.device().deviceId());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        known.add(List.of(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant()));
                    }
                }
            }
            return null;
        });
        return known;
    }

    private void writeDay(Ref ref, LocalDate day, Volume volume) {
        dayWritesByDevice.computeIfAbsent(ref, r -> new LinkedHashMap<>()).put(day, volume);
        dayWritesByFeedDay.computeIfAbsent(new FeedDay(ref.feedId(), day), d -> new HashMap<>()).put(ref.device(), volume);
    }

    @Override
    public Map<LocalDate, Map<DeviceKey, Volume>> deviceVolumes(UUID feedId, Set<LocalDate> days) {
        List<FeedDay> wanted = days.stream().map(d -> new FeedDay(feedId, d)).toList();
        // A connection only when something is missing: most calls of a batch find it loaded.
        if (!wanted.stream().allMatch(volumesBefore::containsKey)) {
            jdbc.inConnection("cannot read device volumes of feed " + feedId, c -> {
                loadVolumes(c, wanted);
                return null;
            });
        }
        Map<LocalDate, Map<DeviceKey, Volume>> result = new HashMap<>();
        for (FeedDay key : wanted) {
            Map<DeviceKey, Volume> volumes = new HashMap<>(volumesBefore.get(key));
            dayWritesByFeedDay.getOrDefault(key, Map.of()).forEach((device, volume) -> {
                if (volume == null) {
                    volumes.remove(device);
                } else {
                    volumes.put(device, volume);
                }
            });
            if (!volumes.isEmpty()) {
                result.put(key.day(), volumes);
            }
        }
        return result;
    }

    @Override
    public Map<LocalDate, AggregateVolume> aggregates(UUID feedId, Set<LocalDate> days) {
        List<FeedDay> wanted = days.stream().map(d -> new FeedDay(feedId, d)).toList();
        // A connection only when something is missing: most calls of a batch find it loaded.
        if (!wanted.stream().allMatch(aggregateRows::containsKey)) {
            jdbc.inConnection("cannot read aggregates of feed " + feedId, c -> {
                loadAggregates(c, wanted);
                return null;
            });
        }
        Map<LocalDate, AggregateVolume> result = new HashMap<>();
        for (FeedDay key : wanted) {
            aggregateRows.get(key).stream().filter(r -> r.visibleFrom() < at)
                    .max(Comparator.comparingLong(AggregateRow::position))
                    .ifPresent(r -> result.put(key.day(), r.volume()));
        }
        return result;
    }

    @Override
    public Set<LocalDate> aggregateDaysOf(UUID feedId, UUID requestId) {
        List<AggregateDay> days = aggregateDaysByRequest.get(new RequestRef(feedId, requestId));
        if (days == null) {
            throw new IllegalStateException("request " + requestId + " of feed " + feedId + " was not prepared");
        }
        Set<LocalDate> result = new HashSet<>();
        days.stream().filter(d -> d.visibleFrom() < at).forEach(d -> result.add(d.day()));
        return result;
    }

    @Override
    public Map<LocalDate, LedgerDay> ledger(UUID feedId, Set<LocalDate> days) {
        List<FeedDay> wanted = days.stream().map(d -> new FeedDay(feedId, d)).toList();
        // A connection only when something is missing: most calls of a batch find it loaded.
        if (!wanted.stream().allMatch(ledgerBefore::containsKey)) {
            jdbc.inConnection("cannot read the ledger of feed " + feedId, c -> {
                loadLedger(c, wanted);
                return null;
            });
        }
        Map<LocalDate, LedgerDay> result = new HashMap<>();
        for (FeedDay key : wanted) {
            LedgerDay before = ledgerBefore.get(key);
            LedgerDay added = ledgerAdded.getOrDefault(key, LedgerDay.EMPTY);
            LedgerDay total = new LedgerDay(before.totalPages() + added.totalPages(), before.entries() + added.entries());
            if (total.entries() > 0) {
                result.put(key.day(), total);
            }
        }
        return result;
    }

    @Override
    public AppendOutcome append(DepositRecorded deposit, DepositExplanation explanation) {
        DepositRecorded existing = depositsAdded.get(deposit.depositId());
        if (existing == null) {
            if (!depositsChecked.contains(deposit.depositId())) {
                jdbc.inConnection("cannot read deposit " + deposit.depositId(), c -> {
                    loadDeposits(c, List.of(deposit.depositId()));
                    return null;
                });
            }
            existing = depositsBefore.get(deposit.depositId());
        }
        if (existing != null) {
            return Metering.sameContent(existing, deposit) ? AppendOutcome.ALREADY_RECORDED : AppendOutcome.CONFLICT;
        }
        depositsAdded.put(deposit.depositId(), deposit);
        // The outbox row continues the trace that is current now (the completion's), though written at the flush.
        newDeposits.add(new NewDeposit(deposit, explanation,
                Outbox.Entry.now(deposit, Topics.DEPOSITS).traceparent()));
        FeedDay key = new FeedDay(deposit.feedId(), deposit.serviceDate());
        ledgerAdded.merge(key, new LedgerDay(deposit.standardPages(), 1),
                (a, b) -> new LedgerDay(a.totalPages() + b.totalPages(), a.entries() + b.entries()));
        explanationsAdded.put(key, explanation);
        return AppendOutcome.APPENDED;
    }

    @Override
    public Map<LocalDate, DepositExplanation> latestExplanations(UUID feedId, Set<LocalDate> days) {
        Map<LocalDate, DepositExplanation> latest = new HashMap<>();
        Set<LocalDate> fromDatabase = new HashSet<>();
        for (LocalDate day : days) {
            DepositExplanation added = explanationsAdded.get(new FeedDay(feedId, day));
            if (added != null) {
                latest.put(day, added);
            } else {
                fromDatabase.add(day);
            }
        }
        if (fromDatabase.isEmpty()) {
            return latest;
        }
        latest.putAll(JdbcMeteringStore.storedExplanations(jdbc, json, feedId, fromDatabase));
        return latest;
    }

    // ======================================================================================================
    // Flushing, once for the batch
    // ======================================================================================================

    @Override
    public List<DepositRecorded> flush() {
        jdbc.inConnection("cannot write the batch's metering results", c -> {
            flushStates(c);
            flushDays(c);
            flushHeld(c);
            flushDeposits(c);
            return null;
        });
        outbox.appendEntries(newDeposits.stream()
                .map(d -> new Outbox.Entry(d.deposit(), Topics.DEPOSITS, d.traceparent())).toList());
        return newDeposits.stream().map(NewDeposit::deposit).toList();
    }

    private void flushStates(Connection c) throws SQLException {
        if (saved.isEmpty()) {
            return;
        }
        Columns states = new Columns(18);
        saved.forEach((ref, s) -> {
            // A reading of this batch after the computation, at a time before the checkpoint's next day: no checkpoint.
            boolean holds = rows.getOrDefault(ref, List.of()).stream().noneMatch(r -> r.visibleFrom() > s.computedAt()
                    && r.reading().time().isBefore(s.continueAfter()));
            states.row(ref.feedId(), ref.device().vendor().name(), ref.device().serverId(), ref.device().deviceId(),
                    s.dealerId(), s.managed(), s.initial().impressions(), s.latestCount(), s.lifeCount(), s.segments(),
                    s.lastReadingTime(), holds ? s.continueAfter() : null, s.zone(), s.activation(), s.initial().small(),
                    s.initial().large(), s.initial().area(), s.rollovers());
        });
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO device_state (feed_id, vendor, server_id, device_id, dealer_id, managed, initial_count,
                    latest_count, life_count, segments, last_reading_time, continue_after, checkpoint_zone,
                    checkpoint_activation, initial_small, initial_large, initial_area, rollovers)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::uuid[], ?::boolean[], ?::bigint[],
                    ?::bigint[], ?::bigint[], ?::int[], ?::timestamptz[], ?::timestamptz[], ?::text[], ?::date[],
                    ?::bigint[], ?::bigint[], ?::bigint[], ?::int[])
                ON CONFLICT (feed_id, vendor, server_id, device_id) DO UPDATE SET managed = EXCLUDED.managed,
                    initial_count = EXCLUDED.initial_count, latest_count = EXCLUDED.latest_count,
                    life_count = EXCLUDED.life_count, segments = EXCLUDED.segments,
                    last_reading_time = EXCLUDED.last_reading_time, continue_after = EXCLUDED.continue_after,
                    checkpoint_zone = EXCLUDED.checkpoint_zone, checkpoint_activation = EXCLUDED.checkpoint_activation,
                    initial_small = EXCLUDED.initial_small, initial_large = EXCLUDED.initial_large,
                    initial_area = EXCLUDED.initial_area, rollovers = EXCLUDED.rollovers""")) {
            states.bind(c, upsert, 1);
            upsert.executeUpdate();
        }
    }

    private void flushDays(Connection c) throws SQLException {
        Columns upserts = new Columns(8);
        Columns deletes = new Columns(5);
        dayWritesByDevice.forEach((ref, days) -> days.forEach((day, volume) -> {
            if (volume == null) {
                deletes.row(ref.feedId(), ref.device().vendor().name(), ref.device().serverId(), ref.device().deviceId(), day);
            } else {
                upserts.row(ref.feedId(), ref.device().vendor().name(), ref.device().serverId(), ref.device().deviceId(), day,
                        volume.small(), volume.large(), volume.areaHundredthsMm2());
            }
        }));
        if (!deletes.isEmpty()) {
            try (PreparedStatement delete = c.prepareStatement("""
                    DELETE FROM device_day_usage u
                     USING unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::date[])
                           AS k(feed_id, vendor, server_id, device_id, day)
                     WHERE u.feed_id = k.feed_id AND u.vendor = k.vendor AND u.server_id = k.server_id
                       AND u.device_id = k.device_id AND u.service_date = k.day""")) {
                deletes.bind(c, delete, 1);
                delete.executeUpdate();
            }
        }
        if (!upserts.isEmpty()) {
            try (PreparedStatement upsert = c.prepareStatement("""
                    INSERT INTO device_day_usage (feed_id, vendor, server_id, device_id, service_date, small, large,
                        area_hundredths_mm2)
                    SELECT * FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::date[], ?::bigint[], ?::bigint[],
                        ?::bigint[])
                    ON CONFLICT (feed_id, vendor, server_id, device_id, service_date) DO UPDATE SET small = EXCLUDED.small,
                        large = EXCLUDED.large, area_hundredths_mm2 = EXCLUDED.area_hundredths_mm2""")) {
                upserts.bind(c, upsert, 1);
                upsert.executeUpdate();
            }
        }
    }

    private void flushHeld(Connection c) throws SQLException {
        if (newHeld.isEmpty()) {
            return;
        }
        Columns held = new Columns(9);
        newHeld.forEach(h -> held.row(h.ref().feedId(), h.ref().device().vendor().name(), h.ref().device().serverId(),
                h.ref().device().deviceId(), h.jump().fromTime(), h.jump().toTime(), h.jump().impressions(),
                h.jump().limit(), h.jump().afterReset()));
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO held_jump (feed_id, vendor, server_id, device_id, from_time, to_time, impressions,
                    plausible_limit, after_reset)
                SELECT * FROM unnest(?::uuid[], ?::text[], ?::uuid[], ?::text[], ?::timestamptz[], ?::timestamptz[],
                    ?::bigint[], ?::bigint[], ?::boolean[])
                ON CONFLICT DO NOTHING""")) {
            held.bind(c, insert, 1);
            insert.executeUpdate();
        }
    }

    private void flushDeposits(Connection c) throws SQLException {
        if (newDeposits.isEmpty()) {
            return;
        }
        Columns deposits = new Columns(11);
        CopyRows explanations = new CopyRows();
        for (NewDeposit n : newDeposits) {
            DepositRecorded d = n.deposit();
            deposits.row(d.depositId(), d.dealerId(), d.accountId(), d.feedId(), d.serviceDate(), d.standardPages(),
                    d.dayTotalPages(), DepositRows.wireName(d.kind()), d.requestId(), d.asOf(), d.recordedAt());
            try {
                explanations.row(d.depositId(), json.writeValueAsString(n.explanation()));
            } catch (JsonProcessingException e) {
                throw new DataAccessException("cannot write the explanation of deposit " + d.depositId(), e);
            }
        }
        try (PreparedStatement insert = c.prepareStatement("""
                INSERT INTO deposit (deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages,
                    day_total_pages, kind, request_id, as_of, recorded_at)
                SELECT deposit_id, dealer_id, account_id, feed_id, service_date, standard_pages, day_total_pages, kind,
                       request_id, as_of, recorded_at
                  FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::uuid[], ?::date[], ?::bigint[], ?::bigint[], ?::text[],
                       ?::uuid[], ?::date[], ?::timestamptz[]) WITH ORDINALITY AS d(deposit_id, dealer_id, account_id,
                       feed_id, service_date, standard_pages, day_total_pages, kind, request_id, as_of, recorded_at, ord)
                 ORDER BY ord
                ON CONFLICT (deposit_id) DO NOTHING""")) {
            deposits.bind(c, insert, 1);
            int inserted = insert.executeUpdate();
            if (inserted != newDeposits.size()) {
                // Another consumer appended some of these since they were looked up (a rebalance overlap):
                // retry the batch, which then finds them recorded.
                throw new DataAccessException("deposits appended concurrently", new SQLException(
                        (newDeposits.size() - inserted) + " of the batch's deposits were appended concurrently", "40001"));
            }
        }
        // Append-only, one new row per deposit just inserted: COPY, the cheapest way in for large bodies.
        explanations.copyInto(c, "deposit_explanation (deposit_id, body)");
    }

    // ======================================================================================================

    private static Ref ref(ResultSet rs, int first) throws SQLException {
        return new Ref(rs.getObject(first, UUID.class), new DeviceKey(VendorType.valueOf(rs.getString(first + 1)),
                rs.getObject(first + 2, UUID.class), rs.getString(first + 3)));
    }

    private static Columns deviceKeys(Collection<Ref> refs) {
        Columns keys = new Columns(4);
        refs.forEach(r -> keys.row(r.feedId(), r.device().vendor().name(), r.device().serverId(), r.device().deviceId()));
        return keys;
    }

    private static Columns feedDays(Collection<FeedDay> days) {
        Columns keys = new Columns(2);
        days.forEach(d -> keys.row(d.feedId(), d.day()));
        return keys;
    }
}
