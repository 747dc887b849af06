package io.canopy.localstack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every Canopy service proves about itself against the real broker and database: it is
 * ready, Kafka round-trips through the broker it is configured with, and its Flyway migrations
 * created the tables it owns. A service's boot test extends this with {@code @QuarkusTest} and
 * {@code @WithTestResource(LocalStackResource.class)}.
 */
public abstract class ServiceBootContract {

    /** The tables the service's migrations must have created; empty for a service that owns no data. */
    protected abstract List<String> ownedTables();

    @Test
    void readyCheckIsGreenAgainstRealKafkaAndPostgres() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void aRecordRoundTripsThroughTheConfiguredBroker() {
        String bootstrap = config().getValue("kafka.bootstrap.servers", String.class);
        String topic = "canopy.selftest." + getClass().getSimpleName().toLowerCase();
        assertEquals("ping", KafkaProbe.roundTrip(bootstrap, topic, "ping", Duration.ofSeconds(30)));
    }

    @Test
    void migrationsCreatedTheOwnedTables() throws Exception {
        var url = config().getOptionalValue("quarkus.datasource.jdbc.url", String.class);
        if (ownedTables().isEmpty()) {
            assertFalse(url.isPresent(), "a service that owns no data must not configure a datasource");
            return;
        }
        assertTrue(url.isPresent(), "a data-owning service needs quarkus.datasource.jdbc.url");
        List<String> found = new ArrayList<>();
        try (var c = DriverManager.getConnection(url.get(),
                config().getValue("quarkus.datasource.username", String.class),
                config().getOptionalValue("quarkus.datasource.password", String.class).orElse(""));
                var ps = c.prepareStatement(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")) {
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        assertTrue(found.contains("flyway_schema_history"), "Flyway ran: " + found);
        for (String table : ownedTables()) {
            assertTrue(found.contains(table), "migration created " + table + ": " + found);
        }
    }

    @Test
    void itLeavesNoUploadsDirectoryWhereItStarts() {
        // Quarkus' body handler creates ./file-uploads at startup unless uploads are off (service-kit's
        // config); ./canopy starts services in the checkout, so a user would find it there.
        assertFalse(Files.exists(Path.of("file-uploads")), "a file-uploads directory in " + Path.of("").toAbsolutePath());
    }

    private static Config config() {
        return ConfigProvider.getConfig();
    }
}
