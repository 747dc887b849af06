package io.canopy.kit.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.EventType;
import io.canopy.kit.tracing.TraceContexts;

/**
 * The write half of the transactional outbox (DESIGN.md rule 2): an event is stored in
 * {@code outbox_event} by the same transaction that makes the change it describes, so the change
 * and its event commit or roll back together. {@link OutboxRelay} publishes it afterwards.
 *
 * <p>Plain JDBC on the default datasource: inside a JTA transaction Agroal hands out the
 * transaction's connection, so this works next to Hibernate, Panache or JDBC code alike.
 *
 * <p>The row remembers the trace of the span that appended it, so the record the relay publishes
 * later continues that trace (DESIGN.md rule 13).
 */
@ApplicationScoped
public class Outbox {

    private static final String INSERT = """
            INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, trace_parent)
            VALUES (?, ?, ?, ?, ?::jsonb, ?)
            ON CONFLICT (event_id) DO NOTHING""";

    private static final Object WAKE_REGISTERED = new Object();

    @Inject
    Instance<DataSource> dataSource;

    @Inject
    Instance<TransactionSynchronizationRegistry> transactions;

    @Inject
    OutboxRelay relay;

    /**
     * Adds the event to the current transaction's outbox.
     *
     * @return false when an event with this id is already in the outbox (a repeat of the same
     *         fact; its deterministic id makes this a no-op)
     * @throws IllegalStateException outside a transaction: "commit, then send" is the bug the
     *                               outbox exists to prevent
     */
    public boolean append(CanopyEvent event, String topic) {
        TransactionSynchronizationRegistry registry = activeTransaction();
        String traceparent = TraceContexts.currentTraceparent().orElse(null);
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            bind(insert, event, topic, traceparent);
            boolean added = insert.executeUpdate() == 1;
            wakeRelayAfterCommit(registry);
            return added;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + EventType.of(event).ceType() + " " + event.eventId()
                    + " to the outbox: " + e.getMessage(), e);
        }
    }

    /**
     * Adds many events to the current transaction's outbox in JDBC batches (one round trip per
     * {@value #BATCH} rows instead of one per event), e.g. a night of collection requests.
     *
     * @return how many were new (repeats of ids already in the outbox are no-ops)
     */
    public int appendAll(java.util.List<? extends CanopyEvent> events, String topic) {
        if (events.isEmpty()) {
            return 0;
        }
        TransactionSynchronizationRegistry registry = activeTransaction();
        String traceparent = TraceContexts.currentTraceparent().orElse(null);
        int added = 0;
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            int pending = 0;
            for (CanopyEvent event : events) {
                bind(insert, event, topic, traceparent);
                insert.addBatch();
                if (++pending == BATCH) {
                    added += count(insert.executeBatch());
                    pending = 0;
                }
            }
            if (pending > 0) {
                added += count(insert.executeBatch());
            }
            wakeRelayAfterCommit(registry);
            return added;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + events.size() + " events to the outbox: " + e.getMessage(), e);
        }
    }

    private static final int BATCH = 500;

    private static void bind(PreparedStatement insert, CanopyEvent event, String topic, String traceparent)
            throws SQLException {
        insert.setString(1, event.eventId().toString());
        insert.setString(2, topic);
        insert.setString(3, event.partitionKey());
        insert.setString(4, EventType.of(event).ceType());
        insert.setString(5, EventJson.writeString(event));
        insert.setString(6, traceparent);
    }

    private static int count(int[] updated) {
        int sum = 0;
        for (int rows : updated) {
            sum += rows > 0 ? rows : 0;
        }
        return sum;
    }

    private TransactionSynchronizationRegistry activeTransaction() {
        if (!dataSource.isResolvable() || !transactions.isResolvable()) {
            throw new IllegalStateException("the outbox needs a datasource and JTA transactions in this service");
        }
        TransactionSynchronizationRegistry registry = transactions.get();
        if (registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException(
                    "Outbox.append must run inside the transaction that makes the change (use @Transactional)");
        }
        return registry;
    }

    private void wakeRelayAfterCommit(TransactionSynchronizationRegistry registry) {
        if (registry.getResource(WAKE_REGISTERED) != null) {
            return;
        }
        registry.putResource(WAKE_REGISTERED, Boolean.TRUE);
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wake();
                }
            }
        });
    }
}
