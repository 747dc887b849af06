package io.canopy.kit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.canopy.kit.inbox.Failures;
import io.canopy.localstack.LocalStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The JDBC toolkit against the real PostgreSQL: named mapping, nulls both ways, batches, and what a failure says. */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, initArgs = @ResourceArg(name = LocalStackResource.DATABASE, value = "kit"))
class JdbcTest {

    @Inject
    DataSource dataSource;

    Jdbc jdbc;

    @BeforeEach
    void setUp() {
        jdbc = new Jdbc(dataSource);
    }

    record Row(UUID id, LocalDate day, YearMonth month, Instant at, Failures.Kind kind) {
    }

    @Test
    void aFailedStatementNamesTheOperationButNeverRepeatsTheValuesTheDriverQuotes() {
        String secret = "s3cret-value-from-a-dealer";
        // PostgreSQL's message for this is: invalid input syntax for type integer: "s3cret-value-from-a-dealer"
        assertThatThrownBy(() -> jdbc.single("SELECT CAST(? AS integer) AS n", ps -> ps.setString(1, secret),
                rs -> rs.getInt("n")))
                .isInstanceOfSatisfying(DataAccessException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo(
                            "database statement failed: SELECT CAST(? AS integer) AS n (SQLSTATE 22P02)");
                    assertThat(e.sqlState()).isEqualTo("22P02");
                    // the driver's exception stays the cause: operators see it, the consumers classify it
                    assertThat(e.getCause()).isInstanceOf(SQLException.class).hasMessageContaining(secret);
                    assertThat(Failures.classify(e)).isEqualTo(Failures.Kind.POISON);
                });
        assertThatThrownBy(() -> jdbc.inConnection("cannot check the dealer's value",
                c -> Jdbc.query(c, "SELECT CAST(? AS integer)", ps -> ps.setString(1, secret), rs -> rs.getInt(1))))
                .isInstanceOf(DataAccessException.class)
                .hasMessage("cannot check the dealer's value (SQLSTATE 22P02)");
    }

    @Test
    void rowsAreMappedByColumnNameAndSqlNullStaysNullBothWays() {
        UUID id = UUID.randomUUID();
        LocalDate day = LocalDate.of(2026, 2, 28);
        Instant at = Instant.parse("2026-03-01T02:03:04.567Z");
        List<Row> rows = jdbc.query("""
                SELECT ?::uuid AS id, ?::date AS day, ?::date AS month, ?::timestamptz AS at, ?::text AS kind
                UNION ALL
                SELECT ?::uuid, ?::date, ?::date, ?::timestamptz, ?::text""", ps -> {
            ps.setObject(1, id);
            Params.date(ps, 2, day);
            Params.month(ps, 3, YearMonth.of(2026, 2));
            Params.instant(ps, 4, at);
            Params.name(ps, 5, Failures.Kind.TRANSIENT);
            ps.setObject(6, null);
            Params.date(ps, 7, null);
            Params.month(ps, 8, null);
            Params.instant(ps, 9, null);
            Params.name(ps, 10, null);
        }, rs -> new Row(Rows.uuid(rs, "id"), Rows.date(rs, "day"), Rows.month(rs, "month"), Rows.instant(rs, "at"),
                Rows.enumValue(rs, "kind", Failures.Kind.class)));

        assertThat(rows).containsExactly(new Row(id, day, YearMonth.of(2026, 2), at, Failures.Kind.TRANSIENT),
                new Row(null, null, null, null, null));
        assertThat(jdbc.first("SELECT 1 AS one WHERE false", Jdbc.Binder.NONE, rs -> rs.getInt("one"))).isEmpty();
        assertThatThrownBy(() -> jdbc.single("SELECT 1 AS one WHERE false", Jdbc.Binder.NONE, rs -> rs.getInt("one")))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("returned no row");
    }

    @Test
    void aBatchRunsTheStatementOnceForEveryItemOnTheCallersConnection() {
        List<Integer> counted = jdbc.inConnection("batch round trip", c -> {
            Jdbc.update(c, "CREATE TEMP TABLE kit_jdbc_batch (n integer PRIMARY KEY)", Jdbc.Binder.NONE);
            try {
                int[] inserted = Jdbc.batch(c, "INSERT INTO kit_jdbc_batch (n) VALUES (?) ON CONFLICT DO NOTHING",
                        List.of(1, 2, 3, 2), (ps, n) -> ps.setInt(1, n));
                assertThat(inserted).containsExactly(1, 1, 1, 0);
                assertThat(Jdbc.batch(c, "INSERT INTO kit_jdbc_batch (n) VALUES (?)", List.<Integer>of(),
                        (ps, n) -> ps.setInt(1, n))).isEmpty();
                return Jdbc.query(c, "SELECT n FROM kit_jdbc_batch ORDER BY n", Jdbc.Binder.NONE, rs -> rs.getInt("n"));
            } finally {
                Jdbc.update(c, "DROP TABLE kit_jdbc_batch", Jdbc.Binder.NONE);
            }
        });
        assertThat(counted).containsExactly(1, 2, 3);
    }
}
