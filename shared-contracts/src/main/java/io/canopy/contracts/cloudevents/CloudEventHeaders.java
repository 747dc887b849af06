package io.canopy.contracts.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventType;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: the attributes travel as {@code ce_*}
 * headers, the JSON body is the record value. Framework-free: a map of header name to UTF-8
 * bytes that any Kafka client can attach.
 */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String CONTENT_TYPE = "content-type";
    /** Extension attribute: the dealer the event belongs to (tenancy without parsing the body). */
    public static final String DEALER = "ce_canopydealerid";

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /**
     * Headers for an event.
     *
     * @param source the producing service, e.g. {@code /canopy/metering-service}
     * @param time   when the fact happened
     */
    public static Map<String, byte[]> of(CanopyEvent event, String source, Instant time) {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        put(headers, ID, event.eventId().toString());
        put(headers, TYPE, EventType.of(event).ceType());
        put(headers, SOURCE, source);
        put(headers, TIME, DateTimeFormatter.ISO_INSTANT.format(time));
        put(headers, SPEC_VERSION, SPEC_VERSION_VALUE);
        put(headers, CONTENT_TYPE, JSON);
        put(headers, DEALER, event.dealerId().toString());
        return headers;
    }

    /** Reads one header from a header lookup (e.g. {@code name -> record.headers().lastHeader(name)}). */
    public static Optional<String> read(Map<String, byte[]> headers, String name) {
        return Optional.ofNullable(headers.get(name)).map(v -> new String(v, StandardCharsets.UTF_8));
    }

    /** The attributes an event must carry; a record without them is not a Canopy event. */
    public static void requireAttributes(Map<String, byte[]> headers) {
        for (String required : new String[] { ID, TYPE, SOURCE, SPEC_VERSION }) {
            if (!headers.containsKey(required)) {
                throw new IllegalArgumentException("missing CloudEvents header " + required);
            }
        }
        String version = read(headers, SPEC_VERSION).orElse("");
        if (!SPEC_VERSION_VALUE.equals(version)) {
            throw new IllegalArgumentException("unsupported CloudEvents specversion '" + version + "'");
        }
    }

    private static void put(Map<String, byte[]> headers, String name, String value) {
        headers.put(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
