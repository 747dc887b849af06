package io.canopy.kit.inbox;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import io.canopy.contracts.cloudevents.CloudEventHeaders;
import io.canopy.contracts.events.CanopyEvent;
import io.canopy.contracts.events.EventJson;
import io.canopy.contracts.events.Nullable;

/** Reads Canopy events from Kafka records in CloudEvents binary mode (type from {@code ce_type}). */
public final class EventRecords {

    private EventRecords() {
    }

    /**
     * The event in the record.
     *
     * @throws UndecodableRecord when a header is missing, the type is unknown, the body does not
     *                           match its schema or lacks a required field; the message says which,
     *                           without the body
     */
    public static CanopyEvent decode(ConsumerRecord<String, byte[]> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        String type = header(record, CloudEventHeaders.TYPE)
                .orElseThrow(() -> new UndecodableRecord(where + ": no " + CloudEventHeaders.TYPE + " header", null));
        if (record.value() == null) {
            throw new UndecodableRecord(where + ": empty body for " + type, null);
        }
        CanopyEvent event;
        try {
            event = EventJson.read(record.value(), type);
        } catch (RuntimeException e) {
            throw new UndecodableRecord(where + ": cannot read " + type + ": " + e.getMessage(), e);
        }
        requireFields(event, where);
        return event;
    }

    /**
     * Validates a decoded event against its schema's {@code required} list: every record component
     * not marked {@link Nullable} must be present (e.g. a {@code DepositRecorded} without
     * {@code asOf} is readable JSON but not a valid event, and would fail deep inside the consumer).
     *
     * @throws UndecodableRecord naming the first missing field (never a value)
     */
    public static <E extends CanopyEvent> E requireFields(E event, String where) {
        for (RecordComponent component : REQUIRED.get(event.getClass())) {
            Object value;
            try {
                value = component.getAccessor().invoke(event);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + component.getName() + " of "
                        + event.getClass().getSimpleName(), e);
            }
            if (value == null) {
                throw new UndecodableRecord(where + ": invalid " + event.getClass().getSimpleName() + ": required field '"
                        + component.getName() + "' is missing", null);
            }
        }
        return event;
    }

    private static final ClassValue<List<RecordComponent>> REQUIRED = new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                return List.of();
            }
            return Arrays.stream(type.getRecordComponents())
                    .filter(c -> !c.isAnnotationPresent(Nullable.class) && !c.getType().isPrimitive()).toList();
        }
    };

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
