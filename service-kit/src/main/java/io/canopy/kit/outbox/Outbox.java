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
            INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, trace_parent, dealer_id)
            VALUES (?, ?, ?, ?, ?::jsonb, ?, ?)
            ON CONFLICT (event_id) DO NOTHING""";

    /**
     * Many rows in one statement (arrays, one round trip), in list order: {@code position} follows it,
     * so the relay keeps the per-key order the caller decided.
     */
    private static final String INSERT_MANY = """
            INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload, trace_parent, dealer_id)
            SELECT event_id, topic, record_key, event_type, payload::jsonb, trace_parent, dealer_id
              FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) WITH ORDINALITY
                   AS e(event_id, topic, record_key, event_type, payload, trace_parent, dealer_id, ord)
             ORDER BY ord
            ON CONFLICT (event_id) DO NOTHING""";

    /** Rows per statement of {@link #appendAll}: bounded, so a night of requests is a few round trips. */
    private static final int BATCH = 2_000;

    /**
     * An event to append and the trace it continues ({@code traceparent} as captured where the fact
     * was decided, or null), for callers that collect a transaction's events and append them at once.
     */
    public record Entry(CanopyEvent event, String topic, String traceparent) {

        /** The event with the trace that is current now. */
        public static Entry now(CanopyEvent event, String topic) {
            return new Entry(event, topic, TraceContexts.currentTraceparent().orElse(null));
        }
    }

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
     * Adds many events to the current transaction's outbox, {@value #BATCH} rows per statement
     * instead of one round trip per event (e.g. a night of collection requests).
     *
     * @return how many were new (repeats of ids already in the outbox are no-ops)
     */
    public int appendAll(java.util.List<? extends CanopyEvent> events, String topic) {
        String traceparent = TraceContexts.currentTraceparent().orElse(null);
        return appendEntries(events.stream().map(e -> new Entry(e, topic, traceparent)).toList());
    }

    /**
     * Adds the entries to the current transaction's outbox in their order, each with its own trace,
     * {@value #BATCH} rows per statement.
     *
     * @return how many were new (repeats of ids already in the outbox are no-ops)
     */
    public int appendEntries(java.util.List<Entry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        TransactionSynchronizationRegistry registry = activeTransaction();
        int added = 0;
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT_MANY)) {
            for (int from = 0; from < entries.size(); from += BATCH) {
                java.util.List<Entry> chunk = entries.subList(from, Math.min(entries.size(), from + BATCH));
                int n = chunk.size();
                String[][] columns = new String[7][n];
                for (int i = 0; i < n; i++) {
                    Entry entry = chunk.get(i);
                    CanopyEvent event = entry.event();
                    columns[0][i] = event.eventId().toString();
                    columns[1][i] = entry.topic();
                    columns[2][i] = event.partitionKey();
                    columns[3][i] = EventType.of(event).ceType();
                    columns[4][i] = EventJson.writeString(event);
                    columns[5][i] = entry.traceparent();
                    columns[6][i] = event.dealerId().toString();
                }
                for (int c = 0; c < columns.length; c++) {
                    insert.setArray(c + 1, connection.createArrayOf("text", columns[c]));
                }
                added += insert.executeUpdate();
            }
            wakeRelayAfterCommit(registry);
            return added;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write " + entries.size() + " events to the outbox: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement insert, CanopyEvent event, String topic, String traceparent)
            throws SQLException {
        insert.setString(1, event.eventId().toString());
        insert.setString(2, topic);
        insert.setString(3, event.partitionKey());
        insert.setString(4, EventType.of(event).ceType());
        insert.setString(5, EventJson.writeString(event));
        insert.setString(6, traceparent);
        insert.setString(7, event.dealerId().toString());
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
