package io.canopy.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The JVM that holds {@code ./canopy}'s embedded PostgreSQL until SIGTERM, so the database outlives
 * the launcher. Arguments: port, data directory, binaries directory. It keeps the data across
 * restarts and extracts the binaries into the given directory the first time.
 */
public final class PostgresHolder {

    /** Printed once the server accepts connections; the launcher waits for it. */
    static final String READY = "canopy: postgres ready";

    private PostgresHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalLogging.useSimpleLogger();
        if (args.length != 3) {
            System.err.println("usage: PostgresHolder <port> <data directory> <binaries directory>");
            System.exit(2);
        }
        PostgresServer server = PostgresServer.startEmbedded(Integer.parseInt(args[0]), Path.of(args[1]),
                Path.of(args[2]), true);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }));
        System.out.println(READY + " on port " + server.port());
        stopped.await();
    }
}
