package io.canopy.localstack;

import java.nio.file.Path;
import java.time.Duration;

/** The default: a Kafka broker JVM and an embedded PostgreSQL, both on loopback with free ports. */
final class EmbeddedInfrastructure implements Infrastructure {

    private final KafkaBroker kafka;
    private final PostgresServer postgres;

    private EmbeddedInfrastructure(KafkaBroker kafka, PostgresServer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
    }

    /**
     * Starts both servers in parallel under {@code baseDir}. PostgreSQL comes from
     * {@code CANOPY_PG_URL} instead when that is set.
     */
    static EmbeddedInfrastructure start(Path baseDir) {
        var postgresStart = java.util.concurrent.CompletableFuture.supplyAsync(() -> startPostgres(baseDir));
        KafkaBroker kafka;
        try {
            kafka = KafkaBroker.start(0, baseDir.resolve("kafka"), true, 3, Duration.ofSeconds(90));
            CanopyTopics.create(kafka.bootstrapServers(), 3);
        } catch (RuntimeException e) {
            postgresStart.thenAccept(PostgresServer::close);
            throw e;
        }
        try {
            return new EmbeddedInfrastructure(kafka, postgresStart.join());
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
    }

    private static PostgresServer startPostgres(Path baseDir) {
        String external = System.getenv("CANOPY_PG_URL");
        if (external != null && !external.isBlank()) {
            return PostgresServer.external(external, env("CANOPY_PG_USER", "postgres"), env("CANOPY_PG_PASSWORD", ""));
        }
        // The binaries next to the per-JVM folders: extracted once per module build, and on a clean
        // checkout (CI) for real, as a new user's first run does.
        return PostgresServer.startEmbedded(0, baseDir.resolve("postgres"), baseDir.resolveSibling("pg-binaries"), false);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    KafkaBroker kafka() {
        return kafka;
    }

    PostgresServer postgres() {
        return postgres;
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
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
        return "Kafka " + kafka.bootstrapServers() + " (pid " + kafka.pid() + "), PostgreSQL "
                + postgres.jdbcUrl("postgres") + (postgres.isEmbedded() ? " (embedded)" : " (external)");
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
