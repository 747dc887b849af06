package io.canopy.kit.tracing;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C trace context across Kafka records (DESIGN.md rule 13) where Quarkus does not carry it for
 * us: the outbox (written in one transaction, published later by another thread) and consumers
 * that poll Kafka themselves. Reactive Messaging channels are traced by the OpenTelemetry
 * extension; this class is for everything else.
 *
 * <p>Propagation does not depend on sampling or on an exporter: an unsampled span still has a
 * trace id, which ties the logs of every service a request touched together.
 */
public final class TraceContexts {

    /** The W3C header, the same name on HTTP requests and Kafka records. */
    public static final String TRACEPARENT = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<Headers> KAFKA_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return () -> java.util.Arrays.stream(headers.toArray()).map(Header::key).iterator();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private TraceContexts() {
    }

    /** The {@code traceparent} of the current span, if there is one (inside a traced request or message). */
    public static Optional<String> currentTraceparent() {
        return traceparentOf(Context.current());
    }

    /** Whether the context holds a span with a trace id (a recording one or one carried from elsewhere). */
    public static boolean hasSpan(Context context) {
        return Span.fromContext(context).getSpanContext().isValid();
    }

    /** The {@code traceparent} naming the span of {@code context}, if it has a valid one. */
    public static Optional<String> traceparentOf(Context context) {
        if (!hasSpan(context)) {
            return Optional.empty();
        }
        Map<String, String> carrier = new HashMap<>();
        W3C.inject(context, carrier, Map::put);
        return Optional.ofNullable(carrier.get(TRACEPARENT));
    }

    /** The trace context a Kafka record carries in its headers; {@link Context#root()} when it carries none. */
    public static Context fromHeaders(Headers headers) {
        return W3C.extract(Context.root(), headers, KAFKA_HEADERS);
    }

    /**
     * Makes the trace of a record current while it is processed, unless something (an
     * instrumented channel, an HTTP request) already made a span current. Close the scope after.
     */
    public static Scope continueTrace(Headers headers) {
        if (hasSpan(Context.current())) {
            return Scope.noop();
        }
        Context carried = fromHeaders(headers);
        return hasSpan(carried) ? carried.makeCurrent() : Scope.noop();
    }
}
