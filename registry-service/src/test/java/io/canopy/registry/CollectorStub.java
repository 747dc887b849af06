package io.canopy.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for collector-service's internal API on 127.0.0.1, for what the real collector cannot
 * be made to do on demand: answer slowly, fail with 5xx, be gone. It records every request body, so
 * a test can prove registry never called collector (SSRF refusals) or what it sent (which URL, with
 * plaintext or sealed credentials). It never dials any vendor.
 */
final class CollectorStub {

    enum Mode {
        /** {"ok": true} for checks, an empty customer list for discovery. */
        ACCEPT,
        /** 500: collector trouble, not a vendor's verdict. */
        FAIL,
        /** Accepts, but only after {@link #SLOW}: longer than registry's read timeout in the stub profile. */
        SLOW
    }

    static final Duration SLOW = Duration.ofSeconds(5);

    private static CollectorStub shared;

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile Mode mode = Mode.ACCEPT;
    private int port;
    private ExecutorService threads;
    private HttpServer server;

    private CollectorStub(int port) {
        this.port = port;
    }

    /** One stub per test JVM, started on first use; its port stays fixed for the profile's config. */
    static synchronized CollectorStub shared() {
        if (shared == null) {
            shared = new CollectorStub(0);
            shared.start();
        }
        return shared;
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "collector-stub");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/internal/v1/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    /** Stops listening (connections are refused) until {@link #restart()}. */
    synchronized void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    /** Listens again on the same port. */
    synchronized void restart() {
        start();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    void reset(Mode newMode) {
        requests.clear();
        mode = newMode;
    }

    void mode(Mode newMode) {
        mode = newMode;
    }

    List<String> requests() {
        return List.copyOf(requests);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Mode now = mode;
            if (now == Mode.FAIL) {
                send(exchange, 500, "{\"title\":\"stub failure\"}");
                return;
            }
            if (now == Mode.SLOW) {
                try {
                    Thread.sleep(SLOW.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            boolean customers = exchange.getRequestURI().getPath().endsWith("/customers");
            send(exchange, 200, customers ? "{\"customers\":[]}" : "{\"ok\":true}");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
