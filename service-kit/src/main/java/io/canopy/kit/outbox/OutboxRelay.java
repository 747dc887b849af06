package io.canopy.kit.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.kit.health.Worker;
import io.canopy.kit.health.Workers;
import io.canopy.kit.kafka.KafkaClientSettings;
import io.canopy.kit.tracing.TraceContexts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The read half of the outbox: publishes committed, unpublished rows in {@code position} order
 * and stamps them published once the broker acknowledged them (acks=all). A row is published at
 * least once; consumers are idempotent by the deterministic {@code ce_id}.
 *
 * <p>Replicas of a service share one table: a transaction-scoped advisory lock lets one relay
 * publish at a time, which keeps the per-key order the rows were committed in.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /** Any constant; one outbox table per database, so one lock id suffices. */
    private static final long ADVISORY_LOCK = 0x6f7574626f78L; // "outbox"

    private static final String SELECT_UNPUBLISHED = """
            SELECT position, topic, record_key, event_type, payload::text, created_at, trace_parent, event_id, dealer_id
              FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL AND position > ?
             ORDER BY position LIMIT ?""";

    private static final String PARK = """
            UPDATE outbox_event SET parked_at = now(), parked_reason = ? WHERE position = ?""";

    /** The relay's name in {@link Workers}: readiness DOWN while it fails, is stuck or has died. */
    public static final String WORKER = "outbox-relay";

    @Inject
    Instance<DataSource> dataSource;

    @Inject
    OutboxConfig config;

    @Inject
    Config mpConfig;

    @Inject
    Instance<MeterRegistry> meters;

    @Inject
    Workers workers;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wakeUp = lock.newCondition();
    private final AtomicLong unpublished = new AtomicLong();
    private volatile boolean woken;
    private volatile boolean running;
    private volatile boolean stopping;
    private Thread worker;
    private Producer<String, byte[]> producer;
    private Counter published;
    private Counter parked;
    private Worker health;
    private String source;
    private byte[] sourceBytes;
    private Instant lastCleanup = Instant.EPOCH;
    private Instant lastBacklogCount = Instant.EPOCH;
    /** The connection holding the session lock while a pipeline is open; only the relay's thread uses it. */
    private Connection leader;
    /** The last position handed to the producer in this pipeline (rows after it are read next). */
    private long sentThrough;
    private final java.util.ArrayDeque<InFlight> inFlight = new java.util.ArrayDeque<>();

    void start(@Observes StartupEvent startup) {
        if (!config.enabled() || !dataSource.isResolvable()) {
            return;
        }
        source = config.source().orElseGet(
                () -> "/canopy/" + mpConfig.getOptionalValue("quarkus.application.name", String.class).orElse("service"));
        sourceBytes = utf8(source);
        producer = new KafkaProducer<>(producerConfig());
        if (meters.isResolvable()) {
            published = Counter.builder("canopy.outbox.published").description("events the relay published")
                    .register(meters.get());
            parked = Counter.builder("canopy.outbox.parked")
                    .description("outbox rows the relay cannot turn into a record, parked (parked_at) for operators")
                    .register(meters.get());
            Gauge.builder("canopy.outbox.unpublished", unpublished, AtomicLong::get)
                    .description("events committed but not yet acknowledged by Kafka (counted every canopy.outbox.backlog-interval)")
                    .register(meters.get());
        }
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        health = workers.register(WORKER).runsOn(worker);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (worker == null) {
            return;
        }
        stopping = true;
        running = false;
        workers.deregister(WORKER);
        wake();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Called after a transaction that appended events committed: publish now instead of at the next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            wakeUp.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The thread's body: whatever ends the loop other than {@link #stop} is reported, never silent. */
    private void run() {
        try {
            loop();
        } catch (Throwable t) {
            LOG.errorf(t, "outbox relay stopped unexpectedly");
            health.stopped(t.getClass().getSimpleName() + ": " + t.getMessage());
            throw t;
        } finally {
            abandonPipeline();
            if (!stopping) {
                health.stopped("the relay's loop ended");
            }
        }
    }

    private void loop() {
        Duration backoff = config.pollInterval();
        while (running) {
            try {
                int count = publishRound();
                health.progressed();
                health.pending(count == config.batchSize());
                countBacklogWhenDue();
                backoff = config.pollInterval();
                if (count == config.batchSize()) {
                    continue; // more waiting: no pause
                }
                cleanupPublished();
            } catch (Exception e) {
                // Kafka or PostgreSQL away: the rows stay unpublished and are retried, ever more slowly.
                LOG.warnf("outbox relay: %s; retrying in %s", e.getMessage(), backoff);
                health.failing(e.getClass().getSimpleName() + ": " + e.getMessage());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10)
                        : backoff.multipliedBy(2);
            }
            await(backoff);
        }
    }

    private void await(Duration timeout) {
        lock.lock();
        try {
            if (!woken && running) {
                wakeUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * One round: publishes up to one batch without waiting for the broker, then completes the oldest
     * batches in flight (acks awaited, rows stamped published) once {@code pipeline-depth} batches are
     * out or nothing more is waiting. Returns how many rows it took from the table this round.
     *
     * <p>Why a pipeline: waiting for every batch's acknowledgement before reading the next one made
     * the relay a sequence of round trips (PostgreSQL, then Kafka, then PostgreSQL) with both idle
     * half the time; a night's 10,000 requests took seconds. The order is unchanged: one idempotent
     * producer (acks=all) keeps its records' order per partition, and rows are read in position order.
     *
     * <p>While a pipeline is open the relay holds a session advisory lock on its own connection, so a
     * replica cannot publish the rows in flight; the lock goes with the connection when the pipeline
     * drains, fails, or the process dies. Package-visible for tests.
     */
    int publishRound() throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        try {
            if (leader == null) {
                Connection connection = dataSource.get().getConnection();
                if (!tryLock(connection)) {
                    connection.close();
                    return 0; // another replica is publishing
                }
                connection.setAutoCommit(true); // each statement its own transaction; the lock is the session's
                leader = connection;
                sentThrough = 0L;
            }
            int taken = sendBatch();
            boolean moreWaiting = taken == config.batchSize();
            while (!inFlight.isEmpty() && (inFlight.size() >= config.pipelineDepth() || !moreWaiting)) {
                complete(inFlight.removeFirst());
            }
            if (inFlight.isEmpty() && !moreWaiting) {
                releaseLeadership();
            }
            return taken;
        } catch (SQLException | RuntimeException | ExecutionException | TimeoutException | InterruptedException e) {
            // Whatever was in flight stays unpublished in the table and goes out again (at least once).
            abandonPipeline();
            throw e;
        }
    }

    /** Reads the next rows after those in flight and hands them to the producer; returns how many it took. */
    private int sendBatch() throws SQLException {
        List<Long> positions = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        Map<Long, String> poison = new HashMap<>();
        try (PreparedStatement select = leader.prepareStatement(SELECT_UNPUBLISHED)) {
            select.setLong(1, sentThrough);
            select.setInt(2, config.batchSize());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    long position = rows.getLong(1);
                    sentThrough = position;
                    ProducerRecord<String, byte[]> record;
                    try {
                        record = record(rows);
                    } catch (RuntimeException e) {
                        // A row no retry can publish (payload that is not its event, unknown type):
                        // parked so the rows behind it go out; never deleted, for operators.
                        poison.put(position, e.getClass().getSimpleName() + ": " + e.getMessage());
                        continue;
                    }
                    positions.add(position);
                    acks.add(producer.send(record));
                }
            }
        }
        park(leader, poison);
        if (!positions.isEmpty()) {
            inFlight.addLast(new InFlight(positions, acks));
        }
        return positions.size() + poison.size();
    }

    /** Waits for a batch's acknowledgements and stamps its rows published. */
    private void complete(InFlight batch) throws SQLException, InterruptedException, ExecutionException, TimeoutException {
        producer.flush(); // linger would otherwise delay the last records of a short batch
        for (Future<RecordMetadata> ack : batch.acks()) {
            ack.get(30, TimeUnit.SECONDS);
        }
        try (PreparedStatement mark = leader.prepareStatement(
                "UPDATE outbox_event SET published_at = now() WHERE position = ANY (?)")) {
            mark.setArray(1, leader.createArrayOf("bigint", batch.positions().toArray()));
            mark.executeUpdate();
        }
        if (published != null) {
            published.increment(batch.positions().size());
        }
    }

    /** The rows a round handed to the producer and the acknowledgements they wait for. */
    private record InFlight(List<Long> positions, List<Future<RecordMetadata>> acks) {
    }

    private void releaseLeadership() throws SQLException {
        Connection connection = leader;
        leader = null;
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
            unlock.execute();
        }
    }

    /**
     * Drops what is in flight (those rows stay unpublished and go out again) and the lock. The
     * connection is pooled: closing it would keep its session, and the lock with it, so it is
     * unlocked first; if that fails the connection is broken and its session, with the lock, is gone.
     */
    private void abandonPipeline() {
        inFlight.clear();
        if (leader != null) {
            try {
                releaseLeadership();
            } catch (SQLException e) {
                LOG.debugf("outbox relay: releasing the lock failed (%s); the broken session held it", e.getMessage());
            }
        }
    }

    private void park(Connection connection, Map<Long, String> poison) throws SQLException {
        if (poison.isEmpty()) {
            return;
        }
        try (PreparedStatement park = connection.prepareStatement(PARK)) {
            for (Map.Entry<Long, String> row : poison.entrySet()) {
                park.setString(1, row.getValue());
                park.setLong(2, row.getKey());
                park.addBatch();
                LOG.errorf("outbox relay: parked row %d, it cannot be published: %s", row.getKey(), row.getValue());
            }
            park.executeBatch();
        }
        if (parked != null) {
            parked.increment(poison.size());
        }
    }

    private static boolean tryLock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, ADVISORY_LOCK);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * The backlog gauge, counted on a timer ({@code canopy.outbox.backlog-interval}) rather than after
     * every round: a count(*) per round costs as much as the round itself when the backlog is large.
     */
    private void countBacklogWhenDue() throws SQLException {
        if (Duration.between(lastBacklogCount, Instant.now()).compareTo(config.backlogInterval()) < 0) {
            return;
        }
        lastBacklogCount = Instant.now();
        try (Connection connection = dataSource.get().getConnection(); PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM outbox_event WHERE published_at IS NULL AND parked_at IS NULL");
                ResultSet rs = count.executeQuery()) {
            unpublished.set(rs.next() ? rs.getLong(1) : 0);
        }
    }

    private ProducerRecord<String, byte[]> record(ResultSet row) throws SQLException {
        String topic = row.getString(2);
        String key = row.getString(3);
        String ceType = row.getString(4);
        byte[] payload = row.getString(5).getBytes(StandardCharsets.UTF_8);
        Timestamp createdAt = row.getTimestamp(6);
        String dealerId = row.getString(9);
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, payload);
        if (dealerId != null) {
            // Everything the headers need is in the row (written by Outbox from the event): no decode.
            Headers headers = record.headers();
            headers.add(CloudEventHeaders.ID, utf8(row.getString(8)));
            headers.add(CloudEventHeaders.TYPE, utf8(ceType));
            headers.add(CloudEventHeaders.SOURCE, sourceBytes);
            headers.add(CloudEventHeaders.TIME, utf8(DateTimeFormatter.ISO_INSTANT.format(createdAt.toInstant())));
            headers.add(CloudEventHeaders.SPEC_VERSION, SPEC_VERSION);
            headers.add(CloudEventHeaders.CONTENT_TYPE, CONTENT_TYPE);
            headers.add(CloudEventHeaders.DEALER, utf8(dealerId));
        } else {
            // A row from before dealer_id, or written by hand: read it as its type (parked when it does not read).
            CanopyEvent event = EventJson.read(payload, ceType);
            CloudEventHeaders.of(event, source, createdAt.toInstant()).forEach((name, value) -> record.headers().add(name, value));
        }
        String traceparent = row.getString(7);
        if (traceparent != null) {
            record.headers().add(TraceContexts.TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
        }
        return record;
    }

    private static final byte[] SPEC_VERSION = utf8(CloudEventHeaders.SPEC_VERSION_VALUE);
    private static final byte[] CONTENT_TYPE = utf8(CloudEventHeaders.JSON);

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private void cleanupPublished() throws SQLException {
        if (Duration.between(lastCleanup, Instant.now()).compareTo(Duration.ofMinutes(10)) < 0) {
            return;
        }
        lastCleanup = Instant.now();
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM outbox_event WHERE published_at < ?")) {
            delete.setTimestamp(1, Timestamp.from(Instant.now().minus(config.retention())));
            delete.executeUpdate();
        }
    }

    /**
     * The producer: idempotent with acks=all so a retried send never duplicates or reorders;
     * connection and security settings come from the service's global {@code kafka.*} config
     * (the same keys SmallRye Reactive Messaging reads), so Strimzi TLS/SCRAM settings apply here too.
     */
    private Map<String, Object> producerConfig() {
        Map<String, Object> props = KafkaClientSettings.producer(mpConfig,
                source.replace('/', '-').replaceFirst("^-", "") + "-outbox");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // A night's requests or deposits go out in bursts of thousands: fewer, compressed batches cost
        // the broker far less CPU per record than many small ones.
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        return props;
    }
}
