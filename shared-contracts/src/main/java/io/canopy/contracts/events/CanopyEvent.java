package io.canopy.contracts.events;

import java.util.UUID;

/**
 * Every event on a Canopy topic. Each carries its dealer (tenancy, DESIGN.md rule 11), a
 * deterministic id (the CloudEvents {@code ce_id}) and the Kafka key that decides its ordering.
 */
public sealed interface CanopyEvent permits CollectionRequested, MeterSnapshot, UsageAggregate, CollectionCompleted,
        CollectionSucceeded, CollectionFailed, ServerCheckPassed, ServerCheckFailed, RejectedPayload, DepositRecorded,
        FeedHealthChanged, ServerHealthChanged, BackfillRequested, CertificateIssued {

    UUID dealerId();

    /** The CloudEvents id: derived from content, so a repeat is recognisable. */
    UUID eventId();

    /** The Kafka record key of DESIGN.md's topic table. */
    String partitionKey();
}
