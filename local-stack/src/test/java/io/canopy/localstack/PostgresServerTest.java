package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dir;

    @Test
    void embeddedServerAcceptsQueriesPerServiceDatabaseThenStopReallyStops() throws Exception {
        PostgresServer pg = PostgresServer.startEmbedded(0, dir.resolve("pg"), Path.of("target/local-stack/pg-binaries"), false);
        long pid;
        try {
            pid = pg.pid().orElseThrow();
            String url = pg.createDatabaseIfMissing("metering");
            assertThat(pg.createDatabaseIfMissing("metering")).as("idempotent").isEqualTo(url);
            try (var c = DriverManager.getConnection(url, pg.username(), pg.password());
                    var rs = c.createStatement().executeQuery("SELECT current_database(), current_setting('server_version_num')::int")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("metering");
                assertThat(rs.getInt(2)).isGreaterThanOrEqualTo(170000);
            }
        } finally {
            pg.close();
        }
        assertThat(Ports.isListening(pg.port())).as("port closed after stop").isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("postmaster gone after stop").isFalse();
    }

    @Test
    void databaseNamesAreNeverSplicedIntoSqlUnchecked() {
        PostgresServer external = PostgresServer.external("jdbc:postgresql://127.0.0.1:1/postgres", "u", "p");
        assertThatThrownBy(() -> external.createDatabaseIfMissing("x; DROP DATABASE postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void externalUrlMustBeAPostgresJdbcUrl() {
        assertThatThrownBy(() -> PostgresServer.external("postgres://nope", "u", "p"))
                .hasMessageContaining("CANOPY_PG_URL");
    }
}
