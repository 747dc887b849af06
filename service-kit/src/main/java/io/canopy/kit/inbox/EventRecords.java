package io.canopy.kit.inbox;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;

/** Reads Canopy events from Kafka records in CloudEvents binary mode (type from {@code ce_type}). */
public final class EventRecords {

    private EventRecords() {
    }

    /**
     * The event in the record.
     *
     * @throws UndecodableRecord when a header is missing, the type is unknown or the body does not
     *                           match its schema; the message says which, without the body
     */
    public static CanopyEvent decode(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String type = header(record, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new UndecodableRecord(where + ": no " + CloudEventHeaders.TYPE + " header", null));
        if (record.value() == null) {
            throw new UndecodableRecord(where + ": empty body for " + type, null);
        }
        try {
            return EventJson.read(record.value(), type);
        } catch (RuntimeException e) {
            throw new UndecodableRecord(where + ": cannot read " + type + ": " + e.getMessage(), e);
        }
    }

    /** The CloudEvents id of the record ({@code ce_id}), the key of the consumed-message log. */
    public static Optional<String> id(ConsumerRecord<String, byte[]> record) {
        return header(record, CloudEventHeaders.ID);
    }

    public static Optional<String> header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }
}
