package io.canopy.localstack;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Quarkus test resource: points a service under test at the JVM-wide Kafka broker and PostgreSQL.
 *
 * <pre>
 * &#64;WithTestResource(value = LocalStackResource.class,
 *         initArgs = &#64;ResourceArg(name = LocalStackResource.DATABASE, value = "registry"))
 * </pre>
 *
 * Without the {@code database} argument only Kafka is configured (collector-service owns no data).
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {

    public static final String DATABASE = "database";

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get(DATABASE);
    }

    @Override
    public Map<String, String> start() {
        Infrastructure infrastructure = LocalStack.shared();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", infrastructure.kafkaBootstrapServers());
        if (database != null && !database.isBlank()) {
            config.put("quarkus.datasource.jdbc.url", infrastructure.createDatabase(database));
            config.put("quarkus.datasource.username", infrastructure.databaseUsername());
            config.put("quarkus.datasource.password", infrastructure.databasePassword());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class in this JVM; LocalStack stops them at exit.
    }
}
