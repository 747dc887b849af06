package io.canopy.kit.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * The idempotent consumer's message log (DESIGN.md rule 3): the id of every message whose effect
 * committed, recorded in the same transaction as that effect, so a redelivered message is
 * recognised and skipped however often Kafka hands it over.
 */
@ApplicationScoped
public class ConsumedMessages {

    private static final String INSERT = """
            INSERT INTO consumed_message (consumer, message_id) VALUES (?, ?)
            ON CONFLICT (consumer, message_id) DO NOTHING""";

    @Inject
    Instance<DataSource> dataSource;

    @Inject
    Instance<TransactionSynchronizationRegistry> transactions;

    /**
     * Records the message as consumed by this consumer.
     *
     * @param consumer  a stable name per consumer (e.g. {@code metering.readings}): two consumers of
     *                  one message each apply it once
     * @param messageId the CloudEvents {@code ce_id}
     * @return true the first time; false when its effect is already committed (skip it)
     */
    public boolean firstTime(String consumer, String messageId) {
        if (!transactions.isResolvable() || transactions.get().getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException(
                    "ConsumedMessages.firstTime must run in the transaction that applies the message (use @Transactional)");
        }
        try (Connection connection = dataSource.get().getConnection();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setString(1, consumer);
            insert.setString(2, messageId);
            return insert.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record message " + messageId + " for " + consumer + ": "
                    + e.getMessage(), e);
        }
    }
}
