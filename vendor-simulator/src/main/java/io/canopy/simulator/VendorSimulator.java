package io.canopy.simulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.simulator.api.Bombs;
import io.canopy.simulator.api.FaultBook;
import io.canopy.simulator.api.RequestLog;
import io.canopy.simulator.api.SimRequest;
import io.canopy.simulator.api.SimResponse;
import io.canopy.simulator.api.SimState;
import io.canopy.simulator.generation.GroundTruth;
import io.canopy.simulator.generation.SimCustomer;
import io.canopy.simulator.generation.SimServer;
import io.canopy.simulator.generation.SimWorld;
import io.canopy.simulator.scenario.FaultSpec;
import io.canopy.simulator.scenario.Scenario;
import io.canopy.simulator.vendors.VendorApi;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The vendor simulator: every simulated server at {@code /<vendor-type>/<server-name>} with the
 * vendor's paths below it, plus the control API under {@code /_sim}. Runs in-process (tests) or
 * standalone ({@link VendorSimulatorMain}).
 */
public final class VendorSimulator implements AutoCloseable {

    private static final ObjectMapper CONTROL_JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final SimWorld world;
    private final SimState state;
    private final FaultBook faults = new FaultBook();
    private final RequestLog log = new RequestLog();
    private final Map<String, VendorApi> apis = new HashMap<>();
    private final Vertx vertx;
    private HttpServer server;
    private String host = "127.0.0.1";
    /** The threads that serve requests (the event loops), for {@link #cpuTime()}. */
    private final java.util.Set<Thread> servingThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private VendorSimulator(Scenario scenario) {
        this.world = new SimWorld(scenario);
        this.state = new SimState(scenario.clock());
        VendorApi.all().forEach(api -> apis.put(api.vendor().wireName(), api));
        for (SimServer simulated : world.servers()) {
            if (!apis.containsKey(simulated.vendor().wireName())) {
                throw new IllegalStateException("no VendorApi serves " + simulated.vendor().wireName());
            }
        }
        for (FaultSpec fault : scenario.faults()) {
            faults.add(fault, state);
        }
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(4));
    }

    /** Starts serving the scenario on the port (0 = a free one) and waits until it listens. */
    public static VendorSimulator start(Scenario scenario, int port) {
        VendorSimulator simulator = new VendorSimulator(scenario);
        simulator.listen(port);
        return simulator;
    }

    private void listen(int port) {
        Router router = Router.router(vertx);
        // No vendor API takes files: without this the handler makes ./file-uploads wherever the simulator starts.
        router.route().handler(BodyHandler.create(false).setBodyLimit(1024 * 1024));
        router.get("/_sim/clock").handler(ctx -> send(ctx, SimResponse.ok(Map.of("date", state.clock().toString()))));
        router.post("/_sim/clock").handler(this::moveClock);
        router.get("/_sim/servers").handler(ctx -> send(ctx, SimResponse.ok(servers())));
        router.get("/_sim/truth").handler(this::truth);
        router.get("/_sim/requests").handler(this::requests);
        router.delete("/_sim/requests").handler(ctx -> {
            log.clear();
            send(ctx, SimResponse.json(204, Map.of()).withBody(""));
        });
        router.post("/_sim/faults").handler(this::addFault);
        router.delete("/_sim/faults").handler(ctx -> {
            faults.clear(ctx.request().getParam("server"));
            send(ctx, SimResponse.json(204, Map.of()).withBody(""));
        });
        router.get("/_sim/scenario").handler(ctx -> send(ctx, SimResponse.ok(Map.of(
                "name", String.valueOf(world.scenario().name()), "seed", world.scenario().seed(),
                "clock", state.clock().toString(), "servers", world.servers().size()))));
        router.route("/:vendor/:server/*").handler(this::vendorRequest);
        router.route().handler(ctx -> send(ctx, SimResponse.json(404, Map.of("error", "no simulated server at "
                + ctx.request().path() + "; see GET /_sim/servers"))));

        try {
            server = vertx.createHttpServer().requestHandler(router).listen(port, host)
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            for (var loop : vertx.nettyEventLoopGroup()) {
                loop.submit(() -> servingThreads.add(Thread.currentThread())).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            vertx.close();
            throw new IllegalStateException("vendor simulator cannot listen on port " + port + ": " + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ vendor traffic

    private void vendorRequest(RoutingContext ctx) {
        String vendor = ctx.pathParam("vendor");
        String name = ctx.pathParam("server");
        VendorApi api = apis.get(vendor);
        SimServer simServer = api == null ? null : world.server(vendor, name).orElse(null);
        if (simServer == null) {
            send(ctx, SimResponse.json(404, Map.of("error", "no simulated " + vendor + " server named " + name)));
            return;
        }
        long startNanos = System.nanoTime();
        Instant startedAt = Instant.now();
        String base = "/" + vendor + "/" + name;
        String path = ctx.request().path().substring(base.length());
        SimRequest request = new SimRequest(ctx.request().method().name(), path.isEmpty() ? "/" : path,
                single(ctx.queryParams()), headers(ctx), ctx.body() == null ? "" : ctx.body().asString());

        long delay = simServer.latencyMs() + jitter(simServer.jitterMs());
        var latency = faults.latency(name);
        if (latency.isPresent()) {
            delay += nonNull(latency.get().ms()) + jitter(nonNull(latency.get().jitterMs()));
        }
        FaultSpec fault = faults.take(name, request.path()).orElse(null);
        var endless = faults.endlessPaging(name, request.path());
        // Endless paging serves the first page's content for every page number, so no page is ever empty.
        SimRequest served = endless.isEmpty() ? request : firstPage(request);
        if (fault != null && "hang".equalsIgnoreCase(fault.type())) {
            delay += nonNull(fault.ms()) == 0 ? 60_000 : fault.ms();
        }
        Runnable respond = () -> {
            SimResponse response = answer(api, simServer, served, fault);
            if (endless.isPresent() && response.status() == 200) {
                response = endlessPage(response, request);
            }
            if (fault != null && FaultBook.STREAMED.contains(fault.type().toLowerCase(Locale.ROOT))) {
                stream(ctx, response, fault);
            } else {
                send(ctx, response);
            }
            log.add(new RequestLog.Entry(vendor, name, request.method(), request.path(),
                    ctx.request().query() == null ? "" : ctx.request().query(), response.status(), startedAt,
                    startNanos, System.nanoTime()));
        };
        if (delay > 0) {
            vertx.setTimer(delay, id -> respond.run());
        } else {
            respond.run();
        }
    }

    private SimResponse answer(VendorApi api, SimServer simServer, SimRequest request, FaultSpec fault) {
        if (fault != null) {
            switch (fault.type().toLowerCase(Locale.ROOT)) {
                case "status" -> {
                    return SimResponse.json(fault.status(), Map.of("error", "simulated " + fault.status()));
                }
                case "rate_limit" -> {
                    return SimResponse.json(429, Map.of("error", "Too Many Requests"))
                            .withHeader("Retry-After", Integer.toString(fault.retryAfter() == null ? 1 : fault.retryAfter()));
                }
                case "invalid" -> {
                    return api.invalidFault(fault.code());
                }
                default -> {
                    // hang and truncated answer normally (below)
                }
            }
        }
        SimResponse response;
        try {
            response = api.handle(request, simServer, world, state);
        } catch (RuntimeException e) {
            response = SimResponse.json(500, Map.of("error", "simulator failure: " + e));
        }
        if (fault != null && "truncated".equalsIgnoreCase(fault.type())) {
            String body = response.body();
            response = response.withBody(body.substring(0, body.length() / 2));
        }
        return response;
    }

    // ------------------------------------------------------------------ hostile answers

    private static final long DEFAULT_HUGE_BYTES = 64L * 1024 * 1024;
    private static final int DEFAULT_DRIP_MS = 500;
    private static final int CHUNK = 64 * 1024;
    private static final ObjectMapper PAGE_JSON = new ObjectMapper();

    /** The answers a hostile or broken vendor streams: a slow drip, a gzip bomb, a huge body. */
    private void stream(RoutingContext ctx, SimResponse response, FaultSpec fault) {
        HttpServerResponse http = ctx.response();
        if (http.ended() || http.closed()) {
            return;
        }
        switch (fault.type().toLowerCase(Locale.ROOT)) {
            case "slow_drip" -> {
                http.setStatusCode(response.status()).setChunked(true);
                response.headers().forEach(http::putHeader);
                byte[] body = (response.body() == null ? "" : response.body()).getBytes(StandardCharsets.UTF_8);
                drip(http, body, 0, fault.ms() == null || fault.ms() <= 0 ? DEFAULT_DRIP_MS : fault.ms());
            }
            case "gzip_bomb" -> http.setStatusCode(200).putHeader("Content-Type", "application/json")
                    .putHeader("Content-Encoding", "gzip")
                    .end(io.vertx.core.buffer.Buffer.buffer(Bombs.gzip(fault.bytesOr(FaultBook.DEFAULT_BOMB_BYTES))));
            default -> { // huge_body
                http.setStatusCode(200).setChunked(true).putHeader("Content-Type", "application/json");
                http.write("[");
                pour(http, fault.bytesOr(DEFAULT_HUGE_BYTES));
            }
        }
    }

    /** One byte, then the next after {@code everyMs}: never silent long enough for a read timeout. */
    private void drip(HttpServerResponse http, byte[] body, int at, int everyMs) {
        if (http.closed() || http.ended()) {
            return;
        }
        if (at >= body.length) {
            http.end();
            return;
        }
        http.write(io.vertx.core.buffer.Buffer.buffer(new byte[] { body[at] }));
        vertx.setTimer(everyMs, id -> drip(http, body, at + 1, everyMs));
    }

    /** Writes blanks until {@code left} bytes are out, honouring back-pressure; stops when the client hangs up. */
    private void pour(HttpServerResponse http, long left) {
        while (left > 0 && !http.closed()) {
            if (http.writeQueueFull()) {
                long remaining = left;
                http.drainHandler(v -> pour(http, remaining));
                return;
            }
            int n = (int) Math.min(CHUNK, left);
            http.write(io.vertx.core.buffer.Buffer.buffer(" ".repeat(n)));
            left -= n;
        }
        if (!http.closed() && !http.ended()) {
            http.end("]");
        }
    }

    private static SimRequest firstPage(SimRequest request) {
        Map<String, String> query = new HashMap<>(request.query());
        query.computeIfPresent("PageNumber", (k, v) -> "1");
        query.computeIfPresent("page", (k, v) -> "1");
        return new SimRequest(request.method(), request.path(), query, request.headers(), request.body());
    }

    /**
     * A page of a list that never ends: MPS Monitor's {@code TotalRows} always one row beyond this page,
     * Print Tracker's array always filled to {@code limit} (repeating its items).
     */
    private static SimResponse endlessPage(SimResponse response, SimRequest request) {
        try {
            var body = PAGE_JSON.readTree(response.body());
            if (body.isObject() && body.has("TotalRows")) {
                long page = request.intQuery("PageNumber", 1);
                long rows = request.intQuery("PageRows", 500);
                ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("TotalRows", page * rows + 1);
            } else if (body.isArray() && request.query("limit").isPresent()) {
                var array = (com.fasterxml.jackson.databind.node.ArrayNode) body;
                int limit = request.intQuery("limit", 100);
                int original = array.size();
                for (int i = original; i < limit; i++) {
                    array.add(original == 0 ? PAGE_JSON.createObjectNode().put("id", "endless-" + i)
                            : array.get(i % original).deepCopy());
                }
            }
            return response.withBody(PAGE_JSON.writeValueAsString(body));
        } catch (java.io.IOException e) {
            return response;
        }
    }

    private static long jitter(int jitterMs) {
        return jitterMs <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitterMs + 1L);
    }

    private static int nonNull(Integer value) {
        return value == null ? 0 : value;
    }

    // ------------------------------------------------------------------ control API

    private void moveClock(RoutingContext ctx) {
        try {
            Map<?, ?> body = CONTROL_JSON.readValue(ctx.body().asString(), Map.class);
            LocalDate date = LocalDate.parse(String.valueOf(body.get("date")));
            boolean backward = Boolean.parseBoolean(String.valueOf(body.get("allow_backward")))
                    || "true".equals(ctx.request().getParam("allow_backward"));
            state.moveClock(date, backward);
            send(ctx, SimResponse.ok(Map.of("date", state.clock().toString())));
        } catch (DateTimeParseException e) {
            send(ctx, problem(400, "'date' must be YYYY-MM-DD"));
        } catch (IllegalArgumentException e) {
            send(ctx, problem(409, e.getMessage()));
        } catch (Exception e) {
            send(ctx, problem(400, "body must be JSON like {\"date\":\"2026-03-05\"}"));
        }
    }

    private void addFault(RoutingContext ctx) {
        try {
            FaultSpec fault = CONTROL_JSON.readValue(ctx.body().asString(), FaultSpec.class);
            if (world.server(fault.server()).isEmpty()) {
                send(ctx, problem(404, "no simulated server named '" + fault.server() + "'"));
                return;
            }
            faults.add(fault, state);
            send(ctx, SimResponse.json(201, Map.of("added", fault.type())));
        } catch (IllegalArgumentException e) {
            send(ctx, problem(400, e.getMessage()));
        } catch (Exception e) {
            send(ctx, problem(400, "body must be a fault as JSON: " + e.getMessage()));
        }
    }

    private void truth(RoutingContext ctx) {
        var params = ctx.request();
        String serverName = params.getParam("server");
        String customerId = params.getParam("customer");
        SimServer simServer = serverName == null ? null : world.server(serverName).orElse(null);
        if (simServer == null) {
            send(ctx, problem(404, "no simulated server named '" + serverName + "'"));
            return;
        }
        SimCustomer customer = customerId == null ? null : simServer.customer(customerId).orElse(null);
        if (customer == null) {
            send(ctx, problem(404, "server " + serverName + " has no customer '" + customerId + "'"));
            return;
        }
        DateWindow window;
        try {
            window = DateWindow.of(LocalDate.parse(params.getParam("from")), LocalDate.parse(params.getParam("to")));
        } catch (RuntimeException e) {
            send(ctx, problem(400, "'from' and 'to' must be dates with from < to (half-open [from, to))"));
            return;
        }
        boolean managedOnly = "managed_only".equals(params.getParam("scope"));
        List<Map<String, Object>> days = new ArrayList<>();
        for (GroundTruth.Day day : GroundTruth.of(world, simServer, customer, window, managedOnly)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("date", day.date().toString());
            row.put("small", day.small());
            row.put("large", day.large());
            row.put("duplex", day.duplex());
            row.put("standard_pages", day.standardPages());
            days.add(row);
        }
        send(ctx, SimResponse.ok(Map.of("days", days)));
    }

    private void requests(RoutingContext ctx) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (RequestLog.Entry e : log.entries(ctx.request().getParam("server"))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("vendor", e.vendor());
            row.put("server", e.server());
            row.put("method", e.method());
            row.put("path", e.path());
            row.put("query", e.query());
            row.put("status", e.status());
            row.put("started_at", e.startedAt().toString());
            row.put("start_nanos", e.startNanos());
            row.put("end_nanos", e.endNanos());
            rows.add(row);
        }
        send(ctx, SimResponse.ok(Map.of("requests", rows)));
    }

    /** The listing of {@code GET /_sim/servers}: what a dealer would register, per server. */
    public List<Map<String, Object>> servers() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (SimServer s : world.servers()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("type", s.vendor().wireName());
            row.put("name", s.name());
            row.put("url", serverUrl(s.vendor().wireName(), s.name()));
            row.put("credentials", s.credentials());
            row.put("customer_count", s.customerCount());
            // What the dealer knows of each customer, time zone included (accounts are created with it).
            List<Map<String, Object>> customers = new ArrayList<>();
            for (int i = 0; i < Math.min(s.customerCount(), 1000); i++) {
                SimCustomer customer = s.customerAt(i);
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("external_id", customer.id());
                entry.put("name", customer.name());
                entry.put("time_zone", customer.timeZone().getId());
                if (customer.activationDate() != null) {
                    entry.put("activation_date", customer.activationDate().toString()); // the feed's, when the scenario says
                }
                entry.putAll(apis.get(s.vendor().wireName()).listedCustomerFields(customer));
                customers.add(entry);
            }
            row.put("customers", customers);
            list.add(row);
        }
        return list;
    }

    private static SimResponse problem(int status, String detail) {
        return SimResponse.json(status, Map.of("status", status, "detail", detail))
                .withHeader("Content-Type", "application/problem+json");
    }

    private static Map<String, String> single(io.vertx.core.MultiMap params) {
        Map<String, String> map = new HashMap<>();
        params.forEach(e -> map.putIfAbsent(e.getKey(), e.getValue()));
        return map;
    }

    private static Map<String, String> headers(RoutingContext ctx) {
        Map<String, String> map = new HashMap<>();
        ctx.request().headers().forEach(e -> map.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        return map;
    }

    private static void send(RoutingContext ctx, SimResponse response) {
        HttpServerResponse http = ctx.response();
        if (http.ended() || http.closed()) {
            return;
        }
        http.setStatusCode(response.status());
        response.headers().forEach(http::putHeader);
        http.end(response.body() == null ? "" : response.body());
    }

    // ------------------------------------------------------------------ accessors

    public int port() {
        return server.actualPort();
    }

    /** {@code host:port}, as an SSRF allow-list names the simulator. */
    public String address() {
        return host + ":" + port();
    }

    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    /** What a dealer registers as the server url: {@code http://host:port/<vendor>/<name>}. */
    public String serverUrl(String vendor, String name) {
        return baseUrl() + "/" + vendor + "/" + name;
    }

    public SimState state() {
        return state;
    }

    public FaultBook faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return log;
    }

    public SimWorld world() {
        return world;
    }

    /**
     * CPU time the simulator's serving threads used so far: benchmarks that run the simulator in
     * their own JVM subtract it to tell the simulator's cost from the system under test's.
     */
    public java.time.Duration cpuTime() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long nanos = 0;
        for (Thread thread : servingThreads) {
            nanos += Math.max(0, threads.getThreadCpuTime(thread.getId()));
        }
        return java.time.Duration.ofNanos(nanos);
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Closing is best effort; the port is released with the event loop.
        }
    }
}
