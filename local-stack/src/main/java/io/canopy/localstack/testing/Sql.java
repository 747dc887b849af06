package io.canopy.localstack.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Plain JDBC for tests that look into (or tamper with) a service's own tables: one value, or one
 * statement, with positional parameters. SQL errors fail the test.
 */
public final class Sql {

    private Sql() {
    }

    /** Maps the current row of a result set. */
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** The first row mapped, or null when the query returns none. */
    public static <T> T single(DataSource db, String sql, Row<T> row, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? row.map(rs) : null;
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Runs an INSERT/UPDATE/DELETE (or DDL); returns the update count. */
    public static int execute(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void bind(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
