package io.canopy.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new user's first run (issue #15): no binaries extracted yet, no state. The launcher's own
 * PostgreSQL holder JVM, under the JVM options {@code ./canopy} gives it, must extract the binaries
 * into the stack's directory and serve; a second start reuses them.
 */
class PostgresFirstRunTest {

    @TempDir
    Path home;

    @Test
    void theLaunchersPostgresStartsFromAnEmptyBinariesDirectoryAndAgainAfterARestart() throws Exception {
        Path state = home.resolve(".canopy");
        Path binaries = state.resolve("pg-binaries");
        assertThat(binaries).doesNotExist();
        int port = Ports.free();
        LocalCanopy canopy = new LocalCanopy(home, state, binaries, Map.of("CANOPY_PG_PORT", Integer.toString(port)));
        try {
            canopy.startPostgres(port);
            assertThat(serverVersion(port)).isGreaterThanOrEqualTo(170000);
            try (var extracted = Files.list(binaries)) {
                assertThat(extracted.filter(p -> Files.isExecutable(p.resolve("bin/postgres"))))
                        .as("binaries extracted into the stack's own directory").hasSize(1);
            }
            assertThat(canopy.down()).isEqualTo(1);
            assertThat(Ports.isListening(port)).isFalse();

            canopy.startPostgres(port); // the second run: binaries and data are there already
            assertThat(serverVersion(port)).isGreaterThanOrEqualTo(170000);
        } finally {
            canopy.down();
        }
        assertThat(Files.readString(state.resolve("logs/postgres.log"))).doesNotContain("OutOfMemoryError")
                .doesNotContain("SLF4J(W)");
    }

    private static int serverVersion(int port) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                PostgresServer.EMBEDDED_USER, PostgresServer.EMBEDDED_PASSWORD);
                var rs = c.createStatement().executeQuery("SELECT current_setting('server_version_num')::int")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
