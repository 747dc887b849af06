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
 * With it, the database gets its {@link DatabaseRoles}: the service connects as the runtime role
 * and Flyway migrates as the owner, exactly as in a deployment.
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
            // Least privilege, as deployed: the service runs as the runtime role, Flyway as the owner.
            DatabaseRoles roles = DatabaseRoles.of(database);
            config.put("quarkus.datasource.username", roles.runtime());
            config.put("quarkus.datasource.password", roles.runtimePassword());
            config.put("quarkus.flyway.username", roles.owner());
            config.put("quarkus.flyway.password", roles.ownerPassword());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by every test class in this JVM; LocalStack stops them at exit.
    }
}
