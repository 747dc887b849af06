package io.canopy.localstack.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import io.canopy.localstack.Infrastructure;
import io.canopy.localstack.LocalStack;

/**
 * A PostgreSQL outage of one service's database, for module tests that share one server per JVM
 * and so cannot stop it: the database stops accepting connections ({@code ALLOW_CONNECTIONS false})
 * and every open connection to it is terminated, so the service sees what a stopped server shows
 * it (broken connections, refused new ones) while other databases stay up. {@link #close} ends it.
 * Needs a superuser (the embedded cluster's, as the module tests use).
 */
public final class DatabaseOutage implements AutoCloseable {

    private final String adminUrl;
    private final String database;
    private final String user;
    private final String password;

    private DatabaseOutage(String adminUrl, String database, String user, String password) {
        this.adminUrl = adminUrl;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /**
     * Starts the outage of the database a service connects to, as the shared server's superuser
     * (the service's own runtime role owns nothing and may not lock its database or end sessions).
     *
     * @param serviceJdbcUrl the service's {@code quarkus.datasource.jdbc.url}
     */
    public static DatabaseOutage begin(String serviceJdbcUrl) {
        Infrastructure infrastructure = LocalStack.shared();
        return begin(serviceJdbcUrl, infrastructure.databaseUsername(), infrastructure.databasePassword());
    }

    /** As {@link #begin(String)} with the given superuser (or database owner with pg_signal_backend). */
    public static DatabaseOutage begin(String serviceJdbcUrl, String user, String password) {
        int slash = serviceJdbcUrl.lastIndexOf('/');
        int query = serviceJdbcUrl.indexOf('?', slash);
        String database = serviceJdbcUrl.substring(slash + 1, query < 0 ? serviceJdbcUrl.length() : query);
        String adminUrl = serviceJdbcUrl.substring(0, slash + 1) + "postgres";
        DatabaseOutage outage = new DatabaseOutage(adminUrl, database, user, password);
        outage.run("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS false");
        outage.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database.replace("'", "''")
                + "' AND pid <> pg_backend_pid()");
        return outage;
    }

    /** Ends the outage: the database accepts connections again. */
    @Override
    public void close() {
        run("ALTER DATABASE \"" + database + "\" ALLOW_CONNECTIONS true");
    }

    private void run(String sql) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + sql + ": " + e.getMessage(), e);
        }
    }
}
