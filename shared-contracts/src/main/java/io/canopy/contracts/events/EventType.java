package io.canopy.contracts.events;

import java.util.Arrays;
import java.util.Optional;

import io.canopy.contracts.Topics;

/**
 * The registry of event types: record class, CloudEvents {@code ce_type}, and the topic it is
 * published on. Schemas, the AsyncAPI document and the header helpers all derive from this list.
 */
public enum EventType {
    COLLECTION_REQUESTED(CollectionRequested.class, Topics.COLLECTION_REQUESTS),
    METER_SNAPSHOT(MeterSnapshot.class, Topics.METER_READINGS),
    USAGE_AGGREGATE(UsageAggregate.class, Topics.METER_READINGS),
    COLLECTION_COMPLETED(CollectionCompleted.class, Topics.METER_READINGS),
    COLLECTION_SUCCEEDED(CollectionSucceeded.class, Topics.COLLECTION_OUTCOMES),
    COLLECTION_FAILED(CollectionFailed.class, Topics.COLLECTION_OUTCOMES),
    SERVER_CHECK_PASSED(ServerCheckPassed.class, Topics.COLLECTION_OUTCOMES),
    SERVER_CHECK_FAILED(ServerCheckFailed.class, Topics.COLLECTION_OUTCOMES),
    REJECTED_PAYLOAD(RejectedPayload.class, Topics.COLLECTION_REJECTED),
    DEPOSIT_RECORDED(DepositRecorded.class, Topics.DEPOSITS),
    FEED_HEALTH_CHANGED(FeedHealthChanged.class, Topics.HEALTH),
    SERVER_HEALTH_CHANGED(ServerHealthChanged.class, Topics.HEALTH),
    BACKFILL_REQUESTED(BackfillRequested.class, Topics.HEALTH),
    CERTIFICATE_ISSUED(CertificateIssued.class, Topics.CERTIFICATES);

    private final Class<? extends CanopyEvent> recordClass;
    private final String topic;

    EventType(Class<? extends CanopyEvent> recordClass, String topic) {
        this.recordClass = recordClass;
        this.topic = topic;
    }

    public Class<? extends CanopyEvent> recordClass() {
        return recordClass;
    }

    public String topic() {
        return topic;
    }

    /** The record's simple name, e.g. {@code DepositRecorded}: also the schema's file name. */
    public String eventName() {
        return recordClass.getSimpleName();
    }

    /** CloudEvents type, reverse-DNS and versioned: {@code io.canopy.DepositRecorded.v1}. */
    public String ceType() {
        return "io.canopy." + eventName() + ".v1";
    }

    public static EventType of(CanopyEvent event) {
        return of(event.getClass());
    }

    public static EventType of(Class<?> recordClass) {
        return Arrays.stream(values()).filter(t -> t.recordClass == recordClass).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a Canopy event: " + recordClass.getName()));
    }

    public static Optional<EventType> fromCeType(String ceType) {
        return Arrays.stream(values()).filter(t -> t.ceType().equals(ceType)).findFirst();
    }
}
