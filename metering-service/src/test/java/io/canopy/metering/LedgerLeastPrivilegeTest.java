package io.canopy.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Least privilege (issue #17) on the real PostgreSQL: the role metering runs as may add to the
 * ledger and read it, and nothing else. It owns no table, so it can neither rewrite nor empty the
 * ledger, nor switch off the trigger that would stop the owner from doing so.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "metering"))
class LedgerLeastPrivilegeTest {

    /** One regular entry of a random dealer; every test that inserts it rolls back. */
    static final String INSERT = "INSERT INTO deposit (deposit_id, dealer_id, account_id, feed_id, service_date,"
            + " standard_pages, day_total_pages, kind, request_id, as_of, recorded_at) VALUES ('%s', gen_random_uuid(),"
            + " gen_random_uuid(), gen_random_uuid(), DATE '2026-02-01', 10, 10, 'regular', gen_random_uuid(),"
            + " DATE '2026-02-02', now())";

    @Inject
    DataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String url;

    @ConfigProperty(name = "quarkus.flyway.username")
    String owner;

    @ConfigProperty(name = "quarkus.flyway.password")
    String ownerPassword;

    @Test
    void theServiceRunsAsARoleThatOwnsNothingAndIsNotTheMigrationsOwner() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_user, r.rolsuper, r.rolcreaterole, r.rolcreatedb,"
                        + " (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS owned"
                        + " FROM pg_roles r WHERE r.rolname = current_user")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("metering_app").isNotEqualTo(owner);
            assertThat(rs.getBoolean(2)).as("superuser").isFalse();
            assertThat(rs.getBoolean(3)).as("createrole").isFalse();
            assertThat(rs.getBoolean(4)).as("createdb").isFalse();
            assertThat(rs.getLong(5)).as("relations it owns").isZero();
        }
    }

    @Test
    void theRuntimeRoleCanAppendToAndReadTheLedgerButNeverChangeEmptyOrUnguardIt() throws SQLException {
        UUID depositId = UUID.randomUUID();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // INSERT and SELECT work (rolled back: the ledger is not a scratch table).
                assertThat(s.executeUpdate(INSERT.formatted(depositId))).isOne();
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM deposit WHERE deposit_id = '" + depositId + "'")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isOne();
                }
            } finally {
                c.rollback();
            }
        }
        assertRefused("UPDATE deposit SET standard_pages = 1", "permission denied");
        assertRefused("DELETE FROM deposit", "permission denied");
        assertRefused("TRUNCATE deposit", "permission denied");
        assertRefused("ALTER TABLE deposit DISABLE TRIGGER deposit_no_update_or_delete", "must be owner");
        assertRefused("ALTER TABLE deposit DISABLE TRIGGER ALL", "must be owner");
        assertRefused("DROP TRIGGER deposit_no_update_or_delete ON deposit", "must be owner");
        assertRefused("ALTER TABLE deposit OWNER TO metering_app", "must be owner");
        assertRefused("UPDATE deposit_explanation SET body = '{}'", "permission denied");
        assertRefused("DELETE FROM deposit_explanation", "permission denied");
        assertRefused("CREATE TABLE scratch (id int)", "permission denied");
    }

    @Test
    void evenTheOwnerCannotRewriteTheLedgerWhileItsTriggerStands() throws SQLException {
        try (Connection c = DriverManager.getConnection(url, owner, ownerPassword)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                UUID depositId = UUID.randomUUID();
                s.executeUpdate(INSERT.formatted(depositId));
                assertThatThrownBy(() -> s.execute("UPDATE deposit SET standard_pages = 1 WHERE deposit_id = '" + depositId
                        + "'")).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            } finally {
                c.rollback();
            }
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("TRUNCATE deposit")).isInstanceOf(SQLException.class)
                        .hasMessageContaining("append-only");
            } finally {
                c.rollback();
            }
        }
    }

    private void assertRefused(String sql, String why) {
        assertThatThrownBy(() -> {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining(why);
    }
}
