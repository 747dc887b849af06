package io.canopy.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: by default PostgreSQL 17 from zonky's Maven-packaged binaries (no
 * install, no Docker); an external server when {@code CANOPY_PG_URL} is set. Each service gets
 * its own database on it.
 */
public final class PostgresServer implements AutoCloseable {

    /** The superuser of the embedded cluster (trust authentication on loopback). */
    public static final String EMBEDDED_USER = "postgres";
    public static final String EMBEDDED_PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    private final EmbeddedPostgres embedded;
    private final String host;
    private final int port;
    private final String username;
    private final String password;
    private final String maintenanceUrl;
    private final Path dataDir;

    private PostgresServer(EmbeddedPostgres embedded, String host, int port, String username, String password,
            String maintenanceUrl, Path dataDir) {
        this.embedded = embedded;
        this.host = host;
        this.port = port;
        this.username = username;
        this.password = password;
        this.maintenanceUrl = maintenanceUrl;
        this.dataDir = dataDir;
    }

    /**
     * Starts PostgreSQL from the embedded binaries.
     *
     * @param binariesDir where the binaries are extracted (the first time) and run from: a directory
     *                    of the caller's, so an empty one really is a first run (the library's
     *                    default, a folder in the system temp directory, hid issue #15)
     * @param keepData    false wipes {@code dataDir} first (tests); true keeps a previous cluster
     *                    ({@code ./canopy up} across restarts)
     */
    public static PostgresServer startEmbedded(int port, Path dataDir, Path binariesDir, boolean keepData) {
        int actualPort = port == 0 ? Ports.free() : port;
        if (Ports.isListening(actualPort)) {
            throw new IllegalStateException("cannot start PostgreSQL: port " + actualPort + " is already in use");
        }
        try {
            Files.createDirectories(dataDir.getParent());
            Files.createDirectories(binariesDir);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(binariesDir.toFile())
                    .setPort(actualPort)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // A throwaway development cluster: durability traded for speed.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .start();
            String url = "jdbc:postgresql://127.0.0.1:" + actualPort + "/postgres";
            awaitQueries(url, Duration.ofSeconds(60));
            return new PostgresServer(pg, "127.0.0.1", actualPort, EMBEDDED_USER, EMBEDDED_PASSWORD, url, dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Waits until the server answers a query. The embedded library's own wait ends when the port
     * accepts a socket, which a restarted cluster does while it still replays its WAL ("FATAL: the
     * database system is starting up", SQLSTATE 57P03): whoever connects next would fail.
     */
    static void awaitQueries(String url, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(url, EMBEDDED_USER, EMBEDDED_PASSWORD);
                    var statement = c.createStatement()) {
                statement.execute("SELECT 1");
                return;
            } catch (java.sql.SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("PostgreSQL on " + url + " did not answer queries within "
                            + patience.toSeconds() + " s: " + e.getMessage(), e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for PostgreSQL", interrupted);
                }
            }
        }
    }

    /**
     * An already running server, e.g. {@code CANOPY_PG_URL=jdbc:postgresql://db:5432/postgres}
     * with {@code CANOPY_PG_USER} / {@code CANOPY_PG_PASSWORD}: a user allowed to create databases.
     */
    public static PostgresServer external(String maintenanceUrl, String username, String password) {
        var matcher = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/.*").matcher(maintenanceUrl);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("CANOPY_PG_URL must look like jdbc:postgresql://host:port/database");
        }
        int port = matcher.group(2) == null ? 5432 : Integer.parseInt(matcher.group(2));
        return new PostgresServer(null, matcher.group(1), port, username, password, maintenanceUrl, null);
    }

    /**
     * Creates the database when it does not exist yet, owned by its owner role, and both of its
     * {@link DatabaseRoles} (the maintenance database {@code postgres} gets none); returns its JDBC URL.
     */
    public String createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
        boolean withRoles = !database.equals("postgres");
        DatabaseRoles roles = DatabaseRoles.of(database);
        try (Connection c = DriverManager.getConnection(maintenanceUrl, username, password)) {
            if (withRoles) {
                ensureRole(c, roles.owner(), roles.ownerPassword());
                ensureRole(c, roles.runtime(), roles.runtimePassword());
            }
            try (var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (var rs = exists.executeQuery()) {
                    if (!rs.next()) {
                        try (var create = c.createStatement()) {
                            create.execute("CREATE DATABASE " + database + (withRoles ? " OWNER " + roles.owner() : ""));
                        }
                    }
                }
            } catch (SQLException e) {
                // 42P04: another JVM created it between our check and our CREATE.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
        }
        if (withRoles) {
            handOver(roles);
        }
        return jdbcUrl(database);
    }

    /** A login role with the given password, created when missing (several JVMs may race for it). */
    private static void ensureRole(Connection c, String role, String rolePassword) throws SQLException {
        try (var s = c.createStatement()) {
            // Names are checked by DATABASE_NAME; the password is ours (DatabaseRoles), not a user's.
            s.execute("DO $$ BEGIN CREATE ROLE " + role + " LOGIN NOINHERIT; "
                    + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
            s.execute("ALTER ROLE " + role + " LOGIN PASSWORD '" + rolePassword + "'");
        }
    }

    /**
     * The owner owns the database, its public schema and everything in it: also a database made
     * before the roles existed (a {@code ./canopy up} data directory from before issue #17, whose
     * tables the superuser owns), so Flyway, now connecting as the owner, can go on migrating it.
     * Nobody else may create objects in the schema.
     */
    private void handOver(DatabaseRoles roles) {
        String url = jdbcUrl(roles.database());
        try (Connection c = DriverManager.getConnection(url, username, password); var s = c.createStatement()) {
            s.execute("ALTER DATABASE " + roles.database() + " OWNER TO " + roles.owner());
            s.execute("ALTER SCHEMA public OWNER TO " + roles.owner());
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            s.execute("""
                    DO $$ DECLARE o record; BEGIN
                      FOR o IN SELECT c.oid::regclass AS name FROM pg_class c
                                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm')
                                  AND c.relowner <> '%1$s'::regrole LOOP
                        EXECUTE format('ALTER TABLE %%s OWNER TO %1$s', o.name);
                      END LOOP;
                      FOR o IN SELECT c.oid::regclass AS name FROM pg_class c
                                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
                                  AND c.relowner <> '%1$s'::regrole
                                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) LOOP
                        EXECUTE format('ALTER SEQUENCE %%s OWNER TO %1$s', o.name);
                      END LOOP;
                      FOR o IN SELECT p.oid::regprocedure AS name FROM pg_proc p
                                WHERE p.pronamespace = 'public'::regnamespace AND p.proowner <> '%1$s'::regrole LOOP
                        EXECUTE format('ALTER ROUTINE %%s OWNER TO %1$s', o.name);
                      END LOOP;
                    END $$""".formatted(roles.owner()));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot hand database " + roles.database() + " to its owner: " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    /** The postmaster's pid, for the embedded server (read from postmaster.pid). */
    public Optional<Long> pid() {
        if (dataDir == null) {
            return Optional.empty();
        }
        try {
            Path pidFile = dataDir.resolve("postmaster.pid");
            if (!Files.exists(pidFile)) {
                return Optional.empty();
            }
            return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops the embedded server (an external one is left alone) and waits for its port to close. */
    @Override
    public void close() {
        if (embedded == null) {
            return;
        }
        Optional<ProcessHandle> postmaster = pid().flatMap(ProcessHandle::of);
        try {
            embedded.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop PostgreSQL", e);
        }
        // pg_ctl returns once shutdown is under way; wait for the postmaster itself to be gone.
        postmaster.ifPresent(process -> LocalProcesses.stop(process, Duration.ofSeconds(15)));
        Ports.awaitClosed(port, Duration.ofSeconds(10));
    }
}
