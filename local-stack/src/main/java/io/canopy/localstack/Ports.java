package io.canopy.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Loopback port helpers: pick a free port, ask whether something listens, wait for it. */
public final class Ports {

    private Ports() {
    }

    /** Linux's default ephemeral range, used when /proc does not say (other systems differ little). */
    static final int[] DEFAULT_EPHEMERAL = { 32_768, 60_999 };

    private static final int LOWEST = 10_000;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    /**
     * A port that is free now and that no outgoing connection will take before a server binds it.
     *
     * <p>The OS's own pick ({@code new ServerSocket(0)}) comes from the ephemeral range, which is also
     * where every outgoing TCP connection (Kafka clients, JDBC) gets its local port: between picking a
     * port and a service binding it seconds later, such a connection can take it and the service fails
     * with "port in use" (seen in the e2e suite). Ports below the ephemeral range are only ever taken by
     * listeners, so this picks there at random, skips any it handed out before, and checks it binds.
     */
    public static int free() {
        int[] ephemeral = ephemeralRange();
        int high = Math.min(ephemeral[0], 65_536);
        if (high - LOWEST >= 1_000) {
            for (int attempt = 0; attempt < 500; attempt++) {
                int port = LOWEST + ThreadLocalRandom.current().nextInt(high - LOWEST);
                if (HANDED_OUT.add(port) && bindable(port)) {
                    return port;
                }
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) { // no room below the ephemeral range: the OS's pick
            socket.setReuseAddress(true);
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }

    /** The range the OS hands out for outgoing connections' local ports ({@code ip_local_port_range}). */
    static int[] ephemeralRange() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[] { Integer.parseInt(range[0]), Integer.parseInt(range[1]) };
        } catch (IOException | RuntimeException e) {
            return DEFAULT_EPHEMERAL;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 250);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits until nothing listens on the port any more; true when it closed within the timeout. */
    public static boolean awaitClosed(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!isListening(port)) {
                return true;
            }
            sleep(100);
        }
        return !isListening(port);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
