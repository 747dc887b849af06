package io.canopy.localstack;

/**
 * The servers another class loader of this JVM already started. Quarkus loads a test resource
 * once per application class loader, so {@link LocalStack}'s static field is not JVM-wide; the
 * owner publishes the coordinates as system properties and later loaders attach to them instead
 * of starting a second broker in the same data directory. Closing it leaves the servers alone:
 * the owner's shutdown hook stops them.
 */
final class AttachedInfrastructure implements Infrastructure {

    static final String KAFKA = "canopy.local-stack.attached.kafka";
    static final String PG_URL = "canopy.local-stack.attached.pg-url";
    static final String PG_USER = "canopy.local-stack.attached.pg-user";
    static final String PG_PASSWORD = "canopy.local-stack.attached.pg-password";
    static final String DESCRIPTION = "canopy.local-stack.attached.description";

    private final String kafkaBootstrapServers;
    private final PostgresServer postgres;
    private final String description;

    private AttachedInfrastructure(String kafkaBootstrapServers, PostgresServer postgres, String description) {
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.postgres = postgres;
        this.description = description;
    }

    /** Publishes what a later class loader needs to attach (the PostgreSQL maintenance database). */
    static void publish(Infrastructure started) {
        System.setProperty(PG_URL, started.createDatabase("postgres"));
        System.setProperty(PG_USER, started.databaseUsername());
        System.setProperty(PG_PASSWORD, started.databasePassword());
        System.setProperty(DESCRIPTION, started.describe());
        // Written last: its presence means the rest is complete.
        System.setProperty(KAFKA, started.kafkaBootstrapServers());
    }

    /** The servers published earlier in this JVM, or null when none were. */
    static AttachedInfrastructure attachIfPublished() {
        String kafka = System.getProperty(KAFKA);
        if (kafka == null) {
            return null;
        }
        PostgresServer postgres = PostgresServer.external(System.getProperty(PG_URL), System.getProperty(PG_USER),
                System.getProperty(PG_PASSWORD));
        return new AttachedInfrastructure(kafka, postgres, System.getProperty(DESCRIPTION));
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    @Override
    public String createDatabase(String name) {
        return postgres.createDatabaseIfMissing(name);
    }

    @Override
    public String databaseUsername() {
        return postgres.username();
    }

    @Override
    public String databasePassword() {
        return postgres.password();
    }

    @Override
    public String describe() {
        return description + " (attached)";
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
