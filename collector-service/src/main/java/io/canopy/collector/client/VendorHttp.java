package io.canopy.collector.client;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.ByteBudget;
import io.canopy.collector.domain.PageBudget;
import io.canopy.collector.domain.RetryAfter;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.ServerBreaker;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.FailureKind;
import io.canopy.kit.net.OutboundAddresses;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.netty.handler.codec.http.QueryStringEncoder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Every vendor call goes through here: non-blocking (Vert.x HTTP client), https only unless allowed,
 * connect/read time-outs, retries with exponential backoff and jitter for 5xx and I/O errors,
 * {@code Retry-After} honoured for 429, a circuit breaker per server, and classification of what is
 * left into {@link FailureKind}. 4xx answers other than 429 are returned for the adapter to map.
 *
 * <p>What a vendor can no longer do to us:
 * <ul>
 * <li>Send a huge or bomb body: the body is streamed into a {@link BoundedBody} that counts bytes after
 * decompression and aborts the exchange at {@code canopy.collector.limits.max-body}
 * ({@code LIMIT_EXCEEDED}). We offer gzip/deflate ourselves and decompress ourselves, because the
 * client's built-in decompressor inflates a whole network read before anything can count it.</li>
 * <li>Point us inside (SSRF): the host is resolved once per call, every address is checked with
 * {@link OutboundAddresses} (refused unless {@code host:port} is allow-listed: {@code ADDRESS_REFUSED}),
 * and the connection goes to exactly the checked address ({@link RequestOptions#setServer}) while the
 * Host header, SNI and certificate check keep the name. A DNS answer that changes between check and
 * connect (rebinding) is therefore never used; redirects are not followed.</li>
 * <li>Outlast the caller: a cancelled call (the collection's or the check's total deadline) resets
 * the HTTP stream instead of leaving it to trickle on.</li>
 * </ul>
 * Request bodies are sent whole with {@code Content-Length}, never chunked: token endpoints behind
 * older servers and proxies refuse or misread a chunked form.
 */
@ApplicationScoped
public class VendorHttp {

    static final String USER_AGENT = "Canopy-Collector/1";
    /** We decode these ourselves (BoundedBody); anything else we do not offer. */
    static final String ACCEPT_ENCODING = "gzip, deflate";
    static final String FORM = "application/x-www-form-urlencoded";
    /**
     * The Mutiny subscription-context key under which a collection puts its {@link ByteBudget.Account}:
     * every body its calls read is then reserved from the collector-wide budget (see {@link #bytes()}).
     */
    public static final String BYTES = "canopy-byte-budget";
    /** How much more a body of unknown decoded size reserves each time it outgrows its reservation. */
    static final long GROWTH_STEP = 256 * 1024;

    @Inject
    Vertx vertx;

    @Inject
    CollectorConfig config;

    @Inject
    MeterRegistry metrics;

    private HttpClient client;
    @Inject
    ByteBudget bytes;

    @Inject
    ServerBreaker breaker;

    private OutboundAddresses outbound;
    private volatile OutboundAddresses.Resolver resolver = OutboundAddresses.Resolver.SYSTEM;

    /** The status, headers and decoded body of one exchange. */
    private record Exchange(int status, io.vertx.core.MultiMap headers, byte[] body, int length) {
    }

    @PostConstruct
    void init() {
        CollectorConfig.Http http = config.http();
        client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) http.connectTimeout().toMillis())
                .setMaxPoolSize(http.maxConnectionsPerHost().orElse(config.worker().maxInFlight()))
                .setKeepAlive(true)
                .setTryUseCompression(false)
                .setDecompressionSupported(false)
                .setVerifyHost(true));
        io.micrometer.core.instrument.Gauge.builder("canopy.collector.buffered.bytes", bytes, ByteBudget::held)
                .description("vendor body bytes reserved by collections in flight (canopy.collector.limits.in-flight-bytes)")
                .baseUnit("bytes").register(metrics);
        io.micrometer.core.instrument.Gauge.builder("canopy.collector.buffered.bytes.max", bytes, ByteBudget::peak)
                .description("the most vendor body bytes reserved at once since the start").baseUnit("bytes")
                .register(metrics);
        io.micrometer.core.instrument.Gauge.builder("canopy.collector.buffered.waiting", bytes, ByteBudget::waiting)
                .description("vendor calls waiting for room in the in-flight byte budget").register(metrics);
        // Only the allow-list and address classification are used; names are resolved in resolve().
        outbound = OutboundAddresses.allowing(config.allowedPrivateHosts().orElse(""));
    }

    /**
     * Replaces the name resolver (tests: a name that resolves somewhere other than the system says,
     * to prove the connection goes to the address that was checked and is never resolved again).
     */
    public void resolveWith(OutboundAddresses.Resolver replacement) {
        this.resolver = replacement;
    }

    /** The collector-wide budget of buffered body bytes; a collection opens its account here. */
    public ByteBudget bytes() {
        return bytes;
    }

    /** A fresh page and item budget for one collection or one discovery (canopy.collector.limits). */
    public PageBudget budget() {
        return new PageBudget(config.limits().maxPages(), config.limits().maxItems());
    }

    public Uni<VendorResponse> get(ServerAccess server, String path, Map<String, String> query, Map<String, String> headers) {
        return call(server, HttpMethod.GET, path, query, headers, null);
    }

    /** POSTs a URL-encoded form, whole, with its Content-Length (never chunked). */
    public Uni<VendorResponse> postForm(ServerAccess server, String path, Map<String, String> form,
            Map<String, String> headers) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        Map<String, String> withType = new java.util.LinkedHashMap<>(headers);
        withType.put("Content-Type", FORM);
        return call(server, HttpMethod.POST, path, Map.of(), withType, Buffer.buffer(body.toString()));
    }

    private Uni<VendorResponse> call(ServerAccess server, HttpMethod method, String path, Map<String, String> query,
            Map<String, String> headers, Buffer body) {
        URI uri;
        try {
            uri = URI.create(server.url() + path);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(new VendorFailure(FailureKind.UNREACHABLE, "the server url is not a valid URL", null, 0));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.allowInsecureHttp())) {
            return Uni.createFrom().failure(new VendorFailure(FailureKind.UNREACHABLE,
                    "vendor URLs must use https:// (plain http:// is refused here)", null, 0));
        }
        if (uri.getHost() == null) {
            return Uni.createFrom().failure(new VendorFailure(FailureKind.UNREACHABLE, "the server url has no host", null, 0));
        }
        if (breaker.isOpen(server.serverId())) {
            return Uni.createFrom().failure(new VendorFailure(FailureKind.UNREACHABLE,
                    "circuit open after repeated failures; not calling the server for a while", null, 0));
        }
        int port = uri.getPort() > 0 ? uri.getPort() : (scheme.equals("https") ? 443 : 80);
        Target target = new Target(uri, port, null);
        return resolve(target)
                .flatMap(checked -> attempt(server, method, checked, path, query, headers, body, 1))
                .invoke(r -> breaker.recordSuccess(server.serverId()))
                .onFailure(VendorFailure.class).invoke(f -> {
                    FailureKind kind = ((VendorFailure) f).kind();
                    if (kind == FailureKind.UNREACHABLE || kind == FailureKind.VENDOR_ERROR) {
                        breaker.recordFailure(server.serverId());
                    }
                });
    }

    /** Where one call goes: the URL as registered and the one address that passed the SSRF check. */
    private record Target(URI uri, int port, InetAddress address) {
        boolean https() {
            return "https".equalsIgnoreCase(uri.getScheme());
        }
    }

    /**
     * Resolves the host (blocking, so on a worker thread) and checks every address it resolves to;
     * the first one is the address all attempts of this call connect to.
     */
    private Uni<Target> resolve(Target target) {
        String host = target.uri().getHost();
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return Uni.createFrom().item(() -> {
            InetAddress[] all;
            try {
                all = resolver.resolve(bare);
            } catch (UnknownHostException e) {
                throw new VendorFailure(FailureKind.UNREACHABLE, "the server is unreachable: unknown host", null, 0);
            }
            try {
                if (!outbound.isAllowListed(bare, target.port())) {
                    for (InetAddress address : all) {
                        outbound.checkAddress(address, target.port());
                    }
                }
            } catch (OutboundAddresses.Refused refused) {
                metrics.counter("canopy.collector.vendor.address_refused").increment();
                throw new VendorFailure(FailureKind.ADDRESS_REFUSED, "refused before connecting: " + refused.getMessage(),
                        null, 0);
            }
            try {
                // A literal copy without the host name, so nothing downstream can resolve the name again.
                return new Target(target.uri(), target.port(), InetAddress.getByAddress(all[0].getAddress()));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e); // cannot happen: the length is that of a resolved address
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Uni<VendorResponse> attempt(ServerAccess server, HttpMethod method, Target target, String path,
            Map<String, String> query, Map<String, String> headers, Buffer body, int attempt) {
        CollectorConfig.Http http = config.http();
        Duration idle = http.readTimeoutByVendor().getOrDefault(server.vendor().wireName(), http.readTimeout());
        Timer.Sample sample = Timer.start(metrics);
        return exchange(target, method, path, query, headers, body, idle, attempt)
                .onItemOrFailure().transformToUni((response, failure) -> {
            String statusTag = failure != null ? "io_error" : (response.status() / 100) + "xx";
            // Vendor-level labels only (README): a server label is one series per server, thousands of them.
            sample.stop(metrics.timer("canopy.collector.vendor.requests", "vendor", server.vendor().wireName(),
                    "status", statusTag));
            if (failure instanceof VendorFailure classified) {
                return Uni.createFrom().failure(classified); // a limit or an undecodable body: retrying cannot help
            }
            if (failure != null) {
                return retryOrFail(server, method, target, path, query, headers, body, attempt, ioFailure(failure, attempt), null);
            }
            int status = response.status();
            if (status == 429) {
                metrics.counter("canopy.collector.vendor.rate_limited", "vendor", server.vendor().wireName()).increment();
                Optional<Duration> retryAfter = RetryAfter.parse(response.headers().get("Retry-After"), Instant.now());
                VendorFailure limited = new VendorFailure(FailureKind.RATE_LIMITED,
                        "the vendor is rate limiting (429) after " + attempt + " attempts", 429, attempt);
                if (retryAfter.isPresent() && !RetryAfter.honoured(retryAfter.get(), http.maxRetryAfter())) {
                    return Uni.createFrom().failure(limited);
                }
                return retryOrFail(server, method, target, path, query, headers, body, attempt, limited,
                        retryAfter.orElse(null));
            }
            if (status >= 500) {
                return retryOrFail(server, method, target, path, query, headers, body, attempt,
                        new VendorFailure(FailureKind.VENDOR_ERROR, "the vendor answered " + status + " after "
                                + attempt + " attempts", status, attempt), null);
            }
            io.vertx.core.MultiMap answered = response.headers();
            return Uni.createFrom().item(new VendorResponse(status, response.body(), response.length(), path, answered::get));
        });
    }

    /**
     * One HTTP exchange to the checked address. The body is counted as it arrives and the stream is
     * reset the moment it passes the cap, or when the caller cancels (a deadline), so a vendor never
     * keeps a connection, a slot or memory of ours longer than we allow.
     */
    private Uni<Exchange> exchange(Target target, HttpMethod method, String path, Map<String, String> query,
            Map<String, String> headers, Buffer body, Duration idle, int attempt) {
        long cap = config.limits().maxBody().asLongValue();
        QueryStringEncoder uri = new QueryStringEncoder(target.uri().getRawPath() == null || target.uri().getRawPath().isEmpty()
                ? "/" : target.uri().getRawPath());
        query.forEach(uri::addParam);
        return Uni.createFrom().context(context -> Uni.createFrom().<Exchange>emitter(emitter -> {
            ByteBudget.Account account = context.getOrElse(BYTES, () -> null);
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
            AtomicReference<java.util.concurrent.CompletableFuture<Void>> waitingForBytes = new AtomicReference<>();
            emitter.onTermination(() -> {
                java.util.concurrent.CompletableFuture<Void> waiting = waitingForBytes.get();
                if (waiting != null) {
                    waiting.cancel(false); // a wait for budget ends with the exchange; a grant stays with the account
                }
                if (done.compareAndSet(false, true) && sent.get() != null) {
                    sent.get().reset(); // cancelled (deadline): stop reading, free the connection
                }
            });
            java.util.function.Consumer<Throwable> fail = failure -> {
                if (done.compareAndSet(false, true)) {
                    if (sent.get() != null) {
                        sent.get().reset();
                    }
                    emitter.fail(failure);
                }
            };
            RequestOptions options = new RequestOptions()
                    .setMethod(method)
                    .setHost(target.uri().getHost())
                    .setPort(target.port())
                    .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                    .setSsl(target.https())
                    .setURI(uri.toString())
                    .setFollowRedirects(false)
                    .setIdleTimeout(idle.toMillis())
                    .putHeader("User-Agent", USER_AGENT)
                    .putHeader("Accept-Encoding", ACCEPT_ENCODING);
            headers.forEach(options::putHeader);
            client.request(options).onComplete(opened -> {
                if (opened.failed()) {
                    fail.accept(opened.cause());
                    return;
                }
                HttpClientRequest request = opened.result();
                sent.set(request);
                if (done.get()) {
                    request.reset();
                    return;
                }
                request.exceptionHandler(fail::accept);
                (body == null ? request.send() : request.send(body)).onComplete(answered -> {
                    if (answered.failed()) {
                        fail.accept(answered.cause());
                        return;
                    }
                    receive(answered.result(), path, cap, attempt, done, fail, exchange -> {
                        if (done.compareAndSet(false, true)) {
                            emitter.complete(exchange);
                        }
                    }, new BodyReservation(account, request, idle, waitingForBytes));
                });
            });
        }));
    }

    /**
     * Where one body's bytes are reserved: the collection's account (none outside a collection, e.g.
     * a credential check), the request whose idle timer a wait must not trip, and the wait in progress
     * (cancelled with the exchange).
     */
    private record BodyReservation(ByteBudget.Account account, HttpClientRequest request, Duration idle,
            AtomicReference<java.util.concurrent.CompletableFuture<Void>> waiting) {
    }

    /**
     * Reserves {@code more} bytes before the body is read further: usually granted at once; otherwise the
     * response is paused (TCP holds the vendor back) until others release, within in-flight-bytes-wait.
     */
    private void reserve(BodyReservation where, long more, HttpClientResponse response, int attempt,
            java.util.function.Consumer<Throwable> fail) {
        java.util.concurrent.CompletableFuture<Void> granted = where.account().reserve(more);
        if (granted.isDone() && !granted.isCompletedExceptionally()) {
            return;
        }
        metrics.counter("canopy.collector.buffered.waits").increment();
        Duration limit = config.limits().inFlightBytesWait();
        io.vertx.core.Context loop = vertx.getOrCreateContext();
        response.pause();
        // Not reading is our doing, not the vendor's silence: the idle timer must not call it a timeout.
        where.request().idleTimeout(limit.toMillis() + where.idle().toMillis());
        where.waiting().set(granted);
        granted.orTimeout(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS).whenComplete((ok, failure) -> loop
                .runOnContext(x -> {
                    if (failure instanceof TimeoutException) {
                        fail.accept(new VendorFailure(FailureKind.DEADLINE_EXCEEDED, "waited " + limit.toSeconds()
                                + " s for room in the collector's in-flight byte budget; stopped waiting", null, attempt));
                    } else if (failure != null) {
                        fail.accept(failure);
                    } else {
                        where.request().idleTimeout(where.idle().toMillis());
                        response.resume();
                    }
                }));
    }

    private void receive(HttpClientResponse response, String path, long cap, int attempt, AtomicBoolean done,
            java.util.function.Consumer<Throwable> fail, java.util.function.Consumer<Exchange> complete,
            BodyReservation reservation) {
        int status = response.statusCode();
        String declared = response.getHeader("Content-Length");
        long declaredLength = declared != null && declared.trim().matches("\\d{1,18}") ? Long.parseLong(declared.trim()) : -1;
        if (declaredLength > cap) {
            fail.accept(tooLarge(path, status, cap, attempt));
            return;
        }
        BoundedBody body;
        try {
            body = new BoundedBody(response.getHeader("Content-Encoding"), cap);
        } catch (BoundedBody.Undecodable e) {
            fail.accept(VendorFailure.rejected(path, "<body in an unsupported encoding, not kept>", e.getMessage()));
            return;
        }
        // The bytes this body holds of the collection's budget: its declared length up front (decoded
        // length when not compressed, a first estimate otherwise), more as it outgrows that.
        long[] reserved = { 0 };
        boolean counted = reservation.account() != null;
        if (counted && declaredLength > 0) {
            reserved[0] = declaredLength;
            reserve(reservation, declaredLength, response, attempt, fail); // pauses before a byte is read
        }
        response.handler(chunk -> {
            if (done.get()) {
                return; // already failed or cancelled: the rest is not read
            }
            try {
                body.append(chunk.getBytes());
                if (counted && body.size() > reserved[0]) {
                    long more = Math.max(body.size() - reserved[0], GROWTH_STEP);
                    reserved[0] += more;
                    reserve(reservation, more, response, attempt, fail);
                }
            } catch (BoundedBody.TooLarge e) {
                fail.accept(tooLarge(path, status, cap, attempt));
            } catch (BoundedBody.Undecodable e) {
                fail.accept(VendorFailure.rejected(path, "<undecodable compressed body, not kept>", e.getMessage()));
            }
        });
        response.exceptionHandler(failure -> {
            body.end();
            fail.accept(failure);
        });
        response.endHandler(end -> {
            body.end();
            if (counted && reserved[0] > body.size()) {
                reservation.account().release(reserved[0] - body.size()); // keep what the body really holds
            }
            complete.accept(new Exchange(status, io.vertx.core.MultiMap.caseInsensitiveMultiMap().addAll(response.headers()),
                    body.array(), (int) body.size()));
        });
    }

    private static VendorFailure tooLarge(String path, int status, long cap, int attempt) {
        return new VendorFailure(FailureKind.LIMIT_EXCEEDED, "the vendor's answer from " + path + " is larger than "
                + (cap >= 1024 * 1024 ? cap / (1024 * 1024) + " MiB" : cap + " bytes")
                + " (counted after decompression); it was not read further", status, attempt, path, null);
    }

    private Uni<VendorResponse> retryOrFail(ServerAccess server, HttpMethod method, Target target, String path,
            Map<String, String> query, Map<String, String> headers, Buffer body, int attempt, VendorFailure failure,
            Duration retryAfter) {
        if (attempt >= config.http().maxAttempts()) {
            return Uni.createFrom().failure(failure);
        }
        metrics.counter("canopy.collector.vendor.retries", "vendor", server.vendor().wireName()).increment();
        Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
        return Uni.createFrom().nullItem().onItem().delayIt().by(wait).onItem()
                .transformToUni(x -> attempt(server, method, target, path, query, headers, body, attempt + 1));
    }

    /** Exponential backoff with full jitter between half and all of the step, capped. */
    Duration backoff(int attempt) {
        long base = config.http().initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, config.http().maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    private static VendorFailure ioFailure(Throwable failure, int attempt) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what;
        if (root instanceof ConnectException) {
            what = "connection refused";
        } else if (root instanceof UnknownHostException) {
            what = "unknown host";
        } else if (root instanceof TimeoutException || root.getClass().getSimpleName().contains("Timeout")) {
            what = "timed out";
        } else if (root instanceof javax.net.ssl.SSLException) {
            what = "TLS failure";
        } else {
            what = "I/O error (" + root.getClass().getSimpleName() + ")";
        }
        return new VendorFailure(FailureKind.UNREACHABLE, "the server is unreachable: " + what + " after " + attempt
                + " attempts", null, attempt);
    }
}
