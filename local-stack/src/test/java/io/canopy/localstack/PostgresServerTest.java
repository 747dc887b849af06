package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;

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
            databasesGetAnOwnerForMigrationsAndARuntimeRoleThatOwnsNothing(pg, url);
            aDatabaseFromBeforeTheRolesIsHandedToItsOwner(pg);
        } finally {
            pg.close();
        }
        assertThat(Ports.isListening(pg.port())).as("port closed after stop").isFalse();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                .as("postmaster gone after stop").isFalse();
    }

    /** Least privilege (issue #17): Flyway as the owner, the service as a role without ownership. */
    private static void databasesGetAnOwnerForMigrationsAndARuntimeRoleThatOwnsNothing(PostgresServer pg, String url)
            throws Exception {
        DatabaseRoles roles = DatabaseRoles.of("metering");
        assertThat(roles.owner()).isEqualTo("metering");
        assertThat(roles.runtime()).isEqualTo("metering_app");
        try (var owner = DriverManager.getConnection(url, roles.owner(), roles.ownerPassword());
                var s = owner.createStatement()) {
            s.execute("CREATE TABLE ledger (id int)");
            s.execute("GRANT SELECT, INSERT ON ledger TO " + roles.runtime());
        }
        try (var runtime = DriverManager.getConnection(url, roles.runtime(), roles.runtimePassword());
                var s = runtime.createStatement()) {
            try (var rs = s.executeQuery("SELECT current_user, rolsuper, rolcreatedb, rolcreaterole FROM pg_roles"
                    + " WHERE rolname = current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("metering_app");
                assertThat(rs.getBoolean(2) || rs.getBoolean(3) || rs.getBoolean(4)).isFalse();
            }
            s.execute("INSERT INTO ledger VALUES (1)");
            assertThatThrownBy(() -> s.execute("UPDATE ledger SET id = 2")).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.execute("ALTER TABLE ledger ADD COLUMN x int")).hasMessageContaining("must be owner");
            assertThatThrownBy(() -> s.execute("CREATE TABLE mine (id int)")).hasMessageContaining("permission denied");
        }
    }

    /** A ./canopy up data directory from before the roles: its tables belonged to the superuser. */
    private static void aDatabaseFromBeforeTheRolesIsHandedToItsOwner(PostgresServer pg) throws Exception {
        try (var c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), pg.password());
                var s = c.createStatement()) {
            s.execute("CREATE DATABASE legacy");
        }
        try (var c = DriverManager.getConnection(pg.jdbcUrl("legacy"), pg.username(), pg.password());
                var s = c.createStatement()) {
            s.execute("CREATE TABLE old_table (position BIGSERIAL, id int)");
            s.execute("CREATE FUNCTION old_function() RETURNS int LANGUAGE sql AS 'SELECT 1'");
        }
        pg.createDatabaseIfMissing("legacy");
        try (var c = DriverManager.getConnection(pg.jdbcUrl("legacy"), pg.username(), pg.password());
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'old_table'),"
                        + " (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE relname = 'old_table_position_seq'),"
                        + " (SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'old_function'),"
                        + " (SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = 'legacy')")) {
            rs.next();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .containsOnly("legacy");
        }
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
