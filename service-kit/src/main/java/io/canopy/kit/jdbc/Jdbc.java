package io.canopy.kit.jdbc;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * Plain JDBC on a service's datasource, the few shapes our repositories use: a unit of work on one
 * connection, a query with a row mapper, an update, a batch. Inside the caller's JTA transaction
 * Agroal hands every call the transaction's connection, so these compose into one transaction
 * without this class knowing about transactions. Every SQL failure becomes a
 * {@link DataAccessException} that names the operation, never the driver's message.
 *
 * <p>A plain class, not a bean: services without a datasource (the collector) depend on service-kit too.
 */
public final class Jdbc {

    /** Sets a statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        /** For statements without parameters. */
        Binder NONE = ps -> {
        };

        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Turns the current row into a value; read columns by name ({@code rs.getString("status")}). */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Binds one item of a batch. */
    @FunctionalInterface
    public interface ItemBinder<T> {
        void bind(PreparedStatement ps, T item) throws SQLException;
    }

    /**
     * Several statements on one connection. {@link IOException} is allowed because some rows carry JSON
     * (Jackson's exceptions are IOExceptions); it is reported like an SQL failure.
     */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} on a connection (the transaction's, inside one); failures are described by {@code operation}. */
    public <T> T inConnection(String operation, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException | IOException e) {
            throw new DataAccessException(operation, e);
        }
    }

    /** Every row of a query, mapped. */
    public <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        return inConnection(describe(sql), c -> query(c, sql, binder, mapper));
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, Binder binder, RowMapper<T> mapper) {
        List<T> rows = query(sql, binder, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /** The single value a query must return (a count, a {@code RETURNING}). */
    public <T> T single(String sql, Binder binder, RowMapper<T> mapper) {
        return first(sql, binder, mapper)
                .orElseThrow(() -> new DataAccessException(describe(sql) + " returned no row", null));
    }

    /** An INSERT, UPDATE or DELETE; the number of rows it touched. */
    public int update(String sql, Binder binder) {
        return inConnection(describe(sql), c -> update(c, sql, binder));
    }

    /** One statement executed once per item, sent as one JDBC batch; the update counts. */
    public <T> int[] batch(String sql, Iterable<T> items, ItemBinder<T> binder) {
        return inConnection(describe(sql), c -> batch(c, sql, items, binder));
    }

    // The same on a connection a Work already holds (several statements, one round of error handling).

    public static <T> List<T> query(Connection c, String sql, Binder binder, RowMapper<T> mapper) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        }
    }

    public static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    public static <T> int[] batch(Connection c, String sql, Iterable<T> items, ItemBinder<T> binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            boolean any = false;
            for (T item : items) {
                binder.bind(ps, item);
                ps.addBatch();
                any = true;
            }
            return any ? ps.executeBatch() : new int[0];
        }
    }

    /** A statement's fixed description: its first line (the statement's kind and table), never its values. */
    static String describe(String sql) {
        return "database statement failed: " + sql.strip().lines().findFirst().orElse("").strip();
    }
}
