package io.canopy.localstack;

/**
 * The two servers every Canopy service needs: a Kafka broker and a PostgreSQL server on which
 * each service gets its own database.
 */
public interface Infrastructure extends AutoCloseable {

    String kafkaBootstrapServers();

    /**
     * Creates the database if needed, with its owner and runtime roles ({@link DatabaseRoles#of}),
     * and returns its JDBC URL.
     */
    String createDatabase(String name);

    /** The superuser of the server (maintenance only; services connect as their {@link DatabaseRoles}). */
    String databaseUsername();

    String databasePassword();

    /** A short description for logs: which servers, where. */
    String describe();

    @Override
    void close();
}
