package io.canopy.metering.persistence;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.contracts.arithmetic.PaperBasis;
import io.canopy.contracts.events.CollectionCompleted;
import io.canopy.contracts.events.MeterSnapshot;
import io.canopy.contracts.events.UsageAggregate;
import io.canopy.metering.domain.FeedContext;

/** Stores what arrives on the readings topic, idempotently by the events' deterministic ids. */
@ApplicationScoped
public class ReadingRepository {

    /** The (feed, request) a record belongs to. */
    public record RequestOfFeed(UUID feedId, UUID requestId) {
    }

    // A repeat of a stored reading is a no-op, unless the stored copy came with a parked request:
    // then the new request adopts it, so the reading counts again.
    private static final String INSERT_READING = """
            INSERT INTO meter_reading (snapshot_id, request_id, dealer_id, feed_id, vendor, server_id, device_id, managed,
                reading_time, small_count, large_count, area_hundredths_mm2, as_of)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (snapshot_id) DO UPDATE SET request_id = EXCLUDED.request_id
             WHERE EXISTS (SELECT 1 FROM parked_request p
                            WHERE p.feed_id = meter_reading.feed_id AND p.request_id = meter_reading.request_id)""";

    @Inject
    DataSource dataSource;

    /** @return how many readings were new */
    public int storeReadings(List<MeterSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return 0;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT_READING)) {
            for (MeterSnapshot s : snapshots) {
                insert.setObject(1, s.snapshotId());
                insert.setObject(2, s.requestId());
                insert.setObject(3, s.dealerId());
                insert.setObject(4, s.feedId());
                insert.setString(5, s.vendor().name());
                insert.setObject(6, s.serverId());
                insert.setString(7, s.deviceId());
                insert.setBoolean(8, s.managed());
                insert.setTimestamp(9, Timestamp.from(s.readingTime()));
                insert.setLong(10, s.smallCount());
                insert.setLong(11, s.largeCount());
                if (s.areaHundredthsMm2() == null) {
                    insert.setNull(12, Types.BIGINT);
                } else {
                    insert.setLong(12, s.areaHundredthsMm2());
                }
                insert.setDate(13, Date.valueOf(s.asOf()));
                insert.addBatch();
            }
            int stored = 0;
            for (int count : insert.executeBatch()) {
                stored += Math.max(count, 0);
            }
            return stored;
        } catch (SQLException e) {
            throw new StoreException("cannot store " + snapshots.size() + " readings", e);
        }
    }

    public void storeAggregate(UsageAggregate a) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement("""
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
        } catch (SQLException e) {
            throw new StoreException("cannot store aggregate " + a.aggregateId(), e);
        }
    }

    /**
     * Records the feed as the completion describes it. A completion without zone, basis, account name or activation
     * date (an older producer) keeps what the feed had, or the defaults for a new feed. The activation date is the
     * latest one seen: when it moves, a replay of the feed's readings gives the numbers for the new date.
     */
    public FeedContext upsertFeed(CollectionCompleted completed, ZoneId defaultZone) {
        try (Connection c = dataSource.getConnection(); PreparedStatement upsert = c.prepareStatement("""
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
        } catch (SQLException e) {
            throw new StoreException("cannot record feed " + completed.feedId(), e);
        }
    }

    /** Which of these requests are parked. */
    public Set<RequestOfFeed> parked(Collection<RequestOfFeed> candidates) {
        Set<RequestOfFeed> parked = new HashSet<>();
        if (candidates.isEmpty()) {
            return parked;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
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
        } catch (SQLException e) {
            throw new StoreException("cannot read parked requests", e);
        }
        return parked;
    }

    public void park(RequestOfFeed request, String reason) {
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO parked_request (feed_id, request_id, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setObject(1, request.feedId());
            insert.setObject(2, request.requestId());
            insert.setString(3, reason);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot park request " + request.requestId(), e);
        }
    }
}
