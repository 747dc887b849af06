package io.canopy.localstack;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The opt-in alternative where a Docker engine exists ({@code -Dcanopy.infra=testcontainers}):
 * the same two servers as containers. Only this class touches Testcontainers, so the default path
 * never needs it on the classpath.
 */
final class TestcontainersInfrastructure implements Infrastructure {

    static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    static final String POSTGRES_IMAGE = "postgres:17";

    private final KafkaContainer kafka;
    private final PostgreSQLContainer postgres;
    private final PostgresServer server;

    private TestcontainersInfrastructure(KafkaContainer kafka, PostgreSQLContainer postgres) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.server = PostgresServer.external(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword());
    }

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static TestcontainersInfrastructure start() {
        if (!dockerAvailable()) {
            throw new IllegalStateException(
                    "canopy.infra=testcontainers needs a Docker engine and none answers here; "
                            + "leave canopy.infra unset to use the embedded Kafka and PostgreSQL");
        }
        KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
        PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);
        kafka.start();
        CanopyTopics.create(kafka.getBootstrapServers(), 3);
        postgres.start();
        return new TestcontainersInfrastructure(kafka, postgres);
    }

    @Override
    public String kafkaBootstrapServers() {
        return kafka.getBootstrapServers();
    }

    @Override
    public String createDatabase(String name) {
        return server.createDatabaseIfMissing(name);
    }

    @Override
    public String databaseUsername() {
        return postgres.getUsername();
    }

    @Override
    public String databasePassword() {
        return postgres.getPassword();
    }

    @Override
    public String describe() {
        return "Kafka container " + kafka.getBootstrapServers() + ", PostgreSQL container " + postgres.getJdbcUrl();
    }

    @Override
    public void close() {
        kafka.stop();
        postgres.stop();
    }
}
