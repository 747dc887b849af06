package io.canopy.collector.client;

import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.canopy.collector.config.CollectorConfig;
import io.canopy.collector.domain.ServerAccess;
import io.canopy.collector.domain.ServerBreaker;
import io.canopy.collector.domain.VendorFailure;
import io.canopy.contracts.events.FailureKind;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.MultiMap;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

/**
 * Every vendor call goes through here: non-blocking (Vert.x web client), https only unless allowed,
 * connect/read time-outs, retries with exponential backoff and jitter for 5xx and I/O errors,
 * {@code Retry-After} honoured for 429, a circuit breaker per server, and classification of what is
 * left into {@link FailureKind}. 4xx answers other than 429 are returned for the adapter to map.
 */
@ApplicationScoped
public class VendorHttp {

    @Inject
    Vertx vertx;

    @Inject
    CollectorConfig config;

    @Inject
    MeterRegistry metrics;

    private WebClient client;
    private ServerBreaker breaker;

    @PostConstruct
    void init() {
        CollectorConfig.Http http = config.http();
        client = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) http.connectTimeout().toMillis())
                .setMaxPoolSize(http.maxConnectionsPerHost())
                .setKeepAlive(true)
                .setTryUseCompression(true)
                .setFollowRedirects(false)
                .setUserAgent("Canopy-Collector/1"));
        breaker = new ServerBreaker(http.breakerFailureThreshold(), http.breakerOpenFor(), Clock.systemUTC());
    }

    public Uni<VendorResponse> get(ServerAccess server, String path, Map<String, String> query, Map<String, String> headers) {
        return call(server, HttpMethod.GET, path, query, headers, null);
    }

    public Uni<VendorResponse> postForm(ServerAccess server, String path, Map<String, String> form,
            Map<String, String> headers) {
        MultiMap body = MultiMap.caseInsensitiveMultiMap();
        form.forEach(body::add);
        return call(server, HttpMethod.POST, path, Map.of(), headers, body);
    }

    private Uni<VendorResponse> call(ServerAccess server, HttpMethod method, String path, Map<String, String> query,
            Map<String, String> headers, MultiMap form) {
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
        if (breaker.isOpen(server.serverId())) {
            return Uni.createFrom().failure(new VendorFailure(FailureKind.UNREACHABLE,
                    "circuit open after repeated failures; not calling the server for a while", null, 0));
        }
        return attempt(server, method, uri, path, query, headers, form, 1)
                .invoke(r -> breaker.recordSuccess(server.serverId()))
                .onFailure(VendorFailure.class).invoke(f -> {
                    FailureKind kind = ((VendorFailure) f).kind();
                    if (kind == FailureKind.UNREACHABLE || kind == FailureKind.VENDOR_ERROR) {
                        breaker.recordFailure(server.serverId());
                    }
                });
    }

    private Uni<VendorResponse> attempt(ServerAccess server, HttpMethod method, URI uri, String path,
            Map<String, String> query, Map<String, String> headers, MultiMap form, int attempt) {
        CollectorConfig.Http http = config.http();
        int port = uri.getPort() > 0 ? uri.getPort() : ("https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80);
        HttpRequest<Buffer> request = client.request(method, port, uri.getHost(), uri.getRawPath())
                .ssl("https".equalsIgnoreCase(uri.getScheme()))
                .timeout(http.readTimeoutByVendor().getOrDefault(server.vendor().wireName(), http.readTimeout()).toMillis());
        query.forEach(request::addQueryParam);
        headers.forEach(request::putHeader);
        Timer.Sample sample = Timer.start(metrics);
        Uni<HttpResponse<Buffer>> sent = form == null ? request.send() : request.sendForm(form);
        return sent.onItemOrFailure().transformToUni((response, failure) -> {
            String statusTag = failure != null ? "io_error" : (response.statusCode() / 100) + "xx";
            sample.stop(metrics.timer("canopy.collector.vendor.requests", "vendor", server.vendor().wireName(),
                    "server", server.serverId().toString(), "status", statusTag));
            if (failure != null) {
                return retryOrFail(server, method, uri, path, query, headers, form, attempt, ioFailure(failure, attempt), null);
            }
            int status = response.statusCode();
            if (status == 429) {
                metrics.counter("canopy.collector.vendor.rate_limited", "vendor", server.vendor().wireName(),
                        "server", server.serverId().toString()).increment();
                Duration retryAfter = retryAfter(response.getHeader("Retry-After"));
                VendorFailure limited = new VendorFailure(FailureKind.RATE_LIMITED,
                        "the vendor is rate limiting (429) after " + attempt + " attempts", 429, attempt);
                if (retryAfter != null && retryAfter.compareTo(http.maxRetryAfter()) > 0) {
                    return Uni.createFrom().failure(limited);
                }
                return retryOrFail(server, method, uri, path, query, headers, form, attempt, limited, retryAfter);
            }
            if (status >= 500) {
                return retryOrFail(server, method, uri, path, query, headers, form, attempt,
                        new VendorFailure(FailureKind.VENDOR_ERROR, "the vendor answered " + status + " after "
                                + attempt + " attempts", status, attempt), null);
            }
            String body = response.bodyAsString();
            return Uni.createFrom().item(new VendorResponse(status, body, path, response::getHeader));
        });
    }

    private Uni<VendorResponse> retryOrFail(ServerAccess server, HttpMethod method, URI uri, String path,
            Map<String, String> query, Map<String, String> headers, MultiMap form, int attempt, VendorFailure failure,
            Duration retryAfter) {
        if (attempt >= config.http().maxAttempts()) {
            return Uni.createFrom().failure(failure);
        }
        metrics.counter("canopy.collector.vendor.retries", "vendor", server.vendor().wireName(),
                "server", server.serverId().toString()).increment();
        Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
        return Uni.createFrom().nullItem().onItem().delayIt().by(wait).onItem()
                .transformToUni(x -> attempt(server, method, uri, path, query, headers, form, attempt + 1));
    }

    /** Exponential backoff with full jitter between half and all of the step, capped. */
    Duration backoff(int attempt) {
        long base = config.http().initialBackoff().toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, config.http().maxBackoff().toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }

    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
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
